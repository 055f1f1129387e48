// The N_TTY line discipline (Linux drivers/tty/n_tty.c in miniature), pure
// state with no kernel dependencies so tests can drive it keystroke by
// keystroke: input processing (ICRNL/INLCR/IGNCR, ISTRIP), canonical line
// editing (VERASE, VKILL, VWERASE, VEOF, VLNEXT), echo (ECHO, ECHOE, ECHOK,
// ECHOKE, ECHONL, ECHOCTL as ^C), signal characters (ISIG: VINTR, VQUIT,
// VSUSP → the signal numbers returned by receive()), IXON's ^S/^Q, output
// processing (OPOST, ONLCR, OCRNL, ONLRET), and the termios bytes in Linux's
// asm-generic layout (riscv64 TCGETS: struct termios, 36 bytes).

export const VINTR = 0, VQUIT = 1, VERASE = 2, VKILL = 3, VEOF = 4, VTIME = 5, VMIN = 6, VSWTC = 7, VSTART = 8, VSTOP = 9;
export const VSUSP = 10, VEOL = 11, VREPRINT = 12, VDISCARD = 13, VWERASE = 14, VLNEXT = 15, VEOL2 = 16, NCCS = 19;
export const IGNBRK = 0x1, BRKINT = 0x2, ISTRIP = 0x20, INLCR = 0x40, IGNCR = 0x80, ICRNL = 0x100, IUCLC = 0x200, IXON = 0x400, IXANY = 0x800, IMAXBEL = 0x2000, IUTF8 = 0x4000;
export const OPOST = 0x1, OLCUC = 0x2, ONLCR = 0x4, OCRNL = 0x8, ONOCR = 0x10, ONLRET = 0x20;
export const ISIG = 0x1, ICANON = 0x2, ECHO = 0x8, ECHOE = 0x10, ECHOK = 0x20, ECHONL = 0x40, NOFLSH = 0x80, TOSTOP = 0x100;
export const ECHOCTL = 0x200, ECHOPRT = 0x400, ECHOKE = 0x800, FLUSHO = 0x1000, PENDIN = 0x4000, IEXTEN = 0x8000;
export const SIGINT = 2, SIGQUIT = 3, SIGTSTP = 20;

export interface Termios { iflag: number; oflag: number; cflag: number; lflag: number; line: number; cc: Uint8Array }

/** Linux's tty_std_termios: ICRNL|IXON, OPOST|ONLCR, B38400|CS8|CREAD|HUPCL, ISIG|ICANON|ECHO|ECHOE|ECHOK|ECHOCTL|ECHOKE|IEXTEN. */
export function defaultTermios(): Termios {
  const cc = new Uint8Array(NCCS);
  cc.set([3, 28, 127, 21, 4, 0, 1, 0, 17, 19, 26, 0, 18, 15, 23, 22, 0]);
  return { iflag: ICRNL | IXON, oflag: OPOST | ONLCR, cflag: 0xbf, lflag: ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN, line: 0, cc };
}

export function termiosToBytes(t: Termios): Uint8Array {
  const b = new Uint8Array(36);
  const v = new DataView(b.buffer);
  v.setUint32(0, t.iflag, true); v.setUint32(4, t.oflag, true); v.setUint32(8, t.cflag, true); v.setUint32(12, t.lflag, true);
  b[16] = t.line;
  b.set(t.cc, 17);
  return b;
}

export function termiosFromBytes(b: Uint8Array): Termios {
  const v = new DataView(b.buffer, b.byteOffset, 36);
  return { iflag: v.getUint32(0, true), oflag: v.getUint32(4, true), cflag: v.getUint32(8, true), lflag: v.getUint32(12, true), line: b[16], cc: b.slice(17, 17 + NCCS) };
}

const EOF_MARK = -1;
const isCtl = (c: number): boolean => c < 32 || c === 127;

export class Ldisc {
  termios = defaultTermios();
  /** Bytes ready for read(2); in canonical mode EOF_MARK ends a line without data (^D). */
  private ready: number[] = [];
  /** Complete lines in `ready` (canonical). */
  private lines = 0;
  /** The line being edited (canonical). */
  private line: number[] = [];
  private lnext = false;
  /** Output stopped by ^S (IXON); output is still delivered (nothing buffers it), the flag is for inspection. */
  stopped = false;

