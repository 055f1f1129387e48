// Pipes and FIFOs: a 64 KiB ring shared by read ends and write ends, with
// blocking (wait queues, restart model), O_NONBLOCK, EOF when the last writer
// closes and EPIPE (plus SIGPIPE through the signal hook) when the last
// reader has. Writes of at most PIPE_BUF bytes are atomic; larger blocking
// writes are split and complete before returning. A FIFO inode (mknod)
// carries one Pipe shared by all its openers; open blocks until the other
// side appears (O_NONBLOCK: readers succeed, writers get ENXIO).
import { EAGAIN, EBADF, EBUSY, ENXIO, EPIPE, ESPIPE, type Errno } from '../../abi/errno.js';
import { O_NONBLOCK, O_RDONLY, O_WRONLY, POLLERR, POLLHUP, POLLIN, POLLOUT, S_IFIFO, SIGPIPE } from '../../abi/linux.js';
import { BLOCK, type Block } from '../control.js';
import type { Task } from '../task.js';
import { WaitQueue } from '../waitqueue.js';
import { File, type FileOps, type Stat } from './file.js';
import { sendSignal } from '../proc.js';
import type { Path } from './vfs.js';
import type { Inode } from './inode.js';
import type { AddressSpace } from '../mm/mm.js';
import { noteRewritten, userRuns } from '../mm/uaccess.js';

/** Magic of the internal pipefs (fs/anon.ts), whose inodes stand for pipe2 pipes. */
export const PIPEFS_MAGIC = 0x50495045;

export const PIPE_BUF = 4096;
const PAGE = 4096;
let nextIno = 1000;

export class Pipe {
  buf: Uint8Array;
  head = 0;
  len = 0;
  readers = 0;
  writers = 0;
  /** Opens ever made of each side (a FIFO reader waiting for "a writer came", even if it left). */
  rgen = 0;
  wgen = 0;
  readonly rq = new WaitQueue();
  readonly wq = new WaitQueue();
  readonly ino = nextIno++;
  /** Its pipefs inode once reached through /proc/[pid]/fd (fs/anon.ts), else null. */
  inode: Inode | null = null;
  /** Per page buffer (Linux pipe_buffer): bytes left to read, and its fill end (offset + len). */
  pageLen: number[] = [];
  pageEnd: number[] = [];
  constructor(public capacity = 65536) { this.buf = new Uint8Array(capacity); }

  read(t: Task, f: File, dst: Uint8Array): number | Errno | Block {
    const n = this.readable(t, f, dst.length);
    if (n <= 0) return n === 0 ? 0 : n === -1 ? EAGAIN : BLOCK;
    const first = Math.min(n, this.capacity - this.head);
    dst.set(this.buf.subarray(this.head, this.head + first));
    if (n > first) dst.set(this.buf.subarray(0, n - first), first);
    this.consume(n);
    return n;
  }

  /**
   * read(2) straight into user memory (no bounce buffer): the ring is copied
   * into the frames under [va, va+len). EFAULT consumes nothing.
   */
  readToUser(t: Task, f: File, mm: AddressSpace, va: number, len: number): number | Errno | Block {
    const n = this.readable(t, f, len);
    if (n <= 0) return n === 0 ? 0 : n === -1 ? EAGAIN : BLOCK;
    const rs = userRuns(mm, va, n, true);
    if (!(rs instanceof Object && 'n' in rs)) return rs;
    const u8 = mm.frames.ram.u8, buf = this.buf, cap = this.capacity;
    let h = this.head;
    for (let i = 0; i < rs.n; i++) {
      let o = rs.off[i], l = rs.len[i];
      while (l > 0) {
        const m = Math.min(l, cap - h);
        u8.set(buf.subarray(h, h + m), o);
        o += m; l -= m; h += m;
        if (h === cap) h = 0;
      }
    }
    noteRewritten(mm, rs);
    this.consume(n);
    return n;
  }

  /** Bytes a read of len may take now: > 0, 0 at EOF, -1 (EAGAIN) or -2 (asleep: BLOCK). */
  private readable(t: Task, f: File, len: number): number {
    if (len === 0) return 0;
    if (this.len === 0) {
      if (this.writers === 0) return 0;
      if (f.flags & O_NONBLOCK) return -1;
      t.sleepOn([this.rq], -1, 'pipe_read');
      return -2;
    }
    return Math.min(len, this.len);
  }

