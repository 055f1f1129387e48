// Signal syscalls, dispositions and masks: rt_sigaction, rt_sigprocmask,
// rt_sigpending, rt_sigsuspend, rt_sigtimedwait, rt_sigreturn, sigaltstack.
// Argument checks and copies here; the mechanism is core/kernel/signal/.
// (kill and friends: signal-send.ts; process groups: pgrp.ts.)
import { EAGAIN, EFAULT, EINVAL, ENOMEM, EPERM } from '../abi/errno.js';
import { NSIG, SIGKILL, SIGSTOP, SIGSEGV } from '../abi/linux.js';
import { SIGINFO_SIZE, SIG_BLOCK, SIG_SETMASK, SIG_UNBLOCK, SIG_IGN, STACK_T_SIZE, UAPI_SA_FLAGS, sigbit } from '../abi/signal.js';
import { BLOCK, NORETURN } from '../kernel/control.js';
import type { SyscallResult } from '../kernel/syscall.js';
import type { Task } from '../kernel/task.js';
import { getReg } from '../kernel/trap.js';
import { copyIn, copyOut } from '../kernel/mm/uaccess.js';
import {
  installSignals, taskSig, procSig, sigHand, deliverable, restoreFrame, forceInfo, makeInfo, signalWakeUp,
  doSigaltstack, altFlags, ALT_EPERM, ALT_EINVAL, ALT_ENOMEM,
} from '../kernel/signal/index.js';
import { getTimespec, int, isErr, readI64 } from './util.js';

installSignals();

const UNBLOCKABLE = sigbit(SIGKILL) | sigbit(SIGSTOP);

function readSet(t: Task, va: number): bigint | typeof EFAULT {
  const b = copyIn(t.mm, va, 8);
  if (isErr(b)) return EFAULT;
  return new DataView(b.buffer).getBigUint64(0, true);
}
function writeSet(t: Task, va: number, set: bigint, size = 8): 0 | typeof EFAULT {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigUint64(0, set & 0xffffffffffffffffn, true);
  return copyOut(t.mm, va, b.subarray(0, size)) === 0 ? 0 : EFAULT;
}

/** After the mask or the dispositions change: signals that became deliverable get looked at before user mode. */
function recalc(t: Task): void {
  if (deliverable(t) !== 0n) t.notify = 1;
  // A process signal this thread now blocks may be taken by another thread.
  const shared = procSig(t.proc).shared.mask;
  if (shared & t.sigmask) for (const o of t.proc.threads) if (o !== t && (shared & ~o.sigmask)) signalWakeUp(o);
}

/** Rt_sigaction implements Linux syscall rt_sigaction(2). */
export function sysRtSigaction(t: Task, a: Float64Array): SyscallResult {
  const sig = int(a[0]);
  if (a[3] !== 8) return EINVAL;
  if (sig < 1 || sig > NSIG) return EINVAL;
  if (a[1] !== 0 && (sig === SIGKILL || sig === SIGSTOP)) return EINVAL;
  let next: { handler: number; flags: number; mask: bigint } | null = null;
  if (a[1] !== 0) {
    const b = copyIn(t.mm, a[1], 24);
    if (isErr(b)) return b;
    const v = new DataView(b.buffer);
    next = { handler: readI64(v, 0), flags: (v.getUint32(8, true) & UAPI_SA_FLAGS) >>> 0, mask: v.getBigUint64(16, true) & ~UNBLOCKABLE };
  }
  const h = sigHand(t.proc);
  const cur = h.actions[sig];
  if (a[2] !== 0) {
    const b = new Uint8Array(24);
    const v = new DataView(b.buffer);
    v.setInt32(0, cur.handler | 0, true);
    v.setInt32(4, Math.floor(cur.handler / 4294967296) | 0, true);
    v.setUint32(8, cur.flags >>> 0, true);
    v.setBigUint64(16, cur.mask, true);
    if (copyOut(t.mm, a[2], b) !== 0) return EFAULT;
  }
  if (next !== null) {
    h.actions[sig] = next;
    // Setting an ignoring disposition discards what is pending (in every thread).
    if (isIgnoring(next.handler, sig)) {
      procSig(t.proc).shared.flush(sigbit(sig));
      for (const o of t.proc.threads) taskSig(o).pending.flush(sigbit(sig));
    }
  }
  return 0;
}

