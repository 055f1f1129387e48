// File syscalls over the kernel's fd table and minimal root filesystem:
// read/write and vectors, openat/close, stat, lseek, pipe2, dup/dup3, fcntl,
// ioctl, readlinkat (with /proc/self/exe before procfs exists), getcwd/chdir,
// getdents64, faccessat, mkdirat, unlinkat, ppoll. The files issue replaces the
// filesystem under these with a VFS; the fd/File/FileOps seam stays.
import {
  EBADF, EEXIST, EFAULT, EINVAL, EISDIR, ENOENT, ENOTDIR, ENOTTY, ERANGE, ESPIPE, EACCES, ELOOP, type Errno,
} from '../abi/errno.js';
import {
  AT_EMPTY_PATH, AT_FDCWD, AT_REMOVEDIR, AT_SYMLINK_NOFOLLOW, F_DUPFD, F_DUPFD_CLOEXEC, F_GETFD, F_GETFL, F_GETLK,
  F_SETFD, F_SETFL, F_SETLK, F_SETLKW, FD_CLOEXEC, O_APPEND, O_CLOEXEC, O_CREAT, O_DIRECTORY, O_EXCL, O_NONBLOCK,
  O_NOFOLLOW, O_PATH, SEEK_CUR, SEEK_END, SEEK_SET, POLLNVAL,
} from '../abi/linux.js';
import { BLOCK } from '../kernel/control.js';
import type { SyscallResult } from '../kernel/syscall.js';
import type { Task } from '../kernel/task.js';
import { File } from '../kernel/fs/file.js';
import { Inode } from '../kernel/fs/ramfs.js';
import { makePipe } from '../kernel/fs/pipe.js';
import { copyIn, copyInString, copyOut } from '../kernel/mm/uaccess.js';
import type { WaitQueue } from '../kernel/waitqueue.js';
import { accessOk, getTimespec, int, isErr, readI64, statBytes, StructWriter } from './util.js';

/** Largest single read/write (Linux MAX_RW_COUNT). */
const MAX_RW = 0x7ffff000;
/** Kernel bounce buffer cap per call (a short count is legal and libc loops). */
const CHUNK = 1 << 20;

function fileOf(t: Task, fd: number): File | Errno { return t.proc.files.get(fd); }

function doRead(t: Task, f: File, buf: number, count: number): number | Errno | typeof BLOCK {
  if (!f.readable || f.ops.read === undefined) return f.ops.readdir ? EISDIR : EBADF;
  if (count < 0) return EINVAL;
  count = Math.min(count, MAX_RW, CHUNK);
  if (!accessOk(buf, count)) return EFAULT;
  const kbuf = new Uint8Array(count);
  const n = f.ops.read(f, t, kbuf, f.pos);
  if (typeof n !== 'number') return n;
  if (n > 0 && copyOut(t.mm, buf, kbuf.subarray(0, n)) !== 0) return EFAULT;
  if (f.ops.lseek !== undefined) f.pos += n;
  return n;
}

