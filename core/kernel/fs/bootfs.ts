// Boot-time assembly of the file tree: registers the built-in filesystem
// types (tmpfs, devtmpfs, hostfs) and the memory devices, mounts a tmpfs as
// root with devfs on /dev and a tmpfs on /tmp, and offers the embedder's
// helpers (RootFs: mkdirp, addFile, addDevice, symlink, mountHost, lookup,
// contents) used by boot.ts, the CLI and exec. The userland image (bin/ and
// rootfs/) is copied in by boot with addLazyFile/mkdirp: file bytes are read
// from the host at first use (inode.loadBacking, through the page cache), stay
// in the inode's `backing` and only enter the page cache when written.
import { EEXIST, type Errno } from '../../abi/errno.js';
import { S_IFCHR, S_IFDIR, S_IFLNK, S_IFREG } from '../../abi/linux.js';
import type { Kernel } from '../kernel.js';
import { Inode, MS_RDONLY } from './inode.js';
import { dAdd, newInode, tmpfsType } from './tmpfs.js';
import { hostfsType } from './hostfs.js';
import { CharDevices, DEV_NODES, mkdev, registerMemDevices, type CharDevice } from './devfs.js';
import { Vfs, isPath } from './vfs.js';
import { cacheOf } from './regfile.js';
import type { FileOps } from './file.js';

const EMPTY = new Uint8Array(0);

export class RootFs {
  readonly vfs: Vfs;
  readonly chrdevs = new CharDevices();

  constructor(readonly k: Kernel) {
    this.vfs = new Vfs(k);
    const now = (): number => k.realtimeNs();
    const tmpfs = tmpfsType(now);
    this.vfs.registerFilesystem(tmpfs);
    // devtmpfs is one instance, as Linux's: every mount of it (init mounting /dev again) shows
    // the same device nodes, not an empty tree.
    const devtmpfs = tmpfsType(now, 'devtmpfs');
    let devSb: ReturnType<typeof devtmpfs.mount> | null = null;
    this.vfs.registerFilesystem({ ...devtmpfs, mount: (src, fl, data) => (devSb ??= devtmpfs.mount(src, fl, data)) });
    this.vfs.registerFilesystem(hostfsType(k));
    this.vfs.mountRoot('tmpfs');
    this.vfs.root.ino.mode = S_IFDIR | 0o755;
    for (const d of ['/bin', '/sbin', '/etc', '/root', '/home', '/tmp', '/proc', '/sys', '/dev', '/lib', '/lib/modules', '/usr', '/usr/bin', '/mnt']) this.mkdirp(d);
    (this.lookup('/root') as Inode).mode = S_IFDIR | 0o700;
    const at = (p: string) => this.vfs.walk({ root: this.vfs.root, cred: null }, this.vfs.root, p, true);
    const dev = at('/dev'), tmp = at('/tmp');
    if (isPath(dev)) this.vfs.mount(dev, 'devtmpfs', 'devtmpfs', 0);
    if (isPath(tmp)) { const m = this.vfs.mount(tmp, 'tmpfs', 'tmpfs', 0); if (!(m instanceof Object && 'code' in m)) (m as { root: Inode }).root.mode = S_IFDIR | 0o1777; }
    registerMemDevices(k, this.chrdevs);
  }

  private now(): number { return this.k.realtimeNs(); }

  /** Creates every missing directory of an absolute path (crossing mounts); returns the last. */
  mkdirp(path: string): Inode {
    let cur = this.vfs.root;
    for (const name of path.split('/').filter(Boolean)) {
      const c = this.vfs.child(cur, name);
      if (c !== null) { cur = c; continue; }
      const ino = newInode(cur.ino.sb, S_IFDIR | 0o755, null, this.now(), null);
      dAdd(cur.ino, name, ino);
      cur = { mnt: cur.mnt, ino };
    }
    return cur.ino;
  }

  private place(path: string, ino: Inode): Inode {
    const i = path.lastIndexOf('/');
    const dir = this.mkdirp(path.slice(0, i) || '/');
    const name = path.slice(i + 1);
    const old = dir.children!.get(name);
    if (old !== undefined) { dir.children!.delete(name); old.nlink--; if (old.isDir) dir.nlink--; }
    dAdd(dir, name, ino);
    return ino;
  }

