// Hand-written vectors for the non-arithmetic F/D instructions: conversions at
// their saturation boundaries in every rounding mode, fcvt.s.d/fcvt.d.s,
// fmin/fmax with signed zeros and NaNs, feq/flt/fle signalling rules, fclass of
// every class, sign injection, moves (sign extension, NaN-boxing), reserved
// encodings, the x0 rule, and the disassembler.
import test from 'ava';
import { FpRegs, execFp, setF32Bits, setF64Bits, disasmFp, FP_OK, FP_ILLEGAL } from '../../core/hw/fpu/index.js';
import { runInsn, getReg } from './fpu-vectors/run.js';
import { opfp, fmaInsn, S, D } from './fpu-vectors/enc.js';
import { bitsOfD, bitsOfS, boxS } from './fpu-vectors/gen.js';

const NX = 1, UF = 2, OF = 4, NV = 16;
const RNE = 0, RTZ = 1, RDN = 2, RUP = 3, RMM = 4;
const d = (v: number) => bitsOfD(v);
const s = (v: number) => boxS(bitsOfS(v));
const NEG = 1n << 63n;
const PINF = 0x7ff0000000000000n, NINF = PINF | NEG, CNAN = 0x7ff8000000000000n, SNAN = 0x7ff0000000000001n;
const SCNAN = boxS(0x7fc00000), SSNAN = boxS(0x7f800001), SQNAN = boxS(0x7fc00000);
const M64 = 0xffffffffffffffffn;
const sx32 = (v: bigint) => BigInt.asUintN(64, BigInt.asIntN(32, v));

type XRow = [op: string, rm: number, a: bigint, wantX: bigint, flags: number];
const toInt: XRow[] = [
  ['fcvt.w.d', RNE, CNAN, 0x7fffffffn, NV],
  ['fcvt.w.d', RNE, SNAN, 0x7fffffffn, NV],
  ['fcvt.w.d', RNE, PINF, 0x7fffffffn, NV],
  ['fcvt.w.d', RNE, NINF, sx32(0x80000000n), NV],
  ['fcvt.w.d', RNE, d(2 ** 31 - 1), 0x7fffffffn, 0],
  ['fcvt.w.d', RNE, d(2 ** 31 - 0.5), 0x7fffffffn, NV],     // ties to even: 2^31, out of range
  ['fcvt.w.d', RTZ, d(2 ** 31 - 0.5), 0x7fffffffn, NX],
  ['fcvt.w.d', RTZ, d(-(2 ** 31) - 0.5), sx32(0x80000000n), NX],
  ['fcvt.w.d', RNE, d(-(2 ** 31) - 0.5), sx32(0x80000000n), NX],
  ['fcvt.w.d', RDN, d(-(2 ** 31) - 0.5), sx32(0x80000000n), NV],
  ['fcvt.w.d', RNE, d(1.5), 2n, NX],
  ['fcvt.w.d', RNE, d(2.5), 2n, NX],
  ['fcvt.w.d', RMM, d(2.5), 3n, NX],
  ['fcvt.w.d', RMM, d(-2.5), sx32(-3n), NX],
  ['fcvt.w.d', RDN, d(-1.5), sx32(-2n), NX],
  ['fcvt.w.d', RUP, d(-1.5), M64, NX],
  ['fcvt.w.d', RUP, d(1.25), 2n, NX],
  ['fcvt.w.d', RNE, d(-0), 0n, 0],
  ['fcvt.wu.d', RTZ, d(-0.5), 0n, NX],
  ['fcvt.wu.d', RNE, d(-1), 0n, NV],
  ['fcvt.wu.d', RNE, NINF, 0n, NV],
  ['fcvt.wu.d', RNE, CNAN, M64, NV],
  ['fcvt.wu.d', RNE, d(2 ** 32 - 1), M64, 0],               // 0xffffffff sign-extended
  ['fcvt.wu.d', RNE, d(2 ** 31), sx32(0x80000000n), 0],
  ['fcvt.wu.d', RNE, d(2 ** 32), M64, NV],
  ['fcvt.l.d', RNE, d(2 ** 63), 0x7fffffffffffffffn, NV],
  ['fcvt.l.d', RNE, d(-(2 ** 63)), 0x8000000000000000n, 0],
  ['fcvt.l.d', RNE, d(2 ** 63 - 1024), 0x7ffffffffffffc00n, 0],
  ['fcvt.l.d', RNE, CNAN, 0x7fffffffffffffffn, NV],
  ['fcvt.l.d', RNE, NINF, 0x8000000000000000n, NV],
  ['fcvt.l.d', RNE, d(-3.5), BigInt.asUintN(64, -4n), NX],
  ['fcvt.lu.d', RNE, d(2 ** 64), M64, NV],
  ['fcvt.lu.d', RNE, d(2 ** 64 - 2048), 0xfffffffffffff800n, 0],
  ['fcvt.lu.d', RNE, d(-1), 0n, NV],
  ['fcvt.lu.d', RUP, d(-0.5), 0n, NX],
  ['fcvt.lu.d', RNE, CNAN, M64, NV],
  ['fcvt.w.s', RNE, s(-1), M64, 0],
  ['fcvt.w.s', RNE, s(2 ** 31), 0x7fffffffn, NV],
  ['fcvt.w.s', RNE, 0x3f800000n, 0x7fffffffn, NV],          // not NaN-boxed: a NaN
  ['fcvt.wu.s', RNE, SSNAN, M64, NV],
  ['fcvt.l.s', RTZ, s(-1e10), BigInt.asUintN(64, -10000000000n), 0],
  ['fcvt.lu.s', RNE, s(2 ** 64), M64, NV],
  ['fcvt.lu.s', RNE, s(1.5), 2n, NX],
];

