// A minimal in-memory root filesystem (until the files issue's VFS and tmpfs):
// directories, regular files, symlinks and character devices as Inodes, with
// host directories mounted as lazy pass-through subtrees (read-only or
// read-write: a written host file is written back on last close). Path walk
// follows symlinks (ELOOP after 40) and handles '.', '..' and trailing slashes.
import { EACCES, EEXIST, EISDIR, ELOOP, ENAMETOOLONG, ENOENT, ENOTDIR, EROFS, EINVAL, ENOTEMPTY, type Errno } from '../../abi/errno.js';
import { S_IFDIR, S_IFLNK, S_IFREG, S_IFCHR, S_IFMT, O_TRUNC, O_APPEND, SEEK_CUR, SEEK_END, SEEK_SET } from '../../abi/linux.js';
import type { Kernel } from '../kernel.js';
import { File, type FileOps, type Stat } from './file.js';
import { BytesObject, type MemObject } from '../mm/vma.js';

let nextIno = 2;

export class Inode {
  readonly ino = nextIno++;
  nlink = 1;
  uid = 0;
  gid = 0;
  mtimeNs = 0;
  data: Uint8Array = new Uint8Array(0);
  size = 0;
  children: Map<string, Inode> | null = null;
  target = '';
  parent: Inode | null = null;
  /** Host pass-through: the host path, whether writes are allowed, whether data was loaded. */
  hostPath: string | null = null;
  hostRw = false;
  loaded = true;
  dirty = false;
  /** Character devices: their file operations. */
  chr: FileOps | null = null;
  rdev = 0;
  constructor(public mode: number) { if ((mode & S_IFMT) === S_IFDIR) this.children = new Map(); }
  get isDir(): boolean { return (this.mode & S_IFMT) === S_IFDIR; }
  get isReg(): boolean { return (this.mode & S_IFMT) === S_IFREG; }
  get isLink(): boolean { return (this.mode & S_IFMT) === S_IFLNK; }
}

export class RamFs {
  readonly root = new Inode(S_IFDIR | 0o755);

  constructor(readonly k: Kernel) {
    this.root.parent = this.root;
    for (const d of ['/bin', '/dev', '/etc', '/tmp', '/proc', '/usr', '/usr/bin', '/home', '/root']) this.mkdirp(d);
    this.lookup('/tmp', '/')!;
    (this.lookup('/tmp', '/') as Inode).mode = S_IFDIR | 0o1777;
  }

  private now(): number { return this.k.realtimeNs(); }

  /** Ensures the host dir inode's children are listed (lazy). */
  populate(dir: Inode): void {
    if (dir.hostPath === null || dir.loaded) return;
    dir.loaded = true;
    const names = this.k.host.fs?.readdir(dir.hostPath) ?? [];
    for (const n of names) if (!dir.children!.has(n)) this.hostChild(dir, n);
  }

  private hostChild(dir: Inode, name: string): Inode | null {
    const fs = this.k.host.fs;
    if (fs === null || dir.hostPath === null) return null;
    const hp = dir.hostPath.replace(/\/$/, '') + '/' + name;
    const st = fs.stat(hp);
    if (st === null) return null;
    const ino = new Inode(st.isDir ? S_IFDIR | (st.mode & 0o7777) : st.isSymlink ? S_IFLNK | 0o777 : S_IFREG | (st.mode & 0o7777));
    ino.hostPath = hp; ino.hostRw = dir.hostRw; ino.loaded = false; ino.size = st.size; ino.mtimeNs = st.mtimeMs * 1e6;
    if (st.isSymlink) { ino.target = fs.readlink(hp) ?? ''; ino.loaded = true; }
    ino.parent = dir;
    dir.children!.set(name, ino);
    return ino;
  }

  /** File data of a (possibly host) regular file. */
  contents(ino: Inode): Uint8Array {
    if (!ino.loaded && ino.hostPath !== null && ino.isReg) {
      const b = this.k.host.fs?.readFile(ino.hostPath) ?? new Uint8Array(0);
      ino.data = b; ino.size = b.length; ino.loaded = true;
    }
    return ino.data.subarray(0, ino.size);
  }

  private child(dir: Inode, name: string): Inode | null {
    const c = dir.children!.get(name);
    if (c !== undefined) return c;
    if (dir.hostPath !== null && !dir.loaded) return this.hostChild(dir, name);
    return null;
  }

