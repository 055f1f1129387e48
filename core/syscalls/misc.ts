// System information and identity syscalls: uname, sysinfo, getrandom, the
// uid/gid family, umask, getcpu.
import { EACCES, EFAULT, EINVAL, EPERM, ESRCH } from '../abi/errno.js';
import { GRND_INSECURE, GRND_NONBLOCK, GRND_RANDOM } from '../abi/linux.js';
import type { SyscallResult } from '../kernel/syscall.js';
import type { Task } from '../kernel/task.js';
import { copyIn, copyOut } from '../kernel/mm/uaccess.js';
import { int, isErr, StructWriter } from './util.js';

export const UTS_RELEASE = '6.1.0-nodix';

export function sysUname(t: Task, a: Float64Array): SyscallResult {
  const w = new StructWriter(65 * 6);
  ['Linux', t.kernel.hostname, UTS_RELEASE, '#1 SMP PREEMPT nodix', 'riscv64', '(none)'].forEach((s, i) => w.str(i * 65, s, 65));
  return copyOut(t.mm, a[0], w.bytes);
}

export function sysSysinfo(t: Task, a: Float64Array): SyscallResult {
  const k = t.kernel;
  const total = k.frames.usableCount * 4096, free = k.frames.freeCount * 4096;
  const w = new StructWriter(112).u64(0, Math.floor(k.monotonicNs() / 1e9)).u64(32, total).u64(40, free)
    .u16(80, Math.min(k.tasks.size, 65535)).u32(104, 1);
  return copyOut(t.mm, a[0], w.bytes);
}

export function sysGetrandom(t: Task, a: Float64Array): SyscallResult {
  const len = a[1], flags = int(a[2]);
  if (flags & ~(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE)) return EINVAL;
  if ((flags & GRND_INSECURE) && (flags & GRND_RANDOM)) return EINVAL;
  if (len < 0) return EINVAL;
  const n = Math.min(len, 33554431, 1 << 20);
  const b = new Uint8Array(n);
  t.kernel.randomBytes(b);
  const r = copyOut(t.mm, a[0], b);
  return r === 0 ? n : r;
}

export const sysGetuid = (t: Task): SyscallResult => t.proc.cred.uid;
export const sysGeteuid = (t: Task): SyscallResult => t.proc.cred.euid;
export const sysGetgid = (t: Task): SyscallResult => t.proc.cred.gid;
export const sysGetegid = (t: Task): SyscallResult => t.proc.cred.egid;

function putIds(t: Task, a: Float64Array, ids: number[]): SyscallResult {
  for (let i = 0; i < 3; i++) if (copyOut(t.mm, a[i], new StructWriter(4).u32(0, ids[i]).bytes) !== 0) return EFAULT;
  return 0;
}
export const sysGetresuid = (t: Task, a: Float64Array): SyscallResult => putIds(t, a, [t.proc.cred.uid, t.proc.cred.euid, t.proc.cred.suid]);
export const sysGetresgid = (t: Task, a: Float64Array): SyscallResult => putIds(t, a, [t.proc.cred.gid, t.proc.cred.egid, t.proc.cred.sgid]);

/** setresuid/setresgid semantics: -1 keeps a field; unprivileged callers may only pick among their current ids. */
function setIds(t: Task, which: 'u' | 'g', r: number, e: number, s: number): SyscallResult {
  const c = t.proc.cred;
  const cur = which === 'u' ? [c.uid, c.euid, c.suid] : [c.gid, c.egid, c.sgid];
  const priv = c.euid === 0;
  for (const v of [r, e, s]) if (v !== -1 && !priv && !cur.includes(v)) return EPERM;
  const next = [r === -1 ? cur[0] : r, e === -1 ? cur[1] : e, s === -1 ? cur[2] : s];
  if (which === 'u') { [c.uid, c.euid, c.suid] = next; c.fsuid = c.euid; } else { [c.gid, c.egid, c.sgid] = next; c.fsgid = c.egid; }
  return 0;
}
export const sysSetresuid = (t: Task, a: Float64Array): SyscallResult => setIds(t, 'u', int(a[0]), int(a[1]), int(a[2]));
export const sysSetresgid = (t: Task, a: Float64Array): SyscallResult => setIds(t, 'g', int(a[0]), int(a[1]), int(a[2]));
export function sysSetuid(t: Task, a: Float64Array): SyscallResult {
  const id = int(a[0]);
  if (id < 0) return EINVAL;
  return t.proc.cred.euid === 0 ? setIds(t, 'u', id, id, id) : setIds(t, 'u', -1, id, -1);
}
export function sysSetgid(t: Task, a: Float64Array): SyscallResult {
  const id = int(a[0]);
  if (id < 0) return EINVAL;
  return t.proc.cred.euid === 0 ? setIds(t, 'g', id, id, id) : setIds(t, 'g', -1, id, -1);
}
export const sysSetreuid = (t: Task, a: Float64Array): SyscallResult => setIds(t, 'u', int(a[0]), int(a[1]), -1);
export const sysSetregid = (t: Task, a: Float64Array): SyscallResult => setIds(t, 'g', int(a[0]), int(a[1]), -1);

