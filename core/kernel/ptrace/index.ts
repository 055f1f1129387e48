// ptrace's tracer/tracee relation and its stops (Linux kernel/ptrace.c and the
// ptrace parts of kernel/signal.c, exit.c, fork.c): attach/seize/traceme,
// detach, resume (CONT/SYSCALL), the ptrace stops (signal-delivery, syscall
// enter/exit, PTRACE_EVENT, group-stop as seen by the tracer), the wait
// statuses the tracer collects, and exit/reparenting. Installs ptraceHooks.
import type { Kernel } from '../kernel.js';
import { TaskState, type Process, type Task } from '../task.js';
import { ptraceHooks } from './hooks.js';
import { killProcess, reap, signalHooks } from '../proc.js';
import { getReg } from '../trap.js';
import { makeInfo, procSig, sendSignalInfo, sendFrom } from '../signal/index.js';
import { SIGCHLD, SIGKILL, SIGSTOP, SIGTRAP, CLONE_VFORK, CLONE_VM } from '../../abi/linux.js';
import { CLD_TRAPPED, SI_PID, SI_STATUS, SI_UID, SI_KERNEL, SI_USER } from '../../abi/signal.js';

export const O_TRACESYSGOOD = 1, O_TRACEFORK = 2, O_TRACEVFORK = 4, O_TRACECLONE = 8, O_TRACEEXEC = 0x10;
export const O_TRACEVFORKDONE = 0x20, O_TRACEEXIT = 0x40, O_TRACESECCOMP = 0x80, O_EXITKILL = 0x100000, O_SUSPEND_SECCOMP = 0x200000;
export const O_MASK = 0xff | O_EXITKILL | O_SUSPEND_SECCOMP;
export const EV_FORK = 1, EV_VFORK = 2, EV_CLONE = 3, EV_EXEC = 4, EV_VFORK_DONE = 5, EV_EXIT = 6, EV_STOP = 128;
/** ptrace_message values of syscall stops (PTRACE_EVENTMSG_SYSCALL_*). */
export const MSG_SYSCALL_ENTRY = 1, MSG_SYSCALL_EXIT = 2;

export type StopKind = 'signal' | 'entry' | 'exit' | 'event' | 'group' | 'none';

/** One traced task (Linux keeps this in task_struct: ptrace, parent, last_siginfo, ptrace_message). */
export interface Tracee {
  readonly task: Task;
  tracer: Process;
  options: number;
  seized: boolean;
  /** Resume mode: stop at syscall entry/exit (PTRACE_SYSCALL). */
  syscall: boolean;
  /** In a ptrace stop (STOPPED with wchan ptrace_stop). */
  stopped: boolean;
  kind: StopKind;
  /** Wait status not yet collected by the tracer, or 0. */
  report: number;
  /** last_siginfo: the stop's siginfo (GETSIGINFO/SETSIGINFO). */
  siginfo: Uint8Array | null;
  /** A resumed signal-delivery-stop's verdict, taken by delivery. */
  inject: { sig: number; info: Uint8Array } | null;
  /** PTRACE_INTERRUPT requested (seized tracee). */
  interrupt: boolean;
  message: number;
  /** Syscall-enter stop reported for the call about to be re-executed. */
  entryDone: boolean;
  exitEventDone: boolean;
  /** PTRACE_EVENT to report at the next syscall exit (fork/clone/exec). */
  pendingEvent: number;
  /** Syscall-exit stop owed after an event stop at exit. */
  exitStopOwed: boolean;
  /** Syscall number and arguments at entry (PTRACE_GET_SYSCALL_INFO). */
  nr: number;
  readonly args: number[];
  /** The group stop already reported to the tracer. */
  groupReported: boolean;
  /** The process exited and the tracer has not collected it. */
  exited: boolean;
  /** A signal that interrupted a blocked call, shown after that call's exit stop. */
  deferred: { sig: number; info: Uint8Array } | null;
  /** The exit stop of an interrupted call reports this (-ERESTART*) instead of a0, which the restart still needs. */
  rvalOverride: number;
}

