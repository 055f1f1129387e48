// RV64I and M register-register and register-immediate arithmetic, checked
// against BigInt references written from the ISA spec over edge values
// (0, ±1, 32- and 64-bit extremes, carries across the halves) and seeded
// random values: overflow wraps, shifts mask their amount to 6 (or 5) bits,
// *W ops sign-extend bit 31, DIV/REM by zero and INT_MIN / -1 follow the
// spec's table, and MULH/MULHSU/MULHU return the upper half of the full
// 128-bit product.
import test from 'ava';
import * as R from './rvasm.js';
import { run, xr, mem64, DATA, stoppedAtEbreak } from './isa-util.js';

const M64 = (1n << 64n) - 1n;
const u = (v: bigint) => BigInt.asUintN(64, v);
const s = (v: bigint) => BigInt.asIntN(64, v);
const sx32 = (v: bigint) => u(BigInt.asIntN(32, v));
const MIN = -(1n << 63n);

const edges: bigint[] = [0n, 1n, 2n, 7n, -1n, -2n, -7n, 0x7fffffffn, -0x80000000n, 0x80000000n, 0xffffffffn, 0x100000000n,
  (1n << 63n) - 1n, MIN, 0x8000000080000000n, 0x00000001ffffffffn, 0xfffffffe00000001n, 63n, 64n, 31n, 32n];
let seed = 12345n;
function rnd(): bigint {
  seed = (seed * 6364136223846793005n + 1442695040888963407n) & M64;
  return seed;
}
for (let i = 0; i < 10; i++) edges.push(s(rnd()));

type Ref = (a: bigint, b: bigint) => bigint;
const rr: [string, (rd: number, a: number, b: number) => number, Ref][] = [
  ['add', R.add, (a, b) => u(a + b)],
  ['sub', R.sub, (a, b) => u(a - b)],
  ['sll', R.sll, (a, b) => u(a << (b & 63n))],
  ['slt', R.slt, (a, b) => (s(a) < s(b) ? 1n : 0n)],
  ['sltu', R.sltu, (a, b) => (u(a) < u(b) ? 1n : 0n)],
  ['xor', R.xor, (a, b) => u(a ^ b)],
  ['srl', R.srl, (a, b) => u(a) >> (b & 63n)],
  ['sra', R.sra, (a, b) => u(s(a) >> (b & 63n))],
  ['or', R.or, (a, b) => u(a | b)],
  ['and', R.and, (a, b) => u(a & b)],
  ['addw', R.addw, (a, b) => sx32(a + b)],
  ['subw', R.subw, (a, b) => sx32(a - b)],
  ['sllw', R.sllw, (a, b) => sx32(a << (b & 31n))],
  ['srlw', R.srlw, (a, b) => sx32(BigInt.asUintN(32, a) >> (b & 31n))],
  ['sraw', R.sraw, (a, b) => sx32(BigInt.asIntN(32, a) >> (b & 31n))],
  ['mul', R.mul, (a, b) => u(a * b)],
  ['mulh', R.mulh, (a, b) => u((s(a) * s(b)) >> 64n)],
  ['mulhsu', R.mulhsu, (a, b) => u((s(a) * u(b)) >> 64n)],
  ['mulhu', R.mulhu, (a, b) => u((u(a) * u(b)) >> 64n)],
  ['div', R.div, (a, b) => (s(b) === 0n ? M64 : s(a) === MIN && s(b) === -1n ? u(MIN) : u(s(a) / s(b)))],
  ['divu', R.divu, (a, b) => (u(b) === 0n ? M64 : u(a) / u(b))],
  ['rem', R.rem, (a, b) => (s(b) === 0n ? u(a) : s(a) === MIN && s(b) === -1n ? 0n : u(s(a) % s(b)))],
  ['remu', R.remu, (a, b) => (u(b) === 0n ? u(a) : u(a) % u(b))],
  ['mulw', R.mulw, (a, b) => sx32(a * b)],
  ['divw', R.divw, (a, b) => {
    const x = BigInt.asIntN(32, a), y = BigInt.asIntN(32, b);
    return y === 0n ? M64 : x === -(1n << 31n) && y === -1n ? sx32(x) : sx32(x / y);
  }],
  ['divuw', R.divuw, (a, b) => {
    const x = BigInt.asUintN(32, a), y = BigInt.asUintN(32, b);
    return y === 0n ? M64 : sx32(x / y);
  }],
  ['remw', R.remw, (a, b) => {
    const x = BigInt.asIntN(32, a), y = BigInt.asIntN(32, b);
    return y === 0n ? sx32(x) : x === -(1n << 31n) && y === -1n ? 0n : sx32(x % y);
  }],
  ['remuw', R.remuw, (a, b) => {
    const x = BigInt.asUintN(32, a), y = BigInt.asUintN(32, b);
    return y === 0n ? sx32(x) : sx32(x % y);
  }],
];

