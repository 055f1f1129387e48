// VFS operations on behalf of a task, with Linux's checks and errno order:
// the starting point of *at() calls (AT_FDCWD, a directory fd, AT_EMPTY_PATH),
// open (O_CREAT/EXCL/TRUNC/DIRECTORY/NOFOLLOW/PATH, FIFOs, devices), mknod,
// mkdir, unlink/rmdir (sticky directories), rename (NOREPLACE, EXCHANGE),
// link, symlink, attribute changes (chmod, chown, truncate, utimes).
import {
  Errno, EACCES, EBADF, EBUSY, EEXIST, EINVAL, EISDIR, ELOOP, ENOENT, ENOTDIR, ENOTEMPTY, ENXIO, EPERM, EROFS, EXDEV, ENODEV,
} from '../../abi/errno.js';
import {
  AT_EMPTY_PATH, AT_FDCWD, O_CREAT, O_DIRECTORY, O_EXCL, O_NOFOLLOW, O_PATH, O_TRUNC, O_CLOEXEC, O_NOCTTY,
  S_IFCHR, S_IFDIR, S_IFIFO, S_IFMT, S_IFREG, S_IFBLK, S_IFSOCK,
} from '../../abi/linux.js';
import type { Block } from '../control.js';
import type { Task } from '../task.js';
import { File, type FileOps } from './file.js';
import { permission, type Inode } from './inode.js';
import { cacheOf, dirOps, maybeEvict, pathOps, regOps, type NodePriv } from './regfile.js';
import { fifoOpen, PIPEFS_MAGIC } from './pipe.js';

const isPipefs = (p: Path): boolean => p.ino.sb.magic === PIPEFS_MAGIC;
import { isPath, type Path, type WalkCtx } from './vfs.js';

export const isErrno = (v: unknown): v is Errno => v instanceof Errno;

/** Where a *at() path starts: the cwd (AT_FDCWD) or the directory open as dirfd. */
export function startAt(t: Task, dirfd: number, path: string): Path | Errno {
  const vfs = t.kernel.vfs;
  if (path.charCodeAt(0) === 47) return vfs.cwdOf(t);
  if (dirfd === AT_FDCWD) return vfs.cwdOf(t);
  const f = t.proc.files.get(dirfd);
  if (isErrno(f)) return f;
  if (f.node === null) return ENOTDIR;
  if (!f.node.ino.isDir) return ENOTDIR;
  return f.node;
}

/** Resolves (dirfd, path) for stat-like calls; AT_EMPTY_PATH with "" means dirfd itself. */
export function lookupAt(t: Task, dirfd: number, path: string, flags: number, follow: boolean): Path | File | Errno {
  if (path.length === 0) {
    if (!(flags & AT_EMPTY_PATH)) return ENOENT;
    if (dirfd === AT_FDCWD) return t.kernel.vfs.cwdOf(t);
    const f = t.proc.files.get(dirfd);
    if (isErrno(f)) return f;
    return f.node ?? f;
  }
  const start = startAt(t, dirfd, path);
  if (isErrno(start)) return start;
  return t.kernel.vfs.walk(t.kernel.vfs.ctxOf(t), start, path, follow);
}

function parentAt(t: Task, dirfd: number, path: string): { ctx: WalkCtx; dir: Path; name: string; slash: boolean } | Errno {
  const start = startAt(t, dirfd, path);
  if (isErrno(start)) return start;
  const ctx = t.kernel.vfs.ctxOf(t);
  const r = t.kernel.vfs.walkParent(ctx, start, path);
  return isErrno(r) ? r : { ctx, ...r };
}

const now = (t: Task): number => t.kernel.realtimeNs();

