// procfs: the /proc tree (root entries, /proc/self, /proc/thread-self, one
// directory per process) registered with the VFS as filesystem type "proc"
// and mounted on /proc at boot. readProcFile() reads a file through the VFS
// from the host side (tests, the CLI) as root.
import { Errno, EINVAL, ENOENT } from '../core/abi/errno.js';
import type { Kernel } from '../core/kernel/kernel.js';
import { File } from '../core/kernel/fs/file.js';
import { isPath } from '../core/kernel/fs/vfs.js';
import { listPids, processOwner } from '../core/kernel/snapshot.js';
import { link, ro, rw, type Ctx, type DirNode, type Node } from './node.js';
import { procfsType } from './fs.js';
import { pidDir } from './pid.js';
import * as sys from './system.js';
import { sysDir } from './sys.js';

const fixed: Record<string, Node> = {
  meminfo: ro(sys.meminfo), cpuinfo: ro(sys.cpuinfo), stat: ro(sys.stat), uptime: ro(sys.uptime), loadavg: ro(sys.loadavg),
  version: ro(sys.version), cmdline: ro(sys.cmdline), filesystems: ro(sys.filesystems), mounts: link(() => 'self/mounts'),
  // kallsyms is 0444 as on Linux: non-root readers see zero addresses (kptr_restrict) instead of EACCES.
  modules: ro(sys.modules), kallsyms: ro(sys.kallsymsText), interrupts: ro(sys.interrupts), devices: ro(sys.devices),
  vmstat: ro(sys.vmstat), swaps: ro(sys.swaps), sys: sysDir,
  self: link((c) => (c.who === null ? ENOENT : String(c.who.pid))),
  'thread-self': link((c) => (c.who === null ? ENOENT : `${c.who.pid}/task/${c.who.tid}`)),
};

/** An entry added at the root by a module (proc_create): text in, text out. */
export interface ExtraEntry { read(): string; write?(text: string): 0 | Errno }
/** Where module entries come from (the module loader installs its table). */
export const extraEntries: { table: ((k: Kernel) => ReadonlyMap<string, ExtraEntry>) | null } = { table: null };

function extraNode(e: ExtraEntry): Node {
  const read = (): string => e.read();
  return e.write === undefined ? ro(read) : rw(read, (_c, d) => e.write!(new TextDecoder().decode(d)), 0o644);
}

/** The /proc directory. */
export const procRoot: DirNode = {
  kind: 'dir', mode: 0o555,
  list: (c) => [...Object.keys(fixed), ...(extraEntries.table?.(c.k).keys() ?? []), ...listPids(c.k).map(String)],
  lookup: (c, name) => {
    if (Object.hasOwn(fixed, name)) return [fixed[name], c] as const;
    const extra = extraEntries.table?.(c.k).get(name);
    if (extra !== undefined) return [extraNode(extra), c] as const;
    if (!/^[1-9]\d*$/.test(name)) return null;
    const pid = Number(name);
    return processOwner(c.k, pid) === null ? null : [pidDir, { ...c, pid, tid: pid, thread: false } satisfies Ctx] as const;
  },
};

/** Registers the "proc" filesystem type (mount -t proc proc /proc). */
export function registerProcfs(k: Kernel): void {
  if (!k.vfs.types.has('proc')) k.vfs.registerFilesystem(procfsType(k, procRoot));
}

/** Registers procfs and mounts it on /proc (boot). */
export function mountProcfs(k: Kernel): 0 | Errno {
  registerProcfs(k);
  const vfs = k.vfs;
  const at = vfs.walk({ root: vfs.root, cred: null }, vfs.root, '/proc', true);
  if (!isPath(at)) return at;
  const m = vfs.mount(at, 'proc', 'proc', 0);
  return m instanceof Errno ? m : 0;
}

/** Opens a /proc file as the kernel (no calling task: root). */
function openAsKernel(k: Kernel, path: string, flags: number): File | Errno {
  const vfs = k.vfs;
  const p = vfs.walk({ root: vfs.root, cred: null }, vfs.root, path, true);
  if (!isPath(p)) return p;
  const ops = p.ino.fops;
  if (ops === null) return EINVAL;
  const f = new File(ops, flags, path, null);
  f.node = p;
  p.ino.opens++;
  const e = ops.open?.(f, null as never) ?? 0;
  if (e !== 0) { p.ino.opens--; return e; }
  return f;
}

/** Writes bytes to a /proc file as the kernel (root) in one write(2); returns the count or the error. */
export function writeProcFile(k: Kernel, path: string, data: Uint8Array): number | Errno {
  const f = openAsKernel(k, path, 1);
  if (f instanceof Errno) return f;
  try {
    const r = f.ops.write?.(f, null as never, data, 0) ?? EINVAL;
    return typeof r === 'number' || r instanceof Errno ? r : EINVAL;
  } finally { f.put(); }
}

/** Reads a whole file through the VFS as the kernel (root): for tests and the embedder. */
export function readProcFile(k: Kernel, path: string): Uint8Array | Errno {
  const f = openAsKernel(k, path, 0);
  if (f instanceof Errno) return f;
  const ops = f.ops;
  if (ops.read === undefined) { f.put(); return EINVAL; }
  const chunks: Uint8Array[] = [];
  let pos = 0;
  try {
    for (;;) {
      const buf = new Uint8Array(65536);
      const n = ops.read(f, null as never, buf, pos);
      if (typeof n !== 'number') return n instanceof Errno ? n : EINVAL;
      if (n === 0) break;
      chunks.push(buf.subarray(0, n)); pos += n;
    }
  } finally { f.put(); }
  const out = new Uint8Array(pos);
  let o = 0;
  for (const c of chunks) { out.set(c, o); o += c.length; }
  return out;
}

