// Terminals: the Tty device (a line discipline from tty-ldisc.ts over an
// output sink) with termios and job-control ioctls, and the console devices
// /dev/console (5:1) and /dev/tty (5:0). When the host's stdin is a terminal
// the console is a Tty (the host terminal in raw mode, our line discipline
// doing echo and editing); otherwise it is the pass-through console.ts.
// `ttyHooks` is the seam the signals issue fills in (see below).
import { EAGAIN, EINVAL, ENOTTY, EPERM, ESPIPE, EINTR, type Errno } from '../../abi/errno.js';
import { O_NONBLOCK, POLLIN, POLLOUT, S_IFCHR } from '../../abi/linux.js';
import { BLOCK, type Block } from '../control.js';
import type { Kernel } from '../kernel.js';
import type { Task } from '../task.js';
import { WaitQueue } from '../waitqueue.js';
import { sendSignal } from '../proc.js';
import { copyIn, copyOut } from '../mm/uaccess.js';
import { File, type FileOps, type Stat } from './file.js';
import { mkdev } from './devfs.js';
import { Ldisc, VMIN, VTIME, termiosFromBytes, termiosToBytes } from './tty-ldisc.js';

export const SIGHUP = 1, SIGTTIN = 21, SIGTTOU = 22, SIGWINCH = 28, SIGCONT = 18;
export const TCGETS = 0x5401, TCSETS = 0x5402, TCSETSW = 0x5403, TCSETSF = 0x5404, TCSBRK = 0x5409, TCXONC = 0x540a, TCFLSH = 0x540b;
export const TIOCSCTTY = 0x540e, TIOCGPGRP = 0x540f, TIOCSPGRP = 0x5410, TIOCOUTQ = 0x5411, TIOCGWINSZ = 0x5413, TIOCSWINSZ = 0x5414;
export const FIONREAD = 0x541b, TIOCNOTTY = 0x5422, TIOCGSID = 0x5429, TIOCGPTN = 0x80045430;

/**
 * Job control, filled in by the signals issue (defaults: allow everything,
 * signal a group by walking the process table).
 * - checkRead/checkWrite(k, t, tty): before t reads from / writes to tty.
 *   Return 0 to proceed, 'restart' after sending SIGTTIN/SIGTTOU to t's
 *   group (the call returns EINTR / restarts per the signals rules), or an
 *   Errno (EIO for an orphaned background group).
 * - signalGroup(k, pgrp, sig): the ^C/^\/^Z/SIGWINCH delivery.
 */
export const ttyHooks: {
  checkRead(k: Kernel, t: Task, tty: Tty): 0 | 'restart' | Errno;
  checkWrite(k: Kernel, t: Task, tty: Tty): 0 | 'restart' | Errno;
  /** Termios / foreground changes from a background group: SIGTTOU whatever TOSTOP says. */
  checkChange(k: Kernel, t: Task, tty: Tty): 0 | 'restart' | Errno;
  signalGroup(k: Kernel, pgrp: number, sig: number): void;
  /** The terminal became a session's controlling terminal (job control keeps the association). */
  acquired(k: Kernel, tty: Tty): void;
} = {
  acquired: () => {},
  checkRead: () => 0,
  checkWrite: () => 0,
  checkChange: () => 0,
  signalGroup(k, pgrp, sig) {
    for (const p of [...k.procs.values()]) if (p.pgid === pgrp && !p.zombie) sendSignal(k, p, null, sig);
  },
};

export class Tty {
  readonly ldisc: Ldisc;
  /** Foreground process group and session (0: none yet). */
  pgrp = 0;
  sid = 0;
  rows = 24;
  cols = 80;
  xpix = 0;
  ypix = 0;
  readonly readers = new WaitQueue();
  hungUp = false;

  constructor(readonly k: Kernel, readonly name: string, readonly rdev: number, private readonly output: (b: Uint8Array) => void) {
    this.ldisc = new Ldisc((b) => output(b));
  }

  /** Keystrokes from the terminal: line discipline, then ^C/^\/^Z to the foreground group. */
  input(bytes: Uint8Array): void {
    const sigs = this.ldisc.receive(bytes);
    for (const s of sigs) if (this.pgrp > 0) ttyHooks.signalGroup(this.k, this.pgrp, s);
    this.readers.wakeAll();
    this.k.kick();
  }