/** Opens the node at p (permission, EROFS, O_TRUNC, type dispatch). */
export function openNode(t: Task, p: Path, flags: number, name: string): File | Errno | Block {
  const k = t.kernel;
  const ino = p.ino;
  const acc = flags & 3;
  const status = flags & ~(O_CREAT | O_EXCL | O_CLOEXEC | O_NOCTTY | O_TRUNC);
  if (flags & O_PATH) {
    if ((flags & O_DIRECTORY) && !ino.isDir) return ENOTDIR;
    return nodeFile(t, p, pathOps, (flags & (O_PATH | O_DIRECTORY | O_NOFOLLOW | 0o2000000)) | O_PATH, name);
  }
  if (ino.isLink) return ELOOP;
  if ((flags & O_DIRECTORY) && !ino.isDir) return ENOTDIR;
  if (ino.isDir && (acc !== 0 || (flags & O_TRUNC) && acc !== 0)) return EISDIR;
  const cred = t.proc.cred;
  const mask = (acc === 0 ? 4 : acc === 1 ? 2 : 6) | (flags & O_TRUNC ? 2 : 0);
  const e = permission(ino, cred, mask & (acc === 3 ? 6 : 7));
  if (e !== 0) return e;
  if ((mask & 2) && (ino.isReg || ino.isDir) && p.mnt.readOnly) return EROFS;
  if (ino.fops !== null) {
    // The filesystem's own file operations (procfs): O_TRUNC is ignored as Linux does for them.
    const f = nodeFile(t, p, ino.fops, status, name);
    const r = ino.fops.open?.(f, t) ?? 0;
    if (r !== 0) { f.put(); return r; }
    return f;
  }
  switch (ino.type) {
    case S_IFREG: {
      if ((flags & O_TRUNC) && acc !== 0 && ino.size > 0) { const r = setSize(t, ino, 0); if (r !== 0) return r; }
      return nodeFile(t, p, regOps, status, name);
    }
    case S_IFDIR: return nodeFile(t, p, dirOps, status, name);
    case S_IFIFO: return fifoOpen(t, p, status, name);
    case S_IFCHR: {
      if (p.mnt.flags & 4 /* MS_NODEV */) return EACCES;
      const dev = k.chrdevs.get(ino.rdev);
      if (dev === undefined) return ENXIO;
      const r = dev.open(k, t, flags);
      if (isErrno(r)) return r;
      const f = new File(r.ops, status, name, r.priv ?? null);
      f.node = p; ino.opens++;
      f.onRelease = () => { ino.opens--; maybeEvict(ino); };
      return f;
    }
    case S_IFBLK: return ENXIO;
    case S_IFSOCK: return ENXIO;
    default: return ENODEV;
  }
}

function nodeFile(t: Task, p: Path, ops: FileOps, flags: number, name: string): File {
  const priv: NodePriv = { k: t.kernel, path: p, dirents: null };
  const f = new File(ops, flags, name, priv);
  f.node = p;
  p.ino.opens++;
  return f;
}

/** A printable absolute path for a file opened as `path` from `start`. */
function absName(t: Task, dir: Path, name: string): string {
  const d = t.kernel.vfs.pathOf(dir);
  return name === '' ? d : (d === '/' ? '' : d) + '/' + name;
}

/** openat(2) without the fd install. */
export function openAt(t: Task, dirfd: number, path: string, flags: number, mode: number): File | Errno | Block {
  const vfs = t.kernel.vfs;
  if (path.length === 0) return ENOENT;
  const start = startAt(t, dirfd, path);
  if (isErrno(start)) return start;
  const ctx = vfs.ctxOf(t);
  const follow = !(flags & O_NOFOLLOW);
  if (flags & O_CREAT && !(flags & O_PATH)) {
    const pp = vfs.walkParent(ctx, start, path);
    if (isErrno(pp)) return pp;
    if (pp.name === '' || pp.name === '.' || pp.name === '..' || pp.slash) {
      const r = vfs.walk(ctx, start, path, true);
      return isErrno(r) && r !== ENOENT ? r : EISDIR;
    }
    let c = vfs.child(pp.dir, pp.name);
    if (c !== null) {
      if (flags & O_EXCL) return EEXIST;
      if (c.ino.isLink) {
        if (!follow) return ELOOP;
        const r = vfs.walk(ctx, start, path, true);
        if (r === ENOENT) return ENOENT; // dangling link: Linux would create the target; rare
        if (isErrno(r)) return r;
        c = r;
      }
      if (c.ino.isDir) return EISDIR;
      return openNode(t, c, flags, absName(t, pp.dir, pp.name));
    }
    const e = permission(pp.dir.ino, t.proc.cred, 3);
    if (e !== 0) return e;
    if (pp.dir.mnt.readOnly) return EROFS;
    if (pp.dir.ino.ops.create === undefined) return EACCES;
    const ino = pp.dir.ino.ops.create(pp.dir.ino, pp.name, S_IFREG | (mode & 0o7777 & ~t.proc.fs.umask), 0, t.proc.cred);
    if (isErrno(ino)) return ino;
    // A new file can be opened with any access its creator asked for.
    return nodeFile(t, { mnt: pp.dir.mnt, ino }, regOps, flags & ~(O_CREAT | O_EXCL | O_CLOEXEC | O_NOCTTY | O_TRUNC), absName(t, pp.dir, pp.name));
  }
  const links = { n: 0, jumped: false };
  const p = vfs.walk(ctx, start, path, follow, links);
  if (isErrno(p)) return p;
  if (!follow && p.ino.isLink && !(flags & O_PATH)) return ELOOP;
  // Reopened through a magic link (/proc/self/fd/N): the object's own name (pipe:[N], its path).
  const name = links.jumped ? jumpedName(t, p) : p.ino.isDir ? vfs.pathOf(p) : path.charCodeAt(0) === 47 ? path : absName(t, start, path);
  return openNode(t, p, flags, name);
}

