// The VFS namespace: filesystem types registered by name, the mount table,
// and the path walk (Linux fs/namei.c in miniature). A position in the tree
// is a Path {mnt, ino}; the walk crosses mount points downwards and, for
// '..', upwards, follows symlinks (ELOOP after 40), checks search permission
// on every directory and honours trailing slashes. A process's root and cwd
// are absolute paths from the global root (FsContext strings).
import { EBUSY, EINVAL, ELOOP, ENAMETOOLONG, ENODEV, ENOENT, ENOTDIR, type Errno } from '../../abi/errno.js';
import type { Kernel } from '../kernel.js';
import type { Cred, Task } from '../task.js';
import { Inode, MS_RDONLY, permission, type FsType, type SuperBlock } from './inode.js';

let nextMountId = 20;

export class Mount {
  readonly id = nextMountId++;
  constructor(
    readonly sb: SuperBlock,
    /** The directory this mount shows at its mount point (sb.root, or a subdirectory for bind mounts). */
    readonly root: Inode,
    readonly parent: Mount | null,
    readonly mountpoint: Inode | null,
    public flags: number,
  ) {}
  get readOnly(): boolean { return ((this.flags | this.sb.flags) & MS_RDONLY) !== 0; }
}

export interface Path { mnt: Mount; ino: Inode }

/** What a walk needs from the caller: the root for '/' and absolute symlinks, and who is searching (null: no checks). */
export interface WalkCtx { root: Path; cred: Cred | null; task?: Task | null }

/** Symlinks followed so far (ELOOP after 40); jumped: the walk ended on a magic link's position. */
export interface WalkLinks { n: number; jumped: boolean }

export const PATH_MAX = 4096, NAME_MAX = 255, MAXSYMLINKS = 40;

const same = (a: Path, b: Path): boolean => a.mnt === b.mnt && a.ino === b.ino;

export class Vfs {
  readonly types = new Map<string, FsType>();
  readonly mounts: Mount[] = [];
  /** Mount point inode → the mount on top of it. */
  private readonly mountedOn = new Map<Inode, Mount>();
  rootMnt!: Mount;

  constructor(readonly k: Kernel) {}

  /** Registers a filesystem type (procfs, sysfs, a module's) so mount(2) can find it by name. */
  registerFilesystem(t: FsType): void { this.types.set(t.name, t); }
  unregisterFilesystem(name: string): boolean {
    if (this.mounts.some((m) => m.sb.type === name)) return false;
    return this.types.delete(name);
  }

  /** Mounts the root filesystem (boot). */
  mountRoot(type: string): void {
    const sb = this.types.get(type)!.mount('rootfs', 0, '');
    if (sb instanceof Object && 'root' in sb) { this.rootMnt = new Mount(sb, sb.root, null, null, 0); this.mounts.push(this.rootMnt); }
  }

  get root(): Path { return { mnt: this.rootMnt, ino: this.rootMnt.root }; }

  /** Mounts a new instance of `type` (or an existing superblock) on the directory `at`. */
  mount(at: Path, type: string | SuperBlock, source: string, flags: number, data = ''): Mount | Errno {
    if (!at.ino.isDir) return ENOTDIR;
    let sb: SuperBlock | Errno;
    if (typeof type === 'string') {
      const ft = this.types.get(type);
      if (ft === undefined) return ENODEV;
      sb = ft.mount(source, flags, data);
      if (!(sb instanceof Object && 'root' in sb)) return sb as Errno;
    } else sb = type;
    if (flags & MS_RDONLY) sb.flags |= MS_RDONLY;
    return this.attach(at, sb, sb.root, flags & MS_RDONLY);
  }

  /** Bind mount: `src` visible again at `at`. */
  bind(src: Path, at: Path, flags: number): Mount | Errno {
    if (!at.ino.isDir && src.ino.isDir) return ENOTDIR;
    return this.attach(at, src.mnt.sb, src.ino, flags & MS_RDONLY);
  }