/** Runs `pairs` through one instruction, storing each result, and returns the results. */
function runPairs(pairs: [bigint, bigint][], emit: (a: R.Asm) => void): bigint[] {
  const r = run((a) => {
    a.li(R.S0, DATA);
    for (const [x, y] of pairs) {
      a.li(R.A0, x); a.li(R.A1, y);
      emit(a);
      a.emit(R.sd(R.A2, R.S0, 0), R.addi(R.S0, R.S0, 8));
    }
    a.emit(R.ebreak());
  }, { budget: 10_000_000 });
  if (!stoppedAtEbreak(r)) throw new Error(`program did not reach ebreak: exit ${r.exit} cause ${r.h.trapCause}`);
  return pairs.map((_, i) => mem64(r.ram, DATA + 8 * i));
}

const pairs: [bigint, bigint][] = [];
for (const a of edges) for (const b of edges) pairs.push([a, b]);

for (const [name, enc, ref] of rr) {
  test(`${name}: matches the spec over edge and random operands`, (t) => {
    const got = runPairs(pairs, (a) => a.emit(enc(R.A2, R.A0, R.A1)));
    const bad = pairs.map(([x, y], i) => [x, y, got[i], ref(x, y)] as const).filter(([, , g, e]) => g !== e)
      .slice(0, 5).map(([x, y, g, e]) => `${name}(${x}, ${y}) = ${g}, want ${e}`);
    t.deepEqual(bad, []);
  });
}

const immVals = [0, 1, -1, 2047, -2048, 0x555, -0x556, 31, 32, 63];
const ri: [string, (rd: number, a: number, imm: number) => number, (a: bigint, i: bigint) => bigint, number[]][] = [
  ['addi', R.addi, (a, i) => u(a + i), immVals],
  ['slti', R.slti, (a, i) => (s(a) < i ? 1n : 0n), immVals],
  ['sltiu', R.sltiu, (a, i) => (u(a) < u(i) ? 1n : 0n), immVals],
  ['xori', R.xori, (a, i) => u(a ^ i), immVals],
  ['ori', R.ori, (a, i) => u(a | i), immVals],
  ['andi', R.andi, (a, i) => u(a & i), immVals],
  ['slli', R.slli, (a, i) => u(a << i), [0, 1, 31, 32, 33, 63]],
  ['srli', R.srli, (a, i) => u(a) >> i, [0, 1, 31, 32, 33, 63]],
  ['srai', R.srai, (a, i) => u(s(a) >> i), [0, 1, 31, 32, 33, 63]],
  ['addiw', R.addiw, (a, i) => sx32(a + i), immVals],
  ['slliw', R.slliw, (a, i) => sx32(a << i), [0, 1, 15, 31]],
  ['srliw', R.srliw, (a, i) => sx32(BigInt.asUintN(32, a) >> i), [0, 1, 15, 31]],
  ['sraiw', R.sraiw, (a, i) => sx32(BigInt.asIntN(32, a) >> i), [0, 1, 15, 31]],
];

for (const [name, enc, ref, imms] of ri) {
  test(`${name}: matches the spec for every immediate class`, (t) => {
    const ps: [bigint, bigint][] = [];
    for (const a of edges) for (const i of imms) ps.push([a, BigInt(i)]);
    const got: bigint[] = [];
    // One program per immediate (the immediate is part of the instruction).
    for (const i of imms) {
      const sub = ps.filter(([, b]) => b === BigInt(i));
      got.push(...runPairs(sub, (a) => a.emit(enc(R.A2, R.A0, i))));
    }
    const order = imms.flatMap((i) => ps.filter(([, b]) => b === BigInt(i)));
    const bad = order.map(([x, i], k) => [x, i, got[k], ref(x, i)] as const).filter(([, , g, e]) => g !== e)
      .slice(0, 5).map(([x, i, g, e]) => `${name}(${x}, ${i}) = ${g}, want ${e}`);
    t.deepEqual(bad, []);
  });
}

test('lui and auipc build sign-extended upper immediates; writes to x0 are discarded', (t) => {
  const r = run((a) => {
    a.emit(R.lui(R.A0, 0x80000), R.lui(R.A1, 0x7ffff), R.auipc(R.A2, 0), R.auipc(R.A3, 0xfffff));
    a.emit(R.addi(0, 0, 5), R.lui(0, 1), R.add(0, R.A0, R.A1), R.ebreak());
  });
  t.true(stoppedAtEbreak(r));
  t.is(xr(r.h, R.A0), 0xffffffff80000000n);
  t.is(xr(r.h, R.A1), 0x7ffff000n);
  t.is(xr(r.h, R.A2), 0x80000008n);
  t.is(xr(r.h, R.A3), 0x8000000cn - 0x1000n);
  t.is(xr(r.h, 0), 0n);
});
