// The exact (slow) path of the FPU: operands unpacked into BigInt significands,
// the exact result (or one carrying a sticky bit below every rounding position)
// computed, then rounded once into binary32/binary64 in any rounding mode with
// exact flags. RISC-V detects tininess after rounding, and UF is raised only
// when the result is both tiny and inexact. Used for non-RNE modes, special
// operands, subnormal/overflowing results and wide conversions: never per
// instruction on the common path, so BigInt and allocation are acceptable here.
import { FFLAG_NV, FFLAG_DZ, FFLAG_OF, FFLAG_UF, FFLAG_NX, RM_RNE, RM_RTZ, RM_RDN, RM_RUP, RM_RMM, CNAN32, CNAN64_HI } from './regs.js';

/** Format parameters indexed by fmt (0 = S binary32, 1 = D binary64). */
const PREC = [24, 53], EMIN = [-126, -1022], BIAS = [127, 1023], EXPMAX = [255, 2047];

/** Result bits of the last slow operation: single in lo (hi = -1), double in lo/hi. */
export const slowOut = { lo: 0, hi: 0 };

export const OP_ADD = 0, OP_MUL = 1, OP_DIV = 2, OP_SQRT = 3, OP_FMA = 4;

const CLS_ZERO = 0, CLS_FINITE = 1, CLS_INF = 2, CLS_QNAN = 3, CLS_SNAN = 4;

/** An unpacked operand: value = (-1)^sign * m * 2^e when cls is ZERO or FINITE. */
interface Unpacked { cls: number; sign: number; m: bigint; e: number }

export function unpack(fmt: number, lo: number, hi: number): Unpacked {
  if (fmt === 0) {
    const sign = lo >>> 31, ex = (lo >>> 23) & 0xff, fr = lo & 0x7fffff;
    if (ex === 0xff) return { cls: fr === 0 ? CLS_INF : (fr & 0x400000) ? CLS_QNAN : CLS_SNAN, sign, m: 0n, e: 0 };
    if (ex === 0) return { cls: fr === 0 ? CLS_ZERO : CLS_FINITE, sign, m: BigInt(fr), e: -149 };
    return { cls: CLS_FINITE, sign, m: BigInt(fr | 0x800000), e: ex - 150 };
  }
  const sign = hi >>> 31, ex = (hi >>> 20) & 0x7ff, frHi = hi & 0xfffff;
  const fr = (BigInt(frHi) << 32n) | BigInt(lo >>> 0);
  if (ex === 0x7ff) return { cls: fr === 0n ? CLS_INF : (frHi & 0x80000) ? CLS_QNAN : CLS_SNAN, sign, m: 0n, e: 0 };
  if (ex === 0) return { cls: fr === 0n ? CLS_ZERO : CLS_FINITE, sign, m: fr, e: -1074 };
  return { cls: CLS_FINITE, sign, m: fr | (1n << 52n), e: ex - 1075 };
}

function bitLen(m: bigint): number {
  return m === 0n ? 0 : m.toString(2).length;
}

/** Rounds m to an integer after dropping `shift` low bits, in mode rm for a value of the given sign. */
function roundShift(m: bigint, shift: number, rm: number, sign: number): bigint {
  const s = BigInt(shift);
  const q = m >> s;
  const rem = m & ((1n << s) - 1n);
  if (rem === 0n) return q;
  const half = 1n << (s - 1n);
  switch (rm) {
    case RM_RNE: return rem > half || (rem === half && (q & 1n) === 1n) ? q + 1n : q;
    case RM_RTZ: return q;
    case RM_RDN: return sign ? q + 1n : q;
    case RM_RUP: return sign ? q : q + 1n;
    case RM_RMM: return rem >= half ? q + 1n : q;
  }
  return q;
}

function packInf(fmt: number, sign: number): void {
  if (fmt === 0) { slowOut.lo = (sign << 31) | 0x7f800000; slowOut.hi = -1; }
  else { slowOut.lo = 0; slowOut.hi = (sign << 31) | 0x7ff00000; }
}

export function packZero(fmt: number, sign: number): void {
  if (fmt === 0) { slowOut.lo = sign << 31; slowOut.hi = -1; }
  else { slowOut.lo = 0; slowOut.hi = sign << 31; }
}

