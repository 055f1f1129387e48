// File syscalls, part 1: descriptors and data. read/write and their vector
// and positional forms, lseek, sendfile, openat/openat2, close/close_range,
// dup/dup3, pipe2, eventfd2, fcntl (with POSIX record locks), fsync.
// Path operations are in fs-path.ts, poll/select/ioctl in fs-poll.ts.
import { EBADF, EFAULT, EINVAL, EISDIR, ESPIPE, EAGAIN, E2BIG, EOVERFLOW, type Errno } from '../abi/errno.js';
import {
  F_DUPFD, F_DUPFD_CLOEXEC, F_GETFD, F_GETFL, F_GETLK, F_SETFD, F_SETFL, F_SETLK, F_SETLKW, FD_CLOEXEC, O_APPEND,
  O_CLOEXEC, O_NONBLOCK, O_PATH, SEEK_CUR, SEEK_END, SEEK_SET, O_CREAT, O_TRUNC, O_EXCL, O_NOCTTY,
} from '../abi/linux.js';
import { BLOCK } from '../kernel/control.js';
import type { SyscallResult } from '../kernel/syscall.js';
import type { Task } from '../kernel/task.js';
import { File } from '../kernel/fs/file.js';
import { makePipe, pipeSize, setPipeSize, isPipe, pipeOf } from '../kernel/fs/pipe.js';
import { makeEventFd } from '../kernel/fs/eventfd.js';
import { openAt } from '../kernel/fs/vfs-ops.js';
import { conflict, lockQueue, releaseLocks, setLock, F_UNLCK, F_WRLCK, F_RDLCK } from '../kernel/fs/locks.js';
import { copyIn, copyInString, copyInto, copyOut } from '../kernel/mm/uaccess.js';
import { accessOk, int, isErr, readI64, StructWriter } from './util.js';

/** Largest single read/write (Linux MAX_RW_COUNT). */
const MAX_RW = 0x7ffff000;
/** Kernel bounce buffer cap per call (a short count is legal and libc loops). */
const CHUNK = 1 << 20;
/** Bounce buffers for read/write (syscalls run one at a time; file ops copy out of them before returning). */
const readBounce = new Uint8Array(CHUNK), writeBounce = new Uint8Array(CHUNK);

export function fileOf(t: Task, fd: number): File | Errno {
  const f = t.proc.files.get(fd);
  if (!isErr(f) && (f.flags & O_PATH)) return EBADF;
  return f;
}

export function userPath(t: Task, va: number): string | Errno { return copyInString(t.mm, va, 4096); }

/** Reads at pos into a kernel buffer (pos < 0: the file position, advanced). */
export function kread(t: Task, f: File, kbuf: Uint8Array, pos = -1): number | Errno | typeof BLOCK {
  if (!f.readable || f.ops.read === undefined) return f.ops.readdir ? EISDIR : EBADF;
  const usePos = pos < 0;
  const n = f.ops.read(f, t, kbuf, usePos ? f.pos : pos);
  if (typeof n !== 'number') return n;
  if (usePos && f.ops.lseek !== undefined) f.pos += n;
  return n;
}

export function kwrite(t: Task, f: File, kbuf: Uint8Array, pos = -1): number | Errno | typeof BLOCK {
  if (!f.writable || f.ops.write === undefined) return EBADF;
  const usePos = pos < 0;
  const n = f.ops.write(f, t, kbuf, usePos ? f.pos : pos);
  if (typeof n !== 'number') return n;
  if (usePos && f.ops.lseek !== undefined) {
    f.pos = (f.flags & O_APPEND) && f.node !== null ? f.node.ino.size : f.pos + n;
  }
  return n;
}

function doRead(t: Task, f: File, buf: number, count: number, pos = -1): SyscallResult {
  if (!f.readable || f.ops.read === undefined) return f.ops.readdir ? EISDIR : EBADF;
  if (count < 0) return EINVAL;
  count = Math.min(count, MAX_RW, CHUNK);
  if (!accessOk(buf, count)) return EFAULT;
  // Pipes copy straight between the ring and the user's frames (no bounce buffer).
  if (pos < 0 && isPipe(f)) return pipeOf(f).readToUser(t, f, t.mm, buf, count);
  const kbuf = readBounce.subarray(0, count);
  const n = kread(t, f, kbuf, pos);
  if (typeof n !== 'number') return n;
  if (n > 0 && copyOut(t.mm, buf, kbuf.subarray(0, n)) !== 0) return EFAULT;
  return n;
}

