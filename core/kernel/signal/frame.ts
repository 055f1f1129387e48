// The riscv64 signal frame (arch/riscv/kernel/signal.c): struct rt_sigframe =
// siginfo + ucontext (flags, link, the alternate stack, the blocked mask padded
// to 1024 bits, and sigcontext: pc and x1..x31, then the D-extension state
// f0..f31 + fcsr in the 528-byte FP union whose tail words / extension header
// are written as zeros). The frame goes below sp (or at the top of the
// alternate stack for SA_ONSTACK), 16-byte aligned; ra returns through the
// vDSO's __vdso_rt_sigreturn. rt_sigreturn restores all of it, including
// edits a handler made to the saved context.
import type { Kernel } from '../kernel.js';
import type { Task } from '../task.js';
import { getReg, setReg } from '../trap.js';
import { copyIn, copyOut } from '../mm/uaccess.js';
import {
  FRAME_UC, RT_SIGFRAME_SIZE, SA_ONSTACK, SC_FCSR, SC_FPREGS, SC_REGS, SIGINFO_SIZE, SS_AUTODISARM, SS_DISABLE,
  SS_ONSTACK, UC_MCONTEXT, UC_SIGMASK, UC_STACK, MINSIGSTKSZ,
} from '../../abi/signal.js';
import { taskSig, UNBLOCKABLE, type SigAction, type TaskSig } from './state.js';

const MC = FRAME_UC + UC_MCONTEXT;

function fpOf(k: Kernel, t: Task): Int32Array { return k.current === t ? k.ctl.fpI32 : t.fregs; }

/** on_sig_stack: is sp inside t's alternate stack? (never under SS_AUTODISARM) */
export function onSigStack(ts: TaskSig, sp: number): boolean {
  if (ts.altFlags & SS_AUTODISARM) return false;
  return sp > ts.altSp && sp - ts.altSp <= ts.altSize;
}

/** sas_ss_flags: SS_DISABLE without a stack, SS_ONSTACK while on it, else 0. */
export function sasSsFlags(ts: TaskSig, sp: number): number {
  if (ts.altSize === 0) return SS_DISABLE;
  return onSigStack(ts, sp) ? SS_ONSTACK : 0;
}

/** What sigaltstack(NULL, &old) reports in ss_flags for a task at sp. */
export function altFlags(ts: TaskSig, sp: number): number {
  return sasSsFlags(ts, sp) | (ts.altFlags & SS_AUTODISARM);
}

/** Address of __vdso_rt_sigreturn in t's address space. */
function sigreturnAddr(k: Kernel, t: Task): number {
  const v = t.mm.vmas.find((m) => m.name === '[vdso]');
  return v === undefined ? 0 : v.start + k.vdso.sigreturnOffset;
}

/**
 * Builds the frame for sig on t's stack and points t at the handler.
 * Returns false when the frame cannot be written (the caller forces SIGSEGV).
 */
export function setupFrame(k: Kernel, t: Task, sig: number, info: Uint8Array, act: SigAction, oldmask: bigint): boolean {
  const x = k.regsOf(t);
  const ts = taskSig(t);
  let sp = getReg(x, 2);
  if (onSigStack(ts, sp) && !onSigStack(ts, sp - RT_SIGFRAME_SIZE)) return false;
  if ((act.flags & SA_ONSTACK) && sasSsFlags(ts, sp) === 0) sp = ts.altSp + ts.altSize;
  sp = sp - RT_SIGFRAME_SIZE;
  sp -= sp % 16;
  const b = new Uint8Array(RT_SIGFRAME_SIZE);
  const v = new DataView(b.buffer);
  b.set(info.subarray(0, SIGINFO_SIZE), 0);
  // uc_flags, uc_link = 0; uc_stack = the alternate stack as it was.
  const st = FRAME_UC + UC_STACK;
  setU64(v, st, ts.altSp);
  v.setInt32(st + 8, ts.altFlags, true); // __save_altstack stores the flags as set
  setU64(v, st + 16, ts.altSize);
  if (ts.altFlags & SS_AUTODISARM) { ts.altSp = 0; ts.altSize = 0; ts.altFlags = SS_DISABLE; }
  setU64(v, FRAME_UC + UC_SIGMASK, oldmask);
  // sigcontext: pc, x1..x31
  const pc = k.pcOf(t);
  setU64(v, MC + SC_REGS, pc);
  for (let r = 1; r < 32; r++) { v.setInt32(MC + SC_REGS + 8 * r, x[2 * r], true); v.setInt32(MC + SC_REGS + 8 * r + 4, x[2 * r + 1], true); }
  const f = fpOf(k, t);
  for (let i = 0; i < 64; i++) v.setInt32(MC + SC_FPREGS + 4 * i, f[i], true);
  const fcsr = k.current === t ? k.ctl.getFcsr() : { fflags: t.fflags, frm: t.frm };
  v.setUint32(MC + SC_FCSR, ((fcsr.frm & 7) << 5) | (fcsr.fflags & 0x1f), true);
  if (copyOut(t.mm, sp, b) !== 0) return false;
  setReg(x, 1, sigreturnAddr(k, t));
  setReg(x, 2, sp);
  setReg(x, 10, sig);
  setReg(x, 11, sp);
  setReg(x, 12, sp + FRAME_UC);
  k.setPc(t, act.handler);
  return true;
}