export function sysGetgroups(t: Task, a: Float64Array): SyscallResult {
  const n = int(a[0]), g = t.proc.cred.groups;
  if (n < 0) return EINVAL;
  if (n === 0) return g.length;
  if (n < g.length) return EINVAL;
  const w = new StructWriter(g.length * 4);
  g.forEach((x, i) => w.u32(i * 4, x));
  const r = copyOut(t.mm, a[1], w.bytes);
  return r === 0 ? g.length : r;
}

export function sysSetgroups(t: Task, a: Float64Array): SyscallResult {
  const n = int(a[0]);
  if (n < 0 || n > 65536) return EINVAL;
  if (t.proc.cred.euid !== 0) return EPERM;
  const b = copyIn(t.mm, a[1], n * 4);
  if (isErr(b)) return b;
  const v = new DataView(b.buffer);
  t.proc.cred.groups = Array.from({ length: n }, (_, i) => v.getUint32(i * 4, true));
  return 0;
}

export function sysUmask(t: Task, a: Float64Array): SyscallResult {
  const old = t.proc.fs.umask;
  t.proc.fs.umask = int(a[0]) & 0o777;
  return old;
}

export function sysGetcpu(t: Task, a: Float64Array): SyscallResult {
  if (a[0] !== 0 && copyOut(t.mm, a[0], new Uint8Array(4)) !== 0) return EFAULT;
  if (a[1] !== 0 && copyOut(t.mm, a[1], new Uint8Array(4)) !== 0) return EFAULT;
  return 0;
}


/** riscv_flush_icache(start, end, flags): drops the hart's decoded instructions (fence.i for everyone). */
export function sysRiscvFlushIcache(t: Task, a: Float64Array): SyscallResult {
  if (int(a[2]) & ~1) return EINVAL;
  t.kernel.ctl.flushICache();
  return 0;
}

/** One scheduling class (SCHED_OTHER, priority 0) on one CPU. */
export function sysSchedGetscheduler(t: Task, a: Float64Array): SyscallResult {
  const pid = int(a[0]);
  if (pid < 0) return EINVAL;
  return pid === 0 || t.kernel.tasks.has(pid) ? 0 : ESRCH;
}
export function sysSchedGetparam(t: Task, a: Float64Array): SyscallResult {
  const pid = int(a[0]);
  if (pid < 0) return EINVAL;
  if (pid !== 0 && !t.kernel.tasks.has(pid)) return ESRCH;
  return copyOut(t.mm, a[1], new Uint8Array(4));
}
export function sysSchedSetscheduler(t: Task, a: Float64Array): SyscallResult {
  const pid = int(a[0]), policy = int(a[1]);
  if (pid < 0 || policy < 0) return EINVAL;
  if (pid !== 0 && !t.kernel.tasks.has(pid)) return ESRCH;
  const b = copyIn(t.mm, a[2], 4);
  if (isErr(b)) return b;
  return policy === 0 || policy === 3 || policy === 5 ? (b[0] === 0 ? 0 : EINVAL) : EPERM;
}
export function sysGetpriority(t: Task, a: Float64Array): SyscallResult {
  const which = int(a[0]);
  if (which < 0 || which > 2) return EINVAL;
  return 20; // the kernel returns 20 - nice
}
export function sysSetpriority(t: Task, a: Float64Array): SyscallResult {
  const which = int(a[0]);
  if (which < 0 || which > 2) return EINVAL;
  return int(a[2]) < 0 && t.proc.cred.euid !== 0 ? EACCES : 0;
}