function doWrite(t: Task, f: File, buf: number, count: number, pos = -1): SyscallResult {
  if (!f.writable || f.ops.write === undefined) return EBADF;
  if (count < 0) return EINVAL;
  count = Math.min(count, MAX_RW, CHUNK);
  if (pos < 0 && isPipe(f)) return pipeOf(f).writeFromUser(t, f, t.mm, buf, count);
  const kbuf = writeBounce.subarray(0, count);
  const r = copyInto(t.mm, buf, kbuf, 0, count);
  if (r !== 0) return r;
  return kwrite(t, f, kbuf, pos);
}

export function sysRead(t: Task, a: Float64Array): SyscallResult {
  const f = fileOf(t, int(a[0]));
  return isErr(f) ? f : doRead(t, f, a[1], a[2]);
}

export function sysWrite(t: Task, a: Float64Array): SyscallResult {
  const f = fileOf(t, int(a[0]));
  return isErr(f) ? f : doWrite(t, f, a[1], a[2]);
}

/** Reads an iovec array: [base, len] pairs. */
function readIov(t: Task, va: number, cnt: number): [number, number][] | Errno {
  if (cnt < 0 || cnt > 1024) return EINVAL;
  const b = copyIn(t.mm, va, cnt * 16);
  if (isErr(b)) return b;
  const v = new DataView(b.buffer);
  const out: [number, number][] = [];
  let total = 0;
  for (let i = 0; i < cnt; i++) {
    const base = readI64(v, i * 16), len = readI64(v, i * 16 + 8);
    if (len < 0) return EINVAL;
    total += len;
    if (total > MAX_RW * 2) return EINVAL;
    out.push([base, len]);
  }
  return out;
}

function doWritev(t: Task, f: File, va: number, cnt: number, pos: number): SyscallResult {
  if (!f.writable || f.ops.write === undefined) return EBADF;
  const iov = readIov(t, va, cnt);
  if (isErr(iov)) return iov;
  const parts: Uint8Array[] = [];
  let total = 0;
  for (const [base, len] of iov) {
    const n = Math.min(len, CHUNK - total);
    const b = copyIn(t.mm, base, n);
    if (isErr(b)) return b;
    parts.push(b); total += n;
    if (total >= CHUNK) break;
  }
  const all = new Uint8Array(total);
  let o = 0;
  for (const p of parts) { all.set(p, o); o += p.length; }
  return kwrite(t, f, all, pos);
}

function doReadv(t: Task, f: File, va: number, cnt: number, pos: number): SyscallResult {
  if (!f.readable || f.ops.read === undefined) return f.ops.readdir ? EISDIR : EBADF;
  const iov = readIov(t, va, cnt);
  if (isErr(iov)) return iov;
  const total = Math.min(iov.reduce((s, [, l]) => s + l, 0), CHUNK);
  for (const [base, len] of iov) if (!accessOk(base, len)) return EFAULT;
  const kbuf = new Uint8Array(total);
  const n = kread(t, f, kbuf, pos);
  if (typeof n !== 'number') return n;
  let o = 0;
  for (const [base, len] of iov) {
    if (o >= n) break;
    const m = Math.min(len, n - o);
    if (copyOut(t.mm, base, kbuf.subarray(o, o + m)) !== 0) return EFAULT;
    o += m;
  }
  return n;
}

export function sysWritev(t: Task, a: Float64Array): SyscallResult {
  const f = fileOf(t, int(a[0]));
  return isErr(f) ? f : doWritev(t, f, a[1], int(a[2]), -1);
}

export function sysReadv(t: Task, a: Float64Array): SyscallResult {
  const f = fileOf(t, int(a[0]));
  return isErr(f) ? f : doReadv(t, f, a[1], int(a[2]), -1);
}

function positional(t: Task, fd: number, off: number): File | Errno {
  const f = fileOf(t, fd);
  if (isErr(f)) return f;
  if (off < 0) return EINVAL;
  if (f.ops.lseek === undefined || isPipe(f)) return ESPIPE;
  const probe = f.ops.lseek(f, 0, SEEK_CUR);
  if (isErr(probe)) return ESPIPE;
  return f;
}

