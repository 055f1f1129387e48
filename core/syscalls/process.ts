// Process and thread syscalls: clone/clone3 (glibc's fork, vfork and
// pthread_create flag sets), execve, exit/exit_group, wait4/waitid, ids,
// set_tid_address, robust lists, resource limits, scheduling basics, prctl.
import { ECHILD, EFAULT, EINVAL, ENOMEM, EPERM, ESRCH, E2BIG, type Errno } from '../abi/errno.js';
import {
  CLONE_CHILD_CLEARTID, CLONE_CHILD_SETTID, CLONE_FILES, CLONE_FS, CLONE_PARENT, CLONE_PARENT_SETTID, CLONE_SETTLS,
  CLONE_SIGHAND, CLONE_THREAD, CLONE_VFORK, CLONE_VM, CSIGNAL, WNOHANG, WUNTRACED, WCONTINUED, WEXITED, WNOWAIT,
  WSTOPPED, __WALL, __WCLONE, __WNOTHREAD, P_ALL, P_PID, P_PGID, CLD_EXITED, CLD_KILLED, CLD_DUMPED, CLD_TRAPPED, CLD_STOPPED, CLD_CONTINUED, SIGCHLD, SIGCONT,
  RLIM_NLIMITS, RLIMIT_NOFILE, CLONE_PIDFD, CLONE_NEWNS,
} from '../abi/linux.js';
import { BLOCK, GONE, NORETURN } from '../kernel/control.js';
import type { SyscallResult } from '../kernel/syscall.js';
import { Process, Task } from '../kernel/task.js';
import { WaitQueue } from '../kernel/waitqueue.js';
import { exitGroup, exitThread, reap, signalHooks } from '../kernel/proc.js';
import { execve } from '../kernel/exec/loader.js';
import { stopReport, contReport, consumeStop, consumeCont } from '../kernel/signal/index.js';
import { copyIn, copyInStringBytes, copyOut, getUser64, putUser32 } from '../kernel/mm/uaccess.js';
import { setReg } from '../kernel/trap.js';
import { int, isErr, StructWriter, readI64 } from './util.js';
import { prctlSeccomp } from './seccomp.js';
import { fireProbe, probesEnabled } from '../kernel/module/hooks.js';
import { ptraceHooks } from '../kernel/ptrace/hooks.js';

interface CloneArgs { flags: number; stack: number; parentTid: number; childTid: number; tls: number; exitSignal: number }