  /** Resolves a path (relative to cwd) to an inode. */
  lookup(path: string, cwd: string, follow = true, depth = 0): Inode | Errno {
    if (path.length === 0) return ENOENT;
    if (path.length >= 4096) return ENAMETOOLONG;
    const full = path.startsWith('/') ? path : cwd.replace(/\/$/, '') + '/' + path;
    let cur = this.root;
    const parts = full.split('/').filter((p) => p.length > 0);
    for (let i = 0; i < parts.length; i++) {
      const name = parts[i];
      if (name.length > 255) return ENAMETOOLONG;
      if (!cur.isDir) return ENOTDIR;
      if (name === '.') continue;
      if (name === '..') { cur = cur.parent ?? this.root; continue; }
      const c = this.child(cur, name);
      if (c === null) return ENOENT;
      const last = i === parts.length - 1;
      if (c.isLink && (!last || follow || full.endsWith('/'))) {
        if (depth >= 40) return ELOOP;
        const base = this.pathOf(cur);
        const rest = parts.slice(i + 1).join('/');
        const target = c.target.startsWith('/') ? c.target : base.replace(/\/$/, '') + '/' + c.target;
        return this.lookup(rest ? target + '/' + rest : target, '/', follow, depth + 1);
      }
      cur = c;
    }
    if (full.endsWith('/') && !cur.isDir) return ENOTDIR;
    return cur;
  }

  /** The directory that would hold `path`'s last component, and that component. */
  lookupParent(path: string, cwd: string): { dir: Inode; name: string } | Errno {
    const full = path.startsWith('/') ? path : cwd.replace(/\/$/, '') + '/' + path;
    const trimmed = full.replace(/\/+$/, '');
    const i = trimmed.lastIndexOf('/');
    const name = trimmed.slice(i + 1);
    if (name.length > 255) return ENAMETOOLONG;
    const dir = this.lookup(trimmed.slice(0, i) || '/', '/');
    if (!(dir instanceof Inode)) return dir;
    if (!dir.isDir) return ENOTDIR;
    return { dir, name: name || '.' };
  }

  pathOf(ino: Inode): string {
    const parts: string[] = [];
    let cur = ino;
    while (cur !== this.root && cur.parent !== null) {
      const p: Inode = cur.parent;
      let found = '';
      for (const [n, c] of p.children!) if (c === cur) { found = n; break; }
      parts.unshift(found);
      cur = p;
    }
    return '/' + parts.join('/');
  }

  mkdirp(path: string): Inode {
    let cur = this.root;
    for (const name of path.split('/').filter(Boolean)) {
      let c = cur.children!.get(name);
      if (c === undefined) { c = new Inode(S_IFDIR | 0o755); c.parent = cur; cur.children!.set(name, c); }
      cur = c;
    }
    return cur;
  }

  /** Adds (or replaces) a regular file with the given bytes. */
  addFile(path: string, data: Uint8Array, mode = 0o755): Inode {
    const i = path.lastIndexOf('/');
    const dir = this.mkdirp(path.slice(0, i) || '/');
    const ino = new Inode(S_IFREG | mode);
    ino.data = data; ino.size = data.length; ino.parent = dir; ino.mtimeNs = this.now();
    dir.children!.set(path.slice(i + 1), ino);
    return ino;
  }

  addDevice(path: string, ops: FileOps, rdev: number, mode = 0o666): Inode {
    const i = path.lastIndexOf('/');
    const dir = this.mkdirp(path.slice(0, i) || '/');
    const ino = new Inode(S_IFCHR | mode);
    ino.chr = ops; ino.rdev = rdev; ino.parent = dir;
    dir.children!.set(path.slice(i + 1), ino);
    return ino;
  }

  symlink(path: string, target: string): void {
    const i = path.lastIndexOf('/');
    const dir = this.mkdirp(path.slice(0, i) || '/');
    const ino = new Inode(S_IFLNK | 0o777);
    ino.target = target; ino.parent = dir;
    dir.children!.set(path.slice(i + 1), ino);
  }

  /** Mounts host directory `hostDir` at `guestPath` (lazy pass-through). */
  mountHost(hostDir: string, guestPath: string, rw: boolean): void {
    const d = this.mkdirp(guestPath);
    d.hostPath = hostDir; d.hostRw = rw; d.loaded = false; d.children!.clear();
  }

  /** Creates a regular file in dir (open O_CREAT, mknod). */
  create(dir: Inode, name: string, mode: number): Inode | Errno {
    if (dir.children!.has(name)) return EEXIST;
    if (dir.hostPath !== null && !dir.hostRw) return EROFS;
    const ino = new Inode(S_IFREG | (mode & 0o7777));
    ino.parent = dir; ino.mtimeNs = this.now();
    if (dir.hostPath !== null) { ino.hostPath = dir.hostPath.replace(/\/$/, '') + '/' + name; ino.hostRw = true; ino.dirty = true; }
    dir.children!.set(name, ino);
    return ino;
  }

