// Job control (Linux kernel/signal.c do_signal_stop / do_notify_parent*,
// kernel/exit.c kill_orphaned_pgrp): group stop and continue, SIGCHLD to the
// parent on exit, stop and continue (with SA_NOCLDSTOP / SA_NOCLDWAIT /
// SIG_IGN auto-reaping), the once-only stop/continue reports wait4 and waitid
// consume, orphaned process groups, and sessions' controlling terminals.
import type { Kernel } from '../kernel.js';
import { TaskState, type Process } from '../task.js';
import { reap } from '../proc.js';
import {
  CLD_CONTINUED, CLD_DUMPED, CLD_EXITED, CLD_KILLED, CLD_STOPPED, SA_NOCLDSTOP, SA_NOCLDWAIT, SIG_IGN,
  SI_PID, SI_STATUS, SI_UID, SI_UTIME, SI_STIME, sigbit,
} from '../../abi/signal.js';
import { SIGCHLD, SIGCONT, SIGHUP } from '../../abi/linux.js';
import { makeInfo, procSig, sigHand, taskSig } from './state.js';
import { sendFrom, sendSignalInfo } from './send.js';

/** A SIGCHLD record about child c. */
function childInfo(k: Kernel, sig: number, c: Process, code: number, status: number): Uint8Array {
  const info = makeInfo(sig, code);
  const v = new DataView(info.buffer);
  v.setInt32(SI_PID, c.pid, true);
  v.setInt32(SI_UID, c.cred.uid, true);
  v.setInt32(SI_STATUS, status, true);
  // utime/stime in clock ticks (USER_HZ = 100), from instructions retired at 10 ns each.
  const ticks = Math.floor(c.threads.reduce((n, t) => n + t.instret, 0) * k.nsPerInsn / 1e7);
  v.setInt32(SI_UTIME, ticks, true);
  v.setInt32(SI_STIME, 0, true);
  return info;
}

/** do_notify_parent: child c exited; tell its parent (SIGCHLD or the clone exit signal). */
export function notifyParentExit(k: Kernel, parent: Process, c: Process): void {
  const st = c.exitStatus;
  const sig = st & 0x7f;
  const code = sig === 0 ? CLD_EXITED : st & 0x80 ? CLD_DUMPED : CLD_KILLED;
  const status = sig === 0 ? (st >> 8) & 0xff : sig;
  const exitSig = c.exitSignal;
  let autoreap = false;
  if (exitSig === SIGCHLD) {
    const a = sigHand(parent).actions[SIGCHLD];
    if (a.handler === SIG_IGN || (a.flags & SA_NOCLDWAIT)) autoreap = true;
  }
  if (exitSig > 0 && exitSig <= 64) sendSignalInfo(k, parent, null, childInfo(k, exitSig, c, code, status));
  if (autoreap) { reap(k, c); parent.childWait.wakeAll(); }
}

/** do_notify_parent_cldstop: c stopped (CLD_STOPPED) or continued (CLD_CONTINUED). */
function notifyParentStop(k: Kernel, c: Process, code: number, status: number): void {
  const parent = c.parent;
  if (parent === null || parent.zombie) return;
  if (!(sigHand(parent).actions[SIGCHLD].flags & SA_NOCLDSTOP)) sendSignalInfo(k, parent, null, childInfo(k, SIGCHLD, c, code, status));
  parent.childWait.wakeAll();
}

/** Group stop: every thread of p stops; the parent learns of it (do_signal_stop). */
export function stopGroup(k: Kernel, p: Process, sig: number): void {
  const ps = procSig(p);
  for (const t of p.threads) {
    if (t.state === TaskState.DEAD || t.state === TaskState.STOPPED) continue;
    if (t.state === TaskState.SLEEPING) {
      // Leave the wait; the call is re-executed (restarted) after SIGCONT.
      for (const q of t.waitingOn) q.remove(t);
      t.waitingOn = [];
      t.wakeAt = -1;
    }
    k.sched.remove(t);
    t.state = TaskState.STOPPED;
    t.wchan = 'do_signal_stop';
  }
  if (ps.stopped) return;
  ps.stopped = true;
  ps.stopCode = sig;
  ps.continued = false;
  notifyParentStop(k, p, CLD_STOPPED, sig);
}

/** SIGCONT side effect: resumes a stopped group and tells the parent. */
export function continueGroup(k: Kernel, p: Process): void {
  const ps = procSig(p);
  for (const t of p.threads) {
    if (t.state !== TaskState.STOPPED || t.wchan === 'ptrace_stop') continue; // SIGCONT does not end a ptrace stop
    t.state = TaskState.RUNNABLE;
    t.wchan = '';
    t.notify = 1;
    k.sched.enqueue(t);
  }
  if (!ps.stopped) return;
  ps.stopped = false;
  ps.stopCode = 0;
  ps.continued = true;
  notifyParentStop(k, p, CLD_CONTINUED, SIGCONT);
}

// ---- wait4/waitid reports ----

/** The stop signal wait can report for c (WUNTRACED), or 0. */
export function stopReport(c: Process): number { const s = procSig(c); return s.stopped ? s.stopCode : 0; }
/** Whether a continue is reportable (WCONTINUED). */
export function contReport(c: Process): boolean { return procSig(c).continued; }
/** Marks the report as consumed (not under WNOWAIT). */
export function consumeStop(c: Process): void { procSig(c).stopCode = 0; }
export function consumeCont(c: Process): void { procSig(c).continued = false; }

