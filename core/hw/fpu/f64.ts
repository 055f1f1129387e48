// Double-precision arithmetic: fadd/fsub/fmul/fdiv/fsqrt/fused multiply-add.
// Fast path (finite operands, normal result far from the exponent limits): JS's
// own binary64 arithmetic gives the round-to-nearest-even result, and the exact
// error recovered without allocation (TwoSum; Dekker's TwoProduct for mul; the
// residues a - q*b and a - r*r for div and sqrt) decides NX. The fused multiply-add uses
// Boldo & Melquiond's emulation: RN(th + RO(tl + ul)) with (uh, ul) the exact
// product and (th, tl) = TwoSum(c, uh), RO emulated from a TwoSum error.
// RTZ/RDN/RUP reuse the fast path (FMA included): the RNE result moves by one
// ulp when the sign of the exact error says it lies on the wrong side.
// Everything else goes to the exact BigInt path of round.ts.
import { FpRegs, FFLAG_NX, RM_RNE, RM_RTZ, RM_RDN, RM_RMM, setF64Bits } from './regs.js';
import { slowArith, slowOut, OP_ADD, OP_MUL, OP_DIV, OP_SQRT, OP_FMA } from './round.js';

const SPLIT = 134217729;            // 2^27 + 1 (Veltkamp)
const BIG = 2 ** 995;               // operands above this could overflow the split
const HUGE = 2 ** 1020;              // products below this cannot overflow inside TwoProduct
const PMIN = 2 ** -968;             // products above this have an exactly representable error
const RMIN = 2 ** -1021;            // results above this are neither tiny nor near it
const SIGN = -0x80000000;

/** The exact error p - a*b of p = RN(a*b), valid when |a|,|b| <= 2^995 and |p| >= 2^-968. */
export function twoProdErr(a: number, b: number, p: number): number {
  let t = SPLIT * a;
  const ah = t - (t - a), al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b), bl = b - bh;
  return ((ah * bh - p) + ah * bl + al * bh) + al * bl;
}

const scrF = new Float64Array(1);
const scrI = new Int32Array(scrF.buffer);

/** Round-to-odd correction of v = RN(x) given the exact error e = x - v (non-zero). */
export function roundOdd(v: number, e: number): number {
  scrF[0] = v;
  const lo = scrI[0];
  if ((lo & 1) !== 0) return v;
  if ((e > 0) === (v > 0)) scrI[0] = lo + 1;               // away from zero: lo even, no carry
  else { if (lo === 0) scrI[1] = scrI[1] - 1; scrI[0] = lo - 1; }
  return scrF[0];
}

/** Moves r (finite, non-zero) one ulp toward +inf (up) or -inf. */
function stepD(r: number, up: boolean): number {
  scrF[0] = r;
  const lo = scrI[0];
  if ((r > 0) === up) { if (lo === -1) scrI[1] = scrI[1] + 1; scrI[0] = lo + 1; }
  else { if (lo === 0) scrI[1] = scrI[1] - 1; scrI[0] = lo - 1; }
  return scrF[0];
}

/**
 * Turns r = RN(exact) into the result under directed mode rm (RTZ, RDN, RUP),
 * given dir, the sign of exact - r; Infinity when that overflows (slow path).
 */
export function directed(r: number, dir: number, rm: number): number {
  if (rm === RM_RTZ ? (r > 0 ? dir < 0 : dir > 0) : rm === RM_RDN ? dir < 0 : dir > 0) {
    r = stepD(r, rm === RM_RTZ ? r < 0 : rm !== RM_RDN);
    if (r - r !== 0) return Infinity;
  }
  return r;
}

/** Writes r = RN(exact) rounded per rm with dir = sign(exact - r); false if the slow path must run. */
function finish(F: FpRegs, rd: number, r: number, dir: number, rm: number): boolean {
  if (dir !== 0) {
    if (rm !== RM_RNE) {
      r = directed(r, dir, rm);
      if (r === Infinity) return false;
    }
    F.fflags |= FFLAG_NX;
  }
  F.f64[rd] = r;
  return true;
}

function slow(F: FpRegs, rd: number, op: number, rm: number, rs1: number, rs2: number, rs3: number, negA: boolean, negB: boolean, negC: boolean): void {
  const I = F.i32;
  F.fflags |= slowArith(1, op, rm,
    I[2 * rs1], negA ? I[2 * rs1 + 1] ^ SIGN : I[2 * rs1 + 1],
    I[2 * rs2], negB ? I[2 * rs2 + 1] ^ SIGN : I[2 * rs2 + 1],
    I[2 * rs3], negC ? I[2 * rs3 + 1] ^ SIGN : I[2 * rs3 + 1]);
  setF64Bits(F, rd, slowOut.lo, slowOut.hi);
}

