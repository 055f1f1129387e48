// core/hw/plic.ts: priorities, level-triggered pending bits, per-context enables
// and thresholds, claim (highest priority, lowest id on ties) and complete, and
// the MEIP (context 0) / SEIP (context 1) outputs.
import test from 'ava';
import { Plic, PLIC_ENABLE, PLIC_ENABLE_STRIDE, PLIC_CONTEXT, PLIC_CONTEXT_STRIDE, PLIC_PENDING } from '../../core/hw/plic.js';

function setup() {
  const irqs: [number, boolean][] = [];
  const p = new Plic((bit, on) => irqs.push([bit, on]));
  const w = (off: number, v: number) => p.write(off, 4, v, 0);
  const r = (off: number) => p.read(off, 4);
  const claimReg = (ctx: number) => PLIC_CONTEXT + ctx * PLIC_CONTEXT_STRIDE + 4;
  const thresholdReg = (ctx: number) => PLIC_CONTEXT + ctx * PLIC_CONTEXT_STRIDE;
  const enableReg = (ctx: number, word = 0) => PLIC_ENABLE + ctx * PLIC_ENABLE_STRIDE + word * 4;
  return { p, irqs, w, r, claimReg, thresholdReg, enableReg };
}

test('a raised, enabled source with priority above the threshold raises MEIP', (t) => {
  const { p, irqs, w, r, claimReg, enableReg } = setup();
  p.setLevel(10, true);
  t.is(r(PLIC_PENDING) >>> 0, 1 << 10);
  t.deepEqual(irqs, [], 'priority 0 never interrupts');
  w(10 * 4, 3);
  t.deepEqual(irqs, [], 'not enabled');
  w(enableReg(0), 1 << 10);
  t.deepEqual(irqs, [[11, true]]);
  t.is(r(claimReg(0)), 10);
  t.deepEqual(irqs, [[11, true], [11, false]], 'claimed: no longer pending');
  t.is(r(PLIC_PENDING), 0);
  t.is(r(claimReg(0)), 0, 'nothing else to claim');
  // Still high at completion: pends again.
  w(claimReg(0), 10);
  t.deepEqual(irqs, [[11, true], [11, false], [11, true]]);
  p.setLevel(10, false);
  t.deepEqual(irqs.at(-1), [11, false]);
});

test('the S context drives SEIP and has its own enables and threshold', (t) => {
  const { p, irqs, w, r, claimReg, thresholdReg, enableReg } = setup();
  w(5 * 4, 2);
  w(enableReg(1), 1 << 5);
  w(thresholdReg(1), 2);
  p.setLevel(5, true);
  t.deepEqual(irqs, [], 'priority must exceed the threshold');
  w(thresholdReg(1), 1);
  t.deepEqual(irqs, [[9, true]]);
  t.is(r(thresholdReg(1)), 1);
  t.is(r(claimReg(0)), 0, 'the M context has it disabled');
  t.is(r(claimReg(1)), 5);
});

test('claim picks the highest priority, then the lowest id', (t) => {
  const { p, w, r, claimReg, enableReg } = setup();
  w(enableReg(0), (1 << 3) | (1 << 7) | (1 << 9));
  w(enableReg(0, 1), 1 << 1); // source 33
  for (const [src, prio] of [[3, 1], [7, 5], [9, 5], [33, 7]]) { w(src * 4, prio); p.setLevel(src, true); }
  t.deepEqual([r(claimReg(0)), r(claimReg(0)), r(claimReg(0)), r(claimReg(0)), r(claimReg(0))], [33, 7, 9, 3, 0]);
});

test('complete of a source that was not claimed is ignored; source 0 does not exist', (t) => {
  const { p, w, r, claimReg, enableReg } = setup();
  w(enableReg(0), 0xffff_ffff);
  t.is(r(enableReg(0)) >>> 0, 0xffff_fffe);
  w(0, 7);
  t.is(r(0), 0, 'no priority for source 0');
  w(4 * 4, 1);
  p.setLevel(4, true);
  w(claimReg(0), 4); // not claimed yet
  t.is(r(claimReg(0)), 4);
  p.setLevel(4, false);
  w(claimReg(0), 4);
  t.is(r(claimReg(0)), 0, 'line low at completion: not pending');
});

test('priorities are 3 bits wide; pending is read-only', (t) => {
  const { w, r } = setup();
  w(2 * 4, 0xff);
  t.is(r(2 * 4), 7);
  w(PLIC_PENDING, 0xffff);
  t.is(r(PLIC_PENDING), 0);
});
