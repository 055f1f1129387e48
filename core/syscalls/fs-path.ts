// File syscalls, part 2: names and attributes. stat family (fstat,
// newfstatat, statx), access checks, readlink, directory operations
// (getdents64, mkdir, mknod, unlink/rmdir, rename, link, symlink), attribute
// changes (chmod, chown, utimensat, truncate, fallocate), the working
// directory and root (chdir, fchdir, getcwd, chroot), mount/umount2 and
// statfs. The VFS (core/kernel/fs/vfs-ops.ts) does the checks.
import { EBADF, EFAULT, EINVAL, ENOENT, ENOTDIR, ERANGE, EPERM, EACCES, EROFS, EISDIR, ENODEV, EOPNOTSUPP, ESPIPE, EFBIG, type Errno } from '../abi/errno.js';
import { AT_EMPTY_PATH, AT_FDCWD, AT_REMOVEDIR, AT_SYMLINK_NOFOLLOW, O_PATH } from '../abi/linux.js';
import type { SyscallResult } from '../kernel/syscall.js';
import type { Task } from '../kernel/task.js';
import type { File, Stat } from '../kernel/fs/file.js';
import { permission, MS_RDONLY, MS_REMOUNT, MS_BIND, type StatFs } from '../kernel/fs/inode.js';
import { isPath, linkTarget, type Path } from '../kernel/fs/vfs.js';
import {
  chmodNode, chownNode, linkAt, lookupAt, mkdirAt, mknodAt, renameAt, setSize, startAt, symlinkAt, unlinkAt, utimesNode, isErrno,
} from '../kernel/fs/vfs-ops.js';
import { major, minor } from '../kernel/fs/devfs.js';
import { copyIn, copyOut } from '../kernel/mm/uaccess.js';
import { int, isErr, readI64, statBytes, StructWriter } from './util.js';
import { userPath } from './fs.js';

const AT_NO_AUTOMOUNT = 0x800, AT_STATX_SYNC_TYPE = 0x6000, AT_EACCESS = 0x200;

/** Resolves (dirfd, path, flags) to a node, or an fd-only file (pipe) for AT_EMPTY_PATH. */
function target(t: Task, dirfd: number, va: number, flags: number): Path | File | Errno {
  const path = userPath(t, va);
  if (isErr(path)) return path;
  return lookupAt(t, dirfd, path, flags, !(flags & AT_SYMLINK_NOFOLLOW));
}

function statOf(x: Path | File): Stat | Errno {
  if (isPath(x)) return x.ino.stat();
  return x.ops.stat ? x.ops.stat(x) : { dev: 13, ino: 1, mode: 0, nlink: 1, uid: 0, gid: 0, rdev: 0, size: 0, blksize: 4096, blocks: 0, atimeNs: 0, mtimeNs: 0, ctimeNs: 0 };
}

export function sysFstat(t: Task, a: Float64Array): SyscallResult {
  const f = t.proc.files.get(int(a[0]));
  if (isErr(f)) return f;
  const s = f.node !== null ? f.node.ino.stat() : statOf(f);
  return isErr(s) ? s : copyOut(t.mm, a[1], statBytes(s));
}

export function sysNewfstatat(t: Task, a: Float64Array): SyscallResult {
  const flags = int(a[3]);
  if (flags & ~(AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT)) return EINVAL;
  const x = target(t, int(a[0]), a[1], flags);
  if (isErr(x)) return x;
  const s = statOf(x);
  return isErr(s) ? s : copyOut(t.mm, a[2], statBytes(s));
}

