// The shape of the /proc tree (gVisor fsimpl/proc style): every directory is
// a map of file name → node, and a node is a generator of text from kernel
// snapshots (file), a symlink whose target is computed (link), a
// random-access file (mem), or a directory listing names it resolves (dir).
// A Ctx says which process/thread a per-process node is about and who asks.
import type { Errno } from '../core/abi/errno.js';
import type { Kernel } from '../core/kernel/kernel.js';
import type { Path } from '../core/kernel/fs/vfs.js';

/** Who opened/looked up the file: the calling task, or null for the kernel itself (embedder, tests: root). */
export interface Caller { readonly pid: number; readonly tid: number; readonly uid: number; readonly euid: number; readonly fsuid: number; readonly gid: number }

export interface Ctx {
  readonly k: Kernel;
  /** The process (0 for system files) and thread (= pid under /proc/[pid]) the node is about. */
  readonly pid: number;
  readonly tid: number;
  /** True under /proc/[pid]/task/[tid] (a thread's view). */
  readonly thread: boolean;
  readonly who: Caller | null;
}

export interface FileNode {
  readonly kind: 'file';
  /** Permission bits (0444, 0644, 0400...). */
  readonly mode: number;
  /** Opening needs ptrace read access to the process (mem, environ, auxv...). */
  readonly ptrace?: boolean;
  read(c: Ctx): string | Uint8Array | Errno;
  /** Validates and applies a write whole, or fails with nothing applied. */
  write?(c: Ctx, data: Uint8Array): 0 | Errno;
}

/** A file read and written at arbitrary offsets (/proc/[pid]/mem). */
export interface RawNode {
  readonly kind: 'raw';
  readonly mode: number;
  readonly ptrace: true;
  access(c: Ctx, buf: Uint8Array, pos: number, write: boolean): number | Errno;
}

export interface LinkNode {
  readonly kind: 'link';
  readonly ptrace?: boolean;
  target(c: Ctx): string | Errno;
  /** A magic link (fd/N): where following it lands — the open file itself, not its name. */
  jump?(c: Ctx): Path | Errno;
}

export interface DirNode {
  readonly kind: 'dir';
  readonly mode: number;
  readonly ptrace?: boolean;
  list(c: Ctx): string[];
  lookup(c: Ctx, name: string): readonly [Node, Ctx] | null;
}

export type Node = FileNode | RawNode | LinkNode | DirNode;

/** A directory with a fixed set of entries (the same context for every child). */
export function table(entries: Record<string, Node>, mode = 0o555, ptrace = false): DirNode {
  const names = Object.keys(entries);
  return {
    kind: 'dir', mode, ptrace,
    list: () => names,
    lookup: (c, name) => (Object.hasOwn(entries, name) ? [entries[name], c] as const : null),
  };
}

/** A read-only text file. */
export const ro = (read: (c: Ctx) => string | Uint8Array | Errno, mode = 0o444, ptrace = false): FileNode => ({ kind: 'file', mode, ptrace, read });

/** A writable file. */
export const rw = (read: (c: Ctx) => string | Errno, write: (c: Ctx, d: Uint8Array) => 0 | Errno, mode = 0o644): FileNode => ({ kind: 'file', mode, read, write });

export const link = (target: (c: Ctx) => string | Errno, ptrace = false, jump?: (c: Ctx) => Path | Errno): LinkNode => ({ kind: 'link', ptrace, target, jump });