  private attach(at: Path, sb: SuperBlock, root: Inode, flags: number): Mount {
    const m = new Mount(sb, root, at.mnt, at.ino, flags);
    this.mounts.push(m);
    this.mountedOn.set(at.ino, m);
    return m;
  }

  /** Unmounts the mount whose root `p` is (umount2). */
  umount(p: Path): 0 | Errno {
    const m = p.mnt;
    if (p.ino !== m.root || m.parent === null) return EINVAL;
    if (this.mounts.some((c) => c.parent === m)) return EBUSY;
    this.mounts.splice(this.mounts.indexOf(m), 1);
    // Whatever was stacked below becomes visible again.
    const below = [...this.mounts].reverse().find((c) => c.mountpoint === m.mountpoint && c !== m);
    if (below !== undefined) this.mountedOn.set(m.mountpoint!, below); else this.mountedOn.delete(m.mountpoint!);
    return 0;
  }

  /** The topmost thing visible at p (crosses mount points downwards). */
  private down(p: Path): Path {
    for (let m = this.mountedOn.get(p.ino); m !== undefined && m.parent !== null; m = this.mountedOn.get(p.ino)) {
      if (m.mountpoint !== p.ino) break;
      p = { mnt: m, ino: m.root };
      if (m.root === m.mountpoint) break;
    }
    return p;
  }

  /** '..' of p, never above root. */
  up(p: Path, root: Path): Path {
    for (;;) {
      if (same(p, root)) return p;
      if (p.ino === p.mnt.root) {
        if (p.mnt.parent === null) return p;
        p = { mnt: p.mnt.parent, ino: p.mnt.mountpoint! };
        continue;
      }
      return { mnt: p.mnt, ino: p.ino.parent ?? p.ino };
    }
  }

  /** The child `name` of directory p (dentry cache, then the filesystem's lookup). */
  child(p: Path, name: string, t: Task | null = null): Path | null {
    const d = p.ino;
    let c = d.children!.get(name) ?? null;
    if (c === null && d.ops.lookup !== undefined) c = d.ops.lookup(d, name, t);
    return c === null ? null : this.down({ mnt: p.mnt, ino: c });
  }

  /** Resolves `path` from `start` (namei). follow: follow a final symlink. */
  walk(ctx: WalkCtx, start: Path, path: string, follow: boolean, links: WalkLinks = { n: 0, jumped: false }): Path | Errno {
    if (path.length === 0) return ENOENT;
    if (path.length >= PATH_MAX) return ENAMETOOLONG;
    let cur = path.charCodeAt(0) === 47 ? ctx.root : start;
    const comps = path.split('/');
    const slash = path.charCodeAt(path.length - 1) === 47;
    let lastIdx = comps.length - 1;
    while (lastIdx >= 0 && comps[lastIdx] === '') lastIdx--;
    for (let i = 0; i <= lastIdx; i++) {
      const name = comps[i];
      if (name === '') continue;
      links.jumped = false;
      if (name.length > NAME_MAX) return ENAMETOOLONG;
      if (!cur.ino.isDir) return ENOTDIR;
      if (ctx.cred !== null) { const e = permission(cur.ino, ctx.cred, 1); if (e !== 0) return e; }
      if (name === '.') continue;
      if (name === '..') { cur = this.up(cur, ctx.root); continue; }
      const c = this.child(cur, name, ctx.task ?? null);
      if (c === null) return ENOENT;
      if (c.ino.isLink && (i < lastIdx || follow || slash)) {
        if (++links.n > MAXSYMLINKS) return ELOOP;
        const j = c.ino.ops.jump?.(c.ino, ctx.task ?? null) ?? null;
        if (j !== null) {
          if (!(j instanceof Object && 'ino' in j)) return j;
          cur = j;
          links.jumped = true;
          continue;
        }
        const target = linkTarget(c.ino, ctx.task ?? null);
        if (typeof target !== 'string') return target;
        const r = this.walk(ctx, cur, target, true, links);
        if (r instanceof Object && 'ino' in r) { cur = r; continue; }
        return r;
      }
      cur = c;
    }
    if (slash && !cur.ino.isDir) return ENOTDIR;
    return cur;
  }

