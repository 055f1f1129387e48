// Internal consistency of the FPU without external tools: every arithmetic
// result taken by a fast path (JS binary64 arithmetic with TwoSum/TwoProduct
// errors, round-to-odd FMA, directed modes by a one-ulp step) must equal the
// result of the exact BigInt path (round.ts) on the same operand bits, flags
// included. The exact path itself is checked against qemu in fpu-diff.test.ts.
import test from 'ava';
import { slowArith, slowOut, OP_ADD, OP_MUL, OP_DIV, OP_SQRT, OP_FMA } from '../../core/hw/fpu/round.js';
import { runInsn } from './fpu-vectors/run.js';
import { S, D } from './fpu-vectors/enc.js';
import { rng, randomOperand, nearOperand, cancellingAddend } from './fpu-vectors/gen.js';

const CASES = 4000;
const ops: [name: string, op: number, negB: boolean, negA: boolean, negC: boolean][] = [
  ['fadd', OP_ADD, false, false, false], ['fsub', OP_ADD, true, false, false], ['fmul', OP_MUL, false, false, false],
  ['fdiv', OP_DIV, false, false, false], ['fsqrt', OP_SQRT, false, false, false], ['fmadd', OP_FMA, false, false, false],
  ['fmsub', OP_FMA, false, false, true], ['fnmsub', OP_FMA, false, true, false], ['fnmadd', OP_FMA, false, true, true],
];

function reference(fmt: number, op: number, rm: number, a: bigint, b: bigint, c: bigint, negA: boolean, negB: boolean, negC: boolean): { f: bigint; fl: number } {
  const sign = fmt === D ? 1n << 63n : 1n << 31n;
  const unboxed = (v: bigint) => fmt === S && (v >> 32n) !== 0xffffffffn;
  const val = (v: bigint, neg: boolean) => {
    const u = unboxed(v) ? 0x7fc00000n : fmt === S ? v & 0xffffffffn : v;
    return neg ? u ^ sign : u;
  };
  const A = val(a, negA), B = val(b, negB), C = val(c, negC);
  const lo = (v: bigint) => Number(v & 0xffffffffn) | 0, hi = (v: bigint) => Number(v >> 32n) | 0;
  const fl = slowArith(fmt, op, rm, lo(A), hi(A), lo(B), hi(B), lo(C), hi(C));
  const f = fmt === S ? (0xffffffffn << 32n) | BigInt(slowOut.lo >>> 0) : (BigInt(slowOut.hi >>> 0) << 32n) | BigInt(slowOut.lo >>> 0);
  return { f, fl };
}

for (const fmt of [S, D]) {
  test(`fast paths agree with the exact path (${fmt === S ? 'single' : 'double'})`, (t) => {
    const r = rng(0xfa57 + fmt);
    let bad = 0;
    for (const [name, op, negB, negA, negC] of ops) {
      for (const rm of [0, 1, 2, 3, 4]) {
        for (let i = 0; i < CASES; i++) {
          const a = randomOperand(fmt, r);
          const b = r() % 3 === 0 ? nearOperand(fmt, a, r) : randomOperand(fmt, r);
          let c = randomOperand(fmt, r);
          if (op === OP_FMA && r() % 2 === 0) { const p = cancellingAddend(fmt, a, b, r); if (p !== null) c = r() % 2 ? p : nearOperand(fmt, p, r); }
          const got = runInsn(`${name}.${fmt === S ? 's' : 'd'}`, rm, { a, b, c });
          const want = reference(fmt, op, rm, a, b, c, negA, negB, negC);
          if (got.f !== want.f || got.fl !== want.fl) {
            if (bad++ < 10) t.log(`${name} rm=${rm} a=${a.toString(16)} b=${b.toString(16)} c=${c.toString(16)}: want ${want.f.toString(16)}/${want.fl} got ${got.f.toString(16)}/${got.fl}`);
          }
        }
      }
    }
    t.is(bad, 0);
  });
}
