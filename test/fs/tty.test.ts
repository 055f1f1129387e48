// The tty: the line discipline keystroke by keystroke (canonical editing,
// echo with ECHOCTL, ^C/^\/^Z signals, ^D, ICRNL/ONLCR, raw mode), and a
// guest program on a scripted terminal (keystrokes in, screen out) through
// the kernel: canonical read, EOF, VMIN raw read, window size, and ^C
// killing only the foreground process group.
import test from 'ava';
import { readFileSync } from 'node:fs';
import { Ldisc, ICANON, ECHO, VMIN, termiosFromBytes, termiosToBytes, defaultTermios, ISIG } from '../../core/kernel/fs/tty-ldisc.js';
import { boot } from '../../core/boot.js';
import { MemoryHost } from '../../core/kernel/host.js';
import { buildGuest, haveGcc, requireTools } from '../guest/harness.js';

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);

function ld(): { l: Ldisc; screen: () => string } {
  const out: number[] = [];
  const l = new Ldisc((b) => out.push(...b));
  return { l, screen: () => dec(Uint8Array.from(out)) };
}

test('canonical: a line is readable only once complete, echoed with CR-NL', (t) => {
  const { l, screen } = ld();
  t.deepEqual(l.receive(enc('ls -l')), []);
  t.false(l.hasInput);
  l.receive(enc('\r'));
  t.true(l.hasInput);
  t.is(dec(l.read(100)), 'ls -l\n');
  t.is(screen(), 'ls -l\r\n');
});

test('erase, kill and werase edit the line; echo erases with backspace-space-backspace', (t) => {
  const { l, screen } = ld();
  l.receive(enc('helo\x7f\x7flo wor\x17world\n'));
  t.is(dec(l.read(100)), 'helo world\n');
  t.is(screen(), 'helo\b \b\b \blo wor\b \b\b \b\b \bworld\r\n');
  l.receive(enc('junk\x15ok\n'));
  t.is(dec(l.read(100)), 'ok\n');
  l.receive(enc('\x7f\n'));
  t.is(dec(l.read(100)), '\n');
});

test('^C echoes as ^C, flushes the line and asks for SIGINT; ^\\ SIGQUIT; ^Z SIGTSTP', (t) => {
  const { l, screen } = ld();
  l.receive(enc('partial'));
  t.deepEqual(l.receive(enc('\x03')), [2]);
  t.false(l.hasInput);
  t.true(screen().endsWith('partial^C'));
  t.deepEqual(l.receive(enc('\x1c\x1a')), [3, 20]);
  l.receive(enc('x\n'));
  t.is(dec(l.read(100)), 'x\n');
  const tio = defaultTermios();
  tio.lflag &= ~ISIG;
  l.setTermios(tio);
  t.deepEqual(l.receive(enc('\x03\n')), []);
  t.is(dec(l.read(100)), '\x03\n');
});

test('^D: EOF at line start (read returns 0), pushes a partial line without a newline', (t) => {
  const { l } = ld();
  l.receive(enc('abc\x04'));
  t.is(dec(l.read(100)), 'abc');
  l.receive(enc('\x04'));
  t.true(l.hasInput);
  t.is(l.read(100).length, 0);
  t.false(l.hasInput);
});

test('a canonical read shorter than the line leaves the rest for the next read', (t) => {
  const { l } = ld();
  l.receive(enc('abcdef\n'));
  t.is(dec(l.read(4)), 'abcd');
  t.is(dec(l.read(100)), 'ef\n');
});

test('raw mode: bytes available at once, no echo without ECHO, control characters literal', (t) => {
  const { l, screen } = ld();
  const tio = defaultTermios();
  tio.lflag &= ~(ICANON | ECHO);
  tio.cc[VMIN] = 1;
  l.setTermios(tio);
  l.receive(enc('a\x7fb\r'));
  t.is(l.available, 4);
  t.deepEqual([...l.read(10)], [0x61, 0x7f, 0x62, 0x0a]);
  t.is(screen(), '');
});

test('switching to raw keeps a half-typed line; output processing maps NL to CR-NL only with OPOST|ONLCR', (t) => {
  const { l } = ld();
  l.receive(enc('half'));
  const tio = defaultTermios();
  tio.lflag &= ~ICANON;
  l.setTermios(tio);
  t.is(dec(l.read(10)), 'half');
  t.is(dec(l.opost(enc('a\nb'))), 'a\r\nb');
  tio.oflag = 0;
  l.setTermios(tio);
  t.is(dec(l.opost(enc('a\nb'))), 'a\nb');
});

test('termios bytes use the asm-generic layout (36 bytes, c_cc at 17) and round-trip', (t) => {
  const b = termiosToBytes(defaultTermios());
  t.is(b.length, 36);
  const v = new DataView(b.buffer);
  t.is(v.getUint32(0, true), 0x500);
  t.is(v.getUint32(4, true), 0x5);
  t.is(v.getUint32(12, true), 0x8a3b);
  t.is(b[17 + 0], 3);
  t.is(b[17 + 2], 127);
  t.is(b[17 + 4], 4);
  t.deepEqual(termiosToBytes(termiosFromBytes(b)), b);
});

/** A host whose stdin is a terminal the test types into. */
class TermHost extends MemoryHost {
  private feed: ((b: Uint8Array) => void) | null = null;
  raw: boolean[] = [];
  constructor() { super('', true); }
  override startInput(onData: (b: Uint8Array) => void): void { this.feed = onData; }
  type(s: string): void { this.feed?.(enc(s)); }
  setRawMode(on: boolean): void { this.raw.push(on); }
  windowSize(): { rows: number; cols: number } { return { rows: 40, cols: 132 }; }
}

test('a guest program on a scripted terminal: canonical, EOF, raw VMIN, winsize, ^C to the foreground group', async (t) => {
  if (!haveGcc) { if (requireTools) throw new Error('riscv64-linux-gnu-gcc missing'); t.log('skipped: riscv64-linux-gnu-gcc not installed'); t.pass(); return; }
  const host = new TermHost();
  const b = boot({ host, files: { '/bin/tty': readFileSync(buildGuest('fs-tty')) } });
  const script: [string, string][] = [['line> ', 'helo\x7flo\r'], ['eof> ', '\x04'], ['raw> ', 'xyz'], ['child sleeping', '\x03']];
  const timer = setInterval(() => {
    const s = host.stdout();
    while (script.length > 0 && s.includes(script[0][0])) host.type(script.shift()![1]);
  }, 20);
  const r = await b.runProgram('/bin/tty', ['tty']);
  clearInterval(timer);
  t.deepEqual(r, { status: 0 });
  t.is(host.stdout(), [
    'line> helo\b \blo\r\n', 'got 6 [hello]\r\n', 'eof> eof read 0\r\n', 'lflag icanon 1 echo 1 verase 127 vintr 3\r\n',
    'raw> raw 3: 78 79 7a\r\n', 'winsize 40 132\r\n', 'child sleeping\r\n^Cchild signal 2; fg back 1\r\n',
  ].join(''));
  t.deepEqual(host.raw, [true]);
});