/** The mechanism behind clone and clone3; returns the child's tid. */
export function doClone(t: Task, c: CloneArgs): SyscallResult {
  const k = t.kernel;
  const f = c.flags;
  if ((f & CLONE_THREAD) && !(f & CLONE_SIGHAND)) return EINVAL;
  if ((f & CLONE_SIGHAND) && !(f & CLONE_VM)) return EINVAL;
  if ((f & CLONE_FS) && (f & CLONE_NEWNS)) return EINVAL;
  if (f & CLONE_PIDFD) return EINVAL;
  if (t.restart !== null && t.restart.nr === 220 && typeof t.restart.data === 'number') return t.restart.data; // vfork parent resumes
  if (k.current === t) k.saveCurrent();
  const p = t.proc;
  let child: Task;
  if (f & CLONE_THREAD) {
    const tid = k.allocPid();
    child = new Task(tid, p, k);
    p.threads.push(child);
    k.tasks.set(tid, child);
  } else {
    let mm = p.mm;
    if (f & CLONE_VM) mm.users++;
    else {
      const m2 = mm.fork();
      if (m2 === null) return ENOMEM;
      k.attachMm(m2);
      mm = m2;
    }
    const files = f & CLONE_FILES ? p.files : p.files.clone();
    if (f & CLONE_FILES) files.users++;
    const fs = f & CLONE_FS ? p.fs : { ...p.fs, users: 1 };
    if (f & CLONE_FS) fs.users++;
    const parent = f & CLONE_PARENT ? p.parent : p;
    child = k.newProcess(parent, mm, files, fs, { ...p.cred, groups: [...p.cred.groups] });
    const cp = child.proc;
    cp.exitSignal = c.exitSignal;
    cp.pgid = p.pgid; cp.sid = p.sid;
    cp.comm = p.comm; cp.exe = p.exe; cp.argv = p.argv; cp.envp = p.envp;
    cp.rlimits = p.rlimits.map(([a, b]) => [a, b] as [number, number]);
    cp.sighand = p.sighand;
    k.forks++;
  }
  child.regs.set(t.regs);
  child.fregs.set(t.fregs);
  child.fflags = t.fflags; child.frm = t.frm;
  child.pc = t.pc + 4;
  child.sigmask = t.sigmask;
  child.seccomp = t.seccomp; child.noNewPrivs = t.noNewPrivs;
  setReg(child.regs, 10, 0);
  if (c.stack !== 0) setReg(child.regs, 2, c.stack);
  if (f & CLONE_SETTLS) setReg(child.regs, 4, c.tls);
  if (f & CLONE_PARENT_SETTID) if (putUser32(t.mm, c.parentTid, child.tid) !== 0) { /* Linux ignores */ }
  if (f & CLONE_CHILD_SETTID) putUser32(child.mm, c.childTid, child.tid);
  if (f & CLONE_CHILD_CLEARTID) child.clearChildTid = c.childTid;
  signalHooks.cloned?.(k, t, child, f);
  if (ptraceHooks.tracing > 0) ptraceHooks.cloned(t, child, f, c.exitSignal);
  if (probesEnabled.any) fireProbe(k, 'sched:sched_process_fork', t, [t.proc.pid, child.proc.pid, child.tid]);
  k.sched.enqueue(child);
  if ((f & CLONE_VFORK) && !(f & CLONE_THREAD)) {
    const q = new WaitQueue();
    child.proc.vforkDone = q;
    t.restart = { nr: 220, woken: false, deadline: -1, data: child.tid };
    t.sleepOn([q], -1, 'vfork');
    return BLOCK;
  }
  return child.tid;
}

export function sysClone(t: Task, a: Float64Array): SyscallResult {
  const flags = int(a[0]);
  return doClone(t, { flags: flags & ~CSIGNAL, stack: a[1], parentTid: a[2], tls: a[3], childTid: a[4], exitSignal: flags & CSIGNAL });
}

export function sysClone3(t: Task, a: Float64Array): SyscallResult {
  const size = a[1];
  if (size < 64 || size > 4096) return EINVAL;
  const b = copyIn(t.mm, a[0], Math.min(size, 88));
  if (isErr(b)) return b;
  const v = new DataView(b.buffer);
  const flags = readI64(v, 0), exitSignal = readI64(v, 32), stack = readI64(v, 40), stackSize = readI64(v, 48);
  if (flags < 0 || flags > 0xffffffff || (flags & CSIGNAL) !== 0) return EINVAL;
  if (exitSignal < 0 || exitSignal > 64) return EINVAL;
  if ((stack === 0) !== (stackSize === 0)) return EINVAL;
  if (b.length >= 80 && readI64(v, 72) !== 0) return EINVAL; // set_tid_size
  return doClone(t, { flags: flags | 0, stack: stack === 0 ? 0 : stack + stackSize, parentTid: readI64(v, 24), childTid: readI64(v, 16), tls: readI64(v, 56), exitSignal });
}

/** Reads a NULL-terminated array of string pointers (argv/envp). */
function readStrings(t: Task, va: number): Uint8Array[] | Errno {
  const out: Uint8Array[] = [];
  if (va === 0) return out;
  let total = 0;
  for (let i = 0; ; i++) {
    if (i > 0x10000) return E2BIG;
    const p = getUser64(t.mm, va + i * 8);
    if (isErr(p)) return p;
    if (p === 0) return out;
    const s = copyInStringBytes(t.mm, p, 32 * 4096);
    if (isErr(s)) return s.code === 36 ? E2BIG : s;
    total += s.length + 1;
    if (total > 2 * 1024 * 1024) return E2BIG;
    out.push(s);
  }
}

