// A small synthetic filesystem type for sysfs and module filesystems: a tree
// of generator nodes (a directory lists its entries when asked, a file renders
// its text at open). Directories never cache children beyond a listing, so a
// path walk sees the current state (a module that left is gone from
// /sys/module at once); inodes are kept per path so numbers stay stable.
import { EINVAL, type Errno } from '../../abi/errno.js';
import { Errno as ErrnoClass } from '../../abi/errno.js';
import { Inode, SuperBlock, anonDev, type FsType, type InodeOps } from '../fs/inode.js';
import type { FileOps } from '../fs/file.js';

const S_IFDIR = 0o040000, S_IFREG = 0o100000;

export interface SynthFile { readonly kind: 'file'; readonly mode?: number; read(): string; write?(text: string): number | Errno }
export interface SynthDir { readonly kind: 'dir'; entries(): Record<string, SynthNode> }
export type SynthNode = SynthFile | SynthDir;

interface Priv { node: SynthNode; key: string }
const enc = new TextEncoder();
/** Directory inodes of every synthetic mount: their listings are dropped when the tree changes. */
const dirs = new Set<Inode>();
/** Forgets cached listings (call after the tree changed: a module came or went). */
export function synthInvalidate(): void { for (const d of dirs) d.children?.clear(); }
const dec = new TextDecoder();

function fileOps(): FileOps {
  return {
    open(f) {
      const p = f.node!.ino.priv as Priv;
      (f as { synth?: Uint8Array }).synth = enc.encode((p.node as SynthFile).read());
      return 0;
    },
    read(f, _t, buf, pos) {
      const data = (f as { synth?: Uint8Array }).synth ?? new Uint8Array(0);
      if (pos >= data.length) return 0;
      const n = Math.min(buf.length, data.length - pos);
      buf.set(data.subarray(pos, pos + n));
      return n;
    },
    lseek(f, off, whence) {
      const size = ((f as { synth?: Uint8Array }).synth ?? new Uint8Array(0)).length;
      const p = whence === 0 ? off : whence === 1 ? f.pos + off : whence === 2 ? size + off : -1;
      return p < 0 ? EINVAL : p;
    },
    write(f, _t, buf) {
      const node = (f.node!.ino.priv as Priv).node as SynthFile;
      if (node.write === undefined) return EINVAL;
      const r = node.write(dec.decode(buf));
      return r instanceof ErrnoClass ? r : buf.length;
    },
  };
}

/** A filesystem type whose root is `root()` (evaluated at mount). */
export function synthFsType(name: string, magic: number, root: () => SynthDir): FsType {
  return {
    name, nodev: true,
    mount(source): SuperBlock | Errno {
      const inodes = new Map<string, Inode>();
      const fops = fileOps();
      const make = (key: string, node: SynthNode): Inode => {
        let ino = inodes.get(key);
        if (ino !== undefined && (ino.priv as Priv).node.kind === node.kind) { (ino.priv as Priv).node = node; return ino; }
        ino = new Inode(sb, node.kind === 'dir' ? S_IFDIR | 0o755 : S_IFREG | (node.mode ?? (node.write ? 0o644 : 0o444)));
        ino.priv = { node, key } satisfies Priv;
        if (node.kind === 'file') ino.fops = fops; else dirs.add(ino);
        inodes.set(key, ino);
        return ino;
      };
      const ops: InodeOps = {
        lookup(dir, cname) {
          const p = dir.priv as Priv;
          if (p.node.kind !== 'dir') return null;
          const e = p.node.entries();
          if (!Object.hasOwn(e, cname)) return null;
          const ino = make(`${p.key}/${cname}`, e[cname]);
          ino.parent = dir; ino.name = cname;
          return ino;
        },
        revalidate(dir) {
          const p = dir.priv as Priv;
          if (p.node.kind !== 'dir') return;
          dir.children!.clear();
          for (const [cname, n] of Object.entries(p.node.entries())) {
            const ino = make(`${p.key}/${cname}`, n);
            ino.parent = dir; ino.name = cname;
            dir.children!.set(cname, ino);
          }
        },
      };
      const sb = new SuperBlock(name, anonDev(), ops, magic, source);
      sb.root = make('', root());
      return sb;
    },
  };
}

