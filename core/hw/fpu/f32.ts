// Single-precision arithmetic. Fast path (NaN-boxed finite operands, result
// comfortably normal): operands are exact doubles, a*b is exact in binary64, and
// binary64 rounding followed by Math.fround is a correct single rounding for
// + - * / sqrt because 53 >= 2*24 + 2. The FMA rounds the exact a*b + c to odd
// in binary64 (TwoSum error, then a nudge to an odd significand) and then to
// binary32, which is exact rounding since 53 >= 24 + 2. NX comes from the
// TwoSum error or from the exact residues (a - r*b, a - r*r, exact product - r).
// RTZ/RDN/RUP move the RNE result by one ulp when the sign of the exact error
// says it lies on the wrong side. Everything else goes to the BigInt path of round.ts.
import { FpRegs, FFLAG_NX, RM_RNE, RM_RTZ, RM_RDN, RM_RMM, f32BitsOf, setF32Bits } from './regs.js';
import { slowArith, slowOut, OP_ADD, OP_MUL, OP_DIV, OP_SQRT, OP_FMA } from './round.js';
import { roundOdd } from './f64.js';

const MIN_NORMAL = 2 ** -126;
const SIGN = -0x80000000;

function boxed(F: FpRegs, r: number): boolean {
  return F.i32[2 * r + 1] === -1;
}

function put(F: FpRegs, rd: number, r: number): void {
  F.f32[2 * rd] = r;
  F.i32[2 * rd + 1] = -1;
}

const scrF = new Float32Array(1);
const scrI = new Int32Array(scrF.buffer);

/**
 * Writes r = RN(exact) (a finite non-zero single, or an exact zero) rounded per
 * rm, given dir = sign(exact - r); false if the result overflows (slow path).
 */
function finish(F: FpRegs, rd: number, r: number, dir: number, rm: number): boolean {
  if (dir !== 0) {
    if (rm !== RM_RNE) {
      r = directedS(r, dir, rm);
      if (r === Infinity) return false;
    }
    F.fflags |= FFLAG_NX;
  }
  put(F, rd, r);
  return true;
}

/**
 * Turns r = RN(exact) (a finite non-zero single) into the result under directed
 * mode rm (RTZ, RDN, RUP) given dir = sign(exact - r); Infinity on overflow.
 */
export function directedS(r: number, dir: number, rm: number): number {
  if (rm === RM_RTZ ? (r > 0 ? dir < 0 : dir > 0) : rm === RM_RDN ? dir < 0 : dir > 0) {
    const up = rm === RM_RTZ ? r < 0 : rm !== RM_RDN;
    scrF[0] = r;
    scrI[0] = (r > 0) === up ? scrI[0] + 1 : scrI[0] - 1;
    r = scrF[0];
    if (r - r !== 0) return Infinity;
  }
  return r;
}

function slow(F: FpRegs, rd: number, op: number, rm: number, rs1: number, rs2: number, rs3: number, negA: boolean, negB: boolean, negC: boolean): void {
  const a = f32BitsOf(F, rs1), b = f32BitsOf(F, rs2), c = f32BitsOf(F, rs3);
  F.fflags |= slowArith(0, op, rm, negA ? a ^ SIGN : a, 0, negB ? b ^ SIGN : b, 0, negC ? c ^ SIGN : c, 0);
  setF32Bits(F, rd, slowOut.lo);
}

export function addS(F: FpRegs, rd: number, rs1: number, rs2: number, sub: boolean, rm: number): void {
  if (rm < RM_RMM && boxed(F, rs1) && boxed(F, rs2)) {
    const a = F.f32[2 * rs1], b = sub ? -F.f32[2 * rs2] : F.f32[2 * rs2];
    const d = a + b, r = Math.fround(d);
    if (r - r === 0 && (r !== 0 || rm === RM_RNE)) {
      const bb = d - a;
      if (finish(F, rd, r, (d - r) + ((a - (d - bb)) + (b - bb)), rm)) return;   // d - r is exact
    }
  }
  slow(F, rd, OP_ADD, rm, rs1, rs2, rs2, false, sub, false);
}

export function mulS(F: FpRegs, rd: number, rs1: number, rs2: number, rm: number): void {
  if (rm < RM_RMM && boxed(F, rs1) && boxed(F, rs2)) {
    const d = F.f32[2 * rs1] * F.f32[2 * rs2];   // exact
    const r = Math.fround(d), ar = Math.abs(r);
    if (((ar > MIN_NORMAL && ar < Infinity) || d === 0) && finish(F, rd, r, d - r, rm)) return;
  }
  slow(F, rd, OP_MUL, rm, rs1, rs2, rs2, false, false, false);
}

export function divS(F: FpRegs, rd: number, rs1: number, rs2: number, rm: number): void {
  if (rm < RM_RMM && boxed(F, rs1) && boxed(F, rs2)) {
    const a = F.f32[2 * rs1], b = F.f32[2 * rs2];
    const r = Math.fround(a / b), ar = Math.abs(r);
    if (ar > MIN_NORMAL && ar < Infinity) {
      const res = a - r * b;                     // r*b is exact in binary64; the sign of res is exact
      if (finish(F, rd, r, b > 0 ? res : -res, rm)) return;
    }
    if (r === 0 && a === 0) { put(F, rd, r); return; }
  }
  slow(F, rd, OP_DIV, rm, rs1, rs2, rs2, false, false, false);
}

export function sqrtS(F: FpRegs, rd: number, rs1: number, rm: number): void {
  if (rm < RM_RMM && boxed(F, rs1)) {
    const a = F.f32[2 * rs1];
    if (a > 0 && a < Infinity) {
      const r = Math.fround(Math.sqrt(a));
      if (finish(F, rd, r, a - r * r, rm)) return;
    }
    if (a === 0) { put(F, rd, a); return; }
  }
  slow(F, rd, OP_SQRT, rm, rs1, rs1, rs1, false, false, false);
}

export function fmaS(F: FpRegs, rd: number, rs1: number, rs2: number, rs3: number, negP: boolean, negC: boolean, rm: number): void {
  if (rm < RM_RMM && boxed(F, rs1) && boxed(F, rs2) && boxed(F, rs3)) {
    const p = F.f32[2 * rs1] * F.f32[2 * rs2];   // exact
    const d = negP ? -p : p, c = negC ? -F.f32[2 * rs3] : F.f32[2 * rs3];
    const s = d + c;
    if (s - s === 0 && (s !== 0 || rm === RM_RNE)) {
      const bb = s - d;
      const e = (d - (s - bb)) + (c - bb);
      const r = Math.fround(e !== 0 ? roundOdd(s, e) : s), ar = Math.abs(r);
      if (((ar > MIN_NORMAL && ar < Infinity) || s === 0) && finish(F, rd, r, (s - r) + e, rm)) return;   // s - r is exact
    }
  }
  slow(F, rd, OP_FMA, rm, rs1, rs2, rs3, negP, false, negC);
}