const tracees = new Map<Task, Tracee>();

export function traceeOf(t: Task): Tracee | undefined { return tracees.get(t); }
export function tracerPid(p: Process): number {
  for (const t of p.threads) { const s = tracees.get(t); if (s !== undefined) return s.tracer.pid; }
  return 0;
}
export function inPtraceStop(t: Task): boolean { return tracees.get(t)?.stopped === true; }

/** Links t to tracer (ptrace_link). */
export function link(t: Task, tracer: Process, seized: boolean, options: number): Tracee {
  const s: Tracee = {
    task: t, tracer, options, seized, syscall: false, stopped: false, kind: 'none', report: 0, siginfo: null, inject: null,
    interrupt: false, message: 0, entryDone: false, exitEventDone: false, pendingEvent: 0, exitStopOwed: false,
    nr: -1, args: [0, 0, 0, 0, 0, 0], groupReported: false, exited: false, deferred: null, rvalOverride: 0,
  };
  tracees.set(t, s);
  ptraceHooks.tracing = tracees.size;
  return s;
}

function unlink(s: Tracee): void {
  tracees.delete(s.task);
  ptraceHooks.tracing = tracees.size;
}

/** Tells the tracer a tracee changed state (wake its wait, SIGCHLD with CLD_TRAPPED). */
function notifyTracer(k: Kernel, s: Tracee, status: number): void {
  const tr = s.tracer;
  if (tr.zombie) return;
  tr.childWait.wakeAll();
  const info = makeInfo(SIGCHLD, CLD_TRAPPED);
  const v = new DataView(info.buffer);
  v.setInt32(SI_PID, s.task.tid, true);
  v.setInt32(SI_UID, s.task.proc.cred.uid, true);
  v.setInt32(SI_STATUS, (status >> 8) & 0xff, true);
  sendSignalInfo(k, tr, null, info);
}

/** ptrace_stop: t (usually current) stops and its tracer is told; `status` is what wait reports. */
export function ptraceStop(k: Kernel, s: Tracee, kind: StopKind, status: number, info: Uint8Array | null): void {
  const t = s.task;
  s.stopped = true;
  s.kind = kind;
  s.report = status;
  s.siginfo = info;
  k.sched.remove(t);
  t.state = TaskState.STOPPED;
  t.wchan = 'ptrace_stop';
  notifyTracer(k, s, status);
}

/** ERESTARTSYS (512), ERESTARTNOHAND (514) for poll/select/epoll/sigsuspend/sigtimedwait, ERESTART_RESTARTBLOCK (516) for sleeps. */
function restartCode(nr: number): number {
  if (nr === 101 || nr === 115) return 516;
  if (nr === 22 || nr === 72 || nr === 73 || nr === 133 || nr === 137 || nr === 441) return 514;
  return 512;
}

function trapInfo(code: number): Uint8Array { return makeInfo(SIGTRAP, code); }

function syscallStop(k: Kernel, s: Tracee, entry: boolean): void {
  const code = SIGTRAP | (s.options & O_TRACESYSGOOD ? 0x80 : 0);
  s.message = entry ? MSG_SYSCALL_ENTRY : MSG_SYSCALL_EXIT;
  ptraceStop(k, s, entry ? 'entry' : 'exit', (code << 8) | 0x7f, trapInfo(code));
}

function eventStop(k: Kernel, s: Tracee, event: number, message: number): void {
  s.message = message;
  const code = SIGTRAP | (event << 8);
  ptraceStop(k, s, 'event', (code << 8) | 0x7f, trapInfo(code));
}

