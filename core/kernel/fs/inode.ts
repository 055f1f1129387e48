// VFS objects (Linux include/linux/fs.h in miniature): Inode, SuperBlock,
// filesystem types registered by name, and the permission check. A directory
// inode's `children` map is its dentry cache: in-memory filesystems (tmpfs,
// devfs) keep their whole tree there, others (hostfs) fill it on lookup.
// Regular files keep their bytes in one PageCache per inode (pagecache.ts).
import { EACCES, type Errno } from '../../abi/errno.js';
import { S_IFDIR, S_IFLNK, S_IFMT, S_IFREG, S_IFCHR, S_IFIFO, S_IFBLK, S_IFSOCK } from '../../abi/linux.js';
import type { Cred, Task } from '../task.js';
import type { PageCache } from './pagecache.js';
import type { FileOps, Stat } from './file.js';
import type { Path } from './vfs.js';

/** Operations a filesystem provides on its inodes (inode_operations + the data seam). */
export interface InodeOps {
  /**
   * Child `name` of dir not in dir.children: return it (adding it to the
   * dentry cache or not — procfs leaves per-pid entries out), or null (ENOENT).
   * `t` is the task walking (null at boot), for caller-dependent entries.
   */
  lookup?(dir: Inode, name: string, t?: Task | null): Inode | null;
  /** A symlink's target computed per caller (/proc/self), or an Errno (EACCES: a denied /proc link); default: ino.target. */
  getLink?(ino: Inode, t: Task | null): string | Errno;
  /**
   * A magic link (/proc/[pid]/fd/N, Linux's nd_jump_link): the position the walk continues
   * at, without resolving a name (pipes, deleted files); an Errno refuses the walk; null:
   * an ordinary symlink (getLink/target).
   */
  jump?(ino: Inode, t: Task | null): Path | Errno | null;
  /** A new non-directory node (regular, FIFO, device, socket) named `name` in dir. */
  create?(dir: Inode, name: string, mode: number, rdev: number, cred: Cred): Inode | Errno;
  mkdir?(dir: Inode, name: string, mode: number, cred: Cred): Inode | Errno;
  symlink?(dir: Inode, name: string, target: string, cred: Cred): Inode | Errno;
  link?(dir: Inode, name: string, target: Inode): 0 | Errno;
  /** Removes the entry (dir.children already checked by the VFS). */
  unlink?(dir: Inode, name: string, child: Inode): 0 | Errno;
  rename?(odir: Inode, oname: string, ndir: Inode, nname: string): 0 | Errno;
  /** Refreshes dir.children from the backing store before a listing. */
  revalidate?(dir: Inode): void;
  /** Attribute change (mode, owner, times, size) made durable; the VFS updates the inode. */
  setattr?(ino: Inode, what: { mode?: number; uid?: number; gid?: number; size?: number }): 0 | Errno;
  /** Bytes of page `index` of a file not in the cache (zeros if absent). */
  fill?(ino: Inode, index: number, dst: Uint8Array): void;
  /** Writes a dirty file back (hostfs: to the host, durably). */
  writeback?(ino: Inode): 0 | Errno;
}

export const MS_RDONLY = 1, MS_NOSUID = 2, MS_NODEV = 4, MS_NOEXEC = 8, MS_REMOUNT = 32, MS_BIND = 4096, MS_REC = 16384;

export interface StatFs { type: number; bsize: number; blocks: number; bfree: number; files: number; ffree: number; namelen: number }

export class SuperBlock {
  root!: Inode;
  /** MS_RDONLY ... */
  flags = 0;
  private nextIno = 1;
  constructor(readonly type: string, readonly dev: number, readonly ops: InodeOps, readonly magic: number, readonly source: string) {}
  allocIno(): number { return this.nextIno++; }
  statfs(): StatFs { return { type: this.magic, bsize: 4096, blocks: 65536, bfree: 32768, files: 65536, ffree: 32768, namelen: 255 }; }
}