  /** Drops n read bytes from the front. */
  private consume(n: number): void {
    this.head = (this.head + n) % this.capacity;
    this.len -= n;
    if (this.len === 0) this.head = 0;
    // Consume whole pages from the front (Linux frees a page buffer once read).
    let left = n;
    while (left > 0 && this.pageLen.length > 0) {
      const m = Math.min(left, this.pageLen[0]);
      this.pageLen[0] -= m; left -= m;
      if (this.pageLen[0] === 0) { this.pageLen.shift(); this.pageEnd.shift(); }
    }
    this.wq.wakeAll();
  }

  write(t: Task, f: File, src: Uint8Array): number | Errno | Block {
    const n = this.writable(t, f, src.length);
    if (typeof n !== 'number' || n <= 0) return n;
    const tail = (this.head + this.len) % this.capacity;
    const first = Math.min(n, this.capacity - tail);
    this.buf.set(src.subarray(0, first), tail);
    if (n > first) this.buf.set(src.subarray(first, n), 0);
    this.commit(n);
    return n;
  }

  /** write(2) straight from user memory into the ring (no bounce buffer). EFAULT writes nothing. */
  writeFromUser(t: Task, f: File, mm: AddressSpace, va: number, len: number): number | Errno | Block {
    const n = this.writable(t, f, len);
    if (typeof n !== 'number' || n <= 0) return n;
    const rs = userRuns(mm, va, n, false);
    if (!(rs instanceof Object && 'n' in rs)) return rs;
    const u8 = mm.frames.ram.u8, buf = this.buf, cap = this.capacity;
    let at = (this.head + this.len) % cap;
    for (let i = 0; i < rs.n; i++) {
      let o = rs.off[i], l = rs.len[i];
      while (l > 0) {
        const m = Math.min(l, cap - at);
        buf.set(u8.subarray(o, o + m), at);
        o += m; l -= m; at += m;
        if (at === cap) at = 0;
      }
    }
    this.commit(n);
    return n;
  }

  /** Bytes a write of len may put now (0 for len 0), or EPIPE/EAGAIN/BLOCK. */
  private writable(t: Task, f: File, len: number): number | Errno | Block {
    if (this.readers === 0) {
      sendSignal(t.kernel, t.proc, t, SIGPIPE);
      return EPIPE;
    }
    if (len === 0) return 0;
    // Linux's page accounting: the head of the write (total % 4096 bytes)
    // merges into the last page if it fits, the rest takes whole free pages.
    const slots = this.capacity / PAGE;
    const last = this.pageLen.length - 1;
    const chars = len % PAGE;
    const merge = chars !== 0 && last >= 0 && this.pageEnd[last] + chars <= PAGE ? chars : 0;
    const freePages = slots - this.pageLen.length;
    const fits = merge + freePages * PAGE;
    const atomic = len <= PIPE_BUF;
    if ((atomic && fits < len) || fits === 0) {
      if (f.flags & O_NONBLOCK) return EAGAIN;
      t.sleepOn([this.wq], -1, 'pipe_write');
      return BLOCK;
    }
    this.merge = merge;
    return Math.min(fits, len);
  }
  /** The merge writable() decided for the write being committed. */
  private merge = 0;

  /** Accounts n bytes just copied in at the tail (page buffers as Linux), wakes readers. */
  private commit(n: number): void {
    const last = this.pageLen.length - 1;
    const merge = this.merge;
    if (merge > 0) { this.pageLen[last] += merge; this.pageEnd[last] += merge; }
    for (let rest = n - merge; rest > 0; rest -= PAGE) { const m = Math.min(rest, PAGE); this.pageLen.push(m); this.pageEnd.push(m); }
    this.len += n;
    this.rq.wakeAll();
  }

  mask(f: File): number {
    let mask = 0;
    if (f.readable) { if (this.len > 0) mask |= POLLIN; if (this.writers === 0 && this.wgen > 0) mask |= POLLHUP; }
    if (f.writable) { if (this.pageLen.length < this.capacity / PAGE) mask |= POLLOUT; if (this.readers === 0) mask |= POLLERR; }
    return mask;
  }
}

/** What a pipe File's priv holds. */
interface PipeEnd { pipe: Pipe }
export const pipeOf = (f: File): Pipe => (f.priv as PipeEnd).pipe;

