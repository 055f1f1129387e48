// File syscalls, part 3: readiness and control. ppoll and pselect6 over the
// files' poll() masks (sleeping on every file's wait queue until one is
// ready or the timeout; the signal mask argument is left to the signals
// issue), and ioctl (generic FIONBIO/FIOCLEX/FIONCLEX/FIONREAD, then the
// file's own ioctl: the tty's termios and job-control requests).
import { EBADF, EINVAL, ENOTTY, type Errno } from '../abi/errno.js';
import { O_NONBLOCK, POLLNVAL, FIONREAD, POLLIN, POLLOUT, POLLERR, POLLHUP, POLLPRI } from '../abi/linux.js';
import { BLOCK } from '../kernel/control.js';
import type { SyscallResult } from '../kernel/syscall.js';
import type { Task } from '../kernel/task.js';
import type { File } from '../kernel/fs/file.js';
import type { WaitQueue } from '../kernel/waitqueue.js';
import { isPipe, Pipe } from '../kernel/fs/pipe.js';
import { copyIn, copyOut } from '../kernel/mm/uaccess.js';
import { getTimespec, int, isErr, putTimespec, StructWriter } from './util.js';

function readiness(f: File, queues: WaitQueue[]): number {
  if (f.ops.poll === undefined) return POLLIN | POLLOUT | 0x40 /* RDNORM */ | 0x100 /* WRNORM */;
  const p = f.ops.poll(f);
  if (p.wq !== null) queues.push(p.wq);
  return p.mask;
}

/** The deadline of a blocking call (kept across re-execution in t.restart). */
function deadlineOf(t: Task, nr: number, tsVa: number): number | Errno {
  if (t.restart !== null && t.restart.nr === nr) return t.restart.deadline;
  if (tsVa === 0) return -1;
  const ns = getTimespec(t, tsVa);
  if (isErr(ns)) return ns;
  return t.kernel.monotonicNs() + ns;
}

export function sysPpoll(t: Task, a: Float64Array): SyscallResult {
  const nfds = a[1];
  if (nfds < 0 || nfds > t.proc.files.maxFds || nfds > 1048576) return EINVAL;
  const b = copyIn(t.mm, a[0], nfds * 8);
  if (isErr(b)) return b;
  const v = new DataView(b.buffer);
  const k = t.kernel;
  const queues: WaitQueue[] = [];
  let ready = 0;
  for (let i = 0; i < nfds; i++) {
    const fd = v.getInt32(i * 8, true), events = v.getInt16(i * 8 + 4, true);
    let rev = 0;
    if (fd >= 0) {
      const f = t.proc.files.get(fd);
      rev = isErr(f) ? POLLNVAL : readiness(f, queues) & (events | POLLERR | POLLHUP);
    }
    v.setInt16(i * 8 + 6, rev, true);
    if (rev) ready++;
  }
  const deadline = deadlineOf(t, 73, a[2]);
  if (isErr(deadline)) return deadline;
  if (ready > 0 || (deadline >= 0 && k.monotonicNs() >= deadline)) {
    const r = copyOut(t.mm, a[0], b);
    return r === 0 ? ready : r;
  }
  t.restart = { nr: 73, woken: false, deadline };
  t.sleepOn(queues, deadline, 'do_sys_poll');
  return BLOCK;
}

const IN_SET = POLLIN | 0x40 | POLLHUP | POLLERR, OUT_SET = POLLOUT | 0x100 | POLLERR, EX_SET = POLLPRI;

/** pselect6(nfds, readfds, writefds, exceptfds, timeout, sigmask-data). */
export function sysPselect6(t: Task, a: Float64Array): SyscallResult {
  const nfds = int(a[0]);
  if (nfds < 0 || nfds > t.proc.files.maxFds) return EINVAL;
  const bytes = Math.ceil(nfds / 64) * 8;
  const sets: (Uint8Array | null)[] = [];
  for (const va of [a[1], a[2], a[3]]) {
    if (va === 0) { sets.push(null); continue; }
    const s = copyIn(t.mm, va, bytes);
    if (isErr(s)) return s;
    sets.push(s);
  }
  const out = sets.map((s) => (s === null ? null : new Uint8Array(s.length)));
  const queues: WaitQueue[] = [];
  let ready = 0;
  for (let fd = 0; fd < nfds; fd++) {
    const bit = 1 << (fd & 7), byte = fd >> 3;
    const want = sets.map((s) => s !== null && (s[byte] & bit) !== 0);
    if (!want[0] && !want[1] && !want[2]) continue;
    const f = t.proc.files.get(fd);
    if (isErr(f)) return EBADF;
    const m = readiness(f, queues);
    const hits = [m & IN_SET, m & OUT_SET, m & EX_SET];
    for (let i = 0; i < 3; i++) if (want[i] && hits[i]) { out[i]![byte] |= bit; ready++; }
  }
  const deadline = deadlineOf(t, 72, a[4]);
  if (isErr(deadline)) return deadline;
  const now = t.kernel.monotonicNs();
  if (ready > 0 || (deadline >= 0 && now >= deadline)) {
    for (let i = 0; i < 3; i++) {
      const va = [a[1], a[2], a[3]][i];
      if (va !== 0) { const r = copyOut(t.mm, va, out[i]!); if (r !== 0) return r; }
    }
    // Linux writes back the remaining time.
    if (a[4] !== 0 && deadline >= 0) putTimespec(t, a[4], Math.max(0, deadline - now));
    return ready;
  }
  t.restart = { nr: 72, woken: false, deadline };
  t.sleepOn(queues, deadline, 'do_select');
  return BLOCK;
}

export const FIONBIO = 0x5421, FIONCLEX = 0x5450, FIOCLEX = 0x5451, FIOASYNC = 0x5452;

export function sysIoctl(t: Task, a: Float64Array): SyscallResult {
  const fd = int(a[0]);
  const e = t.proc.files.entry(fd);
  if (e === null) return EBADF;
  const f = e.file;
  if (f.flags & 0o10000000 /* O_PATH */) return EBADF;
  const cmd = (a[1] % 4294967296) >>> 0, arg = a[2];
  switch (cmd) {
    case FIOCLEX: e.cloexec = true; return 0;
    case FIONCLEX: e.cloexec = false; return 0;
    case FIONBIO: {
      const b = copyIn(t.mm, arg, 4);
      if (isErr(b)) return b;
      if (new DataView(b.buffer).getInt32(0, true)) f.flags |= O_NONBLOCK; else f.flags &= ~O_NONBLOCK;
      return 0;
    }
    case FIONREAD: {
      let n = -1;
      if (isPipe(f)) n = ((f.priv as { pipe: Pipe }).pipe).len;
      else if (f.node !== null && f.node.ino.isReg) n = Math.max(0, f.node.ino.size - f.pos);
      if (n >= 0) return copyOut(t.mm, arg, new StructWriter(4).i32(0, n).bytes);
      break;
    }
    case FIOASYNC: return 0;
  }
  if (f.ops.ioctl === undefined) return ENOTTY;
  return f.ops.ioctl(f, t, cmd, arg);
}
