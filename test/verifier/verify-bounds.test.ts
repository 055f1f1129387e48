// Scalar bounds soundness: random traces of ALU operations and conditional
// branches run both abstractly (scalarAlu, refineCond, isBranchTaken) and on
// concrete sample values; every sample must stay inside the abstract value
// (tnum and all eight bounds), and a branch decided abstractly must agree with
// every sample. Plus exact expectations for a few textbook cases.
import test from 'ava';
import {
  BPF_ADD, BPF_AND, BPF_ARSH, BPF_DIV, BPF_JEQ, BPF_JGE, BPF_JGT, BPF_JLE, BPF_JLT, BPF_JNE, BPF_JSET, BPF_JSGE, BPF_JSGT,
  BPF_JSLE, BPF_JSLT, BPF_LSH, BPF_MOD, BPF_MUL, BPF_NEG, BPF_OR, BPF_RSH, BPF_SUB, BPF_XOR,
} from '../../verifier/isa.js';
import { Reg, boundsEmpty, markConstScalar, markUnknown, regBoundsSync } from '../../verifier/verify/reg.js';
import { aluEval, scalarAlu } from '../../verifier/verify/scalar.js';
import { isBranchTaken, negateCond, refineCond } from '../../verifier/verify/branch.js';
import { U32, U64, tnumConst, tnumIn } from '../../verifier/verify/tnum.js';

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => { s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0; return s; };
}
const r64 = (r: () => number): bigint => (BigInt(r()) << 32n) | BigInt(r());
function randVal(r: () => number): bigint {
  switch (r() % 6) {
    case 0: return BigInt(r() % 16);
    case 1: return BigInt(r() % 1000);
    case 2: return (-BigInt(r() % 1000)) & U64;
    case 3: return BigInt(r());
    case 4: return (BigInt(r()) | (1n << 63n)) & U64;
    default: return r64(r);
  }
}

function contains(reg: Reg, v: bigint): string | null {
  const s = BigInt.asIntN(64, v); const l = v & U32; const sl = BigInt.asIntN(32, l);
  if (v < reg.umin || v > reg.umax) return `u64 ${v} not in [${reg.umin}, ${reg.umax}]`;
  if (s < reg.smin || s > reg.smax) return `s64 ${s} not in [${reg.smin}, ${reg.smax}]`;
  if (l < reg.u32min || l > reg.u32max) return `u32 ${l} not in [${reg.u32min}, ${reg.u32max}]`;
  if (sl < reg.s32min || sl > reg.s32max) return `s32 ${sl} not in [${reg.s32min}, ${reg.s32max}]`;
  if (!tnumIn(reg.var, tnumConst(v))) return `tnum does not contain ${v}`;
  return null;
}

function condHolds(op: number, a: bigint, b: bigint, is32: boolean): boolean {
  const m = is32 ? U32 : U64; const bits = is32 ? 32 : 64;
  const x = a & m; const y = b & m; const sx = BigInt.asIntN(bits, x); const sy = BigInt.asIntN(bits, y);
  switch (op) {
    case BPF_JEQ: return x === y; case BPF_JNE: return x !== y;
    case BPF_JGT: return x > y; case BPF_JGE: return x >= y; case BPF_JLT: return x < y; case BPF_JLE: return x <= y;
    case BPF_JSGT: return sx > sy; case BPF_JSGE: return sx >= sy; case BPF_JSLT: return sx < sy; case BPF_JSLE: return sx <= sy;
    case BPF_JSET: return (x & y) !== 0n;
    default: return false;
  }
}

const ALU = [BPF_ADD, BPF_SUB, BPF_MUL, BPF_AND, BPF_OR, BPF_XOR, BPF_LSH, BPF_RSH, BPF_ARSH, BPF_DIV, BPF_MOD, BPF_NEG];
const JMP = [BPF_JEQ, BPF_JNE, BPF_JGT, BPF_JGE, BPF_JLT, BPF_JLE, BPF_JSGT, BPF_JSGE, BPF_JSLT, BPF_JSLE, BPF_JSET];