  /** End of input from the host (terminal closed): readers see EOF. */
  hangup(): void { this.hungUp = true; this.readers.wakeAll(); this.k.kick(); }

  resize(rows: number, cols: number): void {
    if (rows === this.rows && cols === this.cols) return;
    this.rows = rows; this.cols = cols;
    if (this.pgrp > 0) ttyHooks.signalGroup(this.k, this.pgrp, SIGWINCH);
  }

  /** A session leader without a controlling terminal acquires this one on open (Linux: unless O_NOCTTY). */
  adopt(t: Task): void {
    if (this.sid === 0) { this.sid = t.proc.sid; this.pgrp = t.proc.pgid; ttyHooks.acquired(this.k, this); }
  }

  read(t: Task, f: File, buf: Uint8Array): number | Errno | Block {
    this.adopt(t);
    const c = ttyHooks.checkRead(this.k, t, this);
    if (c === 'restart') return BLOCK; // the signal decides: stop then restart, or EINTR/restart after a handler
    if (c !== 0) return c;
    const l = this.ldisc;
    if (l.canonical) {
      if (!l.hasInput) {
        if (this.hungUp) return 0;
        if (f.flags & O_NONBLOCK) return EAGAIN;
        t.sleepOn([this.readers], -1, 'n_tty_read');
        return BLOCK;
      }
      return this.copy(buf, l.read(buf.length));
    }
    const cc = l.termios.cc;
    const vmin = cc[VMIN], vtime = cc[VTIME];
    const have = l.available;
    const want = Math.min(vmin, buf.length);
    if (have >= Math.max(want, 1) || (vmin === 0 && vtime === 0) || this.hungUp) return this.copy(buf, l.read(buf.length));
    if (f.flags & O_NONBLOCK) return EAGAIN;
    // VTIME in tenths of a second: MIN=0 — overall timeout; MIN>0 — inter-byte timer once data arrived.
    const now = this.k.monotonicNs();
    const st = t.restart !== null && t.restart.nr === 63 ? t.restart : null;
    if (st !== null && st.deadline >= 0 && now >= st.deadline) return this.copy(buf, l.read(buf.length));
    let deadline = -1;
    if (vtime > 0 && (vmin === 0 || have > 0)) deadline = st !== null && st.deadline >= 0 && !st.woken ? st.deadline : now + vtime * 100e6;
    t.restart = { nr: 63, woken: false, deadline };
    t.sleepOn([this.readers], deadline, 'n_tty_read');
    return BLOCK;
  }

  private copy(buf: Uint8Array, b: Uint8Array): number { buf.set(b); return b.length; }

  write(t: Task, buf: Uint8Array): number | Errno | Block {
    // The hook decides with TOSTOP (this.ldisc.termios.lflag & TOSTOP) whether background writes stop.
    const c = ttyHooks.checkWrite(this.k, t, this);
    if (c === 'restart') return BLOCK; // the signal decides: stop then restart, or EINTR/restart after a handler
    if (c !== 0) return c;
    this.output(this.ldisc.opost(buf));
    return buf.length;
  }

