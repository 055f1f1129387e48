// Pipes: a 64 KiB ring shared by a read end and a write end, with blocking
// (wait queues, restart model), O_NONBLOCK, EOF when the last writer closes
// and EPIPE (plus SIGPIPE through the signal hook) when the last reader has.
// Writes of at most PIPE_BUF bytes are atomic.
import { EAGAIN, EPIPE, ESPIPE, type Errno } from '../../abi/errno.js';
import { O_NONBLOCK, O_RDONLY, O_WRONLY, POLLERR, POLLHUP, POLLIN, POLLOUT, S_IFIFO, SIGPIPE } from '../../abi/linux.js';
import { BLOCK, type Block } from '../control.js';
import type { Task } from '../task.js';
import { WaitQueue } from '../waitqueue.js';
import { File, type FileOps, type Stat } from './file.js';
import { sendSignal } from '../proc.js';

export const PIPE_BUF = 4096;
let nextIno = 1000;

export class Pipe {
  readonly buf: Uint8Array;
  head = 0;
  len = 0;
  readers = 0;
  writers = 0;
  readonly rq = new WaitQueue();
  readonly wq = new WaitQueue();
  readonly ino = nextIno++;
  constructor(readonly capacity = 65536) { this.buf = new Uint8Array(capacity); }

  read(t: Task, f: File, dst: Uint8Array): number | Errno | Block {
    if (dst.length === 0) return 0;
    if (this.len === 0) {
      if (this.writers === 0) return 0;
      if (f.flags & O_NONBLOCK) return EAGAIN;
      t.sleepOn([this.rq], -1, 'pipe_read');
      return BLOCK;
    }
    const n = Math.min(dst.length, this.len);
    for (let i = 0; i < n; i++) dst[i] = this.buf[(this.head + i) % this.capacity];
    this.head = (this.head + n) % this.capacity;
    this.len -= n;
    this.wq.wakeAll();
    return n;
  }

  write(t: Task, f: File, src: Uint8Array): number | Errno | Block {
    if (this.readers === 0) {
      sendSignal(t.kernel, t.proc, t, SIGPIPE);
      return EPIPE;
    }
    if (src.length === 0) return 0;
    const room = this.capacity - this.len;
    const need = src.length <= PIPE_BUF ? src.length : 1;
    if (room < need) {
      if (f.flags & O_NONBLOCK) return EAGAIN;
      t.sleepOn([this.wq], -1, 'pipe_write');
      return BLOCK;
    }
    // Partial writes of large buffers return what fit (the caller's libc loops).
    const n = Math.min(room, src.length);
    const tail = (this.head + this.len) % this.capacity;
    for (let i = 0; i < n; i++) this.buf[(tail + i) % this.capacity] = src[i];
    this.len += n;
    this.rq.wakeAll();
    return n;
  }
}

const pipeOps: FileOps = {
  read(f, t, buf) { return (f.priv as Pipe).read(t, f, buf); },
  write(f, t, buf) { return (f.priv as Pipe).write(t, f, buf); },
  lseek() { return ESPIPE; },
  poll(f) {
    const p = f.priv as Pipe;
    let mask = 0;
    if (f.readable) { if (p.len > 0) mask |= POLLIN; if (p.writers === 0) mask |= POLLHUP; }
    if (f.writable) { if (p.len < p.capacity) mask |= POLLOUT; if (p.readers === 0) mask |= POLLERR; }
    return { mask, wq: f.readable ? p.rq : p.wq };
  },
  stat(f): Stat {
    const p = f.priv as Pipe;
    return { dev: 12, ino: p.ino, mode: S_IFIFO | 0o600, nlink: 1, uid: 0, gid: 0, rdev: 0, size: 0, blksize: 4096, blocks: 0, atimeNs: 0, mtimeNs: 0, ctimeNs: 0 };
  },
  release(f) {
    const p = f.priv as Pipe;
    if (f.readable) { p.readers--; p.wq.wakeAll(); }
    if (f.writable) { p.writers--; p.rq.wakeAll(); }
  },
};

/** A new pipe: [read end, write end]. `flags` may carry O_NONBLOCK. */
export function makePipe(flags: number): [File, File] {
  const p = new Pipe();
  p.readers = 1; p.writers = 1;
  const nb = flags & O_NONBLOCK;
  return [new File(pipeOps, O_RDONLY | nb, `pipe:[${p.ino}]`, p), new File(pipeOps, O_WRONLY | nb, `pipe:[${p.ino}]`, p)];
}
