// Signal state (Linux's sighand_struct, sigpending and the per-thread parts of
// task_struct): dispositions shared by a thread group, a pending set + queue of
// siginfo per thread and per process, the alternate stack, and the job-control
// state wait4 reports (stopped / continued, reported once). The state hangs off
// Task/Process through WeakMaps (Process.sighand holds the SigHand) so the
// kernel core carries no signal types.
import type { Process, Task } from '../task.js';
import { SIGINFO_SIZE, SI_CODE, SI_SIGNO, SS_DISABLE, SIG_DFL, SIG_IGN, SIGRTMIN, sigbit } from '../../abi/signal.js';
import {
  NSIG, SIGCHLD, SIGCONT, SIGKILL, SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU, SIGURG, SIGWINCH,
  SIGQUIT, SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE, SIGSEGV, SIGXCPU, SIGXFSZ, SIGSYS,
} from '../../abi/linux.js';

export interface SigAction { handler: number; flags: number; mask: bigint }

/** Dispositions of one thread group (shared by CLONE_SIGHAND). */
export class SigHand {
  readonly actions: SigAction[] = [];
  constructor(from?: SigHand) {
    for (let s = 0; s <= NSIG; s++) {
      const a = from?.actions[s];
      this.actions.push(a ? { handler: a.handler, flags: a.flags, mask: a.mask } : { handler: SIG_DFL, flags: 0, mask: 0n });
    }
  }
}

/** A pending set with the queued siginfo records (RT signals queue, standard ones do not). */
export class SigQueue {
  mask = 0n;
  readonly infos: Uint8Array[] = [];

  has(sig: number): boolean { return (this.mask & sigbit(sig)) !== 0n; }

  /** Queues info for its signal; a standard signal already pending is dropped (false). */
  add(info: Uint8Array): boolean {
    const sig = info[SI_SIGNO];
    if (sig < SIGRTMIN && this.has(sig)) return false;
    this.mask |= sigbit(sig);
    this.infos.push(info);
    return true;
  }

  /** Removes and returns the first queued info of sig (a SI_USER record if none was kept). */
  take(sig: number): Uint8Array {
    const i = this.infos.findIndex((b) => b[SI_SIGNO] === sig);
    const info = i >= 0 ? this.infos.splice(i, 1)[0] : makeInfo(sig, 0);
    if (!this.infos.some((b) => b[SI_SIGNO] === sig)) this.mask &= ~sigbit(sig);
    return info;
  }

  /** Drops every pending instance of the signals in set. */
  flush(set: bigint): void {
    this.mask &= ~set;
    for (let i = this.infos.length - 1; i >= 0; i--) if (set & sigbit(this.infos[i][SI_SIGNO])) this.infos.splice(i, 1);
  }
}

/** Per-thread signal state. */
export class TaskSig {
  readonly pending = new SigQueue();
  altSp = 0;
  altSize = 0;
  altFlags = SS_DISABLE;
  /** Mask to restore after a handler frame (rt_sigsuspend / ppoll set it), or null. */
  savedMask: bigint | null = null;
  /** While sleeping in rt_sigtimedwait: the awaited set and the mask to put back. */
  waitSet = 0n;
  realBlocked: bigint | null = null;
}

/** Per-process signal state: the shared pending queue and job control. */
export class ProcSig {
  readonly shared = new SigQueue();
  /** The group is stopped. */
  stopped = false;
  /** Stop signal not yet reported to wait4 (WUNTRACED), or 0. */
  stopCode = 0;
  /** A continue not yet reported to wait4 (WCONTINUED). */
  continued = false;
  /** A fatal signal is tearing the group down. */
  groupExit = false;
}

const taskState = new WeakMap<Task, TaskSig>();
const procState = new WeakMap<Process, ProcSig>();

export function taskSig(t: Task): TaskSig {
  let s = taskState.get(t);
  if (s === undefined) { s = new TaskSig(); taskState.set(t, s); }
  return s;
}
export function procSig(p: Process): ProcSig {
  let s = procState.get(p);
  if (s === undefined) { s = new ProcSig(); procState.set(p, s); }
  return s;
}
export function sigHand(p: Process): SigHand {
  if (!(p.sighand instanceof SigHand)) p.sighand = new SigHand();
  return p.sighand as SigHand;
}

/** A zeroed siginfo with signo and code set. */
export function makeInfo(sig: number, code: number): Uint8Array {
  const b = new Uint8Array(SIGINFO_SIZE);
  const v = new DataView(b.buffer);
  v.setInt32(SI_SIGNO, sig, true);
  v.setInt32(SI_CODE, code, true);
  return b;
}

// ---- default actions (Linux's sig_kernel_* classes) ----
export const ACT_TERM = 0, ACT_CORE = 1, ACT_STOP = 2, ACT_CONT = 3, ACT_IGN = 4;
const CORE = [SIGQUIT, SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE, SIGSEGV, SIGXCPU, SIGXFSZ, SIGSYS];
const STOP = [SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU];
const IGN = [SIGCHLD, SIGURG, SIGWINCH];

export function defaultAction(sig: number): number {
  if (CORE.includes(sig)) return ACT_CORE;
  if (STOP.includes(sig)) return ACT_STOP;
  if (sig === SIGCONT) return ACT_CONT;
  if (IGN.includes(sig)) return ACT_IGN;
  return ACT_TERM;
}

export const STOP_MASK = STOP.reduce((m, s) => m | sigbit(s), 0n);
export const UNBLOCKABLE = sigbit(SIGKILL) | sigbit(SIGSTOP);
/** Synchronous (fault) signals, dequeued first as Linux does. */
export const SYNCHRONOUS_MASK = [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE, SIGSYS].reduce((m, s) => m | sigbit(s), 0n);

/** True when sig sent now would be discarded (ignored and not blocked: sig_ignored). */
export function ignoredBy(p: Process, sig: number): boolean {
  const a = sigHand(p).actions[sig];
  if (a.handler === SIG_IGN) return sig !== SIGKILL && sig !== SIGSTOP;
  return a.handler === SIG_DFL && (defaultAction(sig) === ACT_IGN || sig === SIGCONT);
}

/** Lowest signal in set, synchronous signals first (Linux's next_signal); 0 if empty. */
export function nextSignal(set: bigint): number {
  if (set === 0n) return 0;
  const sync = set & SYNCHRONOUS_MASK;
  const s = sync !== 0n ? sync : set;
  let lo = Number(s & 0xffffffffn);
  if (lo !== 0) return 31 - Math.clz32(lo & -lo) + 1;
  lo = Number((s >> 32n) & 0xffffffffn);
  return 32 + 31 - Math.clz32(lo & -lo) + 1;
}

/** Signals pending for t that its mask lets through. */
export function deliverable(t: Task): bigint {
  return (taskSig(t).pending.mask | procSig(t.proc).shared.mask) & ~t.sigmask;
}

export const sigMask64 = (v: bigint): bigint => v & 0xffffffffffffffffn;
export { SIGKILL, SIGSTOP };
