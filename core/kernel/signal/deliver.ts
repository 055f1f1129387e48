// Delivering signals before a task returns to user mode (Linux's get_signal +
// arch_do_signal_or_restart): dequeue (faults first, then the lowest number;
// the thread's queue before the process's), apply the disposition (ignore,
// default stop/continue/terminate/core, or a handler frame), and settle an
// interrupted blocking syscall: EINTR or restart per SA_RESTART and the
// call's own Linux rule (ERESTARTSYS / ERESTARTNOHAND / ERESTART_RESTARTBLOCK).
import type { Kernel } from '../kernel.js';
import { TaskState, type Task } from '../task.js';
import { killProcess } from '../proc.js';
import { getReg, setReg } from '../trap.js';
import { putTimespecRaw } from './util.js';
import { EINTR } from '../../abi/errno.js';
import { SA_NODEFER, SA_RESETHAND, SA_RESTART, SIG_DFL, SIG_IGN, sigbit } from '../../abi/signal.js';
import { SIGSEGV, SIGSTOP } from '../../abi/linux.js';
import {
  ACT_CONT, ACT_IGN, ACT_STOP, UNBLOCKABLE, defaultAction, deliverable, nextSignal, procSig, sigHand, taskSig, type SigAction,
} from './state.js';
import { isOrphanedPgrp, stopGroup } from './jobctl.js';
import { setupFrame } from './frame.js';
import { ptraceHooks } from '../ptrace/hooks.js';
import { fireProbe, probesEnabled } from '../module/hooks.js';

/**
 * Calls that fail with EINTR whenever a handler runs (ERESTARTNOHAND and
 * ERESTART_RESTARTBLOCK in Linux): poll/select/epoll, sigsuspend, sigtimedwait,
 * nanosleep/clock_nanosleep, pause-like waits. Every other blocking call
 * returns ERESTARTSYS: restarted under SA_RESTART, else EINTR.
 */
const NO_RESTART = new Set([
  22 /* epoll_pwait */, 72 /* pselect6 */, 73 /* ppoll */, 101 /* nanosleep */, 115 /* clock_nanosleep */,
  133 /* rt_sigsuspend */, 137 /* rt_sigtimedwait */, 441 /* epoll_pwait2 */,
]);
const FUTEX = 98;

/** Does the blocked call nr restart after a handler with these flags? */
function restarts(t: Task, nr: number, flags: number): boolean {
  if (NO_RESTART.has(nr)) return false;
  if (nr === FUTEX && t.restart !== null && t.restart.deadline >= 0) return false; // timed futex: restart_block
  return (flags & SA_RESTART) !== 0;
}

/** Turns the call t is blocked in into -EINTR (writing nanosleep's remaining time). */
function interrupt(k: Kernel, t: Task): void {
  const x = k.regsOf(t);
  const nr = t.blockedIn;
  if ((nr === 101 || nr === 115) && t.restart !== null && t.restart.deadline >= 0) {
    const abs = nr === 115 && (getReg(x, 11) & 1) !== 0;
    const rem = getReg(x, nr === 101 ? 11 : 13);
    if (!abs && rem !== 0) putTimespecRaw(t, rem, Math.max(0, t.restart.deadline - k.monotonicNs()));
  }
  setReg(x, 10, -EINTR.code);
  k.setPc(t, k.pcOf(t) + 4);
  t.blockedIn = -1;
  t.restart = null;
}

/** signalHooks.beforeUser: runs with t current and runnable. */
export function beforeUser(k: Kernel, t: Task): void {
  const ts = taskSig(t);
  const p = t.proc;
  if (ts.realBlocked !== null) { t.sigmask = ts.realBlocked; ts.realBlocked = null; ts.waitSet = 0n; } // leaving rt_sigtimedwait
  for (;;) {
    if (k.current !== t || t.state !== TaskState.RUNNABLE || p.zombie) return;
    let sig: number, info: Uint8Array;
    // ptrace: a signal the tracer chose at a signal-delivery-stop is delivered without a second stop.
    const inj = ptraceHooks.tracing > 0 ? ptraceHooks.injected(k, t) : null;
    if (inj === 'stopped') return;
    if (inj !== null) {
      if (inj.sig === 0) continue;
      sig = inj.sig; info = inj.info;
    } else {
      const set = deliverable(t);
      if (set === 0n) break;
      sig = nextSignal(set);
      info = ts.pending.has(sig) ? ts.pending.take(sig) : procSig(p).shared.take(sig);
      if (ptraceHooks.tracing > 0 && ptraceHooks.signalStop(k, t, sig, info)) return; // the tracer sees it first
    }
    const act = sigHand(p).actions[sig];
    // Linux's trace_signal_deliver(sig, info, ka), before the ignore check: signal, errno, code, handler, flags.
    if (probesEnabled.any) fireProbe(k, 'signal:signal_deliver', t, [sig, info[4] | (info[5] << 8) | (info[6] << 16) | (info[7] << 24), info[8] | (info[9] << 8) | (info[10] << 16) | (info[11] << 24), act.handler, act.flags]);
    if (act.handler === SIG_IGN) continue;
    if (act.handler === SIG_DFL) {
      const d = defaultAction(sig);
      if (d === ACT_IGN || d === ACT_CONT) continue;
      if (d === ACT_STOP) {
        if (sig !== SIGSTOP && isOrphanedPgrp(k, p.pgid)) continue; // orphaned groups ignore TSTP/TTIN/TTOU
        stopGroup(k, p, sig);
        return;
      }
      procSig(p).groupExit = true;
      killProcess(k, p, sig);
      return;
    }
    handle(k, t, sig, info, act);
  }
  // No handler ran: a blocked call is re-executed (restarted); a sigsuspend mask goes back.
  if (ts.savedMask !== null && t.blockedIn < 0) { t.sigmask = ts.savedMask; ts.savedMask = null; }
}

/** handle_signal: settle the syscall, build the frame, block the handler's mask. */
function handle(k: Kernel, t: Task, sig: number, info: Uint8Array, act: SigAction): void {
  const ts = taskSig(t);
  if (t.blockedIn >= 0) {
    if (restarts(t, t.blockedIn, act.flags)) { t.blockedIn = -1; t.restart = null; }
    else interrupt(k, t);
  }
  const oldmask = ts.savedMask ?? t.sigmask;
  ts.savedMask = null;
  const a: SigAction = { handler: act.handler, flags: act.flags, mask: act.mask };
  if (act.flags & SA_RESETHAND) act.handler = SIG_DFL;
  if (!setupFrame(k, t, sig, info, a, oldmask)) {
    // force_sigsegv: the frame could not be written; SIGSEGV with the default action kills.
    sigHand(t.proc).actions[SIGSEGV].handler = SIG_DFL;
    procSig(t.proc).groupExit = true;
    killProcess(k, t.proc, SIGSEGV);
    return;
  }
  let block = a.mask;
  if (!(a.flags & SA_NODEFER)) block |= sigbit(sig);
  t.sigmask = (t.sigmask | block) & ~UNBLOCKABLE;
}
