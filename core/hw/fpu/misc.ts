// The non-arithmetic F/D instructions: sign injection, fmin/fmax (IEEE 754-2019
// minimumNumber/maximumNumber as RISC-V specifies: -0 < +0, a single NaN
// operand yields the other operand, two NaNs the canonical NaN, NV on sNaN),
// feq/flt/fle, fclass and the raw moves between x and f registers.
// Singles are read through f32BitsOf, so an improperly NaN-boxed operand is
// the canonical (quiet) NaN; every single written is NaN-boxed.
import { FpRegs, FFLAG_NV, CNAN32, CNAN64_HI, f32BitsOf, isSNaN32, isSNaN64, setF32Bits, setF64Bits } from './regs.js';

const SIGN = -0x80000000;

/** fsgnj/fsgnjn/fsgnjx (f3 = 0, 1, 2) in fmt. */
export function sgnj(F: FpRegs, fmt: number, f3: number, rd: number, rs1: number, rs2: number): void {
  const I = F.i32;
  const a = fmt === 0 ? f32BitsOf(F, rs1) : I[2 * rs1 + 1];
  const b = fmt === 0 ? f32BitsOf(F, rs2) : I[2 * rs2 + 1];
  const s = f3 === 0 ? b & SIGN : f3 === 1 ? ~b & SIGN : (a ^ b) & SIGN;
  const r = (a & 0x7fffffff) | s;
  if (fmt === 0) setF32Bits(F, rd, r);
  else setF64Bits(F, rd, I[2 * rs1], r);
}

function isNaN32(b: number): boolean {
  return (b & 0x7f800000) === 0x7f800000 && (b & 0x7fffff) !== 0;
}

/** fmin (max = false) / fmax in fmt. */
export function minMax(F: FpRegs, fmt: number, max: boolean, rd: number, rs1: number, rs2: number): void {
  const I = F.i32;
  if (fmt === 0) {
    const a = f32BitsOf(F, rs1), b = f32BitsOf(F, rs2);
    const an = isNaN32(a), bn = isNaN32(b);
    if (isSNaN32(a) || isSNaN32(b)) F.fflags |= FFLAG_NV;
    let r: number;
    if (an && bn) r = CNAN32;
    else if (an) r = b;
    else if (bn) r = a;
    else {
      const av = F.f32[2 * rs1], bv = F.f32[2 * rs2];
      if (av === bv) r = max ? a & b : a | b;          // equal values differ only for +-0: sign bit decides
      else r = (av < bv) !== max ? a : b;
    }
    setF32Bits(F, rd, r);
    return;
  }
  const aLo = I[2 * rs1], aHi = I[2 * rs1 + 1], bLo = I[2 * rs2], bHi = I[2 * rs2 + 1];
  const av = F.f64[rs1], bv = F.f64[rs2];
  const an = av !== av, bn = bv !== bv;
  if (isSNaN64(aLo, aHi) || isSNaN64(bLo, bHi)) F.fflags |= FFLAG_NV;
  if (an && bn) setF64Bits(F, rd, 0, CNAN64_HI);
  else if (an) setF64Bits(F, rd, bLo, bHi);
  else if (bn) setF64Bits(F, rd, aLo, aHi);
  else if (av === bv) setF64Bits(F, rd, aLo, max ? aHi & bHi : aHi | bHi);
  else if ((av < bv) !== max) setF64Bits(F, rd, aLo, aHi);
  else setF64Bits(F, rd, bLo, bHi);
}

/** feq (f3 = 2), flt (1), fle (0) in fmt; writes 0/1 to x[rd]. */
export function compare(F: FpRegs, fmt: number, f3: number, x: Int32Array, rd: number, rs1: number, rs2: number): void {
  let av: number, bv: number, snan: boolean;
  if (fmt === 0) {
    const a = f32BitsOf(F, rs1), b = f32BitsOf(F, rs2);
    snan = isSNaN32(a) || isSNaN32(b);
    av = isNaN32(a) ? NaN : F.f32[2 * rs1];
    bv = isNaN32(b) ? NaN : F.f32[2 * rs2];
  } else {
    const I = F.i32;
    snan = isSNaN64(I[2 * rs1], I[2 * rs1 + 1]) || isSNaN64(I[2 * rs2], I[2 * rs2 + 1]);
    av = F.f64[rs1]; bv = F.f64[rs2];
  }
  let r: boolean;
  if (f3 === 2) {
    if (snan) F.fflags |= FFLAG_NV;
    r = av === bv;
  } else {
    if (av !== av || bv !== bv) F.fflags |= FFLAG_NV;
    r = f3 === 1 ? av < bv : av <= bv;
  }
  if (rd !== 0) { x[2 * rd] = r ? 1 : 0; x[2 * rd + 1] = 0; }
}

/** fclass: one bit of ten (0 -inf ... 7 +inf, 8 sNaN, 9 qNaN) into x[rd]. */
export function fclass(F: FpRegs, fmt: number, x: Int32Array, rd: number, rs1: number): void {
  let sign: number, expAll: boolean, expZero: boolean, fracZero: boolean, quiet: boolean;
  if (fmt === 0) {
    const b = f32BitsOf(F, rs1);
    sign = b >>> 31;
    expAll = (b & 0x7f800000) === 0x7f800000; expZero = (b & 0x7f800000) === 0;
    fracZero = (b & 0x7fffff) === 0; quiet = (b & 0x400000) !== 0;
  } else {
    const lo = F.i32[2 * rs1], hi = F.i32[2 * rs1 + 1];
    sign = hi >>> 31;
    expAll = (hi & 0x7ff00000) === 0x7ff00000; expZero = (hi & 0x7ff00000) === 0;
    fracZero = ((hi & 0xfffff) | lo) === 0; quiet = (hi & 0x80000) !== 0;
  }
  let bit: number;
  if (expAll) bit = fracZero ? (sign ? 0 : 7) : quiet ? 9 : 8;
  else if (expZero) bit = fracZero ? (sign ? 3 : 4) : (sign ? 2 : 5);
  else bit = sign ? 1 : 6;
  if (rd !== 0) { x[2 * rd] = 1 << bit; x[2 * rd + 1] = 0; }
}

/** fmv.x.w (sign-extended raw low word) / fmv.x.d. */
export function mvXF(F: FpRegs, fmt: number, x: Int32Array, rd: number, rs1: number): void {
  if (rd === 0) return;
  const lo = F.i32[2 * rs1];
  x[2 * rd] = lo;
  x[2 * rd + 1] = fmt === 0 ? lo >> 31 : F.i32[2 * rs1 + 1];
}

/** fmv.w.x (NaN-boxed) / fmv.d.x. */
export function mvFX(F: FpRegs, fmt: number, x: Int32Array, rd: number, rs1: number): void {
  if (fmt === 0) setF32Bits(F, rd, x[2 * rs1]);
  else setF64Bits(F, rd, x[2 * rs1], x[2 * rs1 + 1]);
}
