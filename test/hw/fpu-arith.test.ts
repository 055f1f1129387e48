// Hand-written vectors from the RISC-V F/D specification and IEEE 754-2008 for
// the arithmetic instructions: signed zeros, infinities, quiet and signaling
// NaNs (canonical NaN results), NaN-boxing violations, overflow in each rounding
// mode, subnormal results with tininess detected after rounding, and the
// fused multiply-adds' single rounding and zero signs.
import test from 'ava';
import { runInsn } from './fpu-vectors/run.js';
import { bitsOfD, bitsOfS, boxS } from './fpu-vectors/gen.js';

const NX = 1, UF = 2, OF = 4, DZ = 8, NV = 16;
const RNE = 0, RTZ = 1, RDN = 2, RUP = 3, RMM = 4, DYN = 7;
const d = (v: number) => bitsOfD(v);
const s = (v: number) => boxS(bitsOfS(v));
const NEG = 1n << 63n;
const PINF = 0x7ff0000000000000n, NINF = PINF | NEG, CNAN = 0x7ff8000000000000n, SNAN = 0x7ff0000000000001n;
const QNAN_PAYLOAD = 0xfff8000000001234n, MAX = 0x7fefffffffffffffn;
const SPINF = boxS(0x7f800000), SCNAN = boxS(0x7fc00000), SSNAN = boxS(0x7f800001), SMAX = boxS(0x7f7fffff);

type Row = [op: string, rm: number, a: bigint, b: bigint, c: bigint, want: bigint, flags: number];

