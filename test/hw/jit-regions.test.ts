// The translator's loop regions (core/hw/jit/regions.ts) and the control flow
// built from them: back edges between blocks become nested wasm loops, crossing
// back edges fall back to the dispatch, calls to code in the same page join the
// translation only once they run. Differential: random programs with nested
// loops, crossing backward branches, forward branches out of and into loops and
// in-page calls run translated (threshold 2, odd run() budgets so that calls
// stop and re-enter in the middle of regions) and interpreted; registers,
// memory, pc and instret must match exactly.
import test from 'ava';
import * as R from './rvasm.js';
import { Asm } from './rvasm.js';
import { type Hart, RunExit } from '../../core/hw/hart.js';
import { BASE, DATA, assertSameEnd, runOne as runCompare, type Ran } from './jit-compare.js';
import { buildScopes, children, childStart } from '../../core/hw/jit/regions.js';

test('buildScopes nests back edges as loops and drops one that would cross', (t) => {
  // Blocks 0..9; loops 2..4 and 1..6 nest.
  const { top, scopeOf } = buildScopes(10, [[4, 2], [6, 1]]);
  t.deepEqual(top.kids.map((s) => [s.lo, s.hi]), [[1, 6]]);
  t.deepEqual(top.kids[0].kids.map((s) => [s.lo, s.hi]), [[2, 4]]);
  t.deepEqual(children(top), [0, 1, 7, 8, 9]);
  t.deepEqual(children(top.kids[0]), [1, 2, 5, 6]);
  t.is(childStart(top, 3), 1);
  t.is(childStart(top.kids[0], 3), 2);
  t.is(scopeOf[3], top.kids[0].kids[0]);
  t.is(scopeOf[5], top.kids[0]);
  t.is(scopeOf[8], top);
  // 5..8 (smaller) crosses 1..6: 1..6 is left out and its back edge goes through the dispatch.
  const x = buildScopes(10, [[4, 2], [6, 1], [8, 5]]);
  t.deepEqual(x.top.kids.map((s) => [s.lo, s.hi]), [[2, 4], [5, 8]]);
  t.deepEqual(children(x.top), [0, 1, 2, 5, 9]);
  // The smaller of two crossing loops wins (0..3 crosses 2..4); loops sharing a head nest.
  const b = buildScopes(6, [[5, 2], [3, 0], [4, 2]]);
  t.deepEqual(b.top.kids.map((s) => [s.lo, s.hi, s.kids.map((k) => [k.lo, k.hi])]), [[2, 5, [[2, 4]]]]);
  const c = buildScopes(6, [[5, 2], [3, 2]]);
  t.deepEqual(c.top.kids.map((s) => [s.lo, s.hi, s.kids.map((k) => [k.lo, k.hi])]), [[2, 5, [[2, 3]]]]);
});

const LOOP = 26, DBASE = 27; // s10 outer counter, s11 data base
const COUNTERS = [18, 19, 20, 21]; // s2..s5: inner loop counters by depth
const CROSS_A = 22, CROSS_B = 23; // s6, s7: counters of the crossing back edges (never reset: they end)
const FN_COUNTER = 24; // s8: the in-page function's loop counter
const FREE = [5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 28, 29, 30, 31];

function rng(seed: number): () => number {
  let s = seed | 0 || 1;
  return () => { s ^= s << 13; s ^= s >>> 17; s ^= s << 5; return s >>> 0; };
}