export function sysPread64(t: Task, a: Float64Array): SyscallResult {
  const f = positional(t, int(a[0]), a[3]);
  return isErr(f) ? f : doRead(t, f, a[1], a[2], a[3]);
}

export function sysPwrite64(t: Task, a: Float64Array): SyscallResult {
  const f = positional(t, int(a[0]), a[3]);
  return isErr(f) ? f : doWrite(t, f, a[1], a[2], a[3]);
}

export function sysPreadv(t: Task, a: Float64Array): SyscallResult {
  const f = positional(t, int(a[0]), a[3]);
  return isErr(f) ? f : doReadv(t, f, a[1], int(a[2]), a[3]);
}

export function sysPwritev(t: Task, a: Float64Array): SyscallResult {
  const f = positional(t, int(a[0]), a[3]);
  return isErr(f) ? f : doWritev(t, f, a[1], int(a[2]), a[3]);
}

export function sysLseek(t: Task, a: Float64Array): SyscallResult {
  const f = fileOf(t, int(a[0]));
  if (isErr(f)) return f;
  const whence = int(a[2]);
  if (f.ops.lseek === undefined) return ESPIPE;
  if (whence < SEEK_SET || whence > 4) return EINVAL;
  if (whence > SEEK_END && f.node === null) return EINVAL;
  const p = f.ops.lseek(f, a[1], whence);
  if (isErr(p)) return p;
  f.pos = p;
  return p;
}

/** sendfile(out, in, *offset, count): through a kernel buffer. */
export function sysSendfile(t: Task, a: Float64Array): SyscallResult {
  const out = fileOf(t, int(a[0])), inp = fileOf(t, int(a[1]));
  if (isErr(out)) return out;
  if (isErr(inp)) return inp;
  if (!inp.readable || !out.writable) return EBADF;
  if (out.flags & O_APPEND) return EINVAL;
  const count = Math.min(Math.max(a[3], 0), CHUNK);
  let off = -1;
  if (a[2] !== 0) {
    const b = copyIn(t.mm, a[2], 8);
    if (isErr(b)) return b;
    off = readI64(new DataView(b.buffer), 0);
    if (off < 0) return EINVAL;
    if (isPipe(inp)) return ESPIPE;
  }
  const kbuf = new Uint8Array(count);
  const n = kread(t, inp, kbuf, off);
  if (typeof n !== 'number') return n;
  if (n === 0) return 0;
  const w = kwrite(t, out, kbuf.subarray(0, n));
  if (typeof w !== 'number') {
    if (off < 0 && inp.ops.lseek !== undefined) inp.pos -= n;
    return w;
  }
  if (off >= 0) { const r = copyOut(t.mm, a[2], new StructWriter(8).u64(0, off + w).bytes); if (r !== 0) return r; }
  else if (w < n && inp.ops.lseek !== undefined) inp.pos -= n - w;
  return w;
}

function install(t: Task, r: File | Errno | typeof BLOCK, cloexec: boolean): SyscallResult {
  if (!(r instanceof File)) return r;
  const fd = t.proc.files.install(r, cloexec);
  if (isErr(fd)) r.put();
  return fd;
}

export function sysOpenat(t: Task, a: Float64Array): SyscallResult {
  const flags = int(a[2]);
  const path = userPath(t, a[1]);
  if (isErr(path)) return path;
  return install(t, openAt(t, int(a[0]), path, flags, int(a[3])), (flags & O_CLOEXEC) !== 0);
}

/** openat2(dirfd, path, struct open_how {flags, mode, resolve}, size). */
export function sysOpenat2(t: Task, a: Float64Array): SyscallResult {
  const size = a[3];
  if (size < 24) return EINVAL;
  if (size > 4096) return E2BIG;
  const b = copyIn(t.mm, a[2], Math.min(size, 4096));
  if (isErr(b)) return b;
  for (let i = 24; i < b.length; i++) if (b[i] !== 0) return E2BIG;
  const v = new DataView(b.buffer);
  const flags = readI64(v, 0), mode = readI64(v, 8), resolve = readI64(v, 16);
  if (flags < 0 || flags > 0xffffffff || (flags & ~0o37777777)) return EINVAL;
  if (mode !== 0 && !(flags & (O_CREAT | 0o20000000 /* O_TMPFILE */))) return EINVAL;
  if (mode & ~0o7777) return EINVAL;
  if (resolve & ~0x1f) return EINVAL;
  const path = userPath(t, a[1]);
  if (isErr(path)) return path;
  return install(t, openAt(t, int(a[0]), path, flags, mode), (flags & O_CLOEXEC) !== 0);
}

