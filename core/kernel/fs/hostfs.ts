// hostfs: a host directory mounted in the guest (`--mount HOST:GUEST[:ro]`).
// Every host access goes through the host adapter's ConfinedHostFs, which
// resolves component by component without following symlinks, so the
// guest can never reach outside the directory: guest '..' stops at the mount
// (the VFS walk), and host symlinks are shown as guest symlinks, resolved in
// the guest's namespace. Read-only mounts give EROFS (VFS). File data is read
// once into `backing` and cached in the page cache; dirty files are written
// back (and fsynced) on fsync and on last close.
import { Errno, EACCES, EIO, ENOENT, ENOTDIR, ENOTEMPTY, EEXIST, EISDIR, EXDEV, EPERM, EINVAL, ENOSPC, ELOOP, EBUSY, ENAMETOOLONG, EROFS } from '../../abi/errno.js';
import { S_IFDIR, S_IFLNK, S_IFREG, S_IFMT } from '../../abi/linux.js';
import type { Kernel } from '../kernel.js';
import type { ConfinedHostFs, HostStat } from '../host.js';
import { Inode, SuperBlock, anonDev, type FsType, type InodeOps } from './inode.js';
import { dAdd, dRemove } from './tmpfs.js';

const byCode = new Map<number, Errno>([EACCES, EIO, ENOENT, ENOTDIR, ENOTEMPTY, EEXIST, EISDIR, EXDEV, EPERM, EINVAL, ENOSPC, ELOOP, EBUSY, ENAMETOOLONG, EROFS].map((e) => [e.code, e]));
const err = (n: number): Errno => byCode.get(n) ?? EIO;

interface HostPriv { root: string; rel: string[] }
const rel = (ino: Inode): string[] => (ino.priv as HostPriv).rel;

export const HOSTFS_MAGIC = 0x6e6f6478; // "nodx"

function hostOps(k: Kernel, h: ConfinedHostFs, root: string): InodeOps {
  const now = (): number => k.realtimeNs();
  const make = (sb: SuperBlock, st: HostStat, r: string[]): Inode => {
    const type = st.isDir ? S_IFDIR : st.isSymlink ? S_IFLNK : S_IFREG;
    const ino = new Inode(sb, type | (st.mode & 0o7777));
    ino.priv = { root, rel: r } satisfies HostPriv;
    ino.size = st.isFile ? st.size : 0;
    ino.atimeNs = ino.mtimeNs = ino.ctimeNs = Math.round(st.mtimeMs * 1e6);
    if (st.isSymlink) { const t = h.readlink(root, r); ino.target = typeof t === 'string' ? t : ''; }
    return ino;
  };
  const ops: InodeOps = {
    lookup(dir, name) {
      const r = [...rel(dir), name];
      const st = h.lstat(root, r);
      if (typeof st === 'number') return null;
      const ino = make(dir.sb, st, r);
      dAdd(dir, name, ino);
      return ino;
    },
    revalidate(dir) {
      const names = h.list(root, rel(dir));
      if (typeof names === 'number') return;
      const seen = new Set(names);
      for (const n of [...dir.children!.keys()]) if (!seen.has(n)) dRemove(dir, n);
      for (const n of names) if (!dir.children!.has(n)) ops.lookup!(dir, n);
    },
    create(dir, name, mode) {
      if ((mode & S_IFMT) !== S_IFREG) return EPERM;
      const r = [...rel(dir), name];
      const e = h.create(root, r, mode & 0o7777);
      if (e !== 0) return err(e);
      return ops.lookup!(dir, name) ?? EIO;
    },
    mkdir(dir, name, mode) {
      const r = [...rel(dir), name];
      const e = h.mkdir(root, r, mode & 0o7777);
      if (e !== 0) return err(e);
      return ops.lookup!(dir, name) ?? EIO;
    },
    symlink(dir, name, target) {
      const e = h.symlink(root, [...rel(dir), name], target);
      if (e !== 0) return err(e);
      return ops.lookup!(dir, name) ?? EIO;
    },
    link(dir, name, target) {
      const e = h.link(root, rel(target), [...rel(dir), name]);
      if (e !== 0) return err(e);
      dAdd(dir, name, target);
      target.nlink++;
      return 0;
    },
    unlink(dir, name, child) {
      const e = h.unlink(root, [...rel(dir), name], child.isDir);
      if (e !== 0) return err(e);
      dRemove(dir, name);
      child.nlink -= child.isDir ? 2 : 1;
      return 0;
    },
    rename(odir, oname, ndir, nname) {
      const e = h.rename(root, [...rel(odir), oname], [...rel(ndir), nname]);
      if (e !== 0) return err(e);
      const c = odir.children!.get(oname);
      dRemove(odir, oname);
      const victim = ndir.children!.get(nname);
      if (victim !== undefined) { dRemove(ndir, nname); victim.nlink--; }
      if (c !== undefined) {
        // The moved subtree's host paths changed: forget its cached children.
        c.priv = { root, rel: [...rel(ndir), nname] } satisfies HostPriv;
        if (c.isDir) c.children!.clear();
        dAdd(ndir, nname, c);
      }
      odir.touch(now()); ndir.touch(now());
      return 0;
    },
    setattr(ino, what) {
      if (what.mode !== undefined) { const e = h.chmod(root, rel(ino), what.mode); if (e !== 0) return err(e); }
      if (what.size !== undefined) {
        const e = h.truncate(root, rel(ino), what.size);
        if (e !== 0) return err(e);
        if (ino.cache !== null) ino.cache.dirty = false;
      }
      return 0;
    },
    fill(ino, index, dst) {
      if (ino.backing === null) {
        const b = h.read(root, rel(ino));
        ino.backing = typeof b === 'number' ? new Uint8Array(0) : b;
      }
      const off = index * 4096;
      if (off < ino.backing.length) dst.set(ino.backing.subarray(off, Math.min(off + 4096, ino.backing.length)));
    },
    writeback(ino) {
      if (ino.cache === null || !ino.cache.dirty || ino.nlink <= 0) return 0;
      const e = h.write(root, rel(ino), ino.cache.readAll());
      if (e !== 0) return err(e);
      ino.cache.dirty = false;
      return 0;
    },
  };
  return ops;
}

/** The "hostfs" filesystem type: source is the host directory; data "ro" for read-only. */
export function hostfsType(k: Kernel): FsType {
  return {
    name: 'hostfs', nodev: true,
    mount(source) {
      const h = k.host.fs?.confined;
      if (h === undefined) return ENOENT;
      const st = h.lstat(source, []);
      if (typeof st === 'number') return err(st);
      if (!st.isDir) return ENOTDIR;
      const sb = new SuperBlock('hostfs', anonDev(), hostOps(k, h, source), HOSTFS_MAGIC, source);
      const root = new Inode(sb, S_IFDIR | (st.mode & 0o7777));
      root.priv = { root: source, rel: [] } satisfies HostPriv;
      root.mtimeNs = root.ctimeNs = root.atimeNs = Math.round(st.mtimeMs * 1e6);
      sb.root = root;
      return sb;
    },
  };
}