export class Inode {
  nlink = 1;
  uid = 0;
  gid = 0;
  size = 0;
  rdev = 0;
  /** Timestamps as exact (seconds, nanoseconds) pairs: ns counts since 1970 exceed 2^53. */
  readonly times = new Float64Array(6);
  get atimeNs(): number { return this.times[0] * 1e9 + this.times[1]; }
  set atimeNs(ns: number) { setNs(this.times, 0, ns); }
  get mtimeNs(): number { return this.times[2] * 1e9 + this.times[3]; }
  set mtimeNs(ns: number) { setNs(this.times, 2, ns); }
  get ctimeNs(): number { return this.times[4] * 1e9 + this.times[5]; }
  set ctimeNs(ns: number) { setNs(this.times, 4, ns); }
  /** Directories: the dentry cache (name → child); its parent and its own name in it. */
  children: Map<string, Inode> | null = null;
  parent: Inode | null = null;
  name = '';
  /** Symlinks: the target. */
  target = '';
  /** Regular files: the page cache (created on first use). */
  cache: PageCache | null = null;
  /** Immutable initial contents (the boot image, a host file read once) behind the cache. */
  backing: Uint8Array | null = null;
  /** Boot-image files read from the host at first use (RootFs.addLazyFile): makes `backing`, once (pagecache.ts). */
  loadBacking: (() => Uint8Array | null) | null = null;
  /** FIFOs: the pipe shared by every opener (pipe.ts). */
  fifo: unknown = null;
  /** Open file descriptions on this inode (last close of an unlinked file frees its pages). */
  opens = 0;
  /** The filesystem's own data (hostfs: host path components). */
  priv: unknown = null;
  /** File operations for opens of this inode (Linux i_fop; procfs), instead of the VFS's regular/directory ones. */
  fops: FileOps | null = null;
  readonly ino: number;
  constructor(readonly sb: SuperBlock, public mode: number, ino?: number) {
    this.ino = ino ?? sb.allocIno();
    if ((mode & S_IFMT) === S_IFDIR) { this.children = new Map(); this.nlink = 2; }
  }
  get ops(): InodeOps { return this.sb.ops; }
  get type(): number { return this.mode & S_IFMT; }
  get isDir(): boolean { return (this.mode & S_IFMT) === S_IFDIR; }
  get isReg(): boolean { return (this.mode & S_IFMT) === S_IFREG; }
  get isLink(): boolean { return (this.mode & S_IFMT) === S_IFLNK; }
  get isFifo(): boolean { return (this.mode & S_IFMT) === S_IFIFO; }
  get isChr(): boolean { return (this.mode & S_IFMT) === S_IFCHR; }
  touch(ns: number, m = true, c = true): void { if (m) this.mtimeNs = ns; if (c) this.ctimeNs = ns; }
  stat(): Stat {
    const size = this.isLink ? new TextEncoder().encode(this.target).length : this.isDir ? 4096 : this.isReg ? this.size : 0;
    return {
      dev: this.sb.dev, ino: this.ino, mode: this.mode, nlink: this.nlink, uid: this.uid, gid: this.gid, rdev: this.rdev,
      size, blksize: 4096, blocks: this.isReg ? (this.cache ? this.cache.resident * 8 : Math.ceil(size / 4096) * 8) : this.isDir ? 8 : 0,
      atimeNs: this.atimeNs, mtimeNs: this.mtimeNs, ctimeNs: this.ctimeNs, times: this.times,
    };
  }
}

function setNs(t: Float64Array, i: number, ns: number): void {
  const sec = Math.floor(ns / 1e9);
  t[i] = sec;
  t[i + 1] = Math.max(0, Math.min(999999999, Math.round(ns - sec * 1e9)));
}

/** d_type for getdents64 from a mode. */
export function dtype(mode: number): number {
  switch (mode & S_IFMT) {
    case S_IFDIR: return 4; case S_IFREG: return 8; case S_IFLNK: return 10; case S_IFCHR: return 2;
    case S_IFBLK: return 6; case S_IFIFO: return 1; case S_IFSOCK: return 12; default: return 0;
  }
}

/** MAY_READ 4, MAY_WRITE 2, MAY_EXEC 1 against mode/uid/gid; root bypasses all but exec of a file with no x bit (Linux generic_permission). */
export function permission(ino: Inode, cred: Cred, mask: number): 0 | Errno {
  if (cred.fsuid === 0) {
    if ((mask & 1) && !ino.isDir && (ino.mode & 0o111) === 0) return EACCES;
    return 0;
  }
  let bits = ino.mode & 7;
  if (ino.uid === cred.fsuid) bits = (ino.mode >> 6) & 7;
  else if (ino.gid === cred.fsgid || cred.groups.includes(ino.gid)) bits = (ino.mode >> 3) & 7;
  return (bits & mask) === mask ? 0 : EACCES;
}

/** A filesystem type, registered by name ("tmpfs", "proc", "sysfs", a module's): mount builds a superblock. */
export interface FsType {
  readonly name: string;
  /** No backing device (listed as "nodev" in /proc/filesystems). */
  readonly nodev: boolean;
  mount(source: string, flags: number, data: string): SuperBlock | Errno;
}

let nextDev = 0x20;
/** An anonymous device number for a new superblock (Linux: 0:N). */
export function anonDev(): number { return nextDev++; }

export { S_IFDIR, S_IFREG, S_IFLNK };