  mkdir(dir: Inode, name: string, mode: number): Inode | Errno {
    if (dir.children!.has(name) || this.child(dir, name) !== null) return EEXIST;
    if (dir.hostPath !== null) return EROFS;
    const ino = new Inode(S_IFDIR | (mode & 0o7777));
    ino.parent = dir; ino.mtimeNs = this.now();
    dir.children!.set(name, ino);
    return ino;
  }

  unlink(dir: Inode, name: string, rmdir: boolean): 0 | Errno {
    const c = this.child(dir, name);
    if (c === null) return ENOENT;
    if (dir.hostPath !== null) return EROFS;
    if (rmdir) { if (!c.isDir) return ENOTDIR; if (c.children!.size > 0) return ENOTEMPTY; }
    else if (c.isDir) return EISDIR;
    dir.children!.delete(name);
    c.nlink--;
    return 0;
  }

  stat(ino: Inode): Stat {
    if (ino.isReg) this.contents(ino);
    return {
      dev: ino.hostPath !== null ? 0x801 : 0x10, ino: ino.ino, mode: ino.mode, nlink: ino.isDir ? 2 : ino.nlink, uid: ino.uid, gid: ino.gid,
      rdev: ino.rdev, size: ino.isLink ? ino.target.length : ino.isReg ? ino.size : ino.isDir ? 4096 : 0,
      blksize: 4096, blocks: Math.ceil(ino.size / 512), atimeNs: ino.mtimeNs, mtimeNs: ino.mtimeNs, ctimeNs: ino.mtimeNs,
    };
  }

  /** Opens an inode (permission checks are the caller's). */
  open(ino: Inode, flags: number, path: string): File | Errno {
    if (ino.chr !== null) return new File(ino.chr, flags, path, ino);
    if (ino.isReg && (flags & 3) !== 0 && ino.hostPath !== null && !ino.hostRw) return EROFS;
    if (ino.isReg && (flags & O_TRUNC) && (flags & 3) !== 0) { this.contents(ino); ino.size = 0; ino.dirty = true; ino.mtimeNs = this.now(); }
    const f = new File(regOps, flags, path, { fs: this, ino });
    return f;
  }
}

interface RegPriv { fs: RamFs; ino: Inode }

const regOps: FileOps = {
  read(f, _t, buf, pos) {
    const { fs, ino } = f.priv as RegPriv;
    if (ino.isDir) return EISDIR;
    const d = fs.contents(ino);
    if (pos >= d.length) return 0;
    const n = Math.min(buf.length, d.length - pos);
    buf.set(d.subarray(pos, pos + n));
    return n;
  },
  write(f, _t, buf, pos) {
    const { fs, ino } = f.priv as RegPriv;
    if (ino.isDir) return EISDIR;
    fs.contents(ino);
    if (f.flags & O_APPEND) pos = ino.size;
    const end = pos + buf.length;
    if (end > ino.data.length) {
      const nd = new Uint8Array(Math.max(end, ino.data.length * 2, 256));
      nd.set(ino.data.subarray(0, ino.size));
      ino.data = nd;
    }
    if (pos > ino.size) ino.data.fill(0, ino.size, pos);
    ino.data.set(buf, pos);
    ino.size = Math.max(ino.size, end);
    ino.dirty = true;
    return buf.length;
  },
  lseek(f, off, whence) {
    const { fs, ino } = f.priv as RegPriv;
    const base = whence === SEEK_SET ? 0 : whence === SEEK_CUR ? f.pos : whence === SEEK_END ? fs.contents(ino).length : NaN;
    if (Number.isNaN(base)) return EINVAL;
    const p = base + off;
    return p < 0 ? EINVAL : p;
  },
  stat(f) { const { fs, ino } = f.priv as RegPriv; return fs.stat(ino); },
  mmap(f): MemObject | Errno {
    const { fs, ino } = f.priv as RegPriv;
    if (!ino.isReg) return EACCES;
    return new BytesObject(fsFrames(fs), fs.contents(ino).slice());
  },
  readdir(f, pos) {
    const { fs, ino } = f.priv as RegPriv;
    if (!ino.isDir) return null;
    fs.populate(ino);
    if (pos === 0) return { name: '.', ino: ino.ino, type: 4 };
    if (pos === 1) return { name: '..', ino: ino.parent?.ino ?? ino.ino, type: 4 };
    const e = [...ino.children!.entries()][pos - 2];
    if (e === undefined) return null;
    const [name, c] = e;
    return { name, ino: c.ino, type: c.isDir ? 4 : c.isLink ? 10 : c.chr ? 2 : 8 };
  },
  release(f) {
    const { fs, ino } = f.priv as RegPriv;
    if (ino.dirty && ino.hostPath !== null && ino.hostRw) {
      fs.k.host.fs?.writeFile(ino.hostPath, ino.data.subarray(0, ino.size));
      ino.dirty = false;
    }
  },
};

function fsFrames(fs: RamFs) { return fs.k.frames; }