/** struct statx (256 bytes), STATX_BASIC_STATS. */
export function sysStatx(t: Task, a: Float64Array): SyscallResult {
  const flags = int(a[2]), mask = int(a[3]);
  if (flags & ~(AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT | AT_STATX_SYNC_TYPE)) return EINVAL;
  if ((flags & AT_STATX_SYNC_TYPE) === AT_STATX_SYNC_TYPE) return EINVAL;
  if (mask & 0x80000000) return EINVAL;
  const x = target(t, int(a[0]), a[1], flags);
  if (isErr(x)) return x;
  const s = statOf(x);
  if (isErr(s)) return s;
  const w = new StructWriter(256);
  const ts = (off: number, ns: number) => { const sec = Math.floor(ns / 1e9); w.u64(off, sec).u32(off + 8, Math.floor(ns - sec * 1e9)); };
  w.u32(0, 0x7ff).u32(4, s.blksize).u32(16, s.nlink).u32(20, s.uid).u32(24, s.gid).u16(28, s.mode).u64(32, s.ino)
    .u64(40, s.size).u64(48, s.blocks);
  if (s.times !== undefined) { const x = s.times; w.u64(64, x[0]).u32(72, x[1]).u64(96, x[4]).u32(104, x[5]).u64(112, x[2]).u32(120, x[3]); }
  else { ts(64, s.atimeNs); ts(96, s.ctimeNs); ts(112, s.mtimeNs); }
  w.u32(128, major(s.rdev)).u32(132, minor(s.rdev)).u32(136, major(s.dev)).u32(140, minor(s.dev));
  return copyOut(t.mm, a[4], w.bytes);
}

function access(t: Task, dirfd: number, va: number, mode: number, flags: number): SyscallResult {
  if (mode & ~7) return EINVAL;
  if (flags & ~(AT_EACCESS | AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)) return EINVAL;
  const x = target(t, dirfd, va, flags);
  if (isErr(x)) return x;
  if (!isPath(x)) return 0;
  if (mode === 0) return 0;
  // access(2) checks with the real ids unless AT_EACCESS.
  const c = t.proc.cred;
  const cred = flags & AT_EACCESS ? c : { ...c, fsuid: c.uid, fsgid: c.gid };
  const e = permission(x.ino, cred, mode);
  if (e !== 0) return e;
  if ((mode & 2) && x.mnt.readOnly && (x.ino.isReg || x.ino.isDir || x.ino.isLink)) return EROFS;
  return 0;
}

export function sysFaccessat(t: Task, a: Float64Array): SyscallResult { return access(t, int(a[0]), a[1], int(a[2]), 0); }
export function sysFaccessat2(t: Task, a: Float64Array): SyscallResult { return access(t, int(a[0]), a[1], int(a[2]), int(a[3])); }

export function sysReadlinkat(t: Task, a: Float64Array): SyscallResult {
  const size = int(a[3]);
  const path = userPath(t, a[1]);
  if (isErr(path)) return path;
  if (size <= 0) return EINVAL;
  let text: string;
  const m = /^\/proc\/(self|\d+)\/exe$/.exec(path);
  const p = m === null ? undefined : m[1] === 'self' ? t.proc : t.kernel.procs.get(Number(m[1]));
  if (p !== undefined && t.kernel.vfs.types.get('proc') === undefined) text = p.exe;
  else {
    const x = lookupAt(t, int(a[0]), path, AT_EMPTY_PATH, false);
    if (isErr(x)) return x;
    if (!isPath(x) || !x.ino.isLink) return EINVAL;
    const l = linkTarget(x.ino, t);
    if (isErr(l)) return l;
    text = l;
  }
  const b = new TextEncoder().encode(text).subarray(0, size);
  const r = copyOut(t.mm, a[2], b);
  return r === 0 ? b.length : r;
}

export function sysGetdents64(t: Task, a: Float64Array): SyscallResult {
  const f = t.proc.files.get(int(a[0]));
  if (isErr(f)) return f;
  if (f.flags & O_PATH) return EBADF;
  if (f.ops.readdir === undefined) return ENOTDIR;
  const count = Math.min(Math.max(int(a[2]), 0), 1 << 20);
  const out = new Uint8Array(count);
  const v = new DataView(out.buffer);
  const enc = new TextEncoder();
  let o = 0;
  for (;;) {
    const e = f.ops.readdir(f, f.pos);
    if (e === null) break;
    const name = enc.encode(e.name);
    const reclen = Math.ceil((19 + name.length + 1) / 8) * 8;
    if (o + reclen > count) { if (o === 0) return EINVAL; break; }
    v.setUint32(o, e.ino % 4294967296, true); v.setUint32(o + 4, Math.floor(e.ino / 4294967296), true);
    v.setUint32(o + 8, f.pos + 1, true); v.setUint32(o + 12, 0, true);
    v.setUint16(o + 16, reclen, true);
    out[o + 18] = e.type;
    out.set(name, o + 19);
    o += reclen;
    f.pos++;
  }
  const r = copyOut(t.mm, a[1], out.subarray(0, o));
  return r === 0 ? o : r;
}

