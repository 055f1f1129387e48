// The proc filesystem type: mounts the node tree (node.ts) as VFS inodes.
// Directories keep an empty dentry cache, so every path walk asks lookup()
// and sees live processes (Linux's pid_revalidate, done by never caching);
// inodes are kept per path so inode numbers stay stable. Files are generated
// at the first read and again at every read from offset 0 (seq_file), so a
// tool that lseeks back to 0 and re-reads sees fresh values. Ownership of
// per-process entries follows the process's euid (root when not dumpable);
// ptrace-guarded nodes check access at open.
import { EACCES, EINVAL, ENOENT, ESRCH, type Errno } from '../core/abi/errno.js';
import { Errno as ErrnoClass } from '../core/abi/errno.js';
import type { Kernel } from '../core/kernel/kernel.js';
import { Inode, SuperBlock, anonDev, dtype, type FsType, type InodeOps } from '../core/kernel/fs/inode.js';
import type { File, FileOps } from '../core/kernel/fs/file.js';
import { currentIds, processOwner } from '../core/kernel/snapshot.js';
import { ptraceMayAccess } from '../core/kernel/procctl.js';
import type { Ctx, DirNode, FileNode, Node, RawNode } from './node.js';
import { enc } from './format.js';

export const PROC_SUPER_MAGIC = 0x9fa0;
const S_IFDIR = 0o040000, S_IFREG = 0o100000, S_IFLNK = 0o120000;

/** denied: a ptrace-protected link the looker may not follow or read (EACCES, proc_fd_access_allowed). */
interface ProcPriv { node: Node; ctx: Ctx; key: string; denied?: boolean }
const privOf = (ino: Inode): ProcPriv => ino.priv as ProcPriv;
const isErrno = (v: unknown): v is Errno => v instanceof ErrnoClass;

interface OpenState { ctx: Ctx; node: FileNode | RawNode; data: Uint8Array | null }
const opens = new WeakMap<File, OpenState>();

/** The context as seen by the current caller (self, permissions). */
const fresh = (c: Ctx): Ctx => ({ ...c, who: currentIds(c.k) });

const alive = (c: Ctx): boolean => c.pid === 0 || processOwner(c.k, c.pid) !== null;

function fileOps(): FileOps {
  return {
    open(f): 0 | Errno {
      const p = privOf(f.node!.ino);
      const ctx = fresh(p.ctx);
      if (!alive(ctx)) return ENOENT;
      const node = p.node as FileNode | RawNode;
      if (node.ptrace && ctx.pid !== 0 && !ptraceMayAccess(ctx.k, ctx.pid)) return EACCES;
      opens.set(f, { ctx, node, data: null });
      return 0;
    },
    read(f, _t, buf, pos) {
      const s = opens.get(f);
      if (s === undefined) return EINVAL;
      if (s.node.kind === 'raw') return s.node.access(s.ctx, buf, pos, false);
      if (s.data === null || pos === 0) {
        if (!alive(s.ctx)) return ESRCH;
        const r = s.node.read(s.ctx);
        if (isErrno(r)) return r;
        s.data = typeof r === 'string' ? enc(r) : r;
      }
      if (pos >= s.data.length) return 0;
      const n = Math.min(buf.length, s.data.length - pos);
      buf.set(s.data.subarray(pos, pos + n));
      return n;
    },
    write(f, _t, buf, pos) {
      const s = opens.get(f);
      if (s === undefined) return EINVAL;
      if (s.node.kind === 'raw') return s.node.access(s.ctx, buf, pos, true);
      if (s.node.write === undefined) return EINVAL;
      if (!alive(s.ctx)) return ESRCH;
      const r = s.node.write(s.ctx, buf);
      if (r !== 0) return r;
      s.data = null;
      return buf.length;
    },
    lseek(f, off, whence) {
      // seq_file files and mem: SEEK_SET and SEEK_CUR only (mem's offset is an address).
      const base = whence === 0 ? 0 : whence === 1 ? f.pos : NaN;
      if (Number.isNaN(base) || base + off < 0) return EINVAL;
      return base + off;
    },
    stat(f) { return f.node!.ino.stat(); },
    release(f) { opens.delete(f); f.node!.ino.opens--; },
  };
}

interface DirState { entries: { name: string; ino: number; type: number }[] | null }
const dirStates = new WeakMap<File, DirState>();

