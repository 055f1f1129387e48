// The signal subsystem's public face: installs its hooks into the kernel core
// (proc.ts signalHooks: force, send, childExited, beforeUser, cloned, exited;
// exec/loader.ts execHooks.onExec) and re-exports what the syscall layer,
// the tty and procfs use. Importing this module is what turns signals on.
import type { Kernel } from '../kernel.js';
import type { Process, Task } from '../task.js';
import { signalHooks } from '../proc.js';
import { execHooks } from '../exec/loader.js';
import { CLONE_SIGHAND, CLONE_VFORK, CLONE_VM } from '../../abi/linux.js';
import { SIG_IGN, SIG_DFL, SS_DISABLE, SI_KERNEL, SI_USER } from '../../abi/signal.js';
import { SigHand, procSig, sigHand, taskSig } from './state.js';
import { forceSignalInfo, sendFrom } from './send.js';
import { beforeUser } from './deliver.js';
import { cancelRealTimer } from './itimer.js';
import { notifyParentExit, processExited, signalGroup, noteTty, ttyJobControl, TTY_EIO, TTY_RESTART } from './jobctl.js';
import { ttyHooks } from '../fs/tty.js';
import { TOSTOP } from '../fs/tty-ldisc.js';
import { EIO } from '../../abi/errno.js';
import { SIGTTIN, SIGTTOU } from '../../abi/linux.js';

let installed = false;
/** Processes that called execve since fork (Linux's !PF_FORKNOEXEC): setpgid from the parent fails with EACCES. */
const execed = new WeakSet<Process>();
export const hasExeced = (p: Process): boolean => execed.has(p);

/** Installs the hooks (idempotent; hooks are module-wide, state is per task/process). */
export function installSignals(): void {
  if (installed) return;
  installed = true;
  signalHooks.force = (k, t, sig, code, addr) => { forceSignalInfo(k, t, sig, code, addr); return true; };
  // Kernel-generated sends (SIGPIPE to the writer): SI_USER from the current task as Linux's send_sig, else SI_KERNEL.
  signalHooks.send = (k, p, t, sig) => {
    const self = t !== null && k.current === t;
    sendFrom(k, self ? t : null, p, t, sig, self ? SI_USER : SI_KERNEL);
    return true;
  };
  signalHooks.childExited = (k, parent, child) => notifyParentExit(k, parent, child);
  signalHooks.beforeUser = beforeUser;
  signalHooks.cloned = cloned;
  signalHooks.exited = (k, p, kids) => { cancelRealTimer(k, p); processExited(k, p, kids); };
  execHooks.onExec = onExec;
  // Terminal job control: background reads stop with SIGTTIN, background writes under TOSTOP with SIGTTOU.
  ttyHooks.checkRead = (k, t, tty) => ttyResult(ttyJobControl(k, t, tty, SIGTTIN));
  ttyHooks.checkWrite = (k, t, tty) => (tty.ldisc.termios.lflag & TOSTOP ? ttyResult(ttyJobControl(k, t, tty, SIGTTOU)) : 0);
  ttyHooks.checkChange = (k, t, tty) => ttyResult(ttyJobControl(k, t, tty, SIGTTOU));
  ttyHooks.signalGroup = signalGroup;
  ttyHooks.acquired = noteTty;
}

function ttyResult(r: number): 0 | 'restart' | typeof EIO {
  return r === TTY_RESTART ? 'restart' : r === TTY_EIO ? EIO : 0;
}

/** copy_sighand / copy_signal / sas_ss_reset for a new task. */
function cloned(_k: Kernel, parent: Task, child: Task, flags: number): void {
  if (child.proc !== parent.proc && !(flags & CLONE_SIGHAND)) child.proc.sighand = new SigHand(sigHand(parent.proc));
  const ps = taskSig(parent), cs = taskSig(child);
  if ((flags & (CLONE_VM | CLONE_VFORK)) !== CLONE_VM) { cs.altSp = ps.altSp; cs.altSize = ps.altSize; cs.altFlags = ps.altFlags; }
}

/** flush_signal_handlers at exec: caught signals go back to default, ignored stay ignored; the mask and pending signals stay. */
function onExec(_k: Kernel, t: Task): void {
  const p = t.proc;
  execed.add(p);
  const old = sigHand(p);
  const fresh = new SigHand(old); // unshare (a CLONE_SIGHAND sibling keeps the old one)
  for (const a of fresh.actions) { if (a.handler !== SIG_IGN) a.handler = SIG_DFL; a.flags = 0; a.mask = 0n; }
  p.sighand = fresh;
  const ts = taskSig(t);
  ts.altSp = 0; ts.altSize = 0; ts.altFlags = SS_DISABLE;
  ts.savedMask = null;
}

/** Signal state of a process for /proc/[pid]/status (masks as 64-bit sets). */
export interface SignalSnapshot {
  /** Queued signals / limit (SigQ). */
  readonly queued: number;
  readonly shdPnd: bigint;
  readonly sigIgn: bigint;
  readonly sigCgt: bigint;
  /** Per thread: tid, SigPnd, SigBlk. */
  readonly threads: readonly { tid: number; sigPnd: bigint; sigBlk: bigint }[];
}

export function signalSnapshot(p: Process): SignalSnapshot {
  const h = sigHand(p);
  let ign = 0n, cgt = 0n;
  for (let s = 1; s < h.actions.length; s++) {
    const a = h.actions[s];
    if (a.handler === SIG_IGN) ign |= 1n << BigInt(s - 1);
    else if (a.handler !== SIG_DFL) cgt |= 1n << BigInt(s - 1);
  }
  const shared = procSig(p).shared;
  let queued = shared.infos.length;
  const threads = p.threads.map((t) => { const q = taskSig(t).pending; queued += q.infos.length; return { tid: t.tid, sigPnd: q.mask, sigBlk: t.sigmask }; });
  return { queued, shdPnd: shared.mask, sigIgn: ign, sigCgt: cgt, threads };
}

export { sendFrom, sendSignalInfo, forceInfo, signalWakeUp } from './send.js';
export { taskSig, procSig, sigHand, makeInfo, deliverable, SigHand } from './state.js';
export {
  stopReport, contReport, consumeStop, consumeCont, ttyJobControl, noteTty, signalGroup, sessionTty,
  isOrphanedPgrp, TTY_OK, TTY_EIO, TTY_RESTART, type Ctty,
} from './jobctl.js';
export { getRealTimer, setRealTimer } from './itimer.js';
export { restoreFrame, doSigaltstack, altFlags, onSigStack, ALT_OK, ALT_EPERM, ALT_EINVAL, ALT_ENOMEM } from './frame.js';