export function sysMkdirat(t: Task, a: Float64Array): SyscallResult {
  const path = userPath(t, a[1]);
  return isErr(path) ? path : mkdirAt(t, int(a[0]), path, int(a[2]));
}

export function sysMknodat(t: Task, a: Float64Array): SyscallResult {
  const path = userPath(t, a[1]);
  return isErr(path) ? path : mknodAt(t, int(a[0]), path, int(a[2]), a[3] >>> 0);
}

export function sysUnlinkat(t: Task, a: Float64Array): SyscallResult {
  const flags = int(a[2]);
  if (flags & ~AT_REMOVEDIR) return EINVAL;
  const path = userPath(t, a[1]);
  return isErr(path) ? path : unlinkAt(t, int(a[0]), path, (flags & AT_REMOVEDIR) !== 0);
}

export function sysRenameat2(t: Task, a: Float64Array): SyscallResult {
  const from = userPath(t, a[1]);
  if (isErr(from)) return from;
  const to = userPath(t, a[3]);
  if (isErr(to)) return to;
  return renameAt(t, int(a[0]), from, int(a[2]), to, int(a[4]));
}

export function sysLinkat(t: Task, a: Float64Array): SyscallResult {
  const flags = int(a[4]);
  if (flags & ~(0x400 /* AT_SYMLINK_FOLLOW */ | AT_EMPTY_PATH)) return EINVAL;
  const from = userPath(t, a[1]);
  if (isErr(from)) return from;
  const to = userPath(t, a[3]);
  if (isErr(to)) return to;
  const old = lookupAt(t, int(a[0]), from, flags & AT_EMPTY_PATH, (flags & 0x400) !== 0);
  if (isErr(old)) return old;
  if (!isPath(old)) return ENOENT;
  return linkAt(t, old, int(a[2]), to);
}

export function sysSymlinkat(t: Task, a: Float64Array): SyscallResult {
  const target = userPath(t, a[0]);
  if (isErr(target)) return target;
  const path = userPath(t, a[2]);
  return isErr(path) ? path : symlinkAt(t, target, int(a[1]), path);
}

function fdNode(t: Task, fd: number): Path | Errno {
  const f = t.proc.files.get(fd);
  if (isErr(f)) return f;
  return f.node ?? EBADF;
}

export function sysFchmod(t: Task, a: Float64Array): SyscallResult {
  const f = t.proc.files.get(int(a[0]));
  if (isErr(f)) return f;
  if (f.flags & O_PATH) return EBADF;
  if (f.node === null) return 0;
  return chmodNode(t, f.node, int(a[1]));
}

export function sysFchmodat(t: Task, a: Float64Array): SyscallResult {
  const x = target(t, int(a[0]), a[1], 0);
  if (isErr(x)) return x;
  return isPath(x) ? chmodNode(t, x, int(a[2])) : EBADF;
}

export function sysFchown(t: Task, a: Float64Array): SyscallResult {
  const p = fdNode(t, int(a[0]));
  return isErr(p) ? p : chownNode(t, p, int(a[1]), int(a[2]));
}

export function sysFchownat(t: Task, a: Float64Array): SyscallResult {
  const flags = int(a[4]);
  if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)) return EINVAL;
  const x = target(t, int(a[0]), a[1], flags);
  if (isErr(x)) return x;
  return isPath(x) ? chownNode(t, x, int(a[2]), int(a[3])) : EBADF;
}

export function sysUtimensat(t: Task, a: Float64Array): SyscallResult {
  const dirfd = int(a[0]), flags = int(a[3]);
  if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)) return EINVAL;
  let times: [number, number][] | null = null;
  if (a[2] !== 0) {
    const b = copyIn(t.mm, a[2], 32);
    if (isErr(b)) return b;
    const v = new DataView(b.buffer);
    times = [[readI64(v, 0), readI64(v, 8)], [readI64(v, 16), readI64(v, 24)]];
    for (const [, ns] of times) if ((ns < 0 || ns > 999999999) && ns !== 0x3fffffff && ns !== 0x3ffffffe) return EINVAL;
  }
  let x: Path | File | Errno;
  if (a[1] === 0) {
    // utimensat(fd, NULL, ...) is futimens.
    if (dirfd === AT_FDCWD) return EFAULT;
    const f = t.proc.files.get(dirfd);
    x = isErr(f) ? f : f.node ?? f;
  } else x = target(t, dirfd, a[1], flags);
  if (isErr(x)) return x;
  return isPath(x) ? utimesNode(t, x, times) : 0;
}