function dirOps(fs: ProcFs): FileOps {
  return {
    open(f): 0 | Errno {
      const p = privOf(f.node!.ino);
      const ctx = fresh(p.ctx);
      if (!alive(ctx)) return ENOENT;
      if (p.node.kind === 'dir' && p.node.ptrace && ctx.pid !== 0 && !ptraceMayAccess(ctx.k, ctx.pid)) return EACCES;
      dirStates.set(f, { entries: null });
      return 0;
    },
    read() { return EINVAL; },
    readdir(f, pos) {
      const st = dirStates.get(f);
      if (st === undefined) return null;
      if (st.entries === null || pos === 0) {
        const ino = f.node!.ino;
        const p = privOf(ino);
        const ctx = fresh(p.ctx);
        st.entries = [{ name: '.', ino: ino.ino, type: 4 }, { name: '..', ino: (ino.parent ?? ino).ino, type: 4 }];
        if (alive(ctx)) {
          const names = (p.node as DirNode).list(ctx);
          // Listing /proc: forget inodes of processes that are gone.
          if (p.key === '') fs.prune(new Set(names.filter((n) => /^\d+$/.test(n)).map(Number)));
          for (const name of names) {
            const c = fs.child(ino, name);
            if (c !== null) st.entries.push({ name, ino: c.ino, type: dtype(c.mode) });
          }
        }
      }
      return st.entries[pos] ?? null;
    },
    lseek(f, off, whence) {
      if (whence === 0 && off >= 0) return off;
      if (whence === 1 && f.pos + off >= 0) return f.pos + off;
      return EINVAL;
    },
    stat(f) { return f.node!.ino.stat(); },
    release(f) { dirStates.delete(f); f.node!.ino.opens--; },
  };
}

/** One mounted instance: the inode cache and the lookup that builds inodes from nodes. */
class ProcFs {
  readonly sb: SuperBlock;
  private readonly inodes = new Map<string, Inode>();
  private readonly fops = fileOps();
  private readonly dops: FileOps;

  constructor(readonly k: Kernel, root: DirNode, source: string) {
    const ops: InodeOps = {
      lookup: (dir, name) => this.child(dir, name),
      getLink: (ino) => (privOf(ino).denied === true ? EACCES : ino.target),
      jump: (ino) => {
        const p = privOf(ino);
        if (p.denied === true) return EACCES;
        return p.node.kind === 'link' && p.node.jump !== undefined ? p.node.jump(fresh(p.ctx)) : null;
      },
    };
    this.sb = new SuperBlock('proc', anonDev(), ops, PROC_SUPER_MAGIC, source || 'proc');
    this.dops = dirOps(this);
    const ino = new Inode(this.sb, S_IFDIR | 0o555, 1);
    ino.priv = { node: root, ctx: { k, pid: 0, tid: 0, thread: false, who: null }, key: '' } satisfies ProcPriv;
    ino.fops = this.dops;
    ino.nlink = 2;
    this.sb.root = ino;
  }

  /** The inode for `name` in directory `dir`, or null (ENOENT). */
  child(dir: Inode, name: string): Inode | null {
    const p = privOf(dir);
    if (p.node.kind !== 'dir') return null;
    const ctx = fresh(p.ctx);
    if (!alive(ctx)) return null;
    const r = p.node.lookup(ctx, name);
    if (r === null) return null;
    const [node, cctx] = r;
    const key = `${p.key}/${name}`;
    let ino = this.inodes.get(key);
    const mode = node.kind === 'dir' ? S_IFDIR | node.mode : node.kind === 'link' ? S_IFLNK | 0o777 : S_IFREG | node.mode;
    if (ino === undefined || ino.mode !== mode || privOf(ino).node !== node) {
      ino = new Inode(this.sb, mode);
      ino.parent = dir; ino.name = name;
      ino.fops = node.kind === 'dir' ? this.dops : node.kind === 'link' ? null : this.fops;
      this.inodes.set(key, ino);
    }
    ino.priv = { node, ctx: { ...cctx, who: null }, key } satisfies ProcPriv;
    const owner = cctx.pid !== 0 ? processOwner(this.k, cctx.pid) : null;
    ino.uid = owner !== null && owner.dumpable ? owner.uid : 0;
    ino.gid = owner !== null && owner.dumpable ? owner.gid : 0;
    const now = this.k.realtimeNs();
    ino.atimeNs = ino.mtimeNs = ino.ctimeNs = now;
    if (node.kind === 'link') {
      const denied = node.ptrace === true && cctx.pid !== 0 && !ptraceMayAccess(this.k, cctx.pid);
      const t = denied ? '' : node.target(ctx.who === null ? cctx : { ...cctx, who: ctx.who });
      ino.target = isErrno(t) ? '' : t;
      (ino.priv as ProcPriv).denied = denied;
    }
    return ino;
  }

  /** Drops cached inodes of processes that are gone (called on root listings). */
  prune(live: Set<number>): void {
    for (const key of this.inodes.keys()) {
      const m = /^\/(\d+)(\/|$)/.exec(key);
      if (m !== null && !live.has(Number(m[1]))) this.inodes.delete(key);
    }
  }
}

/** The "proc" filesystem type over `root` (each mount gets its own inodes). */
export function procfsType(k: Kernel, root: DirNode, onMount?: (fs: ProcFs) => void): FsType {
  return {
    name: 'proc', nodev: true,
    mount(source): SuperBlock {
      const fs = new ProcFs(k, root, source);
      onMount?.(fs);
      return fs.sb;
    },
  };
}

export type { ProcFs };