function jumpedName(t: Task, p: Path): string {
  if (isPipefs(p)) return `pipe:[${p.ino.ino}]`;
  const f = t.kernel.vfs.pathOf(p);
  return p.ino.nlink === 0 && !p.ino.isDir ? f + ' (deleted)' : f;
}

/** Creation checks shared by mknod/mkdir/symlink/link: the parent and the free name. */
function createCheck(t: Task, dirfd: number, path: string, dirOk: boolean): { dir: Path; name: string } | Errno {
  const pp = parentAt(t, dirfd, path);
  if (isErrno(pp)) return pp;
  if (pp.name === '' || pp.name === '.' || pp.name === '..') return EEXIST;
  if (t.kernel.vfs.child(pp.dir, pp.name) !== null) return EEXIST;
  if (pp.slash && !dirOk) return ENOENT;
  if (pp.dir.mnt.readOnly) return EROFS;
  const e = permission(pp.dir.ino, t.proc.cred, 3);
  if (e !== 0) return e;
  return pp;
}

export function mknodAt(t: Task, dirfd: number, path: string, mode: number, rdev: number): 0 | Errno {
  const type = mode & S_IFMT;
  if (type === S_IFDIR) return EPERM;
  if (type !== 0 && type !== S_IFREG && type !== S_IFIFO && type !== S_IFCHR && type !== S_IFBLK && type !== S_IFSOCK) return EINVAL;
  const c = createCheck(t, dirfd, path, false);
  if (isErrno(c)) return c;
  if ((type === S_IFCHR || type === S_IFBLK) && t.proc.cred.euid !== 0) return EPERM;
  if (c.dir.ino.ops.create === undefined) return EPERM;
  const r = c.dir.ino.ops.create(c.dir.ino, c.name, (type || S_IFREG) | (mode & 0o7777 & ~t.proc.fs.umask), rdev, t.proc.cred);
  return isErrno(r) ? r : 0;
}

export function mkdirAt(t: Task, dirfd: number, path: string, mode: number): 0 | Errno {
  const c = createCheck(t, dirfd, path, true);
  if (isErrno(c)) return c;
  if (c.dir.ino.ops.mkdir === undefined) return EPERM;
  const r = c.dir.ino.ops.mkdir(c.dir.ino, c.name, mode & 0o7777 & ~t.proc.fs.umask, t.proc.cred);
  return isErrno(r) ? r : 0;
}

export function symlinkAt(t: Task, target: string, dirfd: number, path: string): 0 | Errno {
  if (target.length === 0) return ENOENT;
  const c = createCheck(t, dirfd, path, false);
  if (isErrno(c)) return c;
  if (c.dir.ino.ops.symlink === undefined) return EPERM;
  const r = c.dir.ino.ops.symlink(c.dir.ino, c.name, target, t.proc.cred);
  return isErrno(r) ? r : 0;
}

export function linkAt(t: Task, old: Path, dirfd: number, path: string): 0 | Errno {
  if (old.ino.isDir) return EPERM;
  const c = createCheck(t, dirfd, path, false);
  if (isErrno(c)) return c;
  if (c.dir.mnt !== old.mnt && c.dir.mnt.sb !== old.mnt.sb) return EXDEV;
  if (c.dir.mnt.sb !== old.mnt.sb) return EXDEV;
  if (old.ino.nlink <= 0) return ENOENT;
  if (c.dir.ino.ops.link === undefined) return EPERM;
  return c.dir.ino.ops.link(c.dir.ino, c.name, old.ino);
}

/** may_delete: write+search on the directory, sticky-bit ownership. */
function mayDelete(t: Task, dir: Inode, victim: Inode): 0 | Errno {
  const cred = t.proc.cred;
  const e = permission(dir, cred, 3);
  if (e !== 0) return e;
  if ((dir.mode & 0o1000) && cred.fsuid !== 0 && victim.uid !== cred.fsuid && dir.uid !== cred.fsuid) return EPERM;
  return 0;
}