function doWrite(t: Task, f: File, buf: number, count: number): number | Errno | typeof BLOCK {
  if (!f.writable || f.ops.write === undefined) return EBADF;
  if (count < 0) return EINVAL;
  count = Math.min(count, MAX_RW, CHUNK);
  const kbuf = copyIn(t.mm, buf, count);
  if (isErr(kbuf)) return kbuf;
  const n = f.ops.write(f, t, kbuf, f.pos);
  if (typeof n !== 'number') return n;
  if (f.ops.lseek !== undefined) f.pos = (f.flags & O_APPEND) && f.ops.stat ? f.ops.stat(f).size : f.pos + n;
  return n;
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

export function sysWritev(t: Task, a: Float64Array): SyscallResult {
  const f = fileOf(t, int(a[0]));
  if (isErr(f)) return f;
  if (!f.writable || f.ops.write === undefined) return EBADF;
  const iov = readIov(t, a[1], int(a[2]));
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
  const n = f.ops.write(f, t, all, f.pos);
  if (typeof n !== 'number') return n;
  if (f.ops.lseek !== undefined) f.pos += n;
  return n;
}

export function sysReadv(t: Task, a: Float64Array): SyscallResult {
  const f = fileOf(t, int(a[0]));
  if (isErr(f)) return f;
  if (!f.readable || f.ops.read === undefined) return EBADF;
  const iov = readIov(t, a[1], int(a[2]));
  if (isErr(iov)) return iov;
  const total = Math.min(iov.reduce((s, [, l]) => s + l, 0), CHUNK);
  for (const [base, len] of iov) if (!accessOk(base, len)) return EFAULT;
  const kbuf = new Uint8Array(total);
  const n = f.ops.read(f, t, kbuf, f.pos);
  if (typeof n !== 'number') return n;
  let o = 0;
  for (const [base, len] of iov) {
    if (o >= n) break;
    const m = Math.min(len, n - o);
    if (copyOut(t.mm, base, kbuf.subarray(o, o + m)) !== 0) return EFAULT;
    o += m;
  }
  if (f.ops.lseek !== undefined) f.pos += n;
  return n;
}

export function sysPread64(t: Task, a: Float64Array): SyscallResult {
  const f = fileOf(t, int(a[0]));
  if (isErr(f)) return f;
  if (a[3] < 0) return EINVAL;
  if (f.ops.lseek === undefined || f.ops.lseek(f, 0, SEEK_CUR) instanceof Object) return ESPIPE;
  const save = f.pos;
  f.pos = a[3];
  const r = doRead(t, f, a[1], a[2]);
  f.pos = save;
  return r;
}

export function sysPwrite64(t: Task, a: Float64Array): SyscallResult {
  const f = fileOf(t, int(a[0]));
  if (isErr(f)) return f;
  if (a[3] < 0) return EINVAL;
  if (f.ops.lseek === undefined || f.ops.lseek(f, 0, SEEK_CUR) instanceof Object) return ESPIPE;
  const save = f.pos;
  f.pos = a[3];
  const r = doWrite(t, f, a[1], a[2]);
  f.pos = save;
  return r;
}

/** The directory a *at() call is relative to, as a path. */
function dirPath(t: Task, dirfd: number, path: string): string | Errno {
  if (path.startsWith('/') || dirfd === AT_FDCWD) return t.proc.fs.cwd;
  const f = fileOf(t, dirfd);
  if (isErr(f)) return f;
  if (f.ops.readdir === undefined) return ENOTDIR;
  return f.path;
}

/** Maps /proc/self/exe and /proc/<pid>/exe to the executable (procfs does not exist yet). */
function procExe(t: Task, path: string): string | null {
  const m = /^\/proc\/(self|\d+)\/exe$/.exec(path);
  if (m === null) return null;
  const p = m[1] === 'self' ? t.proc : t.kernel.procs.get(Number(m[1]));
  return p === undefined ? null : p.exe;
}

function userPath(t: Task, va: number): string | Errno {
  const s = copyInString(t.mm, va, 4096);
  return s;
}

export function sysOpenat(t: Task, a: Float64Array): SyscallResult {
  const dirfd = int(a[0]), flags = int(a[2]), mode = int(a[3]);
  let path = userPath(t, a[1]);
  if (isErr(path)) return path;
  if (path.length === 0) return ENOENT;
  path = procExe(t, path) ?? path;
  const cwd = dirPath(t, dirfd, path);
  if (isErr(cwd)) return cwd;
  const fs = t.kernel.rootfs;
  let ino = fs.lookup(path, cwd, !(flags & O_NOFOLLOW));
  if (ino instanceof Inode && (flags & O_CREAT) && (flags & O_EXCL)) return EEXIST;
  if (ino === ENOENT && (flags & O_CREAT)) {
    const pp = fs.lookupParent(path, cwd);
    if (isErr(pp)) return pp;
    const c = fs.create(pp.dir, pp.name, mode & ~t.proc.fs.umask);
    if (isErr(c)) return c;
    ino = c;
  }
  if (isErr(ino)) return ino;
  if ((flags & O_NOFOLLOW) && ino.isLink && !(flags & O_PATH)) return ELOOP;
  if ((flags & O_DIRECTORY) && !ino.isDir) return ENOTDIR;
  if (ino.isDir && (flags & 3) !== 0) return EISDIR;
  if (ino.isDir && (flags & O_CREAT)) return EISDIR;
  const abs = path.startsWith('/') ? path : fs.pathOf(ino);
  const f = fs.open(ino, flags & ~(O_CREAT | O_EXCL | O_CLOEXEC), abs);
  if (isErr(f)) return f;
  const fd = t.proc.files.install(f, (flags & O_CLOEXEC) !== 0);
  if (isErr(fd)) f.put();
  return fd;
}

export function sysClose(t: Task, a: Float64Array): SyscallResult { return t.proc.files.close(int(a[0])); }

export function sysFstat(t: Task, a: Float64Array): SyscallResult {
  const f = fileOf(t, int(a[0]));
  if (isErr(f)) return f;
  if (f.ops.stat === undefined) return EBADF;
  return copyOut(t.mm, a[1], statBytes(f.ops.stat(f)));
}

export function sysNewfstatat(t: Task, a: Float64Array): SyscallResult {
  const dirfd = int(a[0]), flags = int(a[3]);
  if (flags & ~(AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW | 0x800 /* AT_NO_AUTOMOUNT */)) return EINVAL;
  let path = userPath(t, a[1]);
  if (isErr(path)) return path;
  if (path.length === 0) {
    if (!(flags & AT_EMPTY_PATH)) return ENOENT;
    if (dirfd === AT_FDCWD) path = t.proc.fs.cwd;
    else {
      const f = fileOf(t, dirfd);
      if (isErr(f)) return f;
      if (f.ops.stat === undefined) return EBADF;
      return copyOut(t.mm, a[2], statBytes(f.ops.stat(f)));
    }
  }
  path = procExe(t, path) ?? path;
  const cwd = dirPath(t, dirfd, path);
  if (isErr(cwd)) return cwd;
  const ino = t.kernel.rootfs.lookup(path, cwd, !(flags & AT_SYMLINK_NOFOLLOW));
  if (isErr(ino)) return ino;
  return copyOut(t.mm, a[2], statBytes(t.kernel.rootfs.stat(ino)));
}

export function sysLseek(t: Task, a: Float64Array): SyscallResult {
  const f = fileOf(t, int(a[0]));
  if (isErr(f)) return f;
  const whence = int(a[2]);
  if (whence !== SEEK_SET && whence !== SEEK_CUR && whence !== SEEK_END) return EINVAL;
  if (f.ops.lseek === undefined) return ESPIPE;
  const p = f.ops.lseek(f, a[1], whence);
  if (isErr(p)) return p;
  f.pos = p;
  return p;
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

export function sysDup(t: Task, a: Float64Array): SyscallResult {
  const f = fileOf(t, int(a[0]));
  if (isErr(f)) return f;
  const fd = t.proc.files.install(f.get(), false);
  if (isErr(fd)) f.put();
  return fd;
}

export function sysDup3(t: Task, a: Float64Array): SyscallResult {
  const oldfd = int(a[0]), newfd = int(a[1]), flags = int(a[2]);
  if (flags & ~O_CLOEXEC) return EINVAL;
  if (oldfd === newfd) return EINVAL;
  const f = fileOf(t, oldfd);
  if (isErr(f)) return f;
  const r = t.proc.files.installAt(newfd, f.get(), (flags & O_CLOEXEC) !== 0);
  if (isErr(r)) f.put();
  return r;
}

export function sysFcntl(t: Task, a: Float64Array): SyscallResult {
  const fd = int(a[0]), cmd = int(a[1]), arg = a[2];
  const files = t.proc.files;
  const e = files.entry(fd);
  if (e === null) return EBADF;
  switch (cmd) {
    case F_DUPFD: case F_DUPFD_CLOEXEC: {
      const min = int(arg);
      if (min < 0 || min >= files.maxFds) return EINVAL;
      const r = files.install(e.file.get(), cmd === F_DUPFD_CLOEXEC, min);
      if (isErr(r)) e.file.put();
      return r;
    }
    case F_GETFD: return e.cloexec ? FD_CLOEXEC : 0;
    case F_SETFD: e.cloexec = (int(arg) & FD_CLOEXEC) !== 0; return 0;
    case F_GETFL: return e.file.flags;
    case F_SETFL: {
      const keep = O_APPEND | O_NONBLOCK | 0o20000 /* O_ASYNC */ | 0o40000 /* O_DIRECT */ | 0o1000000 /* O_NOATIME */;
      e.file.flags = (e.file.flags & ~keep) | (int(arg) & keep);
      return 0;
    }
    case F_GETLK: {
      // struct flock: l_type(short) ... ; nothing is ever locked by anyone else here.
      const b = copyIn(t.mm, arg, 32);
      if (isErr(b)) return b;
      b[0] = 2; b[1] = 0; // F_UNLCK
      return copyOut(t.mm, arg, b);
    }
    case F_SETLK: case F_SETLKW: {
      const b = copyIn(t.mm, arg, 32);
      return isErr(b) ? b : 0;
    }
    case 1033: return 65536; // F_GETPIPE_SZ (approximate: any fd)
    default: return EINVAL;
  }
}

export function sysIoctl(t: Task, a: Float64Array): SyscallResult {
  const f = fileOf(t, int(a[0]));
  if (isErr(f)) return f;
  if (f.ops.ioctl === undefined) return ENOTTY;
  return f.ops.ioctl(f, t, uint32(a[1]), a[2]);
}
const uint32 = (v: number): number => (v % 4294967296) >>> 0;

export function sysReadlinkat(t: Task, a: Float64Array): SyscallResult {
  const dirfd = int(a[0]), size = a[3];
  const path = userPath(t, a[1]);
  if (isErr(path)) return path;
  if (size <= 0) return EINVAL;
  let target = procExe(t, path);
  if (target === null) {
    if (path.length === 0) return ENOENT;
    const cwd = dirPath(t, dirfd, path);
    if (isErr(cwd)) return cwd;
    const ino = t.kernel.rootfs.lookup(path, cwd, false);
    if (isErr(ino)) return ino;
    if (!ino.isLink) return EINVAL;
    target = ino.target;
  }
  const b = new TextEncoder().encode(target).subarray(0, Math.min(size, 4096));
  const r = copyOut(t.mm, a[2], b);
  return r === 0 ? b.length : r;
}

export function sysGetcwd(t: Task, a: Float64Array): SyscallResult {
  const b = new TextEncoder().encode(t.proc.fs.cwd + '\0');
  if (a[1] < b.length) return a[1] === 0 && a[0] !== 0 ? EINVAL : ERANGE;
  const r = copyOut(t.mm, a[0], b);
  return r === 0 ? b.length : r;
}

export function sysChdir(t: Task, a: Float64Array): SyscallResult {
  const path = userPath(t, a[0]);
  if (isErr(path)) return path;
  const fs = t.kernel.rootfs;
  const ino = fs.lookup(path, t.proc.fs.cwd);
  if (isErr(ino)) return ino;
  if (!ino.isDir) return ENOTDIR;
  t.proc.fs.cwd = fs.pathOf(ino);
  return 0;
}

export function sysFchdir(t: Task, a: Float64Array): SyscallResult {
  const f = fileOf(t, int(a[0]));
  if (isErr(f)) return f;
  if (f.ops.readdir === undefined) return ENOTDIR;
  t.proc.fs.cwd = f.path;
  return 0;
}

export function sysGetdents64(t: Task, a: Float64Array): SyscallResult {
  const f = fileOf(t, int(a[0]));
  if (isErr(f)) return f;
  if (f.ops.readdir === undefined) return ENOTDIR;
  const count = Math.min(Math.max(a[2], 0), CHUNK);
  const out = new Uint8Array(count);
  const v = new DataView(out.buffer);
  let o = 0;
  for (;;) {
    const e = f.ops.readdir(f, f.pos);
    if (e === null) break;
    const name = new TextEncoder().encode(e.name);
    const reclen = Math.ceil((19 + name.length + 1) / 8) * 8;
    if (o + reclen > count) { if (o === 0) return EINVAL; break; }
    v.setUint32(o, e.ino, true); v.setUint32(o + 4, 0, true);
    v.setUint32(o + 8, f.pos + 1, true); v.setUint32(o + 12, 0, true);
    v.setUint16(o + 16, reclen, true);
    out[o + 18] = e.type;
    out.set(name, o + 19);
    out.fill(0, o + 19 + name.length, o + reclen);
    o += reclen;
    f.pos++;
  }
  const r = copyOut(t.mm, a[1], out.subarray(0, o));
  return r === 0 ? o : r;
}

export function sysFaccessat(t: Task, a: Float64Array): SyscallResult {
  const dirfd = int(a[0]), mode = int(a[2]);
  if (mode & ~7) return EINVAL;
  let path = userPath(t, a[1]);
  if (isErr(path)) return path;
  if (path.length === 0) return ENOENT;
  path = procExe(t, path) ?? path;
  const cwd = dirPath(t, dirfd, path);
  if (isErr(cwd)) return cwd;
  const ino = t.kernel.rootfs.lookup(path, cwd);
  if (isErr(ino)) return ino;
  if ((mode & 1) && t.proc.cred.euid === 0 && !ino.isDir && (ino.mode & 0o111) === 0) return EACCES;
  return 0;
}

export function sysMkdirat(t: Task, a: Float64Array): SyscallResult {
  const path = userPath(t, a[1]);
  if (isErr(path)) return path;
  if (path.length === 0) return ENOENT;
  const cwd = dirPath(t, int(a[0]), path);
  if (isErr(cwd)) return cwd;
  const fs = t.kernel.rootfs;
  const pp = fs.lookupParent(path, cwd);
  if (isErr(pp)) return pp;
  const r = fs.mkdir(pp.dir, pp.name, int(a[2]) & ~t.proc.fs.umask);
  return isErr(r) ? r : 0;
}

export function sysUnlinkat(t: Task, a: Float64Array): SyscallResult {
  const flags = int(a[2]);
  if (flags & ~AT_REMOVEDIR) return EINVAL;
  const path = userPath(t, a[1]);
  if (isErr(path)) return path;
  if (path.length === 0) return ENOENT;
  const cwd = dirPath(t, int(a[0]), path);
  if (isErr(cwd)) return cwd;
  const fs = t.kernel.rootfs;
  const pp = fs.lookupParent(path, cwd);
  if (isErr(pp)) return pp;
  return fs.unlink(pp.dir, pp.name, (flags & AT_REMOVEDIR) !== 0);
}

/** ppoll: readiness of each fd; sleeps on every file's queue until one is ready or the timeout. */
export function sysPpoll(t: Task, a: Float64Array): SyscallResult {
  const nfds = a[1];
  if (nfds < 0 || nfds > t.proc.files.maxFds) return EINVAL;
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
      const f = fileOf(t, fd);
      if (isErr(f)) rev = POLLNVAL;
      else if (f.ops.poll) {
        const p = f.ops.poll(f);
        rev = p.mask & (events | 0x18);
        if (p.wq) queues.push(p.wq);
      } else rev = events & 5;
    }
    v.setInt16(i * 8 + 6, rev, true);
    if (rev) ready++;
  }
  let deadline = -1;
  if (t.restart !== null && t.restart.nr === 73) deadline = t.restart.deadline;
  else if (a[2] !== 0) {
    const ns = getTimespec(t, a[2]);
    if (isErr(ns)) return ns;
    deadline = k.monotonicNs() + ns;
  }
  if (ready > 0 || (deadline >= 0 && k.monotonicNs() >= deadline)) {
    const r = copyOut(t.mm, a[0], b);
    return r === 0 ? ready : r;
  }
  t.restart = { nr: 73, woken: false, deadline };
  t.sleepOn(queues, deadline, 'do_sys_poll');
  return BLOCK;
}


export function sysSymlinkat(t: Task, a: Float64Array): SyscallResult {
  const target = userPath(t, a[0]);
  if (isErr(target)) return target;
  const path = userPath(t, a[2]);
  if (isErr(path)) return path;
  if (target.length === 0 || path.length === 0) return ENOENT;
  const cwd = dirPath(t, int(a[1]), path);
  if (isErr(cwd)) return cwd;
  const fs = t.kernel.rootfs;
  const pp = fs.lookupParent(path, cwd);
  if (isErr(pp)) return pp;
  if (fs.lookup(path, cwd, false) instanceof Inode) return EEXIST;
  if (pp.dir.hostPath !== null) return EACCES;
  fs.symlink(fs.pathOf(pp.dir).replace(/\/$/, '') + '/' + pp.name, target);
  return 0;
}