function truncateNode(t: Task, p: Path, len: number): 0 | Errno {
  if (len < 0) return EINVAL;
  if (len > 2 ** 43) return EFBIG;
  if (p.ino.isDir) return EISDIR;
  if (!p.ino.isReg) return EINVAL;
  return setSize(t, p.ino, len);
}

export function sysTruncate(t: Task, a: Float64Array): SyscallResult {
  const path = userPath(t, a[0]);
  if (isErr(path)) return path;
  const p = lookupAt(t, AT_FDCWD, path, 0, true);
  if (isErr(p)) return p;
  if (!isPath(p)) return EINVAL;
  if (p.ino.isDir) return EISDIR;
  const e = permission(p.ino, t.proc.cred, 2);
  if (e !== 0) return e;
  if (p.mnt.readOnly) return EROFS;
  return truncateNode(t, p, a[1]);
}

export function sysFtruncate(t: Task, a: Float64Array): SyscallResult {
  const f = t.proc.files.get(int(a[0]));
  if (isErr(f)) return f;
  if (f.flags & O_PATH) return EBADF;
  if (f.node === null || !f.node.ino.isReg || !f.writable) return EINVAL;
  if (a[1] < 0) return EINVAL;
  return truncateNode(t, f.node, a[1]);
}

/** fallocate: mode 0 (extend) and FALLOC_FL_KEEP_SIZE; punching holes is EOPNOTSUPP. */
export function sysFallocate(t: Task, a: Float64Array): SyscallResult {
  const f = t.proc.files.get(int(a[0]));
  if (isErr(f)) return f;
  const mode = int(a[1]), off = a[2], len = a[3];
  if (off < 0 || len <= 0) return EINVAL;
  if (!f.writable) return EBADF;
  if (f.node === null) return ESPIPE;
  if (f.node.ino.isDir) return EISDIR;
  if (!f.node.ino.isReg) return ENODEV;
  if (mode & ~1) return EOPNOTSUPP;
  if (!(mode & 1) && off + len > f.node.ino.size) return setSize(t, f.node.ino, off + len);
  return 0;
}

export function sysChdir(t: Task, a: Float64Array): SyscallResult {
  const path = userPath(t, a[0]);
  if (isErr(path)) return path;
  const p = lookupAt(t, AT_FDCWD, path, 0, true);
  if (isErr(p)) return p;
  if (!isPath(p)) return ENOTDIR;
  return setCwd(t, p);
}

function setCwd(t: Task, p: Path): SyscallResult {
  if (!p.ino.isDir) return ENOTDIR;
  const e = permission(p.ino, t.proc.cred, 1);
  if (e !== 0) return e;
  t.proc.fs.cwd = t.kernel.vfs.pathOf(p);
  return 0;
}

export function sysFchdir(t: Task, a: Float64Array): SyscallResult {
  const f = t.proc.files.get(int(a[0]));
  if (isErr(f)) return f;
  if (f.node === null) return ENOTDIR;
  return setCwd(t, f.node);
}

export function sysGetcwd(t: Task, a: Float64Array): SyscallResult {
  const vfs = t.kernel.vfs;
  const root = vfs.rootOf(t), cwd = vfs.cwdOf(t);
  const full = vfs.pathOf(cwd), r = vfs.pathOf(root);
  let shown = full;
  if (r !== '/') shown = full === r ? '/' : full.startsWith(r + '/') ? full.slice(r.length) : '(unreachable)' + full;
  const b = new TextEncoder().encode(shown + '\0');
  if (a[1] < b.length) return ERANGE;
  const res = copyOut(t.mm, a[0], b);
  return res === 0 ? b.length : res;
}