/** Closes fd, dropping the process's record locks on its inode (POSIX). */
export function closeFd(t: Task, fd: number): 0 | Errno {
  const e = t.proc.files.entry(fd);
  if (e === null) return EBADF;
  if (e.file.node !== null) releaseLocks(e.file.node.ino, t.proc.pid);
  return t.proc.files.close(fd);
}

export function sysClose(t: Task, a: Float64Array): SyscallResult { return closeFd(t, int(a[0])); }

export const CLOSE_RANGE_UNSHARE = 2, CLOSE_RANGE_CLOEXEC = 4;

export function sysCloseRange(t: Task, a: Float64Array): SyscallResult {
  const lo = a[0] >>> 0, hi = a[1] >>> 0, flags = int(a[2]);
  if (flags & ~(CLOSE_RANGE_UNSHARE | CLOSE_RANGE_CLOEXEC) || lo > hi) return EINVAL;
  const files = t.proc.files;
  if (flags & CLOSE_RANGE_UNSHARE && files.users > 1) {
    files.users--;
    t.proc.files = files.clone();
  }
  const ft = t.proc.files;
  for (let fd = lo; fd <= Math.min(hi, ft.fds.length - 1); fd++) {
    const e = ft.entry(fd);
    if (e === null) continue;
    if (flags & CLOSE_RANGE_CLOEXEC) e.cloexec = true; else closeFd(t, fd);
  }
  return 0;
}

export function sysPipe2(t: Task, a: Float64Array): SyscallResult {
  const flags = int(a[1]);
  if (flags & ~(O_CLOEXEC | O_NONBLOCK | 0o40000 /* O_DIRECT */)) return EINVAL;
  const [r, w] = makePipe(flags);
  const files = t.proc.files;
  const cloexec = (flags & O_CLOEXEC) !== 0;
  const rfd = files.install(r, cloexec);
  if (isErr(rfd)) { r.put(); w.put(); return rfd; }
  const wfd = files.install(w, cloexec);
  if (isErr(wfd)) { files.close(rfd); w.put(); return wfd; }
  if (copyOut(t.mm, a[0], new StructWriter(8).i32(0, rfd).i32(4, wfd).bytes) !== 0) {
    files.close(rfd); files.close(wfd);
    return EFAULT;
  }
  return 0;
}

export function sysEventfd2(t: Task, a: Float64Array): SyscallResult {
  const flags = int(a[1]);
  if (flags & ~(O_CLOEXEC | O_NONBLOCK | 1)) return EINVAL;
  return install(t, makeEventFd(a[0] >>> 0, flags), (flags & O_CLOEXEC) !== 0);
}

export function sysDup(t: Task, a: Float64Array): SyscallResult {
  const f = t.proc.files.get(int(a[0]));
  if (isErr(f)) return f;
  const fd = t.proc.files.install(f.get(), false);
  if (isErr(fd)) f.put();
  return fd;
}

export function sysDup3(t: Task, a: Float64Array): SyscallResult {
  const oldfd = int(a[0]), newfd = int(a[1]), flags = int(a[2]);
  if (flags & ~O_CLOEXEC) return EINVAL;
  if (oldfd === newfd) return EINVAL;
  const f = t.proc.files.get(oldfd);
  if (isErr(f)) return f;
  const old = t.proc.files.entry(newfd);
  if (old !== null && old.file.node !== null) releaseLocks(old.file.node.ino, t.proc.pid);
  const r = t.proc.files.installAt(newfd, f.get(), (flags & O_CLOEXEC) !== 0);
  if (isErr(r)) f.put();
  return r;
}

export const F_SETPIPE_SZ = 1031, F_GETPIPE_SZ = 1032, F_OFD_GETLK = 36, F_OFD_SETLK = 37, F_OFD_SETLKW = 38;

