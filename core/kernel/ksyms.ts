// The kernel's symbol table (Linux kallsyms): the kernel functions modules
// and kprobes may name, each at an address in the kernel half of the address
// space. Kernel code is host code, so the addresses are names, not code: they
// are handed out in registration order from KERNEL_TEXT (the riscv64 kernel
// link address), 16 bytes apart, and stay stable for the kernel's lifetime.
// The syscall entry points (__riscv_sys_<name>) are added from the syscall
// table on first use. Modules add theirs with a module name.
import type { Kernel } from './kernel.js';

export const KERNEL_TEXT = 0xffffffff80000000n;

export interface Ksym {
  readonly addr: bigint;
  /** nm-style type: T text, D data, t/d local. */
  readonly type: string;
  readonly name: string;
  /** The module that exported it, or '' for the core kernel. */
  readonly module: string;
}

/** Core kernel functions, named as Linux names them. */
const CORE = [
  '_stext', 'start_kernel', 'schedule', 'wake_up_process', 'try_to_wake_up', 'do_exit', 'do_group_exit', 'kernel_clone',
  'do_execve', 'handle_page_fault', 'do_page_fault', 'copy_from_user', 'copy_to_user', 'vfs_read', 'vfs_write', 'vfs_open',
  'do_sys_open', 'filp_close', 'path_lookupat', 'do_mmap', 'do_munmap', 'send_signal', 'do_send_sig_info', 'force_sig_fault',
  '_printk', 'panic', 'oops_begin', 'register_filesystem', 'unregister_filesystem', 'register_chrdev', 'unregister_chrdev',
  'kmalloc', 'kfree', 'ktime_get', 'ktime_get_real', 'get_random_bytes', 'pid_task', 'find_vpid', 'proc_create',
  'do_syscall_trap', 'handle_exception',
];

const tables = new WeakMap<Kernel, { syms: Ksym[]; byName: Map<string, Ksym>; next: bigint; syscallsAdded: boolean }>();

function table(k: Kernel) {
  let tb = tables.get(k);
  if (tb === undefined) {
    tb = { syms: [], byName: new Map(), next: KERNEL_TEXT, syscallsAdded: false };
    tables.set(k, tb);
    for (const n of CORE) registerKsym(k, n);
  }
  if (!tb.syscallsAdded) {
    tb.syscallsAdded = true;
    for (const s of k.syscalls) if (s !== undefined && s.handler !== null) registerKsym(k, `__riscv_sys_${s.name}`);
  }
  return tb;
}

/** Registers an exported kernel symbol and returns its address (the existing one if already registered). */
export function registerKsym(k: Kernel, name: string, type = 'T', module = ''): bigint {
  const tb = table(k);
  const old = tb.byName.get(name);
  if (old !== undefined) return old.addr;
  const sym: Ksym = { addr: tb.next, type, name, module };
  tb.next += 16n;
  tb.syms.push(sym);
  tb.byName.set(name, sym);
  return sym.addr;
}

/** Removes a module's symbols (module unload). */
export function unregisterModuleKsyms(k: Kernel, module: string): void {
  const tb = table(k);
  tb.syms = tb.syms.filter((s) => { if (s.module !== module) return true; tb.byName.delete(s.name); return false; });
}

export function lookupKsym(k: Kernel, name: string): Ksym | undefined { return table(k).byName.get(name); }

/** Every symbol by address (for /proc/kallsyms). */
export function kallsyms(k: Kernel): readonly Ksym[] { return [...table(k).syms].sort((a, b) => (a.addr < b.addr ? -1 : a.addr > b.addr ? 1 : 0)); }