  ioctl(t: Task, cmd: number, arg: number): number | Errno | Block {
    this.adopt(t);
    const mm = t.mm;
    const i32 = (v: number) => { const b = new Uint8Array(4); new DataView(b.buffer).setInt32(0, v, true); return copyOut(mm, arg, b); };
    const geti32 = (): number | Errno => { const b = copyIn(mm, arg, 4); return b instanceof Uint8Array ? new DataView(b.buffer).getInt32(0, true) : b; };
    switch (cmd) {
      case TCGETS: return copyOut(mm, arg, termiosToBytes(this.ldisc.termios));
      case TCSETS: case TCSETSW: case TCSETSF: {
        const c = ttyHooks.checkChange(this.k, t, this);
        if (c === 'restart') return BLOCK; // the signal decides: stop then restart, or EINTR/restart after a handler
        if (c !== 0) return c;
        const b = copyIn(mm, arg, 36);
        if (!(b instanceof Uint8Array)) return b;
        if (cmd === TCSETSF) this.ldisc.flushInput();
        this.ldisc.setTermios(termiosFromBytes(b));
        this.readers.wakeAll();
        return 0;
      }
      case TCFLSH: { if (arg === 0 || arg === 2) this.ldisc.flushInput(); else if (arg !== 1) return EINVAL; return 0; }
      case TCSBRK: case TCXONC: return 0;
      case TIOCGPGRP: return i32(this.pgrp);
      case TIOCGSID: return this.sid === 0 ? ENOTTY : i32(this.sid);
      case TIOCSPGRP: {
        const pg = geti32();
        if (typeof pg !== 'number') return pg;
        if (pg < 0) return EINVAL;
        if (this.sid !== 0 && t.proc.sid !== this.sid) return ENOTTY;
        const c = ttyHooks.checkChange(this.k, t, this);
        if (c === 'restart') return BLOCK; // the signal decides: stop then restart, or EINTR/restart after a handler
        if (c !== 0) return c;
        if (![...this.k.procs.values()].some((p) => p.pgid === pg && p.sid === t.proc.sid)) return EPERM;
        this.pgrp = pg;
        return 0;
      }
      case TIOCSCTTY: {
        if (t.proc.sid !== t.proc.pid) return EPERM;
        if (this.sid !== 0 && this.sid !== t.proc.sid && !(arg === 1 && t.proc.cred.euid === 0)) return EPERM;
        this.sid = t.proc.sid; this.pgrp = t.proc.pgid;
        ttyHooks.acquired(this.k, this);
        return 0;
      }
      case TIOCNOTTY: {
        if (this.sid !== t.proc.sid) return ENOTTY;
        if (t.proc.sid === t.proc.pid) {
          if (this.pgrp > 0) { ttyHooks.signalGroup(this.k, this.pgrp, SIGHUP); ttyHooks.signalGroup(this.k, this.pgrp, SIGCONT); }
          this.sid = 0; this.pgrp = 0;
        }
        return 0;
      }
      case TIOCGWINSZ: {
        const b = new Uint8Array(8); const v = new DataView(b.buffer);
        v.setUint16(0, this.rows, true); v.setUint16(2, this.cols, true); v.setUint16(4, this.xpix, true); v.setUint16(6, this.ypix, true);
        return copyOut(mm, arg, b);
      }
      case TIOCSWINSZ: {
        const b = copyIn(mm, arg, 8);
        if (!(b instanceof Uint8Array)) return b;
        const v = new DataView(b.buffer);
        this.xpix = v.getUint16(4, true); this.ypix = v.getUint16(6, true);
        this.resize(v.getUint16(0, true), v.getUint16(2, true));
        return 0;
      }
      case FIONREAD: return i32(this.ldisc.readable);
      case TIOCOUTQ: return i32(0);
      default: return ENOTTY;
    }
  }

  readonly ops: FileOps = {
    read: (f, t, buf) => (f.priv as Tty).read(t, f, buf),
    write: (f, t, buf) => (f.priv as Tty).write(t, buf),
    lseek: () => ESPIPE,
    ioctl: (f, t, cmd, arg) => (f.priv as Tty).ioctl(t, cmd, arg),
    poll: (f) => { const y = f.priv as Tty; return { mask: POLLOUT | (y.ldisc.hasInput || y.hungUp ? POLLIN : 0), wq: y.readers }; },
    stat: (f): Stat => {
      const y = f.priv as Tty;
      return { dev: 5, ino: y.rdev, mode: S_IFCHR | 0o620, nlink: 1, uid: 0, gid: 5, rdev: y.rdev, size: 0, blksize: 1024, blocks: 0, atimeNs: 0, mtimeNs: 0, ctimeNs: 0 };
    },
  };

  open(t: Task | null, flags: number): File {
    if (t !== null && !(flags & 0o400 /* O_NOCTTY */)) this.adopt(t);
    return new File(this.ops, flags, this.name, this);
  }
}

/** Registers 5:0 (/dev/tty) and 5:1 (/dev/console): the console's tty, or the pass-through console. */
export function registerConsoleDevices(k: Kernel): void {
  const open = (_k: Kernel, t: Task, flags: number): { ops: FileOps; priv: unknown } => {
    const tty = k.console.tty;
    if (tty !== null) { if (!(flags & 0o400)) tty.adopt(t); return { ops: tty.ops, priv: tty }; }
    const f = k.console.open((flags & 3) === 0 ? 0 : 1);
    return { ops: f.ops, priv: f.priv };
  };
  k.chrdevs.register(mkdev(5, 0), { name: '/dev/tty', open });
  k.chrdevs.register(mkdev(5, 1), { name: '/dev/console', open });
}