function isIgnoring(handler: number, sig: number): boolean {
  return handler === SIG_IGN || (handler === 0 && (sig === 17 || sig === 18 || sig === 23 || sig === 28));
}

/** Rt_sigprocmask implements Linux syscall rt_sigprocmask(2). */
export function sysRtSigprocmask(t: Task, a: Float64Array): SyscallResult {
  const how = int(a[0]);
  if (a[3] !== 8) return EINVAL;
  const old = t.sigmask;
  if (a[1] !== 0) {
    const set = readSet(t, a[1]);
    if (isErr(set)) return set;
    const s = set & ~UNBLOCKABLE;
    if (how === SIG_BLOCK) t.sigmask = old | s;
    else if (how === SIG_UNBLOCK) t.sigmask = old & ~s;
    else if (how === SIG_SETMASK) t.sigmask = s;
    else return EINVAL;
    recalc(t);
  }
  if (a[2] !== 0 && writeSet(t, a[2], old) !== 0) return EFAULT;
  return 0;
}

/** Rt_sigpending implements Linux syscall rt_sigpending(2): pending and blocked, thread and process. */
export function sysRtSigpending(t: Task, a: Float64Array): SyscallResult {
  if (a[1] > 8 || a[1] < 0) return EINVAL;
  const set = (taskSig(t).pending.mask | procSig(t.proc).shared.mask) & t.sigmask;
  return writeSet(t, a[0], set, a[1]);
}

/** Rt_sigsuspend implements Linux syscall rt_sigsuspend(2): always EINTR after a handler ran. */
export function sysRtSigsuspend(t: Task, a: Float64Array): SyscallResult {
  if (a[1] !== 8) return EINVAL;
  const ts = taskSig(t);
  if (t.restart === null || t.restart.nr !== 133) {
    const set = readSet(t, a[0]);
    if (isErr(set)) return set;
    if (ts.savedMask === null) ts.savedMask = t.sigmask;
    t.sigmask = set & ~UNBLOCKABLE;
    t.restart = { nr: 133, woken: false, deadline: -1 };
  }
  if (deliverable(t) !== 0n) { t.notify = 1; return BLOCK; } // stays runnable: the signal is taken before user mode
  t.sleepOn([], -1, 'sigsuspend');
  return BLOCK;
}

/** Rt_sigtimedwait implements Linux syscall rt_sigtimedwait(2). */
export function sysRtSigtimedwait(t: Task, a: Float64Array): SyscallResult {
  if (a[3] !== 8) return EINVAL;
  const ts = taskSig(t);
  if (ts.realBlocked !== null) { t.sigmask = ts.realBlocked; ts.realBlocked = null; ts.waitSet = 0n; }
  const r = readSet(t, a[0]);
  if (isErr(r)) return r;
  const set = r & ~UNBLOCKABLE;
  const restarting = t.restart !== null && t.restart.nr === 137;
  let timeout = -1;
  if (!restarting && a[2] !== 0) {
    const b = copyIn(t.mm, a[2], 16);
    if (isErr(b)) return b;
    const v = new DataView(b.buffer);
    const sec = readI64(v, 0), nsec = readI64(v, 8);
    if (sec < 0 || nsec < 0 || nsec >= 1e9) return EINVAL;
    timeout = sec * 1e9 + nsec;
  }
  const pend = (taskSig(t).pending.mask | procSig(t.proc).shared.mask) & set;
  if (pend !== 0n) {
    const sig = lowest(pend);
    const info = ts.pending.has(sig) ? ts.pending.take(sig) : procSig(t.proc).shared.take(sig);
    if (a[1] !== 0 && copyOut(t.mm, a[1], info.subarray(0, SIGINFO_SIZE)) !== 0) return EFAULT;
    return sig;
  }
  const k = t.kernel;
  if (!restarting) t.restart = { nr: 137, woken: false, deadline: timeout < 0 ? -1 : k.monotonicNs() + timeout };
  const deadline = t.restart!.deadline;
  if (deadline >= 0 && k.monotonicNs() >= deadline) return EAGAIN;
  // Sleep with the awaited set unblocked, so that sending one of them wakes us.
  ts.realBlocked = t.sigmask;
  ts.waitSet = set;
  t.sigmask &= ~set;
  t.sleepOn([], deadline, 'do_sigtimedwait');
  return BLOCK;
}