export function packNaN(fmt: number): void {
  if (fmt === 0) { slowOut.lo = CNAN32; slowOut.hi = -1; }
  else { slowOut.lo = 0; slowOut.hi = CNAN64_HI; }
}

function packMax(fmt: number, sign: number): void {
  if (fmt === 0) { slowOut.lo = (sign << 31) | 0x7f7fffff; slowOut.hi = -1; }
  else { slowOut.lo = -1; slowOut.hi = (sign << 31) | 0x7fefffff; }
}

/** Rounds (-1)^sign * m * 2^e (m > 0) into fmt under rm; writes slowOut and returns the flags raised. */
export function roundPack(fmt: number, sign: number, m: bigint, e: number, rm: number): number {
  if (m === 0n) { packZero(fmt, sign); return 0; }
  const p = PREC[fmt], emin = EMIN[fmt];
  const n = bitLen(m);
  const E = e + n - 1;
  let tiny = false;
  if (E < emin) {
    tiny = true;
    if (n > p) {  // round with an unbounded exponent: tiny unless it carries up to 2^emin
      const q = roundShift(m, n - p, rm, sign);
      if (q >> BigInt(p) !== 0n && E + 1 >= emin) tiny = false;
    }
  }
  let lsb = Math.max(E - (p - 1), emin - (p - 1));
  const shift = lsb - e;
  let q: bigint, inexact = false;
  if (shift > 0) {
    q = roundShift(m, shift, rm, sign);
    inexact = (m & ((1n << BigInt(shift)) - 1n)) !== 0n;
  } else {
    q = m << BigInt(-shift);
  }
  if (q >> BigInt(p) !== 0n) { q >>= 1n; lsb++; }
  let flags = inexact ? FFLAG_NX : 0;
  if (inexact && tiny) flags |= FFLAG_UF;
  if (q === 0n) { packZero(fmt, sign); return flags; }
  const hidden = 1n << BigInt(p - 1);
  let biased: number, frac: bigint;
  if (q < hidden) { biased = 0; frac = q; }
  else { biased = lsb + (p - 1) + BIAS[fmt]; frac = q - hidden; }
  if (biased >= EXPMAX[fmt]) {
    const toInf = rm === RM_RNE || rm === RM_RMM || (rm === RM_RUP && !sign) || (rm === RM_RDN && sign);
    if (toInf) packInf(fmt, sign); else packMax(fmt, sign);
    return FFLAG_OF | FFLAG_NX;
  }
  if (fmt === 0) {
    slowOut.lo = (sign << 31) | (biased << 23) | Number(frac);
    slowOut.hi = -1;
  } else {
    slowOut.lo = Number(frac & 0xffffffffn) | 0;
    slowOut.hi = (sign << 31) | (biased << 20) | Number(frac >> 32n);
  }
  return flags;
}

function isqrt(n: bigint): bigint {
  let x = BigInt(Math.ceil(Math.sqrt(Number(n)))) + 2n;
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) break;
    x = y;
  }
  while (x * x > n) x--;
  while ((x + 1n) * (x + 1n) <= n) x++;
  return x;
}

/** Exact sum of two finite values, rounded; an exact zero takes IEEE's sign rule. */
function addExact(fmt: number, sa: number, ma: bigint, ea: number, sb: number, mb: bigint, eb: number, rm: number): number {
  const e = Math.min(ea, eb);
  const va = (sa ? -ma : ma) << BigInt(ea - e);
  const vb = (sb ? -mb : mb) << BigInt(eb - e);
  const s = va + vb;
  if (s === 0n) {
    packZero(fmt, sa === sb && ma === 0n && mb === 0n ? sa : rm === RM_RDN ? 1 : 0);
    return 0;
  }
  return s < 0n ? roundPack(fmt, 1, -s, e, rm) : roundPack(fmt, 0, s, e, rm);
}

/**
 * Computes op on raw operand bits (singles in *lo; sign flips already applied by
 * the caller for sub and the negated FMAs) in mode rm; writes slowOut, returns flags.
 */