export function sysExecve(t: Task, a: Float64Array): SyscallResult {
  const path = copyInStringBytes(t.mm, a[0], 4096);
  if (isErr(path)) return path;
  const argv = readStrings(t, a[1]);
  if (isErr(argv)) return argv;
  const envp = readStrings(t, a[2]);
  if (isErr(envp)) return envp;
  const r = execve(t.kernel, t, { path: new TextDecoder().decode(path), argv, envp });
  return r === 0 ? NORETURN : r;
}

export function sysExit(t: Task, a: Float64Array): SyscallResult {
  exitThread(t.kernel, t, (int(a[0]) & 0xff) << 8);
  return GONE;
}

export function sysExitGroup(t: Task, a: Float64Array): SyscallResult {
  exitGroup(t.kernel, t, (int(a[0]) & 0xff) << 8);
  return GONE;
}

/** Children of p selected by wait's pid argument (Linux's convention). */
function selectChildren(p: Process, pid: number): Process[] {
  const out: Process[] = [];
  for (const c of p.children) {
    if (pid === -1 || (pid > 0 && c.pid === pid) || (pid === 0 && c.pgid === p.pgid) || (pid < -1 && c.pgid === -pid)) out.push(c);
  }
  return out;
}

export function sysWait4(t: Task, a: Float64Array): SyscallResult {
  const pid = int(a[0]), statusp = a[1], options = int(a[2]), rusage = a[3];
  if (options & ~(WNOHANG | WUNTRACED | WCONTINUED | __WNOTHREAD | __WCLONE | __WALL)) return EINVAL;
  if (pid === -2147483648) return ESRCH;
  // Tracees report to their tracer first (ptrace stops, then their exit).
  const tr = ptraceHooks.tracing > 0 ? ptraceHooks.wait(t, pid, true, true, true) : null;
  if (tr !== null && tr !== 'pending') {
    if (statusp !== 0 && copyOut(t.mm, statusp, new StructWriter(4).i32(0, tr.status).bytes) !== 0) return EFAULT;
    return tr.pid;
  }
  const kids = selectChildren(t.proc, pid);
  if (kids.length === 0 && tr === null) return ECHILD;
  const z = kids.find((c) => (c.zombie && !(ptraceHooks.tracing > 0 && ptraceHooks.hidden(c))) || ((options & WUNTRACED) && stopReport(c) !== 0) || ((options & WCONTINUED) && contReport(c)));
  if (z === undefined) {
    if (options & WNOHANG) return 0;
    t.sleepOn([t.proc.childWait], -1, 'do_wait');
    return BLOCK;
  }
  if (!z.zombie) {
    // A stopped ((sig << 8) | 0x7f) or continued (0xffff) child, reported once.
    const stop = (options & WUNTRACED) ? stopReport(z) : 0;
    const st = stop !== 0 ? (stop << 8) | 0x7f : 0xffff;
    if (statusp !== 0 && copyOut(t.mm, statusp, new StructWriter(4).i32(0, st).bytes) !== 0) return EFAULT;
    if (rusage !== 0 && copyOut(t.mm, rusage, new Uint8Array(144)) !== 0) return EFAULT;
    if (stop !== 0) consumeStop(z); else consumeCont(z);
    return z.pid;
  }
  if (statusp !== 0) {
    const b = new StructWriter(4).i32(0, z.exitStatus).bytes;
    if (copyOut(t.mm, statusp, b) !== 0) return EFAULT;
  }
  if (rusage !== 0 && copyOut(t.mm, rusage, new Uint8Array(144)) !== 0) return EFAULT;
  reap(t.kernel, z);
  return z.pid;
}

