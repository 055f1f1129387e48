// Attaching programs to the kernel's probe registry (core/kernel/module/hooks.ts,
// shared with native module probes). BPF_RAW_TRACEPOINT_OPEN names a point:
// a tracepoint by Linux event name ("sys_enter", "sched_switch") or full name
// ("raw_syscalls:sys_enter"), or a kernel symbol from ksyms (a kprobe). The
// context holds the point's arguments as u64s: raw_tracepoint programs get
// struct bpf_raw_tracepoint_args (args[0..], sys_enter: nr then the six
// syscall arguments); tracepoint programs get them after the 8-byte common
// header (raw_syscalls:sys_enter: id at 8, args[6] at 16, as Linux's format);
// kprobe programs get struct pt_regs with the arguments in a0..a5 (offset 80,
// PT_REGS_PARM1..6). The returned link fd holds the program; its last close
// detaches.
import type { Task } from '../task.js';
import type { SyscallResult } from '../syscall.js';
import { EINVAL, ENOENT } from '../../abi/errno.js';
import { TRACEPOINTS, attachProbe, detachProbe } from '../module/hooks.js';
import { BpfLink, linkFile, type BpfProgObj } from './objects.js';
import { runProg } from './runtime.js';
import type { Kernel } from '../kernel.js';

const BPF_PROG_TYPE_KPROBE = 2, BPF_PROG_TYPE_TRACEPOINT = 5, BPF_PROG_TYPE_RAW_TRACEPOINT = 17;

/** The registry's point for a user-given name, or null. */
export function resolvePoint(name: string): string {
  if (name.includes(':')) return name;
  const tp = TRACEPOINTS.find((p) => p.endsWith(':' + name));
  return tp ?? name;
}

/** Attaches p at the named point; returns the link fd. */
export function attachRawTracepoint(t: Task, name: string, p: BpfProgObj): SyscallResult {
  if (p.type !== BPF_PROG_TYPE_RAW_TRACEPOINT && p.type !== BPF_PROG_TYPE_TRACEPOINT && p.type !== BPF_PROG_TYPE_KPROBE) return EINVAL;
  const k = t.kernel;
  const ctx = new Uint8Array(p.type === BPF_PROG_TYPE_RAW_TRACEPOINT ? 96 : p.type === BPF_PROG_TYPE_KPROBE ? 256 : 512);
  const dv = new DataView(ctx.buffer);
  const base = p.type === BPF_PROG_TYPE_RAW_TRACEPOINT ? 0 : p.type === BPF_PROG_TYPE_KPROBE ? 80 : 8;
  const id = attachProbe(k, resolvePoint(name), 'bpf', (hit) => {
    ctx.fill(0);
    const n = Math.min(hit.args.length, (ctx.length - base) >> 3, p.type === BPF_PROG_TYPE_KPROBE ? 8 : 64);
    for (let i = 0; i < n; i++) dv.setBigUint64(base + i * 8, BigInt.asUintN(64, BigInt(Math.trunc(hit.args[i]))), true);
    runFromHook(k, p, hit.task, ctx);
  });
  if (id === null) return ENOENT;
  const link = new BpfLink(k, p, () => { detachProbe(k, id); });
  const fd = t.proc.files.install(linkFile(link), true);
  if (typeof fd !== 'number') link.release();
  return fd;
}

function runFromHook(k: Kernel, p: BpfProgObj, t: Task | null, ctx: Uint8Array): void {
  const r = runProg(k, p, t, ctx);
  if (!r.ok && r.error !== 'nested BPF run') k.printk(`bpf: prog ${p.id} (${p.name}) failed: ${r.error}`);
}