  /**
   * Resolves all but the last component: the parent directory, the last name
   * ('' when the path is '/'), and whether the path ended with '/'.
   */
  walkParent(ctx: WalkCtx, start: Path, path: string): { dir: Path; name: string; slash: boolean } | Errno {
    if (path.length === 0) return ENOENT;
    if (path.length >= PATH_MAX) return ENAMETOOLONG;
    const trimmed = path.replace(/\/+$/, '');
    const slash = trimmed.length !== path.length;
    const i = trimmed.lastIndexOf('/');
    const name = trimmed.slice(i + 1);
    if (name.length > NAME_MAX) return ENAMETOOLONG;
    const dirPart = i < 0 ? '.' : i === 0 ? '/' : trimmed.slice(0, i);
    const dir = this.walk(ctx, start, dirPart, true);
    if (!(dir instanceof Object && 'ino' in dir)) return dir;
    if (!dir.ino.isDir) return ENOTDIR;
    if (ctx.cred !== null) { const e = permission(dir.ino, ctx.cred, 1); if (e !== 0) return e; }
    return { dir, name, slash };
  }

  /** The absolute path of a directory position as seen from root ('/' joined names). */
  pathOf(p: Path, root: Path = this.root): string {
    const parts: string[] = [];
    let cur = p;
    for (let guard = 0; guard < 4096 && !same(cur, root); guard++) {
      if (cur.ino === cur.mnt.root) {
        if (cur.mnt.parent === null) break;
        cur = { mnt: cur.mnt.parent, ino: cur.mnt.mountpoint! };
        continue;
      }
      if (cur.ino.parent === null) break;
      parts.push(cur.ino.name);
      cur = { mnt: cur.mnt, ino: cur.ino.parent };
    }
    return '/' + parts.reverse().join('/');
  }

  /** A process's root and cwd as positions (resolved from the global root, no permission checks). */
  rootOf(t: Task): Path {
    const r = t.proc.fs.root;
    if (r === '/' || r === '') return this.root;
    const p = this.walk({ root: this.root, cred: null }, this.root, r, true);
    return p instanceof Object && 'ino' in p ? p : this.root;
  }
  cwdOf(t: Task): Path {
    const p = this.walk({ root: this.root, cred: null }, this.root, t.proc.fs.cwd, true);
    return p instanceof Object && 'ino' in p ? p : this.rootOf(t);
  }
  ctxOf(t: Task): WalkCtx { return { root: this.rootOf(t), cred: t.proc.cred, task: t }; }

  /** Resolves a path for task t from its cwd (exec, tests). */
  resolve(t: Task, path: string, follow = true): Path | Errno { return this.walk(this.ctxOf(t), this.cwdOf(t), path, follow); }

  /** Boot-time and embedder path lookup from the global root (no permission checks). */
  lookup(path: string, cwd = '/', follow = true): Inode | Errno {
    const start = this.walk({ root: this.root, cred: null }, this.root, cwd, true);
    if (!(start instanceof Object && 'ino' in start)) return start;
    const p = this.walk({ root: this.root, cred: null }, start, path, follow);
    return p instanceof Object && 'ino' in p ? p.ino : p;
  }

  /** The mounts visible from root, in mount order (for /proc/mounts). */
  mountList(): { id: number; parentId: number; source: string; target: string; type: string; ro: boolean }[] {
    return this.mounts.map((m) => ({
      id: m.id, parentId: m.parent?.id ?? m.id, source: m.sb.source,
      target: this.pathOf({ mnt: m, ino: m.root }), type: m.sb.type, ro: m.readOnly,
    }));
  }
}

/** A symlink's target as seen by t (filesystems may compute it per caller). */
export function linkTarget(ino: Inode, t: Task | null): string | Errno { return ino.ops.getLink !== undefined ? ino.ops.getLink(ino, t) : ino.target; }

export const isPath = (v: unknown): v is Path => v instanceof Object && 'mnt' in v && 'ino' in v;