export function sysChroot(t: Task, a: Float64Array): SyscallResult {
  const path = userPath(t, a[0]);
  if (isErr(path)) return path;
  const p = lookupAt(t, AT_FDCWD, path, 0, true);
  if (isErr(p)) return p;
  if (!isPath(p) || !p.ino.isDir) return ENOTDIR;
  const e = permission(p.ino, t.proc.cred, 1);
  if (e !== 0) return e;
  if (t.proc.cred.euid !== 0) return EPERM;
  t.proc.fs.root = t.kernel.vfs.pathOf(p);
  return 0;
}

export function sysMount(t: Task, a: Float64Array): SyscallResult {
  if (t.proc.cred.euid !== 0) return EPERM;
  const flags = a[3] >>> 0;
  const tgt = userPath(t, a[1]);
  if (isErr(tgt)) return tgt;
  const at = lookupAt(t, AT_FDCWD, tgt, 0, true);
  if (isErr(at)) return at;
  if (!isPath(at)) return ENOTDIR;
  const src = a[0] === 0 ? '' : userPath(t, a[0]);
  if (isErr(src)) return src;
  const vfs = t.kernel.vfs;
  if (flags & MS_REMOUNT) {
    if (at.ino !== at.mnt.root) return EINVAL;
    at.mnt.flags = (at.mnt.flags & ~MS_RDONLY) | (flags & MS_RDONLY);
    if (!(flags & MS_BIND)) at.mnt.sb.flags = (at.mnt.sb.flags & ~MS_RDONLY) | (flags & MS_RDONLY);
    return 0;
  }
  if (flags & MS_BIND) {
    const s = lookupAt(t, AT_FDCWD, src, 0, true);
    if (isErr(s)) return s;
    if (!isPath(s)) return EINVAL;
    const m = vfs.bind(s, at, flags);
    return isErrno(m) ? m : 0;
  }
  const type = a[2] === 0 ? '' : userPath(t, a[2]);
  if (isErr(type)) return type;
  const data = a[4] === 0 ? '' : userPath(t, a[4]);
  if (isErr(data)) return data;
  if (type === 'hostfs') return EPERM; // host directories only from the command line
  const m = vfs.mount(at, type, src, flags, data);
  return isErrno(m) ? m : 0;
}

export function sysUmount2(t: Task, a: Float64Array): SyscallResult {
  if (t.proc.cred.euid !== 0) return EPERM;
  const flags = int(a[1]);
  if (flags & ~0xf) return EINVAL;
  const path = userPath(t, a[0]);
  if (isErr(path)) return path;
  const p = lookupAt(t, AT_FDCWD, path, 0, !(flags & 8 /* UMOUNT_NOFOLLOW */));
  if (isErr(p)) return p;
  if (!isPath(p)) return EINVAL;
  return t.kernel.vfs.umount(p);
}

/** struct statfs (120 bytes on 64-bit). */
function statfsBytes(s: StatFs, flags: number): Uint8Array {
  return new StructWriter(120).u64(0, s.type).u64(8, s.bsize).u64(16, s.blocks).u64(24, s.bfree).u64(32, s.bfree)
    .u64(40, s.files).u64(48, s.ffree).u64(64, s.namelen).u64(72, s.bsize).u64(80, flags | 0x20 /* ST_VALID */).bytes;
}

export function sysStatfs(t: Task, a: Float64Array): SyscallResult {
  const path = userPath(t, a[0]);
  if (isErr(path)) return path;
  const p = lookupAt(t, AT_FDCWD, path, 0, true);
  if (isErr(p)) return p;
  if (!isPath(p)) return EACCES;
  return copyOut(t.mm, a[1], statfsBytes(p.mnt.sb.statfs(), p.mnt.readOnly ? 1 : 0));
}

export function sysFstatfs(t: Task, a: Float64Array): SyscallResult {
  const f = t.proc.files.get(int(a[0]));
  if (isErr(f)) return f;
  if (f.node === null) return copyOut(t.mm, a[1], statfsBytes({ type: 0x50495045 /* PIPEFS */, bsize: 4096, blocks: 0, bfree: 0, files: 0, ffree: 0, namelen: 255 }, 0));
  return copyOut(t.mm, a[1], statfsBytes(f.node.mnt.sb.statfs(), f.node.mnt.readOnly ? 1 : 0));
}

export { startAt };