export function sysWaitid(t: Task, a: Float64Array): SyscallResult {
  const idtype = int(a[0]), id = int(a[1]), infop = a[2], options = int(a[3]);
  if (options & ~(WNOHANG | WEXITED | WSTOPPED | WCONTINUED | WNOWAIT | __WNOTHREAD | __WCLONE | __WALL)) return EINVAL;
  if (!(options & (WEXITED | WSTOPPED | WCONTINUED))) return EINVAL;
  let pid: number;
  if (idtype === P_ALL) pid = -1;
  else if (idtype === P_PID) { if (id <= 0) return EINVAL; pid = id; }
  else if (idtype === P_PGID) { if (id < 0) return EINVAL; pid = id === 0 ? 0 : -id; }
  else return EINVAL;
  // A tracer sees its tracees' ptrace stops (CLD_TRAPPED, whatever WSTOPPED says) and then their exit.
  const tr = ptraceHooks.tracing > 0 ? ptraceHooks.wait(t, pid, (options & WEXITED) !== 0, true, !(options & WNOWAIT)) : null;
  if (tr !== null && tr !== 'pending') {
    const st = tr.status, sig = st & 0x7f;
    const code = !tr.exited ? CLD_TRAPPED : sig === 0 ? CLD_EXITED : st & 0x80 ? CLD_DUMPED : CLD_KILLED;
    const status = !tr.exited ? st >> 8 : sig === 0 ? (st >> 8) & 0xff : sig;
    const w = new StructWriter(128).i32(0, SIGCHLD).i32(8, code).i32(16, tr.pid).i32(20, tr.uid).i32(24, status);
    if (infop !== 0 && copyOut(t.mm, infop, w.bytes) !== 0) return EFAULT;
    return 0;
  }
  const kids = selectChildren(t.proc, pid);
  if (kids.length === 0 && tr === null) return ECHILD;
  const z = kids.find((c) => (c.zombie && (options & WEXITED) && !(ptraceHooks.tracing > 0 && ptraceHooks.hidden(c))) || ((options & WSTOPPED) && stopReport(c) !== 0) || ((options & WCONTINUED) && contReport(c)));
  if (z === undefined) {
    if (options & WNOHANG) {
      if (infop !== 0 && copyOut(t.mm, infop, new Uint8Array(128)) !== 0) return EFAULT;
      return 0;
    }
    t.sleepOn([t.proc.childWait], -1, 'do_wait');
    return BLOCK;
  }
  if (!z.zombie) {
    const stop = (options & WSTOPPED) ? stopReport(z) : 0;
    if (infop !== 0) {
      const w = new StructWriter(128).i32(0, SIGCHLD).i32(8, stop !== 0 ? CLD_STOPPED : CLD_CONTINUED)
        .i32(16, z.pid).i32(20, z.cred.uid).i32(24, stop !== 0 ? stop : SIGCONT);
      if (copyOut(t.mm, infop, w.bytes) !== 0) return EFAULT;
    }
    if (!(options & WNOWAIT)) { if (stop !== 0) consumeStop(z); else consumeCont(z); }
    return 0;
  }
  const st = z.exitStatus;
  const sig = st & 0x7f;
  if (infop !== 0) {
    const w = new StructWriter(128).i32(0, SIGCHLD).i32(8, sig === 0 ? CLD_EXITED : st & 0x80 ? CLD_DUMPED : CLD_KILLED)
      .i32(16, z.pid).i32(20, z.cred.uid).i32(24, sig === 0 ? (st >> 8) & 0xff : sig);
    if (copyOut(t.mm, infop, w.bytes) !== 0) return EFAULT;
  }
  if (!(options & WNOWAIT)) reap(t.kernel, z);
  return 0;
}

export const sysGetpid = (t: Task): SyscallResult => t.proc.pid;
export const sysGettid = (t: Task): SyscallResult => t.tid;
export const sysGetppid = (t: Task): SyscallResult => t.proc.parent?.pid ?? 0;

export function sysSetTidAddress(t: Task, a: Float64Array): SyscallResult {
  t.clearChildTid = a[0];
  return t.tid;
}

export function sysSetRobustList(t: Task, a: Float64Array): SyscallResult {
  if (a[1] !== 24) return EINVAL;
  t.robustList = a[0];
  t.robustLen = 24;
  return 0;
}

export function sysGetRobustList(t: Task, a: Float64Array): SyscallResult {
  const pid = int(a[0]);
  const target = pid === 0 ? t : t.kernel.tasks.get(pid);
  if (target === undefined) return ESRCH;
  const head = new StructWriter(8).u64(0, target.robustList).bytes;
  if (copyOut(t.mm, a[1], head) !== 0) return EFAULT;
  if (copyOut(t.mm, a[2], new StructWriter(8).u64(0, 24).bytes) !== 0) return EFAULT;
  return 0;
}