export function slowArith(fmt: number, op: number, rm: number,
  aLo: number, aHi: number, bLo: number, bHi: number, cLo: number, cHi: number): number {
  const A = unpack(fmt, aLo, aHi);
  const B = op === OP_SQRT ? A : unpack(fmt, bLo, bHi);
  const C = op === OP_FMA ? unpack(fmt, cLo, cHi) : A;
  const nan = (u: Unpacked) => u.cls >= CLS_QNAN;
  const inf = (u: Unpacked) => u.cls === CLS_INF;
  const zero = (u: Unpacked) => u.cls === CLS_ZERO;
  const anySNaN = A.cls === CLS_SNAN || B.cls === CLS_SNAN || C.cls === CLS_SNAN;
  switch (op) {
    case OP_ADD: {
      if (nan(A) || nan(B)) { packNaN(fmt); return anySNaN ? FFLAG_NV : 0; }
      if (inf(A) || inf(B)) {
        if (inf(A) && inf(B) && A.sign !== B.sign) { packNaN(fmt); return FFLAG_NV; }
        packInf(fmt, inf(A) ? A.sign : B.sign); return 0;
      }
      return addExact(fmt, A.sign, A.m, A.e, B.sign, B.m, B.e, rm);
    }
    case OP_MUL: {
      if (nan(A) || nan(B)) { packNaN(fmt); return anySNaN ? FFLAG_NV : 0; }
      const s = A.sign ^ B.sign;
      if (inf(A) || inf(B)) {
        if (zero(A) || zero(B)) { packNaN(fmt); return FFLAG_NV; }
        packInf(fmt, s); return 0;
      }
      if (zero(A) || zero(B)) { packZero(fmt, s); return 0; }
      return roundPack(fmt, s, A.m * B.m, A.e + B.e, rm);
    }
    case OP_DIV: {
      if (nan(A) || nan(B)) { packNaN(fmt); return anySNaN ? FFLAG_NV : 0; }
      const s = A.sign ^ B.sign;
      if (inf(A)) {
        if (inf(B)) { packNaN(fmt); return FFLAG_NV; }
        packInf(fmt, s); return 0;
      }
      if (inf(B)) { packZero(fmt, s); return 0; }
      if (zero(B)) {
        if (zero(A)) { packNaN(fmt); return FFLAG_NV; }
        packInf(fmt, s); return FFLAG_DZ;
      }
      if (zero(A)) { packZero(fmt, s); return 0; }
      const k = Math.max(0, PREC[fmt] + 3 + bitLen(B.m) - bitLen(A.m));
      const num = A.m << BigInt(k);
      const q = num / B.m, r = num % B.m;
      return roundPack(fmt, s, (q << 1n) | (r === 0n ? 0n : 1n), A.e - B.e - k - 1, rm);
    }
    case OP_SQRT: {
      if (nan(A)) { packNaN(fmt); return anySNaN ? FFLAG_NV : 0; }
      if (zero(A)) { packZero(fmt, A.sign); return 0; }
      if (A.sign) { packNaN(fmt); return FFLAG_NV; }
      if (inf(A)) { packInf(fmt, 0); return 0; }
      let m = A.m, e = A.e;
      if (e & 1) { m <<= 1n; e -= 1; }
      const k = Math.max(0, Math.ceil((2 * (PREC[fmt] + 3) - bitLen(m)) / 2));
      const M = m << BigInt(2 * k);
      const r = isqrt(M);
      return roundPack(fmt, 0, (r << 1n) | (r * r === M ? 0n : 1n), (e - 2 * k) / 2 - 1, rm);
    }
    case OP_FMA: {
      const invalidProd = (inf(A) && zero(B)) || (zero(A) && inf(B));
      if (nan(A) || nan(B) || nan(C)) { packNaN(fmt); return anySNaN || invalidProd ? FFLAG_NV : 0; }
      if (invalidProd) { packNaN(fmt); return FFLAG_NV; }
      const ps = A.sign ^ B.sign;
      if (inf(A) || inf(B)) {
        if (inf(C) && C.sign !== ps) { packNaN(fmt); return FFLAG_NV; }
        packInf(fmt, ps); return 0;
      }
      if (inf(C)) { packInf(fmt, C.sign); return 0; }
      return addExact(fmt, ps, A.m * B.m, A.e + B.e, C.sign, C.m, C.e, rm);
    }
  }
  packNaN(fmt);
  return 0;
}