type FRow = [op: string, rm: number, xa: bigint, want: bigint, flags: number];
const fromInt: FRow[] = [
  ['fcvt.d.w', RNE, M64, d(-1), 0],
  ['fcvt.d.w', RNE, 0xffffffff80000000n, d(-(2 ** 31)), 0],
  ['fcvt.d.w', RNE, 0x00000001_00000005n, d(5), 0],          // only the low 32 bits
  ['fcvt.d.wu', RNE, M64, d(2 ** 32 - 1), 0],
  ['fcvt.d.l', RNE, 2n ** 53n + 1n, d(2 ** 53), NX],
  ['fcvt.d.l', RUP, 2n ** 53n + 1n, d(2 ** 53 + 2), NX],
  ['fcvt.d.l', RNE, NEG, d(-(2 ** 63)), 0],
  ['fcvt.d.l', RDN, BigInt.asUintN(64, -(2n ** 53n) - 1n), d(-(2 ** 53) - 2), NX],
  ['fcvt.d.lu', RNE, M64, d(2 ** 64), NX],
  ['fcvt.d.lu', RTZ, M64, 0x43efffffffffffffn, NX],
  ['fcvt.s.w', RNE, 16777217n, s(16777216), NX],
  ['fcvt.s.w', RUP, 16777217n, s(16777218), NX],
  ['fcvt.s.w', RMM, 16777217n, s(16777218), NX],
  ['fcvt.s.wu', RNE, 0xffffffffn, s(2 ** 32), NX],
  ['fcvt.s.l', RNE, M64, s(-1), 0],
  ['fcvt.s.lu', RTZ, M64, boxS(0x5f7fffff), NX],
  ['fcvt.s.l', RNE, 0n, s(0), 0],
  // fcvt.s.d / fcvt.d.s (operand in a0's place is unused; the source is fa0)
];

type CRow = [op: string, rm: number, a: bigint, want: bigint, flags: number];
const fpConv: CRow[] = [
  ['fcvt.s.d', RNE, d(0.1), s(0.1), NX],
  ['fcvt.s.d', RTZ, d(0.1), boxS(0x3dcccccc), NX],
  ['fcvt.s.d', RNE, SNAN, SCNAN, NV],
  ['fcvt.s.d', RNE, 0xfff8000000000123n, SCNAN, 0],
  ['fcvt.s.d', RNE, d(1e300), boxS(0x7f800000), OF | NX],
  ['fcvt.s.d', RTZ, d(1e300), boxS(0x7f7fffff), OF | NX],
  ['fcvt.s.d', RDN, d(-1e300), boxS(0xff800000), OF | NX],
  ['fcvt.s.d', RNE, 1n, s(0), UF | NX],
  ['fcvt.s.d', RUP, 1n, boxS(1), UF | NX],
  ['fcvt.s.d', RNE, d(2 ** -149), boxS(1), 0],
  ['fcvt.s.d', RNE, d(-0), s(-0), 0],
  ['fcvt.s.d', RNE, NINF, boxS(0xff800000), 0],
  ['fcvt.d.s', RNE, SSNAN, CNAN, NV],
  ['fcvt.d.s', RNE, boxS(0xffc00001), CNAN, 0],
  ['fcvt.d.s', RNE, boxS(1), d(2 ** -149), 0],
  ['fcvt.d.s', RNE, 0x000000003f800000n, CNAN, 0],           // not NaN-boxed
  ['fcvt.d.s', RNE, s(-0), d(-0), 0],
];

