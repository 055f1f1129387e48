// Process lifecycle mechanisms (Linux kernel/fork.c, exit.c): copying a task
// for clone, thread and process exit (clear_child_tid, zombies, reparenting),
// reaping for wait4/waitid, and killing. Signal *delivery* belongs to the
// signals issue: until it lands, a signal's default action is applied here
// (terminate with the signal), and the hooks below let it take over.
import { TaskState, type Task, type Process } from './task.js';
import type { Kernel, PowerReason } from './kernel.js';
import { getUser32, getUser64, putUser32 } from './mm/uaccess.js';
import { futexWake } from './futex.js';
import { SIGCHLD, SIGKILL, SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGQUIT, SIGFPE, SIGCONT, SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU, SIGWINCH, SIGURG } from '../abi/linux.js';
import { fireProbe, probesEnabled } from './module/hooks.js';
import { ptraceHooks } from './ptrace/hooks.js';

/**
 * Hooks for the signals issue. `force` is called for synchronous faults
 * (SIGSEGV, SIGILL...) and `send` for kill/tgkill; returning true means the
 * signal subsystem took it (queued, delivered or ignored). `childExited`
 * notifies a parent (SIGCHLD).
 */
export const signalHooks: {
  force: ((k: Kernel, t: Task, sig: number, code: number, addr: number) => boolean) | null;
  send: ((k: Kernel, p: Process, t: Task | null, sig: number) => boolean) | null;
  childExited: ((k: Kernel, parent: Process, child: Process) => void) | null;
  /** Runs before a task with t.notify != 0 returns to user mode: set up signal frames, EINTR a blocked call (t.blockedIn). */
  beforeUser: ((k: Kernel, t: Task) => void) | null;
  /** clone made child from parent (signal handlers copied or shared, alternate stack). */
  cloned: ((k: Kernel, parent: Task, child: Task, flags: number) => void) | null;
  /** p became a zombie (after reparenting its former children): orphaned process groups, session hangup. */
  exited: ((k: Kernel, p: Process, oldChildren: Process[]) => void) | null;
} = { force: null, send: null, childExited: null, beforeUser: null, cloned: null, exited: null };

/** Signals whose default action dumps core (wait status carries 0x80). */
const CORE_SIGS = new Set([SIGQUIT, SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE, SIGSEGV, 24, 25, 31]);
/** Signals whose default action is to ignore. */
const IGNORED_SIGS = new Set([SIGCHLD, SIGCONT, SIGURG, SIGWINCH]);
const STOP_SIGS = new Set([SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU]);

/** A synchronous fault signal for t (fault, illegal instruction...). */
export function forceSignal(k: Kernel, t: Task, sig: number, code: number, addr: number): void {
  if (signalHooks.force?.(k, t, sig, code, addr)) return;
  k.printk(`${t.proc.comm}[${t.tid}]: unhandled signal ${sig} code 0x${code.toString(16)} at 0x${addr.toString(16)} pc 0x${k.pcOf(t).toString(16)}`);
  killProcess(k, t.proc, sig);
}

/** Sends sig to a process (or one thread): default actions only until the signals issue installs its hook. */
export function sendSignal(k: Kernel, p: Process, t: Task | null, sig: number): void {
  if (sig === 0 || p.zombie) return;
  if (sig !== SIGKILL && signalHooks.send?.(k, p, t, sig)) return;
  if (IGNORED_SIGS.has(sig) || STOP_SIGS.has(sig)) return;
  // Dispositions recorded by the placeholder rt_sigaction: SIG_IGN ignores; a handler cannot run
  // before the signals issue, so the signal is dropped rather than killing a process that caught it.
  const rec = Array.isArray(p.sighand) ? (p.sighand as Uint8Array[])[sig] : undefined;
  if (sig !== SIGKILL && rec !== undefined && rec.length >= 8 && rec.some((b, i) => i < 8 && b !== 0)) return;
  killProcess(k, p, sig);
}

/** Terminates every thread of p as if by signal sig (wait status = sig | core flag). */
export function killProcess(k: Kernel, p: Process, sig: number): void {
  if (p.zombie || p.threads.length === 0) return;
  const status = (sig & 0x7f) | (CORE_SIGS.has(sig) ? 0x80 : 0);
  exitGroup(k, p.threads[0], status);
}

const FUTEX_WAITERS = 0x80000000 | 0, FUTEX_OWNER_DIED = 0x40000000, FUTEX_TID_MASK = 0x3fffffff;

/** Linux's handle_futex_death: a robust futex held by the dying thread gets OWNER_DIED and one waiter is woken. */
function futexDeath(k: Kernel, t: Task, uaddr: number): void {
  const v = getUser32(t.mm, uaddr);
  if (typeof v !== 'number' || (v & FUTEX_TID_MASK) !== t.tid) return;
  if (putUser32(t.mm, uaddr, (v & FUTEX_WAITERS) | FUTEX_OWNER_DIED) !== 0) return;
  if (v & FUTEX_WAITERS) futexWake(k, t, uaddr, 1, -1, true);
}

