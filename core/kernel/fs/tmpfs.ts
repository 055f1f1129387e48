// tmpfs: the in-memory filesystem (root, /tmp, devfs underneath). The whole
// tree lives in the directories' dentry caches; file data lives in the page
// cache (frames of emulated RAM), optionally behind immutable `backing`
// bytes (the boot image, shared copy-free until a page is written).
import { EEXIST, type Errno } from '../../abi/errno.js';
import { S_IFDIR, S_IFLNK, S_IFMT } from '../../abi/linux.js';
import type { Cred } from '../task.js';
import { Inode, SuperBlock, anonDev, type FsType, type InodeOps } from './inode.js';

/** Adds child to dir's dentry cache. */
export function dAdd(dir: Inode, name: string, child: Inode): void {
  dir.children!.set(name, child);
  if (child.isDir) { child.parent = dir; child.name = name; dir.nlink++; }
}

/** Removes name from dir's dentry cache. */
export function dRemove(dir: Inode, name: string): void {
  const c = dir.children!.get(name);
  if (c === undefined) return;
  dir.children!.delete(name);
  if (c.isDir) dir.nlink--;
}

export function newInode(sb: SuperBlock, mode: number, cred: Cred | null, now: number, dir: Inode | null): Inode {
  const ino = new Inode(sb, mode);
  ino.uid = cred?.fsuid ?? 0;
  // setgid directories pass their group (and the bit, for subdirectories) on.
  if (dir !== null && (dir.mode & 0o2000)) { ino.gid = dir.gid; if ((mode & S_IFMT) === S_IFDIR) ino.mode |= 0o2000; }
  else ino.gid = cred?.fsgid ?? 0;
  ino.atimeNs = ino.mtimeNs = ino.ctimeNs = now;
  return ino;
}

/** Inode operations of an in-memory tree (tmpfs, devfs, and any memory-only filesystem). */
export function memOps(now: () => number): InodeOps {
  return {
    create(dir, name, mode, rdev, cred) {
      if (dir.children!.has(name)) return EEXIST;
      const ino = newInode(dir.sb, mode, cred, now(), dir);
      ino.rdev = rdev;
      dAdd(dir, name, ino);
      dir.touch(now());
      return ino;
    },
    mkdir(dir, name, mode, cred) {
      if (dir.children!.has(name)) return EEXIST;
      const ino = newInode(dir.sb, S_IFDIR | (mode & 0o7777), cred, now(), dir);
      dAdd(dir, name, ino);
      dir.touch(now());
      return ino;
    },
    symlink(dir, name, target, cred) {
      if (dir.children!.has(name)) return EEXIST;
      const ino = newInode(dir.sb, S_IFLNK | 0o777, cred, now(), dir);
      ino.target = target;
      dAdd(dir, name, ino);
      dir.touch(now());
      return ino;
    },
    link(dir, name, target): 0 | Errno {
      if (dir.children!.has(name)) return EEXIST;
      dAdd(dir, name, target);
      target.nlink++;
      target.ctimeNs = now();
      dir.touch(now());
      return 0;
    },
    unlink(dir, name, child) {
      dRemove(dir, name);
      child.nlink -= child.isDir ? 2 : 1;
      child.ctimeNs = now();
      dir.touch(now());
      return 0;
    },
    rename(odir, oname, ndir, nname) {
      const c = odir.children!.get(oname)!;
      const victim = ndir.children!.get(nname);
      if (victim !== undefined) { dRemove(ndir, nname); victim.nlink -= victim.isDir ? 2 : 1; victim.ctimeNs = now(); }
      dRemove(odir, oname);
      dAdd(ndir, nname, c);
      c.ctimeNs = now();
      odir.touch(now()); ndir.touch(now());
      return 0;
    },
  };
}

export const TMPFS_MAGIC = 0x01021994;

/** tmpfs, or devtmpfs under its own type name (same code, as Linux's shmem-backed devtmpfs). */
export function tmpfsType(now: () => number, name = 'tmpfs'): FsType {
  const ops = memOps(now);
  return {
    name, nodev: true,
    mount(source) {
      const sb = new SuperBlock(name, anonDev(), ops, TMPFS_MAGIC, source || name);
      const root = new Inode(sb, S_IFDIR | 0o1777);
      root.atimeNs = root.mtimeNs = root.ctimeNs = now();
      sb.root = root;
      return sb;
    },
  };
}