test('fcvt to integers: rounding and saturation', (t) => {
  for (const [op, rm, a, want, flags] of toInt) {
    const r = runInsn(op, rm, { a });
    t.is(r.x.toString(16), want.toString(16), `${op} rm=${rm} ${a.toString(16)}`);
    t.is(r.fl, flags, `${op} rm=${rm} ${a.toString(16)} flags`);
  }
});

test('fcvt from integers: rounding of wide values', (t) => {
  for (const [op, rm, xa, want, flags] of fromInt) {
    const r = runInsn(op, rm, { xa });
    t.is(r.f.toString(16), want.toString(16), `${op} rm=${rm} ${xa.toString(16)}`);
    t.is(r.fl, flags, `${op} rm=${rm} ${xa.toString(16)} flags`);
  }
});

test('fcvt.s.d and fcvt.d.s', (t) => {
  for (const [op, rm, a, want, flags] of fpConv) {
    const r = runInsn(op, rm, { a });
    t.is(r.f.toString(16), want.toString(16), `${op} rm=${rm} ${a.toString(16)}`);
    t.is(r.fl, flags, `${op} rm=${rm} ${a.toString(16)} flags`);
  }
});

test('fmin/fmax: -0 < +0, NaN operands, NV only for sNaN', (t) => {
  const cases: [string, bigint, bigint, bigint, number][] = [
    ['fmin.d', d(-0), d(0), d(-0), 0], ['fmin.d', d(0), d(-0), d(-0), 0],
    ['fmax.d', d(-0), d(0), d(0), 0], ['fmax.d', d(0), d(-0), d(0), 0],
    ['fmin.d', CNAN, d(1), d(1), 0], ['fmax.d', d(1), CNAN, d(1), 0],
    ['fmin.d', SNAN, d(1), d(1), NV], ['fmax.d', CNAN, CNAN, CNAN, 0],
    ['fmin.d', SNAN, CNAN, CNAN, NV], ['fmax.d', 0xfff8000000000001n, 0x7ff8000000000002n, CNAN, 0],
    ['fmin.d', d(-1), d(2), d(-1), 0], ['fmax.d', NINF, d(2), d(2), 0],
    ['fmin.s', s(-0), s(0), s(-0), 0], ['fmax.s', s(-0), s(0), s(0), 0],
    ['fmin.s', 0x3f800000n, s(2), s(2), 0],                   // unboxed operand is a quiet NaN
    ['fmax.s', SSNAN, s(2), s(2), NV], ['fmin.s', SQNAN, SQNAN, SCNAN, 0],
  ];
  for (const [op, a, b, want, flags] of cases) {
    const r = runInsn(op, 0, { a, b });
    t.is(r.f.toString(16), want.toString(16), `${op} ${a.toString(16)} ${b.toString(16)}`);
    t.is(r.fl, flags, `${op} flags`);
  }
});

test('feq/flt/fle: NaN results and signalling', (t) => {
  const cases: [string, bigint, bigint, bigint, number][] = [
    ['feq.d', d(1), d(1), 1n, 0], ['feq.d', d(-0), d(0), 1n, 0], ['flt.d', d(-0), d(0), 0n, 0], ['fle.d', d(-0), d(0), 1n, 0],
    ['feq.d', CNAN, CNAN, 0n, 0], ['feq.d', SNAN, d(1), 0n, NV], ['flt.d', CNAN, d(1), 0n, NV], ['fle.d', d(1), CNAN, 0n, NV],
    ['flt.d', d(1), d(2), 1n, 0], ['fle.d', d(2), d(1), 0n, 0], ['flt.d', NINF, PINF, 1n, 0],
    ['feq.s', s(1), s(1), 1n, 0], ['feq.s', 0x3f800000n, 0x3f800000n, 0n, 0], ['flt.s', 0x3f800000n, s(2), 0n, NV],
    ['feq.s', SSNAN, s(1), 0n, NV], ['fle.s', s(-3), s(-3), 1n, 0],
  ];
  for (const [op, a, b, want, flags] of cases) {
    const r = runInsn(op, 0, { a, b, xa: 0x123456789n });
    t.is(r.x, want, `${op} ${a.toString(16)} ${b.toString(16)}`);
    t.is(r.fl, flags, `${op} flags`);
  }
});

