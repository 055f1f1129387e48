// POSIX advisory record locks (fcntl F_GETLK/F_SETLK/F_SETLKW): per inode, a
// list of [start, end) byte ranges owned by a process, read (shared) or
// write (exclusive). Setting a lock splits/merges the owner's ranges like
// Linux's posix_lock_file; a conflicting F_SETLKW sleeps on the inode's
// queue. Locks of a process go when it closes any fd of the inode (POSIX),
// and locks of processes that no longer exist are ignored.
import type { Kernel } from '../kernel.js';
import { WaitQueue } from '../waitqueue.js';
import type { Inode } from './inode.js';

export const F_RDLCK = 0, F_WRLCK = 1, F_UNLCK = 2;

export interface RecordLock { pid: number; type: number; start: number; end: number }

interface InodeLocks { list: RecordLock[]; wq: WaitQueue }
const table = new WeakMap<Inode, InodeLocks>();

function locksOf(ino: Inode): InodeLocks {
  let l = table.get(ino);
  if (l === undefined) { l = { list: [], wq: new WaitQueue() }; table.set(ino, l); }
  return l;
}

/** The first lock of another live process conflicting with [start,end) of `type`, or null. */
export function conflict(k: Kernel, ino: Inode, pid: number, type: number, start: number, end: number): RecordLock | null {
  const l = table.get(ino);
  if (l === undefined) return null;
  for (const x of l.list) {
    if (x.pid === pid || !k.procs.has(x.pid)) continue;
    if (x.end <= start || x.start >= end) continue;
    if (type === F_WRLCK || x.type === F_WRLCK) return x;
  }
  return null;
}

/** Applies (or removes, F_UNLCK) the owner's lock on [start,end) — conflicts are the caller's check. */
export function setLock(ino: Inode, pid: number, type: number, start: number, end: number): void {
  const l = locksOf(ino);
  const out: RecordLock[] = [];
  for (const x of l.list) {
    if (x.pid !== pid || x.end <= start || x.start >= end) { out.push(x); continue; }
    if (x.start < start) out.push({ ...x, end: start });
    if (x.end > end) out.push({ ...x, start: end });
  }
  if (type !== F_UNLCK) out.push({ pid, type, start, end });
  l.list = out;
  l.wq.wakeAll();
}

/** Drops every lock pid holds on ino (close of any of its fds). */
export function releaseLocks(ino: Inode, pid: number): void {
  const l = table.get(ino);
  if (l === undefined || !l.list.some((x) => x.pid === pid)) return;
  l.list = l.list.filter((x) => x.pid !== pid);
  l.wq.wakeAll();
}

export const lockQueue = (ino: Inode): WaitQueue => locksOf(ino).wq;