const rows: Row[] = [
  // fadd/fsub: exactness, signed zeros, infinities, NaNs
  ['fadd.d', RNE, d(1), d(2), 0n, d(3), 0],
  ['fadd.d', RNE, d(0.1), d(0.2), 0n, 0x3fd3333333333334n, NX],
  ['fadd.d', RTZ, d(0.1), d(0.2), 0n, 0x3fd3333333333333n, NX],
  ['fadd.d', RNE, PINF, NINF, 0n, CNAN, NV],
  ['fadd.d', RNE, PINF, d(1), 0n, PINF, 0],
  ['fadd.d', RNE, d(-0), d(-0), 0n, d(-0), 0],
  ['fadd.d', RNE, d(0), d(-0), 0n, d(0), 0],
  ['fadd.d', RDN, d(0), d(-0), 0n, d(-0), 0],
  ['fadd.d', RNE, d(1), d(-1), 0n, d(0), 0],
  ['fadd.d', RDN, d(1), d(-1), 0n, d(-0), 0],
  ['fsub.d', RNE, d(1), d(1), 0n, d(0), 0],
  ['fsub.d', RDN, d(1), d(1), 0n, d(-0), 0],
  ['fsub.d', RNE, d(-0), d(0), 0n, d(-0), 0],
  ['fadd.d', RNE, SNAN, d(1), 0n, CNAN, NV],
  ['fadd.d', RNE, QNAN_PAYLOAD, d(1), 0n, CNAN, 0],
  ['fadd.d', RNE, d(1), SNAN | NEG, 0n, CNAN, NV],
  ['fadd.s', RNE, s(1), s(2), 0n, s(3), 0],
  ['fadd.s', RNE, s(1), s(2 ** -24), 0n, s(1), NX],
  ['fadd.s', RNE, s(1), s(3 * 2 ** -25), 0n, boxS(0x3f800001), NX],
  ['fadd.s', RNE, 0x3f800000n, s(1), 0n, SCNAN, 0],          // a not NaN-boxed: canonical NaN, no NV
  ['fadd.s', RNE, SSNAN, s(1), 0n, SCNAN, NV],
  ['fsub.s', RNE, SPINF, SPINF, 0n, SCNAN, NV],
  // overflow in every rounding mode
  ['fadd.d', RNE, MAX, MAX, 0n, PINF, OF | NX],
  ['fadd.d', RTZ, MAX, MAX, 0n, MAX, OF | NX],
  ['fadd.d', RDN, MAX, MAX, 0n, MAX, OF | NX],
  ['fadd.d', RUP, MAX, MAX, 0n, PINF, OF | NX],
  ['fadd.d', RMM, MAX, MAX, 0n, PINF, OF | NX],
  ['fadd.d', RDN, MAX | NEG, MAX | NEG, 0n, NINF, OF | NX],
  ['fadd.d', RUP, MAX | NEG, MAX | NEG, 0n, MAX | NEG, OF | NX],
  ['fadd.d', RTZ, MAX | NEG, MAX | NEG, 0n, MAX | NEG, OF | NX],
  ['fmul.s', RNE, SMAX, s(2), 0n, SPINF, OF | NX],
  ['fmul.s', RTZ, SMAX, s(2), 0n, SMAX, OF | NX],
  ['fmul.s', RUP, SMAX, s(-2), 0n, boxS(0xff7fffff), OF | NX],
  ['fmul.s', RDN, SMAX, s(-2), 0n, boxS(0xff800000), OF | NX],
  // multiplication
  ['fmul.d', RNE, d(3), d(-0.5), 0n, d(-1.5), 0],
  ['fmul.d', RNE, PINF, d(0), 0n, CNAN, NV],
  ['fmul.d', RNE, d(-0), d(5), 0n, d(-0), 0],
  ['fmul.d', RNE, NINF, d(-2), 0n, PINF, 0],
  // subnormal results; tininess is detected after rounding
  ['fmul.d', RNE, 0x0010000000000000n, d(0.5), 0n, 0x0008000000000000n, 0],       // exact subnormal: no UF
  ['fmul.d', RNE, 1n, d(0.5), 0n, d(0), UF | NX],
  ['fmul.d', RUP, 1n, d(0.5), 0n, 1n, UF | NX],
  ['fmul.d', RDN, 1n | NEG, d(0.5), 0n, 1n | NEG, UF | NX],
  ['fmul.d', RTZ, 1n | NEG, d(0.5), 0n, d(-0), UF | NX],
  ['fmul.d', RNE, 0x3fefffffffffffffn, 0x0010000000000000n, 0n, 0x0010000000000000n, UF | NX], // still tiny after rounding
  ['fmul.d', RNE, 0x3feffffffffffffen, 0x0010000000000001n, 0n, 0x0010000000000000n, NX],      // rounds out of tininess
  ['fmul.d', RUP, 0x3feffffffffffffen, 0x0010000000000001n, 0n, 0x0010000000000000n, NX],
  ['fmul.d', RTZ, 0x3feffffffffffffen, 0x0010000000000001n, 0n, 0x000fffffffffffffn, UF | NX],
  ['fmul.s', RNE, boxS(0x3f7fffff), boxS(0x00800000), 0n, boxS(0x00800000), UF | NX],
  ['fmul.s', RNE, boxS(1), s(0.5), 0n, s(0), UF | NX],
  // division
  ['fdiv.d', RNE, d(1), d(0), 0n, PINF, DZ],
  ['fdiv.d', RNE, d(-1), d(0), 0n, NINF, DZ],
  ['fdiv.d', RNE, d(1), d(-0), 0n, NINF, DZ],
  ['fdiv.d', RNE, d(0), d(0), 0n, CNAN, NV],
  ['fdiv.d', RNE, PINF, NINF, 0n, CNAN, NV],
  ['fdiv.d', RNE, d(1), PINF, 0n, d(0), 0],
  ['fdiv.d', RNE, PINF, d(0), 0n, PINF, 0],
  ['fdiv.d', RNE, d(6), d(3), 0n, d(2), 0],
  ['fdiv.d', RNE, d(1), d(3), 0n, 0x3fd5555555555555n, NX],
  ['fdiv.d', RUP, d(1), d(3), 0n, 0x3fd5555555555556n, NX],
  ['fdiv.d', RDN, d(-1), d(3), 0n, 0xbfd5555555555556n, NX],
  ['fdiv.d', RTZ, d(-1), d(3), 0n, 0xbfd5555555555555n, NX],
  ['fdiv.d', DYN, d(1), d(3), 0n, 0x3fd5555555555556n, NX],   // frm = RUP, see below
  ['fdiv.s', RNE, s(1), s(3), 0n, boxS(0x3eaaaaab), NX],
  ['fdiv.s', RDN, s(1), s(3), 0n, boxS(0x3eaaaaaa), NX],
  ['fdiv.s', RNE, s(1), s(0), 0n, SPINF, DZ],
  // square root
  ['fsqrt.d', RNE, d(4), 0n, 0n, d(2), 0],
  ['fsqrt.d', RNE, d(2), 0n, 0n, 0x3ff6a09e667f3bcdn, NX],
  ['fsqrt.d', RDN, d(2), 0n, 0n, 0x3ff6a09e667f3bccn, NX],
  ['fsqrt.d', RNE, d(-0), 0n, 0n, d(-0), 0],
  ['fsqrt.d', RNE, d(-1), 0n, 0n, CNAN, NV],
  ['fsqrt.d', RNE, NINF, 0n, 0n, CNAN, NV],
  ['fsqrt.d', RNE, PINF, 0n, 0n, PINF, 0],
  ['fsqrt.d', RNE, SNAN, 0n, 0n, CNAN, NV],
  ['fsqrt.d', RNE, 1n, 0n, 0n, 0x1e60000000000000n, 0],     // sqrt(2^-1074) = 2^-537
  ['fsqrt.s', RNE, s(2), 0n, 0n, boxS(0x3fb504f3), NX],
  ['fsqrt.s', RUP, s(2), 0n, 0n, boxS(0x3fb504f4), NX],
  ['fsqrt.s', RNE, s(-4), 0n, 0n, SCNAN, NV],
  // fused multiply-add: one rounding, zero signs, invalid products
  ['fmadd.d', RNE, 0x3ff0000000000001n, 0x3feffffffffffffen, d(-1), 0xb970000000000000n, 0],  // -2^-104, not 0
  ['fmadd.s', RNE, boxS(0x3f800001), boxS(0x3f7ffffe), s(-1), boxS(0xa8800000), 0],            // -2^-46
  ['fmadd.d', RNE, d(2), d(3), d(4), d(10), 0],
  ['fmsub.d', RNE, d(2), d(3), d(4), d(2), 0],
  ['fnmsub.d', RNE, d(2), d(3), d(4), d(-2), 0],
  ['fnmadd.d', RNE, d(2), d(3), d(4), d(-10), 0],
  ['fmsub.d', RNE, d(1), d(1), d(1), d(0), 0],
  ['fmsub.d', RDN, d(1), d(1), d(1), d(-0), 0],
  ['fnmsub.d', RNE, d(1), d(1), d(1), d(0), 0],
  ['fnmadd.d', RNE, d(0), d(1), d(0), d(-0), 0],
  ['fmadd.d', RNE, d(-0), d(1), d(-0), d(-0), 0],
  ['fmadd.d', RNE, d(-0), d(1), d(0), d(0), 0],
  ['fmadd.d', RDN, d(-0), d(1), d(0), d(-0), 0],
  ['fmadd.d', RNE, PINF, d(0), CNAN, CNAN, NV],            // inf*0 is invalid even with a quiet NaN addend
  ['fmadd.d', RNE, d(0), NINF, d(1), CNAN, NV],
  ['fmadd.d', RNE, PINF, d(1), NINF, CNAN, NV],
  ['fmadd.d', RNE, PINF, d(1), PINF, PINF, 0],
  ['fmadd.d', RNE, d(1), d(1), SNAN, CNAN, NV],
  ['fmadd.d', RNE, d(1), CNAN, d(1), CNAN, 0],
  ['fmadd.d', RNE, MAX, d(2), MAX | NEG, MAX, 0],            // intermediate product beyond MAX: no overflow
  ['fmadd.d', RTZ, MAX, d(2), d(0), MAX, OF | NX],
  ['fmadd.d', RNE, 1n, d(0.5), d(0), d(0), UF | NX],
  ['fmadd.s', RNE, s(1), s(1), SSNAN, SCNAN, NV],
  ['fnmadd.s', RNE, SPINF, s(0), s(1), SCNAN, NV],
];