  constructor(private readonly echoOut: (b: Uint8Array) => void) {}

  get canonical(): boolean { return (this.termios.lflag & ICANON) !== 0; }
  /** Bytes (canonical: of complete lines) a read could return now. */
  get available(): number { return this.canonical ? (this.lines > 0 ? this.ready.length : 0) : this.ready.length; }
  /** FIONREAD: bytes readable now (EOF marks excluded). */
  get readable(): number { let n = 0; const lim = this.available; for (let i = 0; i < lim; i++) if (this.ready[i] !== EOF_MARK) n++; return n; }
  /** True when a canonical read would return (a line or EOF), or raw input exists. */
  get hasInput(): boolean { return this.canonical ? this.lines > 0 : this.ready.length > 0; }

  private echo(bytes: number[]): void { if (bytes.length) this.echoOut(this.opost(Uint8Array.from(bytes))); }

  /** How c is echoed: ^X for control characters under ECHOCTL (not TAB, NL, START, STOP). */
  private echoChar(c: number): number[] {
    const l = this.termios.lflag;
    if (!(l & ECHO)) return [];
    if ((l & ECHOCTL) && isCtl(c) && c !== 9 && c !== 10 && c !== this.termios.cc[VSTART] && c !== this.termios.cc[VSTOP]) return [94, c ^ 0x40];
    return [c];
  }

  private width(c: number): number { return (this.termios.lflag & ECHOCTL) && isCtl(c) && c !== 9 ? 2 : 1; }

  /** Erases the last character of the line; returns the echo. */
  private eraseOne(): number[] {
    const c = this.line.pop();
    if (c === undefined) return [];
    const l = this.termios.lflag;
    if (!(l & ECHO)) return [];
    if (!(l & ECHOE)) return this.echoChar(this.termios.cc[VERASE]);
    const out: number[] = [];
    for (let i = 0; i < this.width(c); i++) out.push(8, 32, 8);
    return out;
  }

  /** Feeds keystrokes; returns the signals to send to the foreground process group. */
  receive(input: Uint8Array): number[] {
    const sigs: number[] = [];
    const t = this.termios, cc = t.cc;
    for (let i = 0; i < input.length; i++) {
      let c = input[i];
      if (t.iflag & ISTRIP) c &= 0x7f;
      if (this.lnext) {
        this.lnext = false;
        this.put(c);
        if (this.canonical && (t.lflag & ECHO)) { this.echo([8]); this.echo(this.echoChar(c)); } else this.echo(this.echoChar(c));
        continue;
      }
      if (c === 13) { if (t.iflag & IGNCR) continue; if (t.iflag & ICRNL) c = 10; }
      else if (c === 10 && (t.iflag & INLCR)) c = 13;
      if (t.iflag & IXON) {
        if (c === cc[VSTOP] && c !== 0) { this.stopped = true; continue; }
        if (c === cc[VSTART] && c !== 0) { this.stopped = false; continue; }
      }
      if (t.lflag & ISIG) {
        const sig = c === cc[VINTR] ? SIGINT : c === cc[VQUIT] ? SIGQUIT : c === cc[VSUSP] ? SIGTSTP : 0;
        if (sig !== 0 && c !== 0) {
          if (!(t.lflag & NOFLSH)) { this.ready = []; this.lines = 0; this.line = []; }
          this.echo(this.echoChar(c));
          sigs.push(sig);
          continue;
        }
      }
      if (this.canonical) {
        const ext = (t.lflag & IEXTEN) !== 0;
        if (c === cc[VERASE] && c !== 0) { this.echo(this.eraseOne()); continue; }
        if (c === cc[VWERASE] && c !== 0 && ext) {
          const out: number[] = [];
          while (this.line.length && (this.line[this.line.length - 1] === 32 || this.line[this.line.length - 1] === 9)) out.push(...this.eraseOne());
          while (this.line.length && this.line[this.line.length - 1] !== 32 && this.line[this.line.length - 1] !== 9) out.push(...this.eraseOne());
          this.echo(out);
          continue;
        }
        if (c === cc[VKILL] && c !== 0) {
          if ((t.lflag & ECHO) && (t.lflag & ECHOKE) && (t.lflag & ECHOE)) { const out: number[] = []; while (this.line.length) out.push(...this.eraseOne()); this.echo(out); }
          else {
            this.line = [];
            if (t.lflag & ECHO) { this.echo(this.echoChar(c)); if (t.lflag & ECHOK) this.echo([10]); }
          }
          continue;
        }
        if (c === cc[VLNEXT] && c !== 0 && ext) { this.lnext = true; if (t.lflag & ECHO) this.echo(t.lflag & ECHOCTL ? [94, 8] : []); continue; }
        if (c === cc[VEOF] && c !== 0) { this.finishLine(EOF_MARK); continue; }
        if (c === 10 || (c === cc[VEOL] && c !== 0) || (c === cc[VEOL2] && c !== 0)) {
          if ((t.lflag & ECHO) || (c === 10 && (t.lflag & ECHONL))) this.echo(c === 10 ? [10] : this.echoChar(c));
          this.line.push(c);
          this.finishLine(null);
          continue;
        }
        if (this.line.length >= 4095) continue;
        this.line.push(c);
        this.echo(this.echoChar(c));
        continue;
      }
      this.put(c);
      this.echo(this.echoChar(c));
    }
    return sigs;
  }

