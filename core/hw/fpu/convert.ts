// fcvt between floating point and integers (w, wu, l, lu) in both directions,
// and fcvt.s.d / fcvt.d.s. Float-to-integer conversions round in the
// instruction's mode, then saturate as the ISA's table says (NaN and +inf or
// too large give the maximum, -inf or too small the minimum, with NV and no NX).
// Integer results are written as 64-bit pairs into the hart's x registers (.w
// and .wu results sign-extended from bit 31).
import { FpRegs, FFLAG_NV, FFLAG_NX, RM_RNE, RM_RTZ, RM_RDN, RM_RUP, RM_RMM, isSNaN32, isSNaN64, f32BitsOf, setF32Bits, setF64Bits, CNAN32, CNAN64_HI } from './regs.js';
import { slowOut, roundPack, unpack } from './round.js';
import { directed, roundOdd } from './f64.js';
import { directedS } from './f32.js';

const TWO32 = 4294967296, TWO31 = 2147483648, TWO63 = 9223372036854775808, TWO64 = 18446744073709551616;
const MIN_NORMAL32 = 1.1754943508222875e-38; // 2^-126

/** Rounds v (finite) to an integer in mode rm; sets roundInexact. */
let roundInexact = false;
function roundToInt(v: number, rm: number): number {
  const t = Math.trunc(v);
  const fr = v - t;  // exact
  roundInexact = fr !== 0;
  if (fr === 0) return t;
  switch (rm) {
    case RM_RNE: {
      const a = Math.abs(fr);
      if (a > 0.5 || (a === 0.5 && t % 2 !== 0)) return v < 0 ? t - 1 : t + 1;
      return t;
    }
    case RM_RTZ: return t;
    case RM_RDN: return v < 0 ? t - 1 : t;
    case RM_RUP: return v < 0 ? t : t + 1;
    default: return Math.abs(fr) >= 0.5 ? (v < 0 ? t - 1 : t + 1) : t;  // RMM
  }
}

/** Writes the integer value r (|r| < 2^64, exact) into x[rd] as a 64-bit pair. */
function writeInt64(x: Int32Array, rd: number, r: number): void {
  if (rd === 0) return;
  const neg = r < 0;
  const m = neg ? -r : r;
  let hi = Math.floor(m / TWO32), lo = m - hi * TWO32;
  if (neg) {
    lo = -lo;
    hi = lo === 0 ? -hi : ~hi;
  }
  x[2 * rd] = lo | 0;
  x[2 * rd + 1] = hi | 0;
}

/**
 * fcvt.{w,wu,l,lu}.{s,d}: v is the operand's value, nan whether it is a NaN.
 * kind: 0 w, 1 wu, 2 l, 3 lu.
 */
export function cvtToInt(F: FpRegs, x: Int32Array, rd: number, v: number, kind: number, rm: number): void {
  let lo: number, hi: number;  // bounds, inclusive
  switch (kind) {
    case 0: lo = -TWO31; hi = TWO31 - 1; break;
    case 1: lo = 0; hi = TWO32 - 1; break;
    case 2: lo = -TWO63; hi = TWO63; break;   // hi exclusive below
    default: lo = 0; hi = TWO64; break;
  }
  let r: number;
  if (v !== v) { r = NaN; }
  else { r = roundToInt(v, rm); }
  const big = kind >= 2;
  const over = r !== r || (big ? r >= hi : r > hi) || r < lo;
  if (over) {
    F.fflags |= FFLAG_NV;
    const toMax = v !== v || v > 0;
    if (rd === 0) return;
    switch (kind) {
      case 0: x[2 * rd] = toMax ? 0x7fffffff : -0x80000000; x[2 * rd + 1] = toMax ? 0 : -1; return;
      case 1: x[2 * rd] = toMax ? -1 : 0; x[2 * rd + 1] = toMax ? -1 : 0; return;
      case 2: x[2 * rd] = toMax ? -1 : 0; x[2 * rd + 1] = toMax ? 0x7fffffff : -0x80000000; return;
      default: x[2 * rd] = toMax ? -1 : 0; x[2 * rd + 1] = toMax ? -1 : 0; return;
    }
  }
  if (roundInexact) F.fflags |= FFLAG_NX;
  if (rd === 0) return;
  if (kind <= 1) {  // sign-extend the 32-bit result
    const w = r | 0;
    x[2 * rd] = w;
    x[2 * rd + 1] = w >> 31;
    return;
  }
  writeInt64(x, rd, r === 0 ? 0 : r);
}