test('fclass: one bit per class', (t) => {
  const dClasses: [bigint, number][] = [[NINF, 0], [d(-1), 1], [1n | NEG, 2], [NEG, 3], [0n, 4], [1n, 5], [d(1), 6], [PINF, 7], [SNAN, 8], [CNAN, 9]];
  for (const [a, bit] of dClasses) t.is(runInsn('fclass.d', 0, { a }).x, 1n << BigInt(bit), `fclass.d ${a.toString(16)}`);
  const sClasses: [number, number][] = [[0xff800000, 0], [0xbf800000, 1], [0x80000001, 2], [0x80000000, 3], [0, 4], [1, 5],
    [0x3f800000, 6], [0x7f800000, 7], [0x7f800001, 8], [0x7fc00000, 9]];
  for (const [b, bit] of sClasses) t.is(runInsn('fclass.s', 0, { a: boxS(b) }).x, 1n << BigInt(bit), `fclass.s ${b.toString(16)}`);
  t.is(runInsn('fclass.s', 0, { a: 0x00000000ff800000n }).x, 1n << 9n, 'unboxed single is the canonical quiet NaN');
  t.is(runInsn('fclass.d', 0, { a: SNAN }).fl, 0, 'fclass raises no flag');
});

test('sign injection', (t) => {
  t.is(runInsn('fsgnj.d', 0, { a: d(1), b: d(-2) }).f, d(-1));
  t.is(runInsn('fsgnjn.d', 0, { a: d(1), b: d(-2) }).f, d(1));
  t.is(runInsn('fsgnjx.d', 0, { a: d(-1), b: d(-2) }).f, d(1));
  t.is(runInsn('fsgnj.d', 0, { a: SNAN, b: NEG }).f, SNAN | NEG, 'NaN payloads pass through, no flag');
  t.is(runInsn('fsgnj.d', 0, { a: SNAN, b: NEG }).fl, 0);
  t.is(runInsn('fsgnjn.s', 0, { a: s(3), b: s(3) }).f, s(-3));
  t.is(runInsn('fsgnjx.s', 0, { a: s(-3), b: s(-1) }).f, s(3));
  t.is(runInsn('fsgnj.s', 0, { a: 0x3f800000n, b: s(-1) }).f, boxS(0xffc00000), 'unboxed operand reads as the canonical NaN');
});

test('moves between x and f registers', (t) => {
  t.is(runInsn('fmv.x.w', 0, { a: boxS(0x80000000) }).x, 0xffffffff80000000n, 'sign-extended');
  t.is(runInsn('fmv.x.w', 0, { a: 0x123456787f800001n }).x, 0x7f800001n, 'raw low bits even when not NaN-boxed');
  t.is(runInsn('fmv.w.x', 0, { xa: 0x123456789abcdef0n }).f, 0xffffffff9abcdef0n, 'NaN-boxed');
  t.is(runInsn('fmv.d.x', 0, { xa: SNAN }).f, SNAN, 'signalling NaN bits preserved');
  t.is(runInsn('fmv.x.d', 0, { a: 0xfff0000000000abcn }).x, 0xfff0000000000abcn);
  t.is(runInsn('fmv.x.d', 0, { a: SNAN }).fl, 0);
});

test('setF32Bits NaN-boxes, setF64Bits writes raw bits', (t) => {
  const F = new FpRegs();
  setF32Bits(F, 3, 0x7f800001);
  t.is(getReg(F, 3), 0xffffffff7f800001n);
  setF64Bits(F, 4, 0x00000001, 0x7ff00000);
  t.is(getReg(F, 4), SNAN);
  t.is(F.f32.length, 64);
  t.is(F.f64.length, 32);
});

