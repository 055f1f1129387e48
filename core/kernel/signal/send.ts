// Generating signals (Linux kernel/signal.c send_signal / complete_signal /
// force_sig_info): the stop/continue side effects of SIGCONT and the stop
// signals at send time, discarding ignored signals, queueing on the thread or
// the process, choosing a thread that does not block a process signal, waking
// it (interruptible sleeps only), and the immediate group kill for a fatal
// default action. Delivery happens later, in deliver.ts, before user mode.
import type { Kernel } from '../kernel.js';
import { TaskState, type Process, type Task } from '../task.js';
import { killProcess } from '../proc.js';
import { ptraceHooks } from '../ptrace/hooks.js';
import { SIG_DFL, SIG_IGN, SI_KERNEL, SI_ADDR, SIGRTMIN, sigbit } from '../../abi/signal.js';
import { SIGCONT, SIGKILL, SIGSTOP } from '../../abi/linux.js';
import {
  ACT_CORE, ACT_TERM, STOP_MASK, defaultAction, ignoredBy, makeInfo, procSig, sigHand, taskSig,
} from './state.js';
import { continueGroup } from './jobctl.js';

/** Sleeps a signal may not interrupt (Linux's TASK_UNINTERRUPTIBLE / killable waits). */
const UNINTERRUPTIBLE = new Set(['vfork']);

/** Does t keep sig from being delivered now? (rt_sigtimedwait unblocks its set while it sleeps.) */
function blocks(t: Task, sig: number): boolean {
  return (t.sigmask & sigbit(sig)) !== 0n;
}

/** Marks t as having signal work and wakes it from an interruptible sleep (signal_wake_up). */
export function signalWakeUp(t: Task): void {
  t.notify = 1;
  if (t.state === TaskState.SLEEPING && !UNINTERRUPTIBLE.has(t.wchan)) t.wakeUp(false);
}

/** Linux's prepare_signal: job-control side effects; false when the signal is to be discarded. */
function prepare(k: Kernel, p: Process, t: Task, sig: number): boolean {
  const ps = procSig(p);
  if (ps.groupExit) return sig === SIGKILL;
  if (STOP_MASK & sigbit(sig)) {
    ps.shared.flush(sigbit(SIGCONT));
    for (const t of p.threads) taskSig(t).pending.flush(sigbit(SIGCONT));
  } else if (sig === SIGCONT) {
    ps.shared.flush(STOP_MASK);
    for (const t of p.threads) taskSig(t).pending.flush(STOP_MASK);
    continueGroup(k, p);
  }
  // Ignored signals are dropped unless the target blocks them (sig_ignored looks at the blocked set).
  if (!ignoredBy(p, sig)) return true;
  if (ptraceHooks.tracing > 0 && ptraceHooks.hidden(p)) return true; // a tracer sees even ignored signals (sig_ignored)
  const ts = taskSig(t);
  return blocks(t, sig) || ((ts.realBlocked ?? 0n) & sigbit(sig)) !== 0n;
}

/** The thread that should take a process signal (complete_signal), or null if all block it. */
function target(p: Process, sig: number, t: Task | null): Task | null {
  if (t !== null) return blocks(t, sig) ? null : t;
  for (const c of p.threads) if (c.state !== TaskState.DEAD && !blocks(c, sig)) return c;
  return null;
}

/**
 * Sends a signal with its siginfo to process p (thread t, or any thread when
 * null). Returns false when it was discarded.
 */
export function sendSignalInfo(k: Kernel, p: Process, t: Task | null, info: Uint8Array): boolean {
  const sig = info[0];
  if (p.zombie || p.threads.length === 0) return false;
  if (sig === SIGKILL) { killProcess(k, p, SIGKILL); return true; }
  if (!prepare(k, p, t ?? p.threads[0], sig)) return false;
  const q = t !== null ? taskSig(t).pending : procSig(p).shared;
  if (!q.add(info) && sig < SIGRTMIN) return true; // a standard signal already pending: merged
  const who = target(p, sig, t);
  if (who === null) return true; // stays pending until a thread unblocks it
  // A fatal default action kills the whole group at once, unless the thread only
  // unblocked it for rt_sigtimedwait (Linux checks real_blocked).
  const act = sigHand(p).actions[sig];
  const realBlocked = taskSig(who).realBlocked ?? who.sigmask;
  const traced = ptraceHooks.tracing > 0 && ptraceHooks.hidden(p); // complete_signal: no shortcut for a tracee
  if ((realBlocked & sigbit(sig)) === 0n && act.handler === SIG_DFL && sig !== SIGSTOP && !traced) {
    const d = defaultAction(sig);
    if (d === ACT_TERM || d === ACT_CORE) {
      procSig(p).groupExit = true;
      killProcess(k, p, sig);
      return true;
    }
  }
  signalWakeUp(who);
  return true;
}

/** kill(2)-style send with a SI_USER/SI_TKILL record from the sender. */
export function sendFrom(k: Kernel, sender: Task | null, p: Process, t: Task | null, sig: number, code: number): boolean {
  const info = makeInfo(sig, code);
  if (sender !== null) {
    const v = new DataView(info.buffer);
    v.setInt32(16, sender.proc.pid, true);
    v.setInt32(20, sender.proc.cred.uid, true);
  } else if (code === 0) {
    info[8] = SI_KERNEL;
  }
  return sendSignalInfo(k, p, t, info);
}

/**
 * A synchronous fault (force_sig_fault): if the signal is blocked or ignored,
 * the disposition is reset to default and the signal unblocked, so the
 * process dies as on Linux; otherwise it is queued on the faulting thread.
 */
export function forceSignalInfo(k: Kernel, t: Task, sig: number, code: number, addr: number): void {
  const info = makeInfo(sig, code);
  const v = new DataView(info.buffer);
  v.setInt32(SI_ADDR, addr | 0, true);
  v.setInt32(SI_ADDR + 4, Math.floor(addr / 4294967296) | 0, true);
  forceInfo(k, t, info);
}

export function forceInfo(k: Kernel, t: Task, info: Uint8Array): void {
  const sig = info[0];
  const act = sigHand(t.proc).actions[sig];
  const blocked = (t.sigmask & sigbit(sig)) !== 0n;
  if (blocked || act.handler === SIG_IGN) {
    act.handler = SIG_DFL;
    if (blocked) t.sigmask &= ~sigbit(sig);
  }
  sendSignalInfo(k, t.proc, t, info);
}