/** fcvt.{s,d}.{w,wu,l,lu}: converts x[rs1] (kind 0 w, 1 wu, 2 l, 3 lu) to fmt in mode rm. */
export function cvtFromInt(F: FpRegs, x: Int32Array, rd: number, rs1: number, kind: number, fmt: number, rm: number): void {
  const lo = x[2 * rs1], hi = x[2 * rs1 + 1];
  // v = RN(value) in binary64 with err = value - v exactly (TwoSum of the exact halves).
  let v: number, err = 0;
  if (kind === 0) v = lo;
  else if (kind === 1) v = lo >>> 0;
  else {
    const H = (kind === 2 ? hi : hi >>> 0) * TWO32, L = lo >>> 0;
    v = H + L;
    const bb = v - H;
    err = (H - (v - bb)) + (L - bb);
  }
  if (fmt === 1) {
    if (err === 0) { F.f64[rd] = v; return; }
    if (rm < RM_RMM) {   // |value| < 2^64: never overflows
      F.f64[rd] = rm === RM_RNE ? v : directed(v, err, rm);
      F.fflags |= FFLAG_NX;
      return;
    }
  } else if (rm < RM_RMM) {
    // Round to odd in binary64 (53 >= 24 + 2 bits), then once to binary32.
    let r = Math.fround(err !== 0 ? roundOdd(v, err) : v);
    const dir = (v - r) + err;   // v - r is exact
    if (dir !== 0) {
      if (rm !== RM_RNE) r = directedS(r, dir, rm);
      F.fflags |= FFLAG_NX;
    }
    F.f32[2 * rd] = r; F.i32[2 * rd + 1] = -1;
    return;
  }
  let big = BigInt(lo);
  if (kind === 1) big = BigInt(lo >>> 0);
  else if (kind >= 2) big = (BigInt(kind === 2 ? hi : hi >>> 0) << 32n) | BigInt(lo >>> 0);
  const sign = big < 0n ? 1 : 0;
  F.fflags |= roundPack(fmt, sign, sign ? -big : big, 0, rm);
  if (fmt === 1) setF64Bits(F, rd, slowOut.lo, slowOut.hi);
  else setF32Bits(F, rd, slowOut.lo);
}

/** fcvt.s.d: rounds the double in f[rs1] to single in mode rm. */
export function cvtSD(F: FpRegs, rd: number, rs1: number, rm: number): void {
  const v = F.f64[rs1];
  const lo = F.i32[2 * rs1], hi = F.i32[2 * rs1 + 1];
  if (v !== v) {
    if (isSNaN64(lo, hi)) F.fflags |= FFLAG_NV;
    setF32Bits(F, rd, CNAN32);
    return;
  }
  const r = Math.fround(v);
  if (r === v) { F.f32[2 * rd] = r; F.i32[2 * rd + 1] = -1; return; }  // exact (incl. zeros, infinities)
  if (rm < RM_RMM && Math.abs(r) > MIN_NORMAL32 && r - r === 0) {
    const d = rm === RM_RNE ? r : directedS(r, v - r, rm);   // v - r is exact
    if (d !== Infinity) {
      F.f32[2 * rd] = d; F.i32[2 * rd + 1] = -1; F.fflags |= FFLAG_NX;
      return;
    }
  }
  const u = unpack(1, lo, hi);
  F.fflags |= roundPack(0, u.sign, u.m, u.e, rm);
  setF32Bits(F, rd, slowOut.lo);
}

/** fcvt.d.s: exact widening; NaNs become the canonical NaN (NV for a signaling one). */
export function cvtDS(F: FpRegs, rd: number, rs1: number): void {
  const b = f32BitsOf(F, rs1);
  if ((b & 0x7f800000) === 0x7f800000 && (b & 0x7fffff) !== 0) {
    if (isSNaN32(b)) F.fflags |= FFLAG_NV;
    setF64Bits(F, rd, 0, CNAN64_HI);
    return;
  }
  F.f64[rd] = F.f32[2 * rs1];   // NaN-boxed here: an unboxed operand read as the canonical NaN above
}