  /** Adds (or replaces) a regular file whose initial bytes are `data` (not copied). */
  addFile(path: string, data: Uint8Array, mode = 0o755): Inode {
    const dir = this.mkdirp(path.slice(0, path.lastIndexOf('/')) || '/');
    const ino = newInode(dir.sb, S_IFREG | (mode & 0o7777), null, this.now(), null);
    ino.backing = data; ino.size = data.length;
    return this.place(path, ino);
  }

  /**
   * Adds a regular file of the boot image whose bytes are read by `load` when first needed
   * (exec, read, mmap: the page cache asks) instead of at boot: `nodix run` boots with ~80
   * programs and runs one. A load that fails gives an empty file.
   */
  addLazyFile(path: string, size: number, load: () => Uint8Array | null, mode = 0o755): Inode {
    const ino = this.addFile(path, EMPTY, mode);
    ino.size = size;
    ino.backing = null;
    ino.loadBacking = load;
    return ino;
  }

  /** A device node for an already registered device number (or registers `ops` under it). */
  addDevice(path: string, opsOrDev: FileOps | CharDevice | null, rdev: number, mode = 0o666): Inode {
    if (opsOrDev !== null) {
      const d: CharDevice = 'open' in opsOrDev && typeof opsOrDev.open === 'function' ? opsOrDev as CharDevice : { name: 'misc', open: () => ({ ops: opsOrDev as FileOps }) };
      this.chrdevs.register(rdev, d);
    }
    const dir = this.mkdirp(path.slice(0, path.lastIndexOf('/')) || '/');
    const ino = newInode(dir.sb, S_IFCHR | mode, null, this.now(), null);
    ino.rdev = rdev;
    return this.place(path, ino);
  }

  /** The standard /dev nodes (after the tty module registered 5:0 and 5:1). */
  makeDevNodes(): void {
    for (const [name, ma, mi, mode] of DEV_NODES) if (this.lookup('/dev/' + name) instanceof Object && !(this.lookup('/dev/' + name) instanceof Inode)) this.addDevice('/dev/' + name, null, mkdev(ma, mi), mode);
    if (!(this.lookup('/dev/fd', '/', false) instanceof Inode)) this.symlink('/dev/fd', '/proc/self/fd');
    for (const [n, fd] of [['stdin', 0], ['stdout', 1], ['stderr', 2]] as const) if (!(this.lookup('/dev/' + n, '/', false) instanceof Inode)) this.symlink('/dev/' + n, `/proc/self/fd/${fd}`);
  }

  symlink(path: string, target: string): Inode | Errno {
    const dir = this.mkdirp(path.slice(0, path.lastIndexOf('/')) || '/');
    const name = path.slice(path.lastIndexOf('/') + 1);
    if (dir.children!.has(name)) return EEXIST;
    const ino = newInode(dir.sb, S_IFLNK | 0o777, null, this.now(), null);
    ino.target = target;
    return this.place(path, ino);
  }

  /** Mounts host directory `hostDir` at `guestPath` (hostfs, confined; read-only unless rw). */
  mountHost(hostDir: string, guestPath: string, rw: boolean): 0 | Errno {
    this.mkdirp(guestPath);
    const at = this.vfs.walk({ root: this.vfs.root, cred: null }, this.vfs.root, guestPath, true);
    if (!isPath(at)) return at;
    const m = this.vfs.mount(at, 'hostfs', hostDir, rw ? 0 : MS_RDONLY);
    if (m instanceof Object && 'code' in m) { this.k.printk(`hostfs: cannot mount ${hostDir} on ${guestPath}: ${(m as Errno).name}`); return m as Errno; }
    return 0;
  }

  /** Boot-time ownership (e.g. /home/user for uid 1000). */
  chown(path: string, uid: number, gid: number): void {
    const ino = this.lookup(path);
    if (ino instanceof Inode) { ino.uid = uid; ino.gid = gid; }
  }

  lookup(path: string, cwd = '/', follow = true): Inode | Errno { return this.vfs.lookup(path, cwd, follow); }
  pathOf(ino: Inode): string { return ino.isDir ? this.vfs.pathOf({ mnt: this.vfs.rootMnt, ino }) : '/'; }
  /** A regular file's whole contents (exec). */
  contents(ino: Inode): Uint8Array { return cacheOf(this.k, ino).readAll(); }
}

export { Inode };