test('reserved encodings are illegal and change nothing', (t) => {
  const F = new FpRegs();
  const x = new Int32Array(64);
  F.f64[10] = 1; F.f64[11] = 2;
  const illegal = [
    opfp(0, 2, 11, 10, 0, 10),            // fmt H
    opfp(0, 3, 11, 10, 0, 10),            // fmt Q
    opfp(0, D, 11, 10, 5, 10),            // rm 5
    opfp(0, D, 11, 10, 6, 10),            // rm 6
    opfp(0x0b, D, 1, 10, 0, 10),          // fsqrt with rs2 != 0
    opfp(0x08, S, 0, 10, 0, 10),          // fcvt.s.s
    opfp(0x08, D, 1, 10, 0, 10),          // fcvt.d.d
    opfp(0x06, D, 11, 10, 0, 10),         // unknown funct5
    opfp(0x04, D, 11, 10, 3, 10),         // fsgnj f3 3
    opfp(0x05, D, 11, 10, 2, 10),         // fmin/fmax f3 2
    opfp(0x14, D, 11, 10, 3, 10),         // compare f3 3
    opfp(0x1c, D, 1, 10, 0, 10),          // fmv.x.d with rs2 != 0
    opfp(0x1c, D, 0, 10, 2, 10),          // f3 2
    opfp(0x1e, D, 0, 10, 1, 10),          // fmv.d.x f3 1
    opfp(0x18, D, 4, 10, 0, 10),          // fcvt int kind 4
    opfp(0x1a, D, 5, 10, 0, 10),
    fmaInsn(0x43, D, 12, 11, 10, 5, 10),  // fmadd rm 5
    fmaInsn(0x4f, 2, 12, 11, 10, 0, 10),  // fnmadd fmt H
    0x00000013,                           // not an FP opcode
  ];
  for (const w of illegal) t.is(execFp(F, w, x), FP_ILLEGAL, `0x${w.toString(16)}`);
  for (const frm of [5, 6, 7]) {
    F.frm = frm;
    t.is(execFp(F, opfp(0, D, 11, 10, 7, 10), x), FP_ILLEGAL, `dynamic rm with frm ${frm}`);
    t.is(execFp(F, fmaInsn(0x43, D, 12, 11, 10, 7, 10), x), FP_ILLEGAL);
    t.is(execFp(F, opfp(0x04, D, 11, 10, 0, 10), x), FP_OK, 'fsgnj has no rounding mode');
  }
  t.is(F.f64[10], 1);
  t.is(F.fflags, 0);
});

test('x0 is never written', (t) => {
  const F = new FpRegs();
  const x = new Int32Array(64);
  F.f64[1] = 123.5;
  for (const w of [opfp(0x18, D, 0, 1, 1, 0), opfp(0x1c, D, 0, 1, 0, 0), opfp(0x1c, D, 0, 1, 1, 0), opfp(0x14, D, 1, 1, 2, 0),
    opfp(0x18, D, 3, 1, 0, 0)]) {
    t.is(execFp(F, w, x), FP_OK);
    t.is(x[0], 0); t.is(x[1], 0);
  }
  t.is(F.fflags, NX);
});

test('disassembly', (t) => {
  t.is(disasmFp(opfp(0, D, 11, 10, 7, 10)), 'fadd.d fa0, fa0, fa1');
  t.is(disasmFp(opfp(0x18, S, 0, 10, 1, 10)), 'fcvt.w.s a0, fa0, rtz');
  t.is(disasmFp(opfp(0x1a, D, 3, 11, 7, 8)), 'fcvt.d.lu fs0, a1');
  t.is(disasmFp(fmaInsn(0x4b, S, 12, 11, 10, 0, 10)), 'fnmsub.s fa0, fa0, fa1, fa2, rne');
  t.is(disasmFp(opfp(0x14, D, 11, 10, 2, 5)), 'feq.d t0, fa0, fa1');
  t.is(disasmFp(opfp(0x1c, S, 0, 10, 1, 10)), 'fclass.s a0, fa0');
  t.is(disasmFp(opfp(0x1e, S, 0, 10, 0, 31)), 'fmv.w.x ft11, a0');
  t.is(disasmFp(opfp(0x08, S, 1, 10, 7, 10)), 'fcvt.s.d fa0, fa0');
  t.is(disasmFp(0x00853427), 'fsd fs0, 8(a0)');       // fsd fs0, 8(a0)
  t.is(disasmFp(0xff852507 >>> 0), 'flw fa0, -8(a0)');
  t.is(disasmFp(0x00000013), null);
  t.is(disasmFp(opfp(0, 2, 11, 10, 7, 10)), null);
});