// ---- process groups and sessions ----

/** Linux's will_become_orphaned_pgrp: no member has a parent in another group of the same session (init's children don't count). */
export function isOrphanedPgrp(k: Kernel, pgid: number, ignore: Process | null = null): boolean {
  for (const p of k.procs.values()) {
    if (p.pgid !== pgid || p === ignore || p.zombie) continue;
    const par = p.parent;
    if (par === null || par.pid === 1 || par.zombie) continue;
    if (par.pgid !== pgid && par.sid === p.sid) return false;
  }
  return true;
}

function hasStoppedJobs(k: Kernel, pgid: number): boolean {
  for (const p of k.procs.values()) if (p.pgid === pgid && !p.zombie && procSig(p).stopped) return true;
  return false;
}

/** SIGHUP then SIGCONT to every member of pgid (a newly orphaned group with stopped members). */
function hangupGroup(k: Kernel, pgid: number): void {
  const members = [...k.procs.values()].filter((p) => p.pgid === pgid && !p.zombie);
  for (const p of members) sendFrom(k, null, p, null, SIGHUP, 0x80);
  for (const p of members) sendFrom(k, null, p, null, SIGCONT, 0x80);
}

/** kill_orphaned_pgrp for an exiting process p (its own group, then each child's), and the session leader's hangup. */
export function processExited(k: Kernel, p: Process, oldChildren: Process[]): void {
  const par = p.parent;
  if (par !== null && par.pgid !== p.pgid && par.sid === p.sid
      && isOrphanedPgrp(k, p.pgid, p) && hasStoppedJobs(k, p.pgid)) hangupGroup(k, p.pgid);
  for (const c of oldChildren) {
    if (c.pgid !== p.pgid && c.sid === p.sid && isOrphanedPgrp(k, c.pgid, p) && hasStoppedJobs(k, c.pgid)) hangupGroup(k, c.pgid);
  }
  if (p.sid === p.pid) sessionLeaderExited(k, p);
}

// ---- controlling terminals ----

/** What job control needs from a terminal (fs/tty.ts's Tty has these fields). */
export interface Ctty {
  /** Session the terminal controls, or 0. */
  sid: number;
  /** Foreground process group, or 0. */
  pgrp: number;
  /** Device number (new_encode_dev), for /proc/[pid]/stat tty_nr. */
  readonly rdev?: number;
}

/** Terminals seen by job control, to find a session's terminal when its leader exits. */
const knownTtys = new WeakMap<Kernel, Set<Ctty>>();
export function noteTty(k: Kernel, tty: Ctty): void {
  let s = knownTtys.get(k);
  if (s === undefined) { s = new Set(); knownTtys.set(k, s); }
  s.add(tty);
}

/** The controlling terminal of session sid (get_current_tty for /proc's tty_nr and tpgid), or null. */
export function sessionTty(k: Kernel, sid: number): Ctty | null {
  if (sid <= 0) return null;
  for (const tty of knownTtys.get(k) ?? []) if (tty.sid === sid) return tty;
  return null;
}

/** Sends sig to every live member of process group pgrp (kill_pgrp from the kernel: SI_KERNEL). */
export function signalGroup(k: Kernel, pgrp: number, sig: number): void {
  for (const q of [...k.procs.values()]) if (q.pgid === pgrp && !q.zombie) sendFrom(k, null, q, null, sig, 0x80);
}

/** disassociate_ctty at a session leader's exit: SIGHUP then SIGCONT to the foreground group; the terminal is freed. */
function sessionLeaderExited(k: Kernel, p: Process): void {
  for (const tty of knownTtys.get(k) ?? []) {
    if (tty.sid !== p.sid) continue;
    if (tty.pgrp > 0) { signalGroup(k, tty.pgrp, SIGHUP); signalGroup(k, tty.pgrp, SIGCONT); }
    tty.sid = 0;
    tty.pgrp = 0;
  }
}

export const TTY_OK = 0, TTY_EIO = 1, TTY_RESTART = 2;
/**
 * Background access to the controlling terminal (Linux's __tty_check_change):
 * a read from a background group sends SIGTTIN, a write under TOSTOP (or a
 * termios change) SIGTTOU, to the caller's whole group. TTY_OK: proceed.
 * TTY_EIO: the group is orphaned, or SIGTTIN is ignored/blocked. TTY_RESTART:
 * the signal was sent; the caller should return BLOCK without sleeping so the
 * call is restarted (or fails with EINTR) as the signal's handling decides.
 */
export function ttyJobControl(k: Kernel, t: { proc: Process; sigmask: bigint }, tty: Ctty, sig: number): number {
  noteTty(k, tty);
  const p = t.proc;
  if (tty.sid !== p.sid || tty.pgrp === 0 || p.pgid === tty.pgrp) return TTY_OK;
  const ignored = sigHand(p).actions[sig].handler === SIG_IGN || (t.sigmask & sigbit(sig)) !== 0n;
  if (ignored) return sig === 21 ? TTY_EIO : TTY_OK;
  if (isOrphanedPgrp(k, p.pgid)) return TTY_EIO;
  signalGroup(k, p.pgid, sig);
  return TTY_RESTART;
}

export { taskSig };
