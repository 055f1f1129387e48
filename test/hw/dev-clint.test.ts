// core/hw/clint.ts: register layout, mtime from the clock plus a writable
// offset, MTIP as the level mtime >= mtimecmp, MSIP from msip bit 0, narrow
// and split accesses, and ticksUntilTimer for the machine's WFI skip.
import test from 'ava';
import { Clint, CLINT_MSIP, CLINT_MTIME, CLINT_MTIMECMP } from '../../core/hw/clint.js';

function setup(start = 0) {
  const clock = { now: start };
  const irqs: [number, boolean][] = [];
  const c = new Clint((bit, on) => irqs.push([bit, on]), () => clock.now);
  return { c, clock, irqs };
}

test('mtime follows the clock and reads as two words', (t) => {
  const { c, clock } = setup(0x1_2345_6789);
  t.is(c.read(CLINT_MTIME, 4), 0x2345_6789);
  t.is(c.read(CLINT_MTIME + 4, 4), 1);
  clock.now += 5;
  t.is(c.read(CLINT_MTIME, 4), 0x2345_678e);
});

test('writing mtime shifts it; the clock keeps running from there', (t) => {
  const { c, clock } = setup(1000);
  c.write(CLINT_MTIME, 8, 50, 0);
  t.is(c.mtime(), 50);
  clock.now += 10;
  t.is(c.mtime(), 60);
  c.write(CLINT_MTIME + 4, 4, 2, 0);
  t.is(c.mtime(), 2 * 2 ** 32 + 60);
});

test('mtimecmp resets to all ones: no timer interrupt, none due', (t) => {
  const { c, irqs } = setup(123456);
  c.update();
  t.deepEqual(irqs, []);
  t.is(c.read(CLINT_MTIMECMP, 4), 0xffff_ffff);
  t.is(c.read(CLINT_MTIMECMP + 4, 4), 0xffff_ffff);
  t.is(c.ticksUntilTimer(), Infinity);
});

test('MTIP rises when mtime reaches mtimecmp and falls when mtimecmp moves past it', (t) => {
  const { c, clock, irqs } = setup(100);
  c.write(CLINT_MTIMECMP, 8, 150, 0);
  t.deepEqual(irqs, []);
  t.is(c.ticksUntilTimer(), 50);
  clock.now = 149; c.update();
  t.deepEqual(irqs, []);
  clock.now = 150; c.update();
  t.deepEqual(irqs, [[7, true]]);
  t.is(c.ticksUntilTimer(), 0);
  c.update();
  t.is(irqs.length, 1, 'a level: raised once');
  c.write(CLINT_MTIMECMP + 4, 4, 0xffff_ffff, 0);
  t.deepEqual(irqs, [[7, true], [7, false]]);
});

test('32-bit halves of mtimecmp written separately, and narrow writes merge', (t) => {
  const { c } = setup(0);
  c.write(CLINT_MTIMECMP, 4, 0x1234_5678, 0);
  c.write(CLINT_MTIMECMP + 4, 4, 0, 0);
  t.is(c.mtimecmp(), 0x1234_5678);
  c.write(CLINT_MTIMECMP + 1, 1, 0xab, 0);
  t.is(c.mtimecmp(), 0x1234_ab78);
  t.is(c.read(CLINT_MTIMECMP + 2, 2), 0x1234);
});

test('msip bit 0 drives MSIP', (t) => {
  const { c, irqs } = setup(0);
  c.write(CLINT_MSIP, 4, 0xffff_ffff, 0);
  t.is(c.read(CLINT_MSIP, 4), 1);
  c.write(CLINT_MSIP, 4, 2, 0);
  t.is(c.read(CLINT_MSIP, 4), 0);
  t.deepEqual(irqs, [[3, true], [3, false]]);
});

test('unmapped offsets read zero and ignore writes', (t) => {
  const { c } = setup(7);
  c.write(0x100, 4, 0xdead, 0);
  t.is(c.read(0x100, 4), 0);
  t.is(c.mtime(), 7);
});