const isMountpoint = (t: Task, p: Path): boolean => t.kernel.vfs.mounts.some((m) => m.mountpoint === p.ino || (m.root === p.ino && m !== p.mnt && m.parent !== null));

export function unlinkAt(t: Task, dirfd: number, path: string, rmdir: boolean): 0 | Errno {
  const pp = parentAt(t, dirfd, path);
  if (isErrno(pp)) return pp;
  if (rmdir) {
    if (pp.name === '.') return EINVAL;
    if (pp.name === '..') return ENOTEMPTY;
    if (pp.name === '') return EBUSY;
  } else if (pp.name === '.' || pp.name === '..' || pp.name === '') return EISDIR;
  if (pp.dir.mnt.readOnly) return EROFS;
  const raw = pp.dir.ino.children!.get(pp.name) ?? pp.dir.ino.ops.lookup?.(pp.dir.ino, pp.name) ?? null;
  if (raw === null) return ENOENT;
  const vis = t.kernel.vfs.child(pp.dir, pp.name)!;
  if (!rmdir && pp.slash && !raw.isDir) return ENOTDIR;
  const e = mayDelete(t, pp.dir.ino, raw);
  if (e !== 0) return e;
  if (rmdir) {
    if (!raw.isDir) return ENOTDIR;
    if (vis.mnt !== pp.dir.mnt || isMountpoint(t, vis)) return EBUSY;
    raw.ops.revalidate?.(raw);
    if (raw.children!.size > 0) return ENOTEMPTY;
  } else if (raw.isDir) return EISDIR;
  if (pp.dir.ino.ops.unlink === undefined) return EPERM;
  const r = pp.dir.ino.ops.unlink(pp.dir.ino, pp.name, raw);
  if (r === 0) maybeEvict(raw);
  return r;
}

export const RENAME_NOREPLACE = 1, RENAME_EXCHANGE = 2, RENAME_WHITEOUT = 4;

export function renameAt(t: Task, odirfd: number, opath: string, ndirfd: number, npath: string, flags: number): 0 | Errno {
  if (flags & ~7 || (flags & RENAME_EXCHANGE && flags & (RENAME_NOREPLACE | RENAME_WHITEOUT))) return EINVAL;
  if (flags & RENAME_WHITEOUT) return EINVAL;
  const a = parentAt(t, odirfd, opath);
  if (isErrno(a)) return a;
  const b = parentAt(t, ndirfd, npath);
  if (isErrno(b)) return b;
  const bad = (n: string): boolean => n === '' || n === '.' || n === '..';
  if (bad(a.name) || bad(b.name)) return EBUSY;
  if (a.dir.mnt !== b.dir.mnt) return EXDEV;
  if (a.dir.mnt.readOnly) return EROFS;
  const vfs = t.kernel.vfs;
  const src = vfs.child(a.dir, a.name);
  if (src === null) return ENOENT;
  if ((a.slash || b.slash) && !src.ino.isDir) return ENOTDIR;
  const dst = vfs.child(b.dir, b.name);
  if (flags & RENAME_NOREPLACE && dst !== null) return EEXIST;
  if (flags & RENAME_EXCHANGE && dst === null) return ENOENT;
  if (dst !== null && dst.ino === src.ino) return 0;
  // A directory cannot move under itself.
  for (let p = b.dir; ; p = vfs.up(p, vfs.root)) {
    if (p.ino === src.ino) return EINVAL;
    if (p.ino === vfs.root.ino && p.mnt === vfs.root.mnt) break;
    const u = vfs.up(p, vfs.root);
    if (u.ino === p.ino && u.mnt === p.mnt) break;
  }
  let e = mayDelete(t, a.dir.ino, src.ino);
  if (e !== 0) return e;
  if (dst !== null) {
    e = mayDelete(t, b.dir.ino, dst.ino);
    if (e !== 0) return e;
    if (!(flags & RENAME_EXCHANGE)) {
      if (src.ino.isDir && !dst.ino.isDir) return ENOTDIR;
      if (!src.ino.isDir && dst.ino.isDir) return EISDIR;
      if (dst.ino.isDir) { dst.ino.ops.revalidate?.(dst.ino); if (dst.ino.children!.size > 0) return ENOTEMPTY; }
    }
    if (isMountpoint(t, dst) || isMountpoint(t, src)) return EBUSY;
  } else {
    e = permission(b.dir.ino, t.proc.cred, 3);
    if (e !== 0) return e;
  }
  const ops = a.dir.ino.ops;
  if (ops.rename === undefined) return EPERM;
  if (flags & RENAME_EXCHANGE) {
    // Swap through the dentry caches (in-memory filesystems).
    if (a.dir.ino.sb.type !== 'tmpfs' && a.dir.ino.sb.type !== 'devtmpfs') return EINVAL;
    const x = src.ino, y = dst!.ino;
    a.dir.ino.children!.set(a.name, y); b.dir.ino.children!.set(b.name, x);
    if (x.isDir) { x.parent = b.dir.ino; x.name = b.name; }
    if (y.isDir) { y.parent = a.dir.ino; y.name = a.name; }
    return 0;
  }
  const r = ops.rename(a.dir.ino, a.name, b.dir.ino, b.name);
  if (r === 0 && dst !== null) maybeEvict(dst.ino);
  return r;
}

