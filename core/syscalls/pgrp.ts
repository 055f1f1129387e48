// Process groups and sessions: setpgid, getpgid, getsid, setsid (Linux
// kernel/sys.c). getpgrp is getpgid(0) on riscv64. A new session has no
// controlling terminal (a terminal keeps the sid it controls: fs/tty.ts).
import { EACCES, EINVAL, EPERM, ESRCH } from '../abi/errno.js';
import type { SyscallResult } from '../kernel/syscall.js';
import type { Process, Task } from '../kernel/task.js';
import { hasExeced, installSignals } from '../kernel/signal/index.js';
import { int } from './util.js';

installSignals();

function lookup(t: Task, pid: number): Process | undefined {
  return pid === 0 ? t.proc : t.kernel.procs.get(pid);
}

/** Setpgid implements Linux syscall setpgid(2). */
export function sysSetpgid(t: Task, a: Float64Array): SyscallResult {
  const me = t.proc;
  const pid = int(a[0]) === 0 ? me.pid : int(a[0]);
  let pgid = int(a[1]);
  if (pgid === 0) pgid = pid;
  if (pgid < 0) return EINVAL;
  const p = t.kernel.procs.get(pid);
  if (p === undefined) return ESRCH;
  if (p.parent === me) {
    if (p.sid !== me.sid) return EPERM;
    if (hasExeced(p)) return EACCES; // the child has called execve
  } else if (p !== me) {
    return ESRCH;
  }
  if (p.sid === p.pid) return EPERM; // a session leader cannot move
  if (pgid !== pid) {
    let found = false;
    for (const q of t.kernel.procs.values()) if (q.pgid === pgid && q.sid === me.sid) { found = true; break; }
    if (!found) return EPERM;
  }
  p.pgid = pgid;
  return 0;
}

/** Getpgid implements Linux syscall getpgid(2). */
export function sysGetpgid(t: Task, a: Float64Array): SyscallResult {
  const p = lookup(t, int(a[0]));
  return p === undefined ? ESRCH : p.pgid;
}

/** Getsid implements Linux syscall getsid(2). */
export function sysGetsid(t: Task, a: Float64Array): SyscallResult {
  const p = lookup(t, int(a[0]));
  return p === undefined ? ESRCH : p.sid;
}

/** Setsid implements Linux syscall setsid(2): fails if a process group with the caller's id exists. */
export function sysSetsid(t: Task): SyscallResult {
  const p = t.proc;
  for (const q of t.kernel.procs.values()) if (q.pgid === p.pid) return EPERM;
  p.sid = p.pgid = p.pid;
  return p.sid;
}