/** Resumes a stopped tracee (ptrace_resume); sig is the signal to deliver from a signal-delivery-stop. */
export function resume(k: Kernel, s: Tracee, syscall: boolean, sig: number): void {
  const t = s.task;
  s.syscall = syscall;
  if (s.stopped && s.kind === 'signal') {
    const orig = s.siginfo;
    s.inject = { sig, info: orig !== null && orig[0] === sig ? orig : makeInfo(sig, SI_USER) };
    if (sig !== 0 && orig !== null && orig[0] !== sig) {
      const v = new DataView(s.inject.info.buffer);
      v.setInt32(SI_PID, s.tracer.pid, true);
      v.setInt32(SI_UID, s.tracer.cred.uid, true);
    }
  }
  if (s.stopped && s.kind === 'event' && s.exitStopOwed) {
    s.exitStopOwed = false;
    if (syscall) { s.stopped = false; syscallStop(k, s, false); return; }
  }
  s.stopped = false;
  s.kind = 'none';
  s.report = 0;
  s.groupReported = false;
  s.rvalOverride = 0;
  if (t.state === TaskState.STOPPED && !t.proc.zombie) {
    t.state = TaskState.RUNNABLE;
    t.wchan = '';
    t.notify = 1;
    k.sched.enqueue(t);
  }
}

/** PTRACE_DETACH (and the tracer's exit): unlink, resume with sig. */
export function detach(k: Kernel, s: Tracee, sig: number): void {
  const wasStopped = s.stopped || s.task.state === TaskState.STOPPED;
  if (wasStopped) resume(k, s, false, sig);
  unlink(s);
  // A zombie the tracer never collected goes back to its real parent.
  const p = s.task.proc;
  if (p.zombie) releaseZombie(k, p);
}

/** The tracer is done with zombie p: its real parent can now wait for it and gets its SIGCHLD (do_notify_parent). */
function releaseZombie(k: Kernel, p: Process): void {
  const par = p.parent;
  if (par === null || par.zombie) return;
  par.childWait.wakeAll();
  signalHooks.childExited?.(k, par, p);
}