  private put(c: number): void { if (this.canonical) this.line.push(c); else this.ready.push(c); }

  private finishLine(mark: number | null): void {
    for (const c of this.line) this.ready.push(c);
    if (mark !== null) this.ready.push(mark);
    this.line = [];
    this.lines++;
  }

  /** Takes up to max bytes: canonical — at most one line (0 bytes for a ^D at line start); raw — what is there. */
  read(max: number): Uint8Array {
    const out: number[] = [];
    if (this.canonical) {
      while (out.length < max && this.ready.length > 0 && this.lines > 0) {
        const c = this.ready.shift()!;
        if (c === EOF_MARK) { this.lines--; break; }
        out.push(c);
        if (c === 10 || (c === this.termios.cc[VEOL] && c !== 0) || (c === this.termios.cc[VEOL2] && c !== 0)) {
          this.lines--;
          break;
        }
      }
      // An EOF mark right after a partial line read stays for the next read.
      if (out.length === max && this.ready[0] === EOF_MARK && this.lines > 0 && out[out.length - 1] !== 10) { /* keep */ }
    } else {
      while (out.length < max && this.ready.length > 0) out.push(this.ready.shift()!);
    }
    return Uint8Array.from(out);
  }

  /** Switching ICANON moves the partial line to the raw queue (as Linux does). */
  setTermios(t: Termios): void {
    const wasCanon = this.canonical;
    this.termios = t;
    if (wasCanon && !this.canonical) {
      for (const c of this.line) this.ready.push(c);
      this.ready = this.ready.filter((c) => c !== EOF_MARK);
      this.line = []; this.lines = 0;
    } else if (!wasCanon && this.canonical && this.ready.length) {
      this.line = this.ready; this.ready = []; this.lines = 0;
    }
  }

  /** TCFLSH / TCSETSF: discard pending input. */
  flushInput(): void { this.ready = []; this.line = []; this.lines = 0; }

  /** Output processing (OPOST): ONLCR maps NL to CR-NL, OCRNL CR to NL, OLCUC. */
  opost(b: Uint8Array): Uint8Array {
    const o = this.termios.oflag;
    if (!(o & OPOST) || !(o & (ONLCR | OCRNL | OLCUC))) return b;
    const out: number[] = [];
    for (const c0 of b) {
      let c = c0;
      if (c === 10 && (o & ONLCR)) { out.push(13, 10); continue; }
      if (c === 13 && (o & OCRNL)) c = 10;
      if ((o & OLCUC) && c >= 97 && c <= 122) c -= 32;
      out.push(c);
    }
    return Uint8Array.from(out);
  }
}