function rlimitOps(t: Task, pid: number, res: number, newp: number, oldp: number): SyscallResult {
  if (res < 0 || res >= RLIM_NLIMITS) return EINVAL;
  const p = pid === 0 ? t.proc : t.kernel.procs.get(pid);
  if (p === undefined || p.zombie) return ESRCH;
  let nv: [number, number] | null = null;
  if (newp !== 0) {
    const b = copyIn(t.mm, newp, 16);
    if (isErr(b)) return b;
    const v = new DataView(b.buffer);
    const soft = readI64(v, 0), hard = readI64(v, 8);
    // Any value >= 2^63 reads as negative: RLIM_INFINITY (all ones) is -1.
    const norm = (x: number) => (x < 0 ? -1 : x);
    nv = [norm(soft), norm(hard)];
    const big = (x: number) => (x < 0 ? Infinity : x);
    if (big(nv[0]) > big(nv[1])) return EINVAL;
    const cur = p.rlimits[res];
    if (big(nv[1]) > big(cur[1]) && t.proc.cred.euid !== 0) return EPERM;
    if (res === RLIMIT_NOFILE && big(nv[1]) > 1048576) return EPERM;
  }
  if (oldp !== 0) {
    const [s, h] = p.rlimits[res];
    if (copyOut(t.mm, oldp, new StructWriter(16).u64(0, s).u64(8, h).bytes) !== 0) return EFAULT;
  }
  if (nv !== null) {
    p.rlimits[res] = nv;
    if (res === RLIMIT_NOFILE) p.files.maxFds = nv[0] < 0 ? 1048576 : nv[0];
  }
  return 0;
}

export const sysPrlimit64 = (t: Task, a: Float64Array): SyscallResult => rlimitOps(t, int(a[0]), int(a[1]), a[2], a[3]);
export const sysGetrlimit = (t: Task, a: Float64Array): SyscallResult => rlimitOps(t, 0, int(a[0]), 0, a[1]);
export const sysSetrlimit = (t: Task, a: Float64Array): SyscallResult => (a[1] === 0 ? EFAULT : rlimitOps(t, 0, int(a[0]), a[1], 0));

export function sysSchedYield(t: Task): SyscallResult {
  t.kernel.needResched = true;
  return 0;
}

export function sysSchedGetaffinity(t: Task, a: Float64Array): SyscallResult {
  const pid = int(a[0]), len = a[1];
  if (pid < 0) return ESRCH;
  if (pid !== 0 && !t.kernel.tasks.has(pid)) return ESRCH;
  if (len < 8 || len % 8 !== 0) return EINVAL;
  if (copyOut(t.mm, a[2], new StructWriter(8).u64(0, 1).bytes) !== 0) return EFAULT;
  return 8;
}

export function sysSchedSetaffinity(t: Task, a: Float64Array): SyscallResult {
  const pid = int(a[0]);
  if (pid < 0 || (pid !== 0 && !t.kernel.tasks.has(pid))) return ESRCH;
  const b = copyIn(t.mm, a[2], Math.min(Math.max(a[1], 0), 8));
  if (isErr(b)) return b;
  return b.length > 0 && (b[0] & 1) ? 0 : EINVAL;
}

export function sysPrctl(t: Task, a: Float64Array): SyscallResult {
  const op = int(a[0]);
  const sc = prctlSeccomp(t, op, a);
  if (sc !== null) return sc;
  if (op === 15) { // PR_SET_NAME
    const b = copyIn(t.mm, a[1], 16);
    if (isErr(b)) return b;
    const n = b.indexOf(0);
    t.proc.comm = new TextDecoder().decode(b.subarray(0, n < 0 ? 15 : Math.min(n, 15)));
    return 0;
  }
  if (op === 16) { // PR_GET_NAME
    const w = new StructWriter(16).str(0, t.proc.comm, 16);
    return copyOut(t.mm, a[1], w.bytes);
  }
  return EINVAL;
}
