// The console: fds 0, 1, 2 of the first process, bridged to the host adapter
// (output written through, input buffered and handed to blocked readers).
// When the host's stdin is a terminal, the console is a Tty instead (tty.ts:
// the host terminal in raw mode, our line discipline echoing and editing,
// window size from the host with SIGWINCH); otherwise it passes bytes
// through and answers ENOTTY to terminal ioctls, as a pipe would.
import { EAGAIN, EINVAL, ENOTTY, ESPIPE, type Errno } from '../../abi/errno.js';
import { O_NONBLOCK, POLLIN, POLLOUT, S_IFCHR, TCGETS, TIOCGWINSZ, TIOCGPGRP, TCSETS } from '../../abi/linux.js';
import { BLOCK, type Block } from '../control.js';
import type { Kernel } from '../kernel.js';
import type { Task } from '../task.js';
import { WaitQueue } from '../waitqueue.js';
import { File, type FileOps, type Stat } from './file.js';
import { copyOut } from '../mm/uaccess.js';
import { Tty } from './tty.js';
import { mkdev } from './devfs.js';

export class Console {
  private input: Uint8Array[] = [];
  private eof = false;
  private started = false;
  readonly readers = new WaitQueue();
  /** The console terminal when the host's stdin is a tty; null for pipes and files. */
  readonly tty: Tty | null;
  constructor(private readonly k: Kernel) {
    this.tty = k.host.isTty(0) ? new Tty(k, '/dev/console', mkdev(5, 1), (b) => k.host.writeConsole(1, b)) : null;
  }

  hasReaders(): boolean {
    if (this.tty !== null) return this.tty.readers.length > 0 && !this.tty.hungUp;
    return this.readers.length > 0 && !this.eof;
  }

  private ensureInput(): void {
    if (this.started) return;
    this.started = true;
    const tty = this.tty;
    if (tty !== null) {
      const h = this.k.host;
      h.setRawMode?.(true);
      const ws = h.windowSize?.();
      if (ws) { tty.rows = ws.rows; tty.cols = ws.cols; }
      h.onResize?.((rows, cols) => tty.resize(rows, cols));
      h.startInput((b) => { this.k.uartInterrupts++; tty.input(b); }, () => tty.hangup());
      return;
    }
    this.k.host.startInput((b) => { this.input.push(b.slice()); this.k.uartInterrupts++; this.readers.wakeAll(); this.k.kick(); },
      () => { this.eof = true; this.readers.wakeAll(); this.k.kick(); });
  }

  read(t: Task, f: File, buf: Uint8Array): number | Errno | Block {
    this.ensureInput();
    if (this.input.length === 0) {
      if (this.eof) return 0;
      if (f.flags & O_NONBLOCK) return EAGAIN;
      t.sleepOn([this.readers], -1, 'n_tty_read');
      return BLOCK;
    }
    let n = 0;
    while (n < buf.length && this.input.length > 0) {
      const head = this.input[0];
      const m = Math.min(head.length, buf.length - n);
      buf.set(head.subarray(0, m), n);
      n += m;
      if (m === head.length) this.input.shift(); else this.input[0] = head.subarray(m);
      // A line at a time, like a canonical tty.
      if (buf[n - 1] === 10) break;
    }
    return n;
  }

  open(fd: number): File {
    if (this.tty !== null) { this.ensureInput(); return this.tty.open(null, 2); }
    const flags = fd === 0 ? 0 : 1;
    return new File(consoleOps, flags, '/dev/console', { console: this, fd });
  }

  write(fd: number, buf: Uint8Array): void { this.k.host.writeConsole(fd === 2 ? 2 : 1, buf); }
  isTty(fd: number): boolean { return this.k.host.isTty(fd); }
}

interface ConsolePriv { console: Console; fd: number }

const consoleOps: FileOps = {
  read(f, t, buf) { return (f.priv as ConsolePriv).console.read(t, f, buf); },
  write(f, _t, buf) { const p = f.priv as ConsolePriv; p.console.write(p.fd, buf); return buf.length; },
  lseek() { return ESPIPE; },
  ioctl(f, t, cmd, arg) {
    const p = f.priv as ConsolePriv;
    if (!p.console.isTty(p.fd)) return ENOTTY;
    switch (cmd) {
      case TCGETS: {
        // struct termios (asm-generic): iflag, oflag, cflag, lflag, c_line, c_cc[19].
        const b = new Uint8Array(36);
        const v = new DataView(b.buffer);
        v.setUint32(0, 0x500, true); v.setUint32(4, 0x5, true); v.setUint32(8, 0xbf, true); v.setUint32(12, 0x8a3b, true);
        const cc = [3, 28, 127, 21, 4, 0, 1, 0, 17, 19, 26, 0, 18, 15, 23, 22, 0, 0, 0];
        cc.forEach((c, i) => { b[17 + i] = c; });
        return copyOut(t.mm, arg, b);
      }
      case TCSETS: case TCSETS + 1: case TCSETS + 2: return 0;
      case TIOCGWINSZ: {
        const b = new Uint8Array(8);
        const v = new DataView(b.buffer);
        v.setUint16(0, 24, true); v.setUint16(2, 80, true);
        return copyOut(t.mm, arg, b);
      }
      case TIOCGPGRP: {
        const b = new Uint8Array(4);
        new DataView(b.buffer).setInt32(0, t.proc.pgid, true);
        return copyOut(t.mm, arg, b);
      }
      default: return EINVAL;
    }
  },
  poll(f) {
    const p = f.priv as ConsolePriv;
    return { mask: POLLOUT | (p.fd === 0 ? POLLIN : 0), wq: p.console.readers };
  },
  stat(): Stat {
    return { dev: 5, ino: 1, mode: S_IFCHR | 0o620, nlink: 1, uid: 0, gid: 5, rdev: (5 << 8) | 1, size: 0, blksize: 1024, blocks: 0, atimeNs: 0, mtimeNs: 0, ctimeNs: 0 };
  },
};
