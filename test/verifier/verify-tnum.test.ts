// Tristate numbers: exact small cases, then soundness by sampling — for random
// tnums a and b and members x of a and y of b, x OP y must be a member of
// tnumOP(a, b).
import test from 'ava';
import {
  U64, type Tnum, tnumAdd, tnumAnd, tnumArshift, tnumConst, tnumIn, tnumIntersect, tnumLshift, tnumMul, tnumOr,
  tnumRange, tnumRshift, tnumSub, tnumXor, tnumIsConst, tnumCast, TNUM_UNKNOWN,
} from '../../verifier/verify/tnum.js';

/** A small deterministic PRNG (xorshift32). */
function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => { s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0; return s; };
}
const r64 = (r: () => number): bigint => (BigInt(r()) << 32n) | BigInt(r());
function randTnum(r: () => number): Tnum {
  const kind = r() % 4;
  const mask = kind === 0 ? 0n : kind === 1 ? BigInt(r() & 0xff) : kind === 2 ? r64(r) & r64(r) : BigInt(r() % 64 === 0 ? 0 : r() & 0xffff) << BigInt(r() % 48);
  const value = r64(r) & ~mask & U64;
  return { value, mask };
}
function member(t: Tnum, r: () => number): bigint { return (t.value | (r64(r) & t.mask)) & U64; }

test('constants and ranges', (t) => {
  t.deepEqual(tnumConst(5n), { value: 5n, mask: 0n });
  t.deepEqual(tnumRange(0n, 7n), { value: 0n, mask: 7n });
  t.deepEqual(tnumRange(8n, 15n), { value: 8n, mask: 7n });
  t.deepEqual(tnumRange(5n, 5n), { value: 5n, mask: 0n });
  t.deepEqual(tnumRange(0n, U64), TNUM_UNKNOWN);
  t.true(tnumIsConst(tnumAdd(tnumConst(3n), tnumConst(4n))));
  t.is(tnumAdd(tnumConst(3n), tnumConst(4n)).value, 7n);
  t.is(tnumSub(tnumConst(0n), tnumConst(1n)).value, U64);
  t.deepEqual(tnumAnd({ value: 0n, mask: 0xffn }, tnumConst(0x0fn)), { value: 0n, mask: 0x0fn });
  t.deepEqual(tnumOr({ value: 0n, mask: 0xffn }, tnumConst(0x0fn)), { value: 0x0fn, mask: 0xf0n });
  t.deepEqual(tnumLshift({ value: 1n, mask: 2n }, 4), { value: 16n, mask: 32n });
  t.deepEqual(tnumCast({ value: 0x1_0000_0001n, mask: 0x2_0000_0002n }, 4), { value: 1n, mask: 2n });
  t.true(tnumIn({ value: 0n, mask: 0xffn }, tnumConst(0x42n)));
  t.false(tnumIn(tnumConst(0x42n), { value: 0n, mask: 0xffn }));
  t.deepEqual(tnumArshift(tnumConst(0x8000_0000n), 4, 32), tnumConst(0xf800_0000n));
});

const ops: [string, (a: Tnum, b: Tnum) => Tnum, (x: bigint, y: bigint) => bigint][] = [
  ['add', tnumAdd, (x, y) => (x + y) & U64],
  ['sub', tnumSub, (x, y) => (x - y) & U64],
  ['and', tnumAnd, (x, y) => x & y],
  ['or', tnumOr, (x, y) => x | y],
  ['xor', tnumXor, (x, y) => x ^ y],
  ['mul', tnumMul, (x, y) => (x * y) & U64],
];

for (const [name, f, g] of ops) {
  test(`tnum ${name} is sound on random members`, (t) => {
    const r = rng(name.length * 7919 + 1);
    for (let k = 0; k < 1500; k++) {
      const a = randTnum(r); const b = randTnum(r);
      const c = f(a, b);
      t.is(c.value & c.mask, 0n);
      for (let j = 0; j < 4; j++) {
        const x = member(a, r); const y = member(b, r);
        if (!tnumIn(c, tnumConst(g(x, y)))) t.fail(`${name}: ${x} ${y} not in result of ${JSON.stringify([a, b].map(String))}`);
      }
    }
    t.pass();
  });
}

test('tnum shifts, range and intersect are sound', (t) => {
  const r = rng(42);
  for (let k = 0; k < 2000; k++) {
    const a = randTnum(r);
    const s = r() % 64;
    const x = member(a, r);
    t.true(tnumIn(tnumLshift(a, s), tnumConst((x << BigInt(s)) & U64)));
    t.true(tnumIn(tnumRshift(a, s), tnumConst(x >> BigInt(s))));
    t.true(tnumIn(tnumArshift(a, s, 64), tnumConst(BigInt.asIntN(64, x) >> BigInt(s) & U64)));
    const lo = r64(r); const hi = lo + BigInt(r() % 100000) > U64 ? lo : lo + BigInt(r() % 100000);
    const v = lo + (hi - lo) / 2n;
    t.true(tnumIn(tnumRange(lo, hi), tnumConst(v)));
    const b = { value: (x & ~(a.mask | r64(r))) & U64, mask: 0n };
    void b;
    const other: Tnum = { value: x & ~(r64(r) & U64), mask: 0n };
    const wide: Tnum = { value: other.value & x, mask: (~(other.value & x)) & U64 };
    t.true(tnumIn(tnumIntersect(a, wide), tnumConst(x)));
  }
});