/** fadd.d (sub = false) / fsub.d. */
export function addD(F: FpRegs, rd: number, rs1: number, rs2: number, sub: boolean, rm: number): void {
  if (rm < RM_RMM) {
    const a = F.f64[rs1], b = sub ? -F.f64[rs2] : F.f64[rs2];
    const r = a + b;
    if (r - r === 0 && (r !== 0 || rm === RM_RNE)) {  // finite: so are both operands
      const bb = r - a;
      if (finish(F, rd, r, (a - (r - bb)) + (b - bb), rm)) return;
    }
  }
  slow(F, rd, OP_ADD, rm, rs1, rs2, rs2, false, sub, false);
}

export function mulD(F: FpRegs, rd: number, rs1: number, rs2: number, rm: number): void {
  if (rm < RM_RMM) {
    const a = F.f64[rs1], b = F.f64[rs2];
    const r = a * b, ar = Math.abs(r);
    if (ar >= PMIN && ar <= HUGE && Math.abs(a) <= BIG && Math.abs(b) <= BIG) {
      if (finish(F, rd, r, twoProdErr(a, b, r), rm)) return;
    }
    if (r === 0 && (a === 0 || b === 0)) { F.f64[rd] = r; return; }
  }
  slow(F, rd, OP_MUL, rm, rs1, rs2, rs2, false, false, false);
}

export function divD(F: FpRegs, rd: number, rs1: number, rs2: number, rm: number): void {
  if (rm < RM_RMM) {
    const a = F.f64[rs1], b = F.f64[rs2];
    const q = a / b, aq = Math.abs(q), aa = Math.abs(a);
    if (aq >= PMIN && aq <= BIG && aa >= PMIN && aa <= HUGE && Math.abs(b) <= BIG) {
      const p = q * b;
      const res = (a - p) - twoProdErr(q, b, p);   // a - q*b, sign exact (a - p is exact)
      if (finish(F, rd, q, b > 0 ? res : -res, rm)) return;
    }
    if (q === 0 && a === 0) { F.f64[rd] = q; return; }
  }
  slow(F, rd, OP_DIV, rm, rs1, rs2, rs2, false, false, false);
}

export function sqrtD(F: FpRegs, rd: number, rs1: number, rm: number): void {
  if (rm < RM_RMM) {
    const a = F.f64[rs1];
    if (a >= PMIN && a <= HUGE) {
      const r = Math.sqrt(a), p = r * r;
      if (finish(F, rd, r, (a - p) - twoProdErr(r, r, p), rm)) return;
    }
    if (a === 0) { F.f64[rd] = a; return; }
  }
  slow(F, rd, OP_SQRT, rm, rs1, rs1, rs1, false, false, false);
}

/** (negP ? -(a*b) : a*b) + (negC ? -c : c), rounded once. */
export function fmaD(F: FpRegs, rd: number, rs1: number, rs2: number, rs3: number, negP: boolean, negC: boolean, rm: number): void {
  if (rm < RM_RMM) {
    const a = negP ? -F.f64[rs1] : F.f64[rs1], b = F.f64[rs2], c = negC ? -F.f64[rs3] : F.f64[rs3];
    const uh = a * b, ap = Math.abs(uh);
    if (ap >= PMIN && ap <= HUGE && Math.abs(c) <= HUGE && Math.abs(a) <= BIG && Math.abs(b) <= BIG) {
      const ul = twoProdErr(a, b, uh);
      const th = c + uh;
      let bb = th - c;
      const tl = (c - (th - bb)) + (uh - bb);
      let v = tl + ul;
      bb = v - tl;
      const e2 = (tl - (v - bb)) + (ul - bb);
      let delta = 0;                 // (tl + ul) - v: what round-to-odd left out
      if (e2 !== 0) { const s = v; v = roundOdd(v, e2); delta = e2 + (s - v); }
      const r = th + v, ar = Math.abs(r);
      if (ar >= RMIN && ar < Infinity) {
        bb = r - th;
        const e3 = (th - (r - bb)) + (v - bb);
        // exact - r = e3 + delta, and |delta| < ulp(v) <= |e3| whenever e3 != 0.
        if (finish(F, rd, r, e3 !== 0 ? e3 : delta, rm)) return;
      }
    } else if (uh === 0 && (a === 0 || b === 0) && c - c === 0 && (c !== 0 || rm === RM_RNE)) {
      F.f64[rd] = c + uh;            // exact; JS gives IEEE's zero sign in RNE
      return;
    }
  }
  slow(F, rd, OP_FMA, rm, rs1, rs2, rs3, negP, false, negC);
}