/** fcntl record locks: struct flock {short type, whence; off_t start, len; pid_t pid} (32 bytes). */
function recordLock(t: Task, f: File, cmd: number, arg: number): SyscallResult {
  const b = copyIn(t.mm, arg, 32);
  if (isErr(b)) return b;
  const v = new DataView(b.buffer);
  const type = v.getInt16(0, true), whence = v.getInt16(2, true);
  let start = readI64(v, 8);
  const len = readI64(v, 16);
  if (f.node === null) return EBADF;
  if (type !== F_RDLCK && type !== F_WRLCK && type !== F_UNLCK) return EINVAL;
  const base = whence === SEEK_SET ? 0 : whence === SEEK_CUR ? f.pos : whence === SEEK_END ? f.node.ino.size : NaN;
  if (Number.isNaN(base)) return EINVAL;
  start += base;
  let end = len === 0 ? Infinity : start + len;
  if (len < 0) { end = start; start += len; }
  if (start < 0) return EINVAL;
  const ino = f.node.ino;
  const pid = t.proc.pid;
  if (cmd === F_GETLK) {
    if (type === F_UNLCK) return EINVAL;
    const c = conflict(t.kernel, ino, pid, type, start, end);
    const w = new StructWriter(32);
    if (c === null) { w.u16(0, F_UNLCK); w.view.setInt16(2, whence, true); w.u64(8, readI64(v, 8)).u64(16, len); }
    else { w.u16(0, c.type).u16(2, SEEK_SET).u64(8, c.start).u64(16, c.end === Infinity ? 0 : c.end - c.start).i32(24, c.pid); }
    return copyOut(t.mm, arg, w.bytes);
  }
  if (type === F_RDLCK && !f.readable) return EBADF;
  if (type === F_WRLCK && !f.writable) return EBADF;
  if (type !== F_UNLCK) {
    const c = conflict(t.kernel, ino, pid, type, start, end);
    if (c !== null) {
      if (cmd === F_SETLK) return EAGAIN;
      t.restart = { nr: 25, woken: false, deadline: -1, data: { ino } };
      t.sleepOn([lockQueue(ino)], -1, 'locks_lock_inode_wait');
      return BLOCK;
    }
  }
  setLock(ino, pid, type, start, end);
  return 0;
}

export function sysFcntl(t: Task, a: Float64Array): SyscallResult {
  const fd = int(a[0]), cmd = int(a[1]), arg = a[2];
  const files = t.proc.files;
  const e = files.entry(fd);
  if (e === null) return EBADF;
  const f = e.file;
  const isPathFd = (f.flags & O_PATH) !== 0;
  switch (cmd) {
    case F_DUPFD: case F_DUPFD_CLOEXEC: {
      const min = int(arg);
      if (min < 0 || min >= files.maxFds) return EINVAL;
      const r = files.install(f.get(), cmd === F_DUPFD_CLOEXEC, min);
      if (isErr(r)) f.put();
      return r;
    }
    case F_GETFD: return e.cloexec ? FD_CLOEXEC : 0;
    case F_SETFD: e.cloexec = (int(arg) & FD_CLOEXEC) !== 0; return 0;
    case F_GETFL: return f.flags | (f.node !== null && !isPathFd ? 0o100000 /* O_LARGEFILE */ : 0);
    case F_SETFL: {
      if (isPathFd) return EBADF;
      const keep = O_APPEND | O_NONBLOCK | 0o20000 /* O_ASYNC */ | 0o40000 /* O_DIRECT */ | 0o1000000 /* O_NOATIME */;
      f.flags = (f.flags & ~keep) | (int(arg) & keep);
      return 0;
    }
    case F_GETLK: case F_SETLK: case F_SETLKW:
      if (isPathFd) return EBADF;
      return recordLock(t, f, cmd, arg);
    case F_GETPIPE_SZ: return isPipe(f) ? pipeSize(f) : EBADF;
    case F_SETPIPE_SZ: {
      const n = int(arg);
      if (n < 0 || n > 1048576) return n < 0 ? EINVAL : EOVERFLOW;
      return setPipeSize(f, n);
    }
    default: return EINVAL;
  }
}

/** fsync/fdatasync: hostfs files reach the host disk; others succeed. */
export function sysFsync(t: Task, a: Float64Array): SyscallResult {
  const f = fileOf(t, int(a[0]));
  if (isErr(f)) return f;
  if (f.ops.fsync !== undefined) return f.ops.fsync(f);
  const ino = f.node?.ino;
  if (ino !== undefined && ino.cache !== null && ino.ops.writeback !== undefined) return ino.ops.writeback(ino);
  return f.node === null && f.ops.poll !== undefined && !f.ops.lseek ? EINVAL : 0;
}

export { O_TRUNC, O_EXCL, O_NOCTTY };
