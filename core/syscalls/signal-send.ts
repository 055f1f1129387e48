// Sending signals: kill, tkill, tgkill, rt_sigqueueinfo, rt_tgsigqueueinfo.
// Target lookup and permission checks here (Linux kernel/signal.c
// kill_something_info, do_tkill, do_rt_sigqueueinfo); queueing and delivery
// in core/kernel/signal/.
import { EFAULT, EINVAL, EPERM, ESRCH } from '../abi/errno.js';
import { NSIG } from '../abi/linux.js';
import { SIGINFO_SIZE, SI_TKILL, SI_USER } from '../abi/signal.js';
import type { SyscallResult } from '../kernel/syscall.js';
import type { Process, Task } from '../kernel/task.js';
import { copyIn } from '../kernel/mm/uaccess.js';
import { installSignals, sendFrom, sendSignalInfo } from '../kernel/signal/index.js';
import { int, isErr } from './util.js';

installSignals();

/** kill_ok_by_cred: root, or the sender's real/effective uid matches the target's real/saved uid. */
function mayKill(t: Task, p: Process): boolean {
  const c = t.proc.cred, o = p.cred;
  return c.euid === 0 || c.euid === o.suid || c.euid === o.uid || c.uid === o.suid || c.uid === o.uid;
}

/** Sends to one process: 0, ESRCH or EPERM (sig 0 only checks). */
function sendOne(t: Task, p: Process | undefined, sig: number, info: Uint8Array | null): SyscallResult {
  if (p === undefined) return ESRCH;
  if (!mayKill(t, p) && !(sig === 18 && p.sid === t.proc.sid)) return EPERM;
  if (sig === 0 || p.zombie) return 0;
  if (info !== null) sendSignalInfo(t.kernel, p, null, info);
  else sendFrom(t.kernel, t, p, null, sig, SI_USER);
  return 0;
}

/** Kill implements Linux syscall kill(2): a process, the caller's group (0), every process (-1) or a group (< -1). */
export function sysKill(t: Task, a: Float64Array): SyscallResult {
  const pid = int(a[0]), sig = int(a[1]);
  if (sig < 0 || sig > NSIG) return EINVAL;
  return killSomething(t, pid, sig, null);
}

function killSomething(t: Task, pid: number, sig: number, info: Uint8Array | null): SyscallResult {
  const k = t.kernel;
  if (pid > 0) return sendOne(t, k.procs.get(pid), sig, info);
  if (pid === -2147483648) return ESRCH;
  const all = [...k.procs.values()];
  let targets: Process[];
  if (pid === -1) targets = all.filter((p) => p.pid > 1 && p !== t.proc);
  else { const pg = pid === 0 ? t.proc.pgid : -pid; targets = all.filter((p) => p.pgid === pg); }
  if (targets.length === 0) return ESRCH;
  let ok = false, err: SyscallResult = ESRCH;
  for (const p of targets) {
    const r = sendOne(t, p, sig, info);
    if (r === 0) ok = true; else err = r;
  }
  return ok ? 0 : err;
}

function sendTask(t: Task, tgid: number, tid: number, sig: number, info: Uint8Array | null): SyscallResult {
  const target = t.kernel.tasks.get(tid);
  if (target === undefined || (tgid > 0 && target.proc.pid !== tgid)) return ESRCH;
  if (!mayKill(t, target.proc)) return EPERM;
  if (sig === 0) return 0;
  if (info !== null) sendSignalInfo(t.kernel, target.proc, target, info);
  else sendFrom(t.kernel, t, target.proc, target, sig, SI_TKILL);
  return 0;
}

/** Tkill implements Linux syscall tkill(2). */
export function sysTkill(t: Task, a: Float64Array): SyscallResult {
  const tid = int(a[0]), sig = int(a[1]);
  if (tid <= 0 || sig < 0 || sig > NSIG) return EINVAL;
  return sendTask(t, -1, tid, sig, null);
}

/** Tgkill implements Linux syscall tgkill(2). */
export function sysTgkill(t: Task, a: Float64Array): SyscallResult {
  const tgid = int(a[0]), tid = int(a[1]), sig = int(a[2]);
  if (tid <= 0 || tgid <= 0 || sig < 0 || sig > NSIG) return EINVAL;
  return sendTask(t, tgid, tid, sig, null);
}

/** The siginfo a caller supplies (it may not pose as the kernel or kill() unless it signals itself). */
function userInfo(t: Task, va: number, sig: number, self: boolean): Uint8Array | typeof EFAULT | typeof EPERM {
  const b = copyIn(t.mm, va, SIGINFO_SIZE);
  if (isErr(b)) return EFAULT;
  const v = new DataView(b.buffer);
  const code = v.getInt32(8, true);
  if ((code >= 0 || code === SI_TKILL) && !self) return EPERM;
  v.setInt32(0, sig, true);
  return b;
}

/** Rt_sigqueueinfo implements Linux syscall rt_sigqueueinfo(2). */
export function sysRtSigqueueinfo(t: Task, a: Float64Array): SyscallResult {
  const pid = int(a[0]), sig = int(a[1]);
  if (sig < 0 || sig > NSIG) return EINVAL;
  const info = userInfo(t, a[2], sig, pid === t.proc.pid);
  if (isErr(info)) return info;
  if (pid <= 0) return ESRCH;
  return sendOne(t, t.kernel.procs.get(pid), sig, info);
}

/** Rt_tgsigqueueinfo implements Linux syscall rt_tgsigqueueinfo(2). */
export function sysRtTgsigqueueinfo(t: Task, a: Float64Array): SyscallResult {
  const tgid = int(a[0]), tid = int(a[1]), sig = int(a[2]);
  if (tid <= 0 || tgid <= 0 || sig < 0 || sig > NSIG) return EINVAL;
  const info = userInfo(t, a[3], sig, tid === t.tid);
  if (isErr(info)) return info;
  return sendTask(t, tgid, tid, sig, info);
}