function install(): void {
  ptraceHooks.enter = (t, nr) => {
    const s = tracees.get(t);
    if (s === undefined) return false;
    if (t.blockedIn >= 0) return false; // a blocked call being re-executed: its entry was reported
    const k = t.kernel;
    if (!s.entryDone && s.syscall) {
      const x = k.regsOf(t);
      s.nr = nr;
      for (let i = 0; i < 6; i++) s.args[i] = getReg(x, 10 + i);
      s.entryDone = true;
      syscallStop(k, s, true);
      return true;
    }
    if ((nr === 93 || nr === 94) && (s.options & O_TRACEEXIT) && !s.exitEventDone) {
      s.exitEventDone = true;
      eventStop(k, s, EV_EXIT, (getReg(k.regsOf(t), 10) & 0xff) << 8);
      return true;
    }
    s.entryDone = false;
    s.exitEventDone = false;
    s.nr = nr;
    if (nr === -1) {
      // The tracer set a7 = -1 at the entry stop: the call is skipped and a0 keeps what the tracer left (riscv do_trap_ecall_u).
      k.setPc(t, k.pcOf(t) + 4);
      if (s.syscall) syscallStop(k, s, false);
      return true;
    }
    return false;
  };
  ptraceHooks.exit = (t, nr, ok) => {
    const s = tracees.get(t);
    if (s === undefined || t.state === TaskState.DEAD) return;
    const k = t.kernel;
    s.entryDone = false;
    if (nr === 221 && ok) {
      if (s.options & O_TRACEEXEC) s.pendingEvent = EV_EXEC;
      else sendFrom(k, t, t.proc, t, SIGTRAP, SI_USER) // send_sig(SIGTRAP, current, 0);
    }
    if (s.pendingEvent !== 0) {
      const ev = s.pendingEvent;
      s.pendingEvent = 0;
      s.exitStopOwed = true;
      eventStop(k, s, ev, ev === EV_EXEC ? t.proc.pid : s.message);
      if (!s.syscall) s.exitStopOwed = false;
      return;
    }
    if (s.syscall) syscallStop(k, s, false);
  };
  ptraceHooks.injected = (k, t) => {
    const s = tracees.get(t);
    if (s === undefined) return null;
    if (s.inject !== null) { const r = s.inject; s.inject = null; return r; }
    if (s.deferred !== null) {
      const d = s.deferred;
      s.deferred = null;
      ptraceStop(k, s, 'signal', (d.sig << 8) | 0x7f, d.info);
      return 'stopped';
    }
    if (s.interrupt) {
      s.interrupt = false;
      const code = SIGTRAP | (EV_STOP << 8);
      ptraceStop(k, s, 'event', (code << 8) | 0x7f, trapInfo(code));
      return 'stopped';
    }
    return null;
  };
  ptraceHooks.signalStop = (k, t, sig, info) => {
    const s = tracees.get(t);
    if (s === undefined || sig === SIGKILL) return false;
    if (t.blockedIn >= 0 && s.syscall) {
      // The blocked call returns -ERESTART* first (its syscall-exit stop), then the signal is shown.
      s.deferred = { sig, info };
      s.rvalOverride = -restartCode(t.blockedIn);
      s.nr = t.blockedIn;
      syscallStop(k, s, false);
      return true;
    }
    ptraceStop(k, s, 'signal', (sig << 8) | 0x7f, info);
    return true;
  };
  ptraceHooks.cloned = (t, child, flags, exitSignal) => {
    const s = tracees.get(t);
    if (s === undefined) return;
    let ev: number, opt: number;
    if (flags & CLONE_VFORK) { ev = EV_VFORK; opt = O_TRACEVFORK; }
    else if (exitSignal === SIGCHLD && !(flags & CLONE_VM)) { ev = EV_FORK; opt = O_TRACEFORK; }
    else { ev = EV_CLONE; opt = O_TRACECLONE; }
    if (!(s.options & opt)) return;
    const c = link(child, s.tracer, s.seized, s.options);
    s.pendingEvent = ev;
    s.message = child.tid;
    const k = t.kernel;
    if (s.seized) c.interrupt = true, child.notify = 1;
    else sendFrom(k, null, child.proc, child, SIGSTOP, SI_KERNEL);
  };
  ptraceHooks.exited = (k, p) => {
    let delayed = false;
    for (const s of [...tracees.values()]) {
      if (s.task.proc === p) {
        s.stopped = false;
        s.exited = true;
        s.report = 0;
        notifyTracer(k, s, p.exitStatus);
        if (s.tracer !== p.parent && !s.tracer.zombie) delayed = true;
      } else if (s.tracer === p) {
        if (s.options & O_EXITKILL) { unlink(s); killProcess(k, s.task.proc, SIGKILL); } // its exit goes to the real parent as usual
        else detach(k, s, 0);
      }
    }
    return delayed;
  };
  ptraceHooks.wait = (t, pid, exits, stops, consume) => {
    let any = false;
    for (const s of tracees.values()) {
      if (s.tracer !== t.proc) continue;
      const tp = s.task.proc;
      if (!(pid === -1 || s.task.tid === pid || (pid === 0 && tp.pgid === t.proc.pgid) || (pid < -1 && tp.pgid === -pid))) continue;
      any = true;
      let st = 0;
      let group = false;
      if (s.exited) st = exits ? -1 : 0;
      else if (!stops) st = 0;
      else if (s.stopped && s.report !== 0) st = s.report;
      else if (!s.stopped && s.task.state === TaskState.STOPPED && procSig(tp).stopped && !s.groupReported) {
        const sig = procSig(tp).stopCode || SIGSTOP;
        st = s.seized ? (((EV_STOP << 8) | sig) << 8) | 0x7f : (sig << 8) | 0x7f;
        group = true;
      }
      if (st === 0) continue;
      const r = { pid: s.task.tid, status: st === -1 ? tp.exitStatus : st, exited: st === -1, uid: tp.cred.uid };
      if (!consume) return r;
      if (st === -1) {
        unlink(s);
        if (tp.parent === t.proc) reap(t.kernel, tp);
        else releaseZombie(t.kernel, tp);
      } else if (group) s.groupReported = true;
      else s.report = 0;
      return r;
    }
    return any ? 'pending' : null;
  };
  ptraceHooks.hidden = (c) => {
    for (const t of tracees.keys()) if (t.proc === c) return true;
    return false;
  };
}

install();

/** Clears the group-stop report once the group runs again. */
export function groupResumed(s: Tracee): void { s.groupReported = false; }
export { tracees };