function program(seed: number): Uint8Array {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[r() % xs.length];
  const reg = () => pick(FREE);
  const R3 = [R.add, R.sub, R.xor, R.or, R.and, R.sll, R.srl, R.addw, R.mul, R.sltu];
  const a = new Asm(BASE);
  let lbl = 0;
  const ops = (n: number) => {
    for (let i = 0; i < n; i++) {
      const k = r() % 10;
      if (k < 5) a.emit(pick(R3)(reg(), reg(), reg()));
      else if (k < 7) a.emit(R.addi(reg(), reg(), (r() % 200) - 100));
      else if (k < 8) a.emit(pick([R.ld, R.lw, R.lbu])(reg(), DBASE, (r() % 256) * 8));
      else if (k < 9) a.emit(pick([R.sd, R.sw, R.sb])(reg(), DBASE, (r() % 256) * 8));
      else {
        const l = `f${lbl++}`;
        a.br(pick([R.beq, R.bne, R.blt, R.bgeu]), reg(), reg(), l);
        a.emit(pick(R3)(reg(), reg(), reg()));
        a.label(l);
      }
    }
  };
  const body = (depth: number) => {
    ops(1 + (r() % 4));
    if (depth < COUNTERS.length && r() % 3 !== 0) {
      const c = COUNTERS[depth], l = `l${lbl++}`, out = `o${lbl++}`;
      const mid = `m${lbl++}`, into = r() % 2 === 0;
      a.li(c, 1 + (r() % 4));
      if (into) a.br(pick([R.beq, R.bne, R.bltu]), reg(), reg(), mid); // forward into the loop's middle
      a.label(l);
      ops(1 + (r() % 2));
      a.label(mid);
      body(depth + 1);
      if (r() % 3 === 0) a.br(R.bltu, reg(), reg(), out); // leave the loop early, forward
      a.emit(R.addi(c, c, -1));
      a.bnez(c, l);
      a.label(out);
    }
    if (r() % 2 === 0) a.call('fn');
    ops(1 + (r() % 3));
  };
  a.li(LOOP, 6);
  a.li(DBASE, DATA);
  a.li(CROSS_A, 3);
  a.li(CROSS_B, 5);
  a.label('loop');
  body(0);
  // Two crossing back edges: A ... B ... (to A) ... (to B).
  a.label('A');
  ops(2);
  a.label('B');
  ops(2);
  a.emit(R.addi(CROSS_A, CROSS_A, -1));
  a.br(R.blt, 0, CROSS_A, 'A');
  ops(1);
  a.emit(R.addi(CROSS_B, CROSS_B, -1));
  a.br(R.blt, 0, CROSS_B, 'B');
  a.emit(R.addi(LOOP, LOOP, -1));
  a.bnez(LOOP, 'loop');
  a.emit(R.ebreak());
  // An in-page function: a few ops and a loop of its own, then ret.
  a.label('fn');
  ops(2);
  a.li(FN_COUNTER, 2);
  a.label('fl');
  ops(1);
  a.emit(R.addi(FN_COUNTER, FN_COUNTER, -1));
  a.bnez(FN_COUNTER, 'fl');
  a.emit(R.jalr(0, R.RA, 0));
  return a.bytes();
}

function runOne(code: Uint8Array, seed: number, jit: boolean, slice: number): Ran {
  const r = rng(seed ^ 0x5bd1e995);
  const regs = (h: Hart) => { for (const x of FREE) { h.x[2 * x] = r() | 0; h.x[2 * x + 1] = r() % 3 === 0 ? 0 : r() | 0; } };
  return runCompare(code, { jit, slice, dataSeed: seed, maxRuns: 100_000, regs });
}

test('nested and crossing loops, early exits and in-page calls: translated code matches the interpreter', (t) => {
  let translated = 0;
  for (let seed = 1; seed <= 24; seed++) {
    const code = program(seed * 104729);
    t.true(code.length < 4096 - (BASE & 4095), `seed ${seed}: the program fits in one page`);
    const slice = [1_000_000, 997, 61, 5, 13, 250][seed % 6];
    const a = runOne(code, seed, false, slice);
    const b = runOne(code, seed, true, slice);
    assertSameEnd(t, a, b, `seed ${seed}: `);
    t.deepEqual(b.ram.slice(DATA, 4096), a.ram.slice(DATA, 4096), `seed ${seed}: memory`);
    t.is(b.h.jit!.stats.failures, 0, `seed ${seed}: every translation compiled (${b.h.jit!.failure})`);
    translated += b.h.jit!.stats.jitInsns;
  }
  t.true(translated > 0, 'some of it ran translated');
});