function lowest(set: bigint): number {
  for (let s = 1; s <= 64; s++) if (set & sigbit(s)) return s;
  return 0;
}

/** Rt_sigreturn implements Linux syscall rt_sigreturn(2): back from a handler through the vDSO trampoline. */
export function sysRtSigreturn(t: Task): SyscallResult {
  if (!restoreFrame(t.kernel, t)) {
    forceInfo(t.kernel, t, makeInfo(SIGSEGV, 0x80));
    return NORETURN;
  }
  recalc(t);
  return NORETURN;
}

/** Sigaltstack implements Linux syscall sigaltstack(2). */
export function sysSigaltstack(t: Task, a: Float64Array): SyscallResult {
  const ts = taskSig(t);
  const sp = getReg(t.kernel.regsOf(t), 2);
  const old = new Uint8Array(STACK_T_SIZE);
  const ov = new DataView(old.buffer);
  ov.setInt32(0, ts.altSp | 0, true);
  ov.setInt32(4, Math.floor(ts.altSp / 4294967296) | 0, true);
  ov.setInt32(8, altFlags(ts, sp), true);
  ov.setInt32(16, ts.altSize | 0, true);
  ov.setInt32(20, Math.floor(ts.altSize / 4294967296) | 0, true);
  if (a[0] !== 0) {
    const b = copyIn(t.mm, a[0], STACK_T_SIZE);
    if (isErr(b)) return b;
    const v = new DataView(b.buffer);
    const r = doSigaltstack(ts, sp, { sp: readI64(v, 0), flags: v.getInt32(8, true), size: readI64(v, 16) });
    if (r === ALT_EPERM) return EPERM;
    if (r === ALT_EINVAL) return EINVAL;
    if (r === ALT_ENOMEM) return ENOMEM;
  }
  if (a[1] !== 0 && copyOut(t.mm, a[1], old) !== 0) return EFAULT;
  return 0;
}

export { getTimespec };

/**
 * Wraps ppoll/pselect6/epoll_pwait: the caller's sigmask argument replaces
 * the blocked set for the duration of the call (Linux's set_user_sigmask /
 * restore_saved_sigmask_unless). Ready descriptors win over a pending
 * signal; a signal the temporary mask lets through wakes the sleeper, and the
 * handler's frame saves the original mask. `mask(t, a)` reads the user's set
 * (null: none given).
 */
export function withSigmask(h: (t: Task, a: Float64Array) => SyscallResult, mask: (t: Task, a: Float64Array) => bigint | null | typeof EFAULT | typeof EINVAL): (t: Task, a: Float64Array) => SyscallResult {
  return (t, a) => {
    const ts = taskSig(t);
    if (ts.savedMask === null) {
      const m = mask(t, a);
      if (isErr(m)) return m;
      if (m !== null) { ts.savedMask = t.sigmask; t.sigmask = m & ~UNBLOCKABLE; }
    }
    const r = h(t, a);
    if (r !== BLOCK) {
      if (ts.savedMask !== null) { t.sigmask = ts.savedMask; ts.savedMask = null; }
      return r;
    }
    if (ts.savedMask !== null && deliverable(t) !== 0n) signalWakeUp(t);
    return r;
  };
}

/** ppoll(fds, n, tmo, sigmask, sigsetsize). */
export const ppollMask = (t: Task, a: Float64Array): bigint | null | typeof EFAULT | typeof EINVAL => {
  if (a[3] === 0) return null;
  if (a[4] !== 8) return EINVAL;
  return readSet(t, a[3]);
};

/** pselect6(n, in, out, ex, tmo, {const sigset_t *ss; size_t ss_len}). */
export const pselectMask = (t: Task, a: Float64Array): bigint | null | typeof EFAULT | typeof EINVAL => {
  if (a[5] === 0) return null;
  const b = copyIn(t.mm, a[5], 16);
  if (isErr(b)) return EFAULT;
  const v = new DataView(b.buffer);
  const ss = readI64(v, 0), len = readI64(v, 8);
  if (ss === 0) return null;
  if (len !== 8) return EINVAL;
  return readSet(t, ss);
};
