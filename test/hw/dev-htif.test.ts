// core/hw/htif.ts: the tohost/fromhost protocol against RAM: exit codes from odd
// values, console putchar (device 1, command 1) with its fromhost reply, console
// getchar, the syscall proxy's write and exit, and unknown commands.
import test from 'ava';
import { PhysMem } from '../../core/hw/memory.js';
import { Htif } from '../../core/hw/htif.js';

const TOHOST = 0x8000_1000, FROMHOST = 0x8000_1040;

function setup(input: number[] = []) {
  const ram = new PhysMem(64 * 1024);
  const out: number[] = [];
  const exits: number[] = [];
  const h = new Htif(ram, TOHOST, FROMHOST, { exit: (c) => exits.push(c), putchar: (b) => out.push(b), getchar: () => input.shift() ?? -1 });
  const tohost = (lo: number, hi: number) => ram.write64(TOHOST, lo, hi);
  const fromhost = () => [ram.read32(FROMHOST) >>> 0, ram.read32(FROMHOST + 4) >>> 0];
  return { ram, h, out, exits, tohost, fromhost };
}

test('nothing to do while tohost is zero', (t) => {
  const { h, exits } = setup();
  t.false(h.poll());
  t.deepEqual(exits, []);
  t.true(h.valid());
});

test('tohost = 1 is exit 0; another odd value v is exit v >> 1', (t) => {
  const a = setup();
  a.tohost(1, 0);
  t.true(a.h.poll());
  t.deepEqual(a.exits, [0]);
  t.is(a.h.exitCode, 0);
  const b = setup();
  b.tohost((42 << 1) | 1, 0);
  t.true(b.h.poll());
  t.is(b.h.exitCode, 42);
  t.is(b.ram.read32(TOHOST), 0, 'tohost is cleared');
});

test('console putchar writes the byte and answers in fromhost', (t) => {
  const { h, out, tohost, fromhost } = setup();
  tohost(0x41, (1 << 24) | (1 << 16));
  t.false(h.poll());
  t.deepEqual(out, [0x41]);
  t.deepEqual(fromhost(), [0, (1 << 24) | (1 << 16)]);
});

test('console getchar is answered when input exists', (t) => {
  const input: number[] = [];
  const { h, tohost, fromhost } = setup(input);
  tohost(0, 1 << 24);
  h.poll();
  t.deepEqual(fromhost(), [0, 0], 'no input yet: no answer');
  input.push(0x7a);
  h.poll();
  t.deepEqual(fromhost(), [0x7a, 1 << 24]);
});

test('syscall proxy: write(1, buf, len) and exit(code)', (t) => {
  const { ram, h, out, fromhost } = setup();
  const magic = 0x8000_2000, buf = 0x8000_3000;
  ram.load(buf, new TextEncoder().encode('ok!'));
  ram.write64(magic, 64, 0);
  ram.write64(magic + 8, 1, 0);
  ram.write64(magic + 16, buf, 0);
  ram.write64(magic + 24, 3, 0);
  ram.write64(TOHOST, magic, 0);
  t.false(h.poll());
  t.is(new TextDecoder().decode(Uint8Array.from(out)), 'ok!');
  t.is(ram.read32(magic), 3, 'return value in magic[0]');
  t.deepEqual(fromhost(), [1, 0]);
  ram.write64(magic, 93, 0);
  ram.write64(magic + 8, 5, 0);
  ram.write64(TOHOST, magic, 0);
  t.true(h.poll());
  t.is(h.exitCode, 5);
});

test('unknown commands are counted and ignored', (t) => {
  const { h, tohost, exits } = setup();
  tohost(0x1234, 7 << 24);
  t.false(h.poll());
  t.is(h.unknownCommands, 1);
  t.deepEqual(exits, []);
});

test('tohost outside RAM is invalid', (t) => {
  const ram = new PhysMem(4096);
  const h = new Htif(ram, 0x1000, -1, { exit: () => {}, putchar: () => {} });
  t.false(h.valid());
});