function campaign(seed: number, traces: number): string | null {
  const r = rng(seed);
  for (let tr = 0; tr < traces; tr++) {
    const a = new Reg(); markUnknown(a);
    let xs = Array.from({ length: 6 }, () => randVal(r));
    for (let k = 0; k < 12 && xs.length > 0; k++) {
      const is32 = r() % 3 === 0;
      if (r() % 2 === 0) {
        const op = ALU[r() % ALU.length];
        const b = new Reg();
        let ys: bigint[];
        if (r() % 2 === 0) { const c = randVal(r); markConstScalar(b, c); ys = xs.map(() => c); } else {
          markUnknown(b);
          ys = xs.map(() => randVal(r));
          // Constrain b to cover its samples: refine with the samples' unsigned range.
          const lo = ys.reduce((p, c) => (c < p ? c : p)); const hi = ys.reduce((p, c) => (c > p ? c : p));
          b.umin = lo; b.umax = hi; regBoundsSync(b);
        }
        scalarAlu(a, b, op, is32, false);
        xs = xs.map((x, i) => aluEval(op, x, ys[i], is32, false));
        for (const x of xs) { const e = contains(a, x); if (e !== null) return `seed ${seed} trace ${tr} alu op ${op} is32=${is32}: ${e}`; }
      } else {
        const op = JMP[r() % JMP.length];
        const c = r() % 2 === 0 ? randVal(r) : xs[r() % xs.length];
        const b = new Reg(); markConstScalar(b, c);
        const taken = isBranchTaken(a, b, op, is32);
        const hold = xs.filter((x) => condHolds(op, x, c, is32));
        if (taken === 1 && hold.length !== xs.length) return `seed ${seed} trace ${tr}: branch op ${op} said always, c=${c}`;
        if (taken === 0 && hold.length !== 0) return `seed ${seed} trace ${tr}: branch op ${op} said never, c=${c}`;
        const takeSide = r() % 2 === 0;
        if (taken !== -1) continue;
        if (takeSide) refineCond(a, b, op, is32); else if (op === BPF_JSET) refineCond(a, b, op, is32, true); else refineCond(a, b, negateCond(op), is32);
        xs = takeSide ? hold : xs.filter((x) => !condHolds(op, x, c, is32));
        if (xs.length > 0 && boundsEmpty(a)) return `seed ${seed} trace ${tr}: branch op ${op} side ${takeSide} empty but samples remain`;
        if (boundsEmpty(a)) break;
        for (const x of xs) { const e = contains(a, x); if (e !== null) return `seed ${seed} trace ${tr} jmp op ${op} is32=${is32} side=${takeSide} c=${c}: ${e}`; }
      }
    }
  }
  return null;
}

test('random ALU/branch traces keep every concrete sample inside the abstract value', (t) => {
  const n = Number(process.env.NODIX_FUZZ_ITERS ?? 0) || 3000;
  for (const seed of [1, 2, 3]) {
    const err = campaign(seed, n);
    t.is(err, null);
  }
});

test('textbook refinements', (t) => {
  const a = new Reg(); markUnknown(a);
  const ten = new Reg(); markConstScalar(ten, 10n);
  refineCond(a, ten, BPF_JLT, false);
  t.is(a.umax, 9n);
  t.is(a.smin, 0n);
  t.is(a.smax, 9n);
  const mask = new Reg(); markConstScalar(mask, 0xffn);
  const b = new Reg(); markUnknown(b);
  scalarAlu(b, mask, BPF_AND, false, false);
  t.is(b.umax, 0xffn);
  t.is(b.smin, 0n);
  const c = b.clone();
  const four = new Reg(); markConstScalar(four, 4n);
  scalarAlu(c, four, BPF_LSH, false, false);
  t.is(c.umax, 0xff0n);
  t.is(c.var.mask, 0xff0n);
  // u32 mov then compare: 32-bit jumps refine the 64-bit value when the upper half is zero.
  const d = new Reg(); markUnknown(d);
  scalarAlu(d, mask, BPF_AND, true, false);
  const d2 = d.clone();
  refineCond(d2, ten, BPF_JGT, true);
  t.is(d2.umin, 11n);
  t.is(isBranchTaken(d, new Reg(), BPF_JLE, false), -1);
  const big = new Reg(); markConstScalar(big, 0x100n);
  t.is(isBranchTaken(b, big, BPF_JLT, false), 1);
  t.is(isBranchTaken(b, big, BPF_JEQ, false), 0);
});
