// What a tracer reads and writes in a stopped tracee (Linux ptrace_access_vm
// with FOLL_FORCE, arch/riscv/kernel/ptrace.c's regsets, and
// ptrace_get_syscall_info): words of memory through the tracee's page tables
// (a store to a read-only private page breaks COW into a private copy and the
// hart drops decoded code of that frame), NT_PRSTATUS (struct
// user_regs_struct: pc, ra..t6) and NT_PRFPREG (f[32], fcsr).
import type { Kernel } from '../kernel.js';
import type { Task } from '../task.js';
import type { Tracee } from './index.js';
import { MSG_SYSCALL_ENTRY, MSG_SYSCALL_EXIT } from './index.js';
import { copyIn } from '../mm/uaccess.js';
import { ACCESS_LOAD, FAULT_OK, handlePageFault } from '../mm/fault.js';
import { PGSIZE } from '../mm/frames.js';
import { PTE_COW, PTE_V, PTE_W } from '../mm/pagetable.js';
import { getReg, setReg } from '../trap.js';

export const NT_PRSTATUS = 1, NT_PRFPREG = 2;
export const PRSTATUS_SIZE = 256, PRFPREG_SIZE = 264;
/** AUDIT_ARCH_RISCV64 (EM_RISCV | __AUDIT_ARCH_64BIT | __AUDIT_ARCH_LE). */
export const AUDIT_ARCH_RISCV64 = 0xc00000f3;

/** Reads 8 bytes of t's memory at va (FOLL_FORCE read); null when unmapped. */
export function peekWord(t: Task, va: number): Uint8Array | null {
  const r = copyIn(t.mm, va, 8);
  return r instanceof Uint8Array ? r : null;
}

/** Physical address of va for a forced write: the page faulted in, a shared-with-others private frame copied first. */
function forcedWritePa(t: Task, va: number): number {
  const mm = t.mm;
  const page = va - (va % PGSIZE);
  const vma = mm.findVma(va);
  if (vma === null) return -1;
  let pte = mm.pt.lookup(page);
  if (pte === -1 || !(mm.pt.pteLo(pte) & PTE_V)) {
    if (handlePageFault(mm, va, ACCESS_LOAD) !== FAULT_OK) return -1;
    pte = mm.pt.lookup(page);
    if (pte === -1) return -1;
  }
  const lo = mm.pt.pteLo(pte);
  let pa = mm.pt.ptePa(pte);
  if (!vma.shared && !(lo & PTE_W) && mm.frames.refcount(pa) > 1) {
    const copy = mm.frames.allocCopy(pa);
    if (copy === -1) return -1;
    mm.frames.decRef(pa);
    mm.pt.writePte(pte, copy, (lo & 0x3ff) & ~PTE_COW);
    mm.tlbFlush(page);
    pa = copy;
  }
  return pa + (va - page);
}

/** Writes 8 bytes into t's memory at va, even on read-only text (POKETEXT); false when unmapped. */
export function pokeWord(t: Task, va: number, bytes: Uint8Array): boolean {
  const mm = t.mm;
  const u8 = mm.frames.ram.u8, base = mm.frames.ram.base;
  for (let i = 0; i < 8; i++) {
    const pa = forcedWritePa(t, va + i);
    if (pa === -1) return false;
    u8[pa - base] = bytes[i];
    mm.frames.onRewrite?.(pa - (pa % PGSIZE));
  }
  return true;
}

/** struct user_regs_struct of t: pc then x1..x31, little-endian u64s. */
export function getPrstatus(k: Kernel, t: Task): Uint8Array {
  const out = new Uint8Array(PRSTATUS_SIZE);
  const v = new DataView(out.buffer);
  const x = k.regsOf(t);
  const pc = k.pcOf(t);
  v.setUint32(0, pc >>> 0, true); v.setUint32(4, Math.floor(pc / 4294967296) >>> 0, true);
  for (let r = 1; r < 32; r++) { v.setInt32(r * 8, x[2 * r], true); v.setInt32(r * 8 + 4, x[2 * r + 1], true); }
  return out;
}

export function setPrstatus(k: Kernel, t: Task, b: Uint8Array): void {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const x = k.regsOf(t);
  const n = Math.floor(b.length / 8);
  if (n >= 1) k.setPc(t, v.getUint32(4, true) * 4294967296 + v.getUint32(0, true));
  for (let r = 1; r < Math.min(32, n); r++) { x[2 * r] = v.getInt32(r * 8, true); x[2 * r + 1] = v.getInt32(r * 8 + 4, true); }
}

/** struct __riscv_d_ext_state: f[32] then fcsr (frm << 5 | fflags). */
export function getPrfpreg(k: Kernel, t: Task): Uint8Array {
  if (k.current === t) k.saveCurrent();
  const out = new Uint8Array(PRFPREG_SIZE);
  const v = new DataView(out.buffer);
  for (let i = 0; i < 64; i++) v.setInt32(i * 4, t.fregs[i], true);
  v.setUint32(256, ((t.frm & 7) << 5) | (t.fflags & 31), true);
  return out;
}

export function setPrfpreg(k: Kernel, t: Task, b: Uint8Array): void {
  if (k.current === t) k.saveCurrent();
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const n = Math.min(64, Math.floor(b.length / 4));
  for (let i = 0; i < n; i++) t.fregs[i] = v.getInt32(i * 4, true);
  if (b.length >= 260) { const f = v.getUint32(256, true); t.fflags = f & 31; t.frm = (f >> 5) & 7; }
}

/** struct ptrace_syscall_info for the current stop; returns the bytes that are meaningful (Linux's return value). */
export function syscallInfo(k: Kernel, s: Tracee): Uint8Array {
  const t = s.task;
  const out = new Uint8Array(88);
  const v = new DataView(out.buffer);
  const x = k.regsOf(t);
  const put64 = (off: number, n: number): void => {
    v.setUint32(off, n >>> 0, true); v.setInt32(off + 4, Math.floor(n / 4294967296) | 0, true);
  };
  v.setUint32(4, AUDIT_ARCH_RISCV64, true);
  put64(8, k.pcOf(t));
  put64(16, getReg(x, 2));
  const sysgood = s.siginfo !== null && new DataView(s.siginfo.buffer).getInt32(8, true) === (5 | 0x80);
  if (sysgood && (s.kind === 'entry' || s.kind === 'exit') && s.message === MSG_SYSCALL_ENTRY) {
    out[0] = 1;
    put64(24, s.nr);
    for (let i = 0; i < 6; i++) put64(32 + 8 * i, s.args[i]);
    return out.subarray(0, 80);
  }
  if (sysgood && s.message === MSG_SYSCALL_EXIT) {
    out[0] = 2;
    const rv = s.rvalOverride !== 0 ? s.rvalOverride : getReg(x, 10);
    put64(24, rv);
    out[32] = rv < 0 && rv >= -4095 ? 1 : 0;
    return out.subarray(0, 33);
  }
  return out.subarray(0, 24);
}

export { setReg };
