// File operations of VFS nodes: regular files (through the inode's page
// cache, so read/write and MAP_SHARED mappings see the same pages),
// directories (getdents64 from a snapshot of the dentry cache taken at
// offset 0), and O_PATH descriptors. Last close of an unlinked file frees its
// pages; a dirty hostfs file is written back on fsync and on last close.
import { EINVAL, EISDIR, EBADF, ENOMEM, ENODEV, EFBIG, ENXIO, type Errno } from '../../abi/errno.js';
import { O_APPEND, SEEK_CUR, SEEK_END, SEEK_SET } from '../../abi/linux.js';
import type { Kernel } from '../kernel.js';
import type { MemObject } from '../mm/vma.js';
import { File, type FileOps } from './file.js';
import { dtype, type Inode } from './inode.js';
import { PageCache } from './pagecache.js';
import type { Path } from './vfs.js';

export const SEEK_DATA = 3, SEEK_HOLE = 4;
export const MAX_FILE = 2 ** 43;

/** The inode's page cache (created on first use). */
export function cacheOf(k: Kernel, ino: Inode): PageCache {
  if (ino.cache === null) ino.cache = new PageCache(k.frames, ino);
  return ino.cache;
}

/** What a VFS file's priv holds. */
export interface NodePriv { k: Kernel; path: Path; dirents: { name: string; ino: number; type: number }[] | null }

const nodeOf = (f: File): Inode => (f.priv as NodePriv).path.ino;
const kOf = (f: File): Kernel => (f.priv as NodePriv).k;

/** Drops an inode's data when it has no names and no openers left. */
export function maybeEvict(ino: Inode): void {
  if (ino.nlink <= 0 && ino.opens <= 0 && ino.cache !== null) { ino.cache.evict(); ino.cache = null; ino.backing = null; ino.loadBacking = null; }
}

export function nodeRelease(f: File): void {
  const ino = f.node?.ino;
  if (ino === undefined) return;
  ino.opens--;
  if (f.writable && ino.cache !== null && ino.cache.dirty && ino.ops.writeback !== undefined) ino.ops.writeback(ino);
  maybeEvict(ino);
}

function seek(f: File, size: number, off: number, whence: number): number | Errno {
  const base = whence === SEEK_SET ? 0 : whence === SEEK_CUR ? f.pos : whence === SEEK_END ? size : NaN;
  if (whence === SEEK_DATA || whence === SEEK_HOLE) {
    if (off < 0 || off >= size) return ENXIO;
    return whence === SEEK_DATA ? off : size;
  }
  if (Number.isNaN(base)) return EINVAL;
  const p = base + off;
  return p < 0 ? EINVAL : p;
}

export const regOps: FileOps = {
  read(f, _t, buf, pos) {
    const ino = nodeOf(f);
    const k = kOf(f);
    ino.atimeNs = k.realtimeNs();
    return cacheOf(k, ino).read(pos, buf);
  },
  write(f, _t, buf, pos) {
    const ino = nodeOf(f);
    const k = kOf(f);
    if (f.flags & O_APPEND) pos = ino.size;
    if (pos + buf.length > MAX_FILE) return EFBIG;
    const n = cacheOf(k, ino).write(pos, buf);
    if (n < 0) return ENOMEM;
    ino.touch(k.realtimeNs());
    // Writing clears setuid/setgid as Linux's file_remove_privs.
    if (ino.mode & 0o6000) ino.mode &= ~0o6000;
    return n;
  },
  lseek(f, off, whence) {
    const ino = nodeOf(f);
    return seek(f, ino.size, off, whence);
  },
  stat(f) { return nodeOf(f).stat(); },
  mmap(f): MemObject | Errno {
    const c = cacheOf(kOf(f), nodeOf(f));
    c.ref();
    return c;
  },
  release: nodeRelease,
};

export const dirOps: FileOps = {
  lseek(f, off, whence) {
    if (whence === SEEK_SET && off >= 0) { if (off === 0) (f.priv as NodePriv).dirents = null; return off; }
    if (whence === SEEK_CUR && f.pos + off >= 0) return f.pos + off;
    return EINVAL;
  },
  stat(f) { return nodeOf(f).stat(); },
  readdir(f, pos) {
    const p = f.priv as NodePriv;
    if (p.dirents === null || pos === 0) {
      const d = p.path.ino;
      d.ops.revalidate?.(d);
      const parent = p.k.vfs.up(p.path, p.k.vfs.root).ino;
      p.dirents = [{ name: '.', ino: d.ino, type: 4 }, { name: '..', ino: parent.ino, type: 4 }];
      for (const [name, c] of d.children!) p.dirents.push({ name, ino: c.ino, type: dtype(c.mode) });
    }
    return p.dirents[pos] ?? null;
  },
  read() { return EISDIR; },
  release: nodeRelease,
};

/** O_PATH: a position only; read/write fail with EBADF, fstat works. */
export const pathOps: FileOps = {
  stat(f) { return nodeOf(f).stat(); },
  release: nodeRelease,
};

export function noMmap(): Errno { return ENODEV; }
export { EBADF };