function setU64(v: DataView, off: number, n: number | bigint): void {
  if (typeof n === 'bigint') { v.setBigUint64(off, n & 0xffffffffffffffffn, true); return; }
  v.setInt32(off, n | 0, true);
  v.setInt32(off + 4, Math.floor(n / 4294967296) | 0, true);
}
function getU64(v: DataView, off: number): number { return v.getInt32(off + 4, true) * 4294967296 + v.getUint32(off, true); }

/**
 * rt_sigreturn: reloads mask, registers, FP state and the alternate stack
 * from the frame at sp. Returns false on a bad frame (caller forces SIGSEGV).
 */
export function restoreFrame(k: Kernel, t: Task): boolean {
  const x = k.regsOf(t);
  const sp = getReg(x, 2);
  const b = copyIn(t.mm, sp, RT_SIGFRAME_SIZE);
  if (!(b instanceof Uint8Array)) return false;
  const v = new DataView(b.buffer);
  t.sigmask = v.getBigUint64(FRAME_UC + UC_SIGMASK, true) & ~UNBLOCKABLE;
  // The FP union's reserved words must be zero (restore_fp_state: otherwise a bad frame).
  // Those are q.reserved[0..2] = the extension area's reserved word and its END header (magic 0, size 0).
  for (let off = MC + SC_FPREGS + 516; off < MC + SC_FPREGS + 528; off += 4) if (v.getUint32(off, true) !== 0) return false;
  k.setPc(t, getU64(v, MC + SC_REGS));
  for (let r = 1; r < 32; r++) { x[2 * r] = v.getInt32(MC + SC_REGS + 8 * r, true); x[2 * r + 1] = v.getInt32(MC + SC_REGS + 8 * r + 4, true); }
  const f = fpOf(k, t);
  for (let i = 0; i < 64; i++) f[i] = v.getInt32(MC + SC_FPREGS + 4 * i, true);
  const fcsr = v.getUint32(MC + SC_FCSR, true);
  if (k.current === t) k.ctl.setFcsr(fcsr & 0x1f, (fcsr >> 5) & 7);
  t.fflags = fcsr & 0x1f; t.frm = (fcsr >> 5) & 7;
  // restore_altstack: as sigaltstack(&uc_stack, NULL) at the restored sp; errors other than EFAULT ignored.
  const st = FRAME_UC + UC_STACK;
  doSigaltstack(taskSig(t), getReg(x, 2), { sp: getU64(v, st), flags: v.getInt32(st + 8, true), size: getU64(v, st + 16) });
  return true;
}

export interface StackT { sp: number; flags: number; size: number }
export const ALT_OK = 0, ALT_EPERM = 1, ALT_EINVAL = 2, ALT_ENOMEM = 3;

/** do_sigaltstack's set half: validates and installs ss for a task running at sp. */
export function doSigaltstack(ts: TaskSig, sp: number, ss: StackT): number {
  if (onSigStack(ts, sp)) return ALT_EPERM;
  const mode = ss.flags & ~SS_AUTODISARM;
  if (mode !== SS_DISABLE && mode !== SS_ONSTACK && mode !== 0) return ALT_EINVAL;
  if (mode === SS_DISABLE) { ts.altSp = 0; ts.altSize = 0; ts.altFlags = ss.flags; return ALT_OK; }
  if (ss.size < MINSIGSTKSZ) return ALT_ENOMEM;
  ts.altSp = ss.sp; ts.altSize = ss.size; ts.altFlags = ss.flags;
  return ALT_OK;
}