/** Sets a regular file's size (truncate, ftruncate, O_TRUNC). */
export function setSize(t: Task, ino: Inode, size: number): 0 | Errno {
  if (ino.isDir) return EISDIR;
  if (!ino.isReg) return EINVAL;
  const c = cacheOf(t.kernel, ino);
  c.truncate(size);
  ino.touch(now(t));
  if (ino.ops.setattr !== undefined) return ino.ops.setattr(ino, { size });
  return 0;
}

export function chmodNode(t: Task, p: Path, mode: number): 0 | Errno {
  const cred = t.proc.cred;
  if (cred.fsuid !== 0 && cred.fsuid !== p.ino.uid) return EPERM;
  if (p.mnt.readOnly) return EROFS;
  mode &= 0o7777;
  if (cred.fsuid !== 0 && p.ino.gid !== cred.fsgid && !cred.groups.includes(p.ino.gid)) mode &= ~0o2000;
  const r = p.ino.ops.setattr?.(p.ino, { mode }) ?? 0;
  if (r !== 0) return r;
  p.ino.mode = (p.ino.mode & S_IFMT) | mode;
  p.ino.ctimeNs = now(t);
  return 0;
}

export function chownNode(t: Task, p: Path, uid: number, gid: number): 0 | Errno {
  const cred = t.proc.cred;
  const ino = p.ino;
  if (p.mnt.readOnly) return EROFS;
  if (cred.fsuid !== 0) {
    if (uid !== -1 && uid !== ino.uid) return EPERM;
    if (gid !== -1 && gid !== ino.gid && (ino.uid !== cred.fsuid || (gid !== cred.fsgid && !cred.groups.includes(gid)))) return EPERM;
    if (uid === -1 && gid === -1 && ino.uid !== cred.fsuid) return 0;
  }
  const r = ino.ops.setattr?.(ino, { uid: uid === -1 ? undefined : uid, gid: gid === -1 ? undefined : gid }) ?? 0;
  if (r !== 0) return r;
  if (uid !== -1) ino.uid = uid;
  if (gid !== -1) ino.gid = gid;
  // A chown clears setuid, and setgid when group-executable (non-directories).
  if (!ino.isDir && (uid !== -1 || gid !== -1)) ino.mode &= ~(0o4000 | (ino.mode & 0o10 ? 0o2000 : 0));
  ino.ctimeNs = now(t);
  return 0;
}

export const UTIME_NOW = (1 << 30) - 1, UTIME_OMIT = (1 << 30) - 2;

/** utimensat on a node: times as [sec, nsec] pairs or null for "now". */
export function utimesNode(t: Task, p: Path, times: [number, number][] | null): 0 | Errno {
  const cred = t.proc.cred;
  const ino = p.ino;
  const allNow = times === null || (times[0][1] === UTIME_NOW && times[1][1] === UTIME_NOW);
  const allOmit = times !== null && times[0][1] === UTIME_OMIT && times[1][1] === UTIME_OMIT;
  if (allOmit) return 0;
  if (p.mnt.readOnly) return EROFS;
  if (cred.fsuid !== 0 && cred.fsuid !== ino.uid) {
    if (!allNow) return EPERM;
    const e = permission(ino, cred, 2);
    if (e !== 0) return e;
  }
  const n = now(t);
  for (let i = 0; i < 2; i++) {
    const x = times === null ? null : times[i];
    if (x !== null && x[1] === UTIME_OMIT) continue;
    if (x === null || x[1] === UTIME_NOW) { if (i === 0) ino.atimeNs = n; else ino.mtimeNs = n; }
    else { ino.times[2 * i] = x[0]; ino.times[2 * i + 1] = x[1]; }
  }
  ino.ctimeNs = n;
  return 0;
}

export { isPath, EBADF };