export const pipeOps: FileOps = {
  read(f, t, buf) { return pipeOf(f).read(t, f, buf); },
  write(f, t, buf) { return pipeOf(f).write(t, f, buf); },
  lseek() { return ESPIPE; },
  poll(f) { return { mask: pipeOf(f).mask(f), wq: f.readable ? pipeOf(f).rq : pipeOf(f).wq }; },
  stat(f): Stat {
    if (f.node !== null && f.node.ino.sb.magic !== PIPEFS_MAGIC) return f.node.ino.stat();
    const p = pipeOf(f);
    return { dev: 12, ino: p.ino, mode: S_IFIFO | 0o600, nlink: 1, uid: 0, gid: 0, rdev: 0, size: 0, blksize: 4096, blocks: 0, atimeNs: 0, mtimeNs: 0, ctimeNs: 0 };
  },
  release(f) {
    const p = pipeOf(f);
    if (f.readable) { p.readers--; p.wq.wakeAll(); }
    if (f.writable) { p.writers--; p.rq.wakeAll(); }
    if (f.node !== null) { f.node.ino.opens--; }
  },
};

/** A new pipe: [read end, write end]. `flags` may carry O_NONBLOCK. */
export function makePipe(flags: number): [File, File] {
  const p = new Pipe();
  p.readers = 1; p.writers = 1; p.rgen = 1; p.wgen = 1;
  const nb = flags & O_NONBLOCK;
  return [new File(pipeOps, O_RDONLY | nb, `pipe:[${p.ino}]`, { pipe: p }), new File(pipeOps, O_WRONLY | nb, `pipe:[${p.ino}]`, { pipe: p })];
}

/** F_SETPIPE_SZ: resizes (rounded to a power of two >= 4096); EBUSY if the data would not fit. */
export function setPipeSize(f: File, size: number): number | Errno {
  if (f.ops !== pipeOps) return EBADF;
  const p = pipeOf(f);
  let cap = 4096;
  while (cap < size) cap *= 2;
  if (cap / PAGE < p.pageLen.length) return EBUSY;
  const nb = new Uint8Array(cap);
  const old = new Uint8Array(p.len);
  for (let i = 0; i < p.len; i++) old[i] = p.buf[(p.head + i) % p.capacity];
  nb.set(old);
  p.buf = nb; p.head = 0; p.capacity = cap;
  return cap;
}
export const pipeSize = (f: File): number => pipeOf(f).capacity;
export const isPipe = (f: File): boolean => f.ops === pipeOps;

/** Opens a FIFO inode: one Pipe per inode, blocking until the other side is open. */
export function fifoOpen(t: Task, p: Path, flags: number, name: string): File | Errno | Block {
  const ino = p.ino;
  if (ino.fifo === null) ino.fifo = new Pipe();
  const pipe = ino.fifo as Pipe;
  const acc = flags & 3;
  if (ino.sb.magic === PIPEFS_MAGIC) {
    // A pipe reopened through /proc/[pid]/fd: another end, no waiting for a partner (fifo_open's is_pipe).
    if (acc !== O_WRONLY) { pipe.readers++; pipe.rgen++; pipe.wq.wakeAll(); }
    if (acc !== O_RDONLY) { pipe.writers++; pipe.wgen++; pipe.rq.wakeAll(); }
    const f = new File(pipeOps, flags, name, { pipe });
    f.node = p;
    ino.opens++;
    return f;
  }
  const st = t.restart !== null && t.restart.nr === 56 ? (t.restart.data as { gen: number }) : null;
  if (acc === O_RDONLY) {
    if (st === null && pipe.writers === 0 && !(flags & O_NONBLOCK)) {
      // Wait until a writer has opened (it may already have left again).
      t.restart = { nr: 56, woken: false, deadline: -1, data: { gen: pipe.wgen } };
      pipe.readers++; pipe.rgen++; pipe.wq.wakeAll();
      t.sleepOn([pipe.rq], -1, 'pipe_read_open');
      return BLOCK;
    }
    if (st !== null) {
      if (pipe.wgen === st.gen) { t.sleepOn([pipe.rq], -1, 'pipe_read_open'); return BLOCK; }
    } else { pipe.readers++; pipe.rgen++; pipe.wq.wakeAll(); }
  } else if (acc === O_WRONLY) {
    if (pipe.readers === 0) {
      if (flags & O_NONBLOCK) return ENXIO;
      if (st === null) t.restart = { nr: 56, woken: false, deadline: -1, data: { gen: pipe.rgen } };
      t.sleepOn([pipe.wq], -1, 'pipe_write_open');
      return BLOCK;
    }
    pipe.writers++; pipe.wgen++; pipe.rq.wakeAll();
  } else {
    pipe.readers++; pipe.writers++; pipe.rgen++; pipe.wgen++;
    pipe.rq.wakeAll(); pipe.wq.wakeAll();
  }
  const f = new File(pipeOps, flags, name, { pipe });
  f.node = p;
  ino.opens++;
  return f;
}