test('arithmetic vectors: values and exact fflags', (t) => {
  for (const [op, rm, a, b, c, want, flags] of rows) {
    const r = runInsn(op, rm, { a, b, c, frm: RUP });
    const what = `${op} rm=${rm} a=${a.toString(16)} b=${b.toString(16)} c=${c.toString(16)}`;
    t.is(r.rc, 0, what);
    t.is(r.f.toString(16), want.toString(16), what);
    t.is(r.fl, flags, what);
  }
});

test('every single-precision result is NaN-boxed', (t) => {
  for (const op of ['fadd.s', 'fmul.s', 'fdiv.s', 'fsqrt.s', 'fmadd.s', 'fsgnj.s', 'fmin.s', 'fcvt.s.d', 'fcvt.s.w', 'fmv.w.x']) {
    const r = runInsn(op, RNE, { a: s(1), b: s(2), c: s(3), xa: 5n });
    t.is(r.f >> 32n, 0xffffffffn, op);
  }
});

test('fused multiply-add differs from multiply then add', (t) => {
  // a*b = 1 + 2^-27 + 2^-54 + ... chosen so that rounding the product first loses the low part.
  const a = d(1 + 2 ** -27), b = d(1 + 2 ** -27), c = d(-1);
  const fused = runInsn('fmadd.d', RNE, { a, b, c });
  const mul = runInsn('fmul.d', RNE, { a, b });
  const sep = runInsn('fadd.d', RNE, { a: mul.f, b: c });
  t.is(fused.f, d(2 ** -26 + 2 ** -54));
  t.is(fused.fl, 0);
  t.not(fused.f, sep.f);
});