/** Walks the thread's robust futex list (set_robust_list) at exit, as exit_robust_list does. */
function exitRobustList(k: Kernel, t: Task): void {
  const head = t.robustList;
  if (head === 0 || t.mm.users <= 0) return;
  t.robustList = 0;
  let entry = getUser64(t.mm, head);
  const off = getUser64(t.mm, head + 8);
  const pending = getUser64(t.mm, head + 16);
  if (typeof entry !== 'number' || typeof off !== 'number' || typeof pending !== 'number') return;
  for (let limit = 0; entry !== head && entry !== 0 && limit < 2048; limit++) {
    const e = entry - (entry % 2);
    const next = getUser64(t.mm, e);
    if (typeof next !== 'number') return;
    if (e !== pending) futexDeath(k, t, e + off);
    entry = next;
  }
  if (pending !== 0) futexDeath(k, t, pending - (pending % 2) + off);
}

/** Ends one thread; the last thread out ends the process with `status` (wait encoding). */
export function exitThread(k: Kernel, t: Task, status: number): void {
  if (t.state === TaskState.DEAD) return;
  if (probesEnabled.any) fireProbe(k, 'sched:sched_process_exit', t, [t.proc.pid, t.tid, status]);
  try { exitRobustList(k, t); } catch (e) { k.printk(`robust list of ${t.tid}: ${String(e)}`); }
  if (t.clearChildTid !== 0 && t.mm.users > 0) {
    if (putUser32(t.mm, t.clearChildTid, 0) === 0) futexWake(k, t, t.clearChildTid, 1, -1, true);
  }
  for (const q of t.waitingOn) q.remove(t);
  t.waitingOn = [];
  k.sched.remove(t);
  t.state = TaskState.DEAD;
  k.dropCurrent(t);
  k.tasks.delete(t.tid);
  const p = t.proc;
  const i = p.threads.indexOf(t);
  if (i >= 0) p.threads.splice(i, 1);
  if (p.threads.length === 0) exitProcess(k, p, status);
}

/** exit_group: every thread of t's process ends; the process exits with `status` (wait encoding). */
export function exitGroup(k: Kernel, t: Task, status: number): void {
  const p = t.proc;
  for (const o of [...p.threads]) if (o !== t) exitThreadQuiet(k, o);
  exitThread(k, t, status);
}

function exitThreadQuiet(k: Kernel, t: Task): void {
  try { exitRobustList(k, t); } catch (e) { k.printk(`robust list of ${t.tid}: ${String(e)}`); }
  for (const q of t.waitingOn) q.remove(t);
  t.waitingOn = [];
  k.sched.remove(t);
  t.state = TaskState.DEAD;
  k.dropCurrent(t);
  k.tasks.delete(t.tid);
  const i = t.proc.threads.indexOf(t);
  if (i >= 0) t.proc.threads.splice(i, 1);
}

/** Releases a process's resources, makes it a zombie and tells its parent. */
function exitProcess(k: Kernel, p: Process, status: number): void {
  p.exitStatus = status;
  if (--p.files.users === 0) p.files.closeAll();
  if (--p.fs.users < 0) p.fs.users = 0;
  releaseMm(k, p);
  if (p.vforkDone) { p.vforkDone.wakeAll(); p.vforkDone = null; }
  // Reparent children to init (pid 1) when it is alive, else detach them (reaped at exit).
  const init = k.procs.get(1);
  const oldChildren = [...p.children];
  for (const c of p.children) {
    c.parent = init !== undefined && init !== p && !init.zombie ? init : null;
    c.parent?.children.add(c);
    if (c.zombie && c.parent === null) reap(k, c);
    else if (c.zombie) c.parent?.childWait.wakeAll();
  }
  p.children.clear();
  p.zombie = true;
  signalHooks.exited?.(k, p, oldChildren);
  // A tracer other than the parent collects the exit first; the parent's SIGCHLD waits for that (ptrace/index.ts).
  const delayed = ptraceHooks.tracing > 0 && ptraceHooks.exited(k, p);
  const parent = p.parent;
  if (parent !== null && !parent.zombie) {
    parent.childWait.wakeAll();
    if (!delayed) signalHooks.childExited?.(k, parent, p);
  }
  const ls = k.exitListeners.get(p.pid);
  if (ls !== undefined) { k.exitListeners.delete(p.pid); for (const f of ls) f(status); }
  if (parent === null) reap(k, p);
  // Init exiting stops the machine (Linux panics instead): the board reports init's status.
  if (p.pid === 1) machineStop(k, 'init', status, null);
}

/**
 * Stops the machine through the board's power control: every process but the caller's dies
 * (init last) and the run loop finds nothing left to run. False when the board does not stop.
 */
export function machineStop(k: Kernel, reason: PowerReason, status: number, caller: Process | null): boolean {
  if (k.power === null || !k.power(reason, status)) return false;
  if (reason !== 'init') k.printk(`reboot: ${reason === 'reboot' ? 'Restarting system' : reason === 'halt' ? 'System halted' : 'Power down'}`);
  const procs = [...k.procs.values()].filter((q) => q !== caller && !q.zombie).sort((a, b) => b.pid - a.pid);
  for (const q of procs) killProcess(k, q, SIGKILL);
  return true;
}

/** Drops p's reference to its address space (destroyed when the last user goes). */
export function releaseMm(k: Kernel, p: Process): void {
  const mm = p.mm;
  if (mm.users <= 0) return;
  if (--mm.users === 0) {
    for (const t of p.threads) k.dropCurrent(t);
    if (k.current?.mm === mm) k.current = null;
    mm.destroy();
  }
}

/** Removes a zombie for good. */
export function reap(k: Kernel, p: Process): void {
  p.parent?.children.delete(p);
  k.procs.delete(p.pid);
}

