// Scalar ALU transfer functions (Linux adjust_scalar_min_max_vals and the
// scalar(32)_min_max_* family, re-derived): each operation updates the tnum and
// the signed/unsigned 64- and 32-bit ranges of dst from dst and src, then the
// ranges are re-synchronised. Constant operands are folded exactly with the
// reference semantics of RFC 9669 (aluEval).
import {
  BPF_ADD, BPF_AND, BPF_ARSH, BPF_DIV, BPF_LSH, BPF_MOD, BPF_MOV, BPF_MUL, BPF_NEG, BPF_OR, BPF_RSH, BPF_SUB, BPF_XOR,
} from '../isa.js';
import {
  TNUM_UNKNOWN, U32, U64, type Tnum, tnumAdd, tnumAnd, tnumArshift, tnumCast, tnumIsConst, tnumLshift, tnumMul, tnumOr,
  tnumRshift, tnumSub, tnumSubreg, tnumXor,
} from './tnum.js';
import { type Reg, S32_MAX, S32_MIN, S64_MAX, S64_MIN, markKnown, markVarUnbounded, regBoundsSync, zext32 } from './reg.js';

const s64 = (x: bigint): bigint => BigInt.asIntN(64, x);
const s32 = (x: bigint): bigint => BigInt.asIntN(32, x);

/** The concrete result of an ALU operation on unsigned 64-bit inputs (RFC 9669), as unsigned 64. */
export function aluEval(op: number, a: bigint, b: bigint, is32: boolean, signed: boolean): bigint {
  const bits = is32 ? 32 : 64;
  const m = is32 ? U32 : U64;
  if (a < 0n || a > m) a &= m;
  if (b < 0n || b > m) b &= m;
  let r: bigint;
  switch (op) {
    case BPF_ADD: r = a + b; break;
    case BPF_SUB: r = a - b; break;
    case BPF_MUL: r = a * b; break;
    case BPF_DIV: r = b === 0n ? 0n : signed ? BigInt.asIntN(bits, a) / BigInt.asIntN(bits, b) : a / b; break;
    case BPF_MOD: r = b === 0n ? a : signed ? BigInt.asIntN(bits, a) % BigInt.asIntN(bits, b) : a % b; break;
    case BPF_OR: r = a | b; break;
    case BPF_AND: r = a & b; break;
    case BPF_XOR: r = a ^ b; break;
    case BPF_LSH: r = a << (b & BigInt(bits - 1)); break;
    case BPF_RSH: r = a >> (b & BigInt(bits - 1)); break;
    case BPF_ARSH: r = BigInt.asIntN(bits, a) >> (b & BigInt(bits - 1)); break;
    case BPF_NEG: r = -a; break;
    case BPF_MOV: r = b; break;
    default: r = 0n;
  }
  return r >= 0n && r <= m ? r : r & m;
}

interface B { smin: bigint; smax: bigint; umin: bigint; umax: bigint }

const get64 = (r: Reg): B => ({ smin: r.smin, smax: r.smax, umin: r.umin, umax: r.umax });
const get32 = (r: Reg): B => ({ smin: r.s32min, smax: r.s32max, umin: r.u32min, umax: r.u32max });

/** Range transfer for one width; returns null when the result is unbounded in that width. */
function rangeOp(op: number, d: B, s: B, bits: 32 | 64, res: Tnum): B | null {
  const SMIN = bits === 64 ? S64_MIN : S32_MIN;
  const SMAX = bits === 64 ? S64_MAX : S32_MAX;
  const UMAX = bits === 64 ? U64 : U32;
  const o: B = { smin: SMIN, smax: SMAX, umin: 0n, umax: UMAX };
  const t = bits === 64 ? res : tnumSubreg(res);
  switch (op) {
    case BPF_ADD: {
      const lo = d.smin + s.smin; const hi = d.smax + s.smax;
      if (lo >= SMIN && hi <= SMAX) { o.smin = lo; o.smax = hi; }
      if (d.umax + s.umax <= UMAX) { o.umin = d.umin + s.umin; o.umax = d.umax + s.umax; }
      return o;
    }
    case BPF_SUB: {
      const lo = d.smin - s.smax; const hi = d.smax - s.smin;
      if (lo >= SMIN && hi <= SMAX) { o.smin = lo; o.smax = hi; }
      if (d.umin >= s.umax) { o.umin = d.umin - s.umax; o.umax = d.umax - s.umin; }
      return o;
    }
    case BPF_MUL: {
      const lim = bits === 64 ? U32 : 0xffffn;
      if (d.smin < 0n || s.smin < 0n || d.umax > lim || s.umax > lim) return o;
      o.umin = d.umin * s.umin; o.umax = d.umax * s.umax;
      if (o.umax <= SMAX) { o.smin = o.umin; o.smax = o.umax; }
      return o;
    }
    case BPF_AND: {
      o.umin = t.value;
      o.umax = d.umax < s.umax ? d.umax : s.umax;
      if (d.smin >= 0n && s.smin >= 0n) { o.smin = o.umin; o.smax = o.umax; }
      return o;
    }
    case BPF_OR: {
      o.umin = d.umin > s.umin ? d.umin : s.umin;
      o.umax = t.value | t.mask;
      if (d.smin >= 0n && s.smin >= 0n) { o.smin = o.umin; o.smax = o.umax; }
      return o;
    }
    case BPF_XOR: {
      o.umin = t.value;
      o.umax = t.value | t.mask;
      if (d.smin >= 0n && s.smin >= 0n) { o.smin = o.umin; o.smax = o.umax; }
      return o;
    }
    case BPF_LSH: {
      // Only a constant shift reaches here.
      const k = s.umin;
      if (d.umax > (UMAX >> k)) return o;
      o.umin = d.umin << k; o.umax = d.umax << k;
      if (o.umax <= SMAX) { o.smin = o.umin; o.smax = o.umax; }
      return o;
    }
    case BPF_RSH: {
      const k = s.umin;
      o.umin = d.umin >> k; o.umax = d.umax >> k;
      if (o.umax <= SMAX) { o.smin = o.umin; o.smax = o.umax; }
      return o;
    }
    case BPF_ARSH: {
      const k = s.umin;
      o.smin = d.smin >> k; o.smax = d.smax >> k;
      return o;
    }
    default:
      return o;
  }
}

function put64(r: Reg, b: B): void { r.smin = b.smin; r.smax = b.smax; r.umin = b.umin; r.umax = b.umax; }
function put32(r: Reg, b: B): void { r.s32min = b.smin; r.s32max = b.smax; r.u32min = b.umin; r.u32max = b.umax; }

/**
 * dst = dst OP src on scalars. `src` is a scalar register (a constant one for the
 * immediate form). `signed` selects sdiv/smod (off=1). Returns nothing: dst is updated in place.
 */
export function scalarAlu(dst: Reg, src: Reg, op: number, is32: boolean, signed: boolean): void {
  const dConst = tnumIsConst(dst.var);
  const sConst = tnumIsConst(src.var);
  if (op === BPF_NEG) {
    if (dConst) markKnown(dst, aluEval(op, dst.var.value, 0n, is32, false));
    else markVarUnbounded(dst);
    return;
  }
  if (dConst && sConst) {
    markKnown(dst, aluEval(op, dst.var.value, src.var.value, is32, signed));
    return;
  }
  const bits = is32 ? 32 : 64;
  // Shift amounts must be known and in range; otherwise nothing is known of the result.
  const isShift = op === BPF_LSH || op === BPF_RSH || op === BPF_ARSH;
  if (isShift && (!sConst || (src.var.value & (is32 ? U32 : U64)) >= BigInt(bits))) {
    markVarUnbounded(dst);
    if (is32) zext32(dst);
    return;
  }
  if (op === BPF_DIV || op === BPF_MOD) {
    const sv = src.var.value & (is32 ? U32 : U64);
    markVarUnbounded(dst);
    if (op === BPF_MOD && sConst && sv !== 0n && !signed) {
      // x % k < k for unsigned x and k != 0.
      if (is32) { dst.u32max = sv - 1n; zext32(dst); } else { dst.umax = sv - 1n; regBoundsSync(dst); }
      return;
    }
    if (is32) zext32(dst);
    return;
  }
  const a = is32 ? tnumSubreg(dst.var) : dst.var;
  const b = is32 ? tnumSubreg(src.var) : src.var;
  const k = Number(src.var.value & 63n);
  let t: Tnum;
  switch (op) {
    case BPF_ADD: t = tnumAdd(a, b); break;
    case BPF_SUB: t = tnumSub(a, b); break;
    case BPF_MUL: t = tnumMul(a, b); break;
    case BPF_AND: t = tnumAnd(a, b); break;
    case BPF_OR: t = tnumOr(a, b); break;
    case BPF_XOR: t = tnumXor(a, b); break;
    case BPF_LSH: t = tnumLshift(a, k); break;
    case BPF_RSH: t = tnumRshift(a, k); break;
    case BPF_ARSH: t = tnumArshift(a, k, bits); break;
    default: t = TNUM_UNKNOWN;
  }
  if (is32) {
    t = tnumCast(t, 4);
    const r32 = rangeOp(op, get32(dst), get32(src), 32, t);
    markVarUnbounded(dst);
    dst.var = t;
    if (r32 !== null) put32(dst, r32);
    zext32(dst);
    return;
  }
  // 64-bit: both widths are computed from their own ranges where the low half of the result depends only on the low halves.
  const lowOnly = op === BPF_ADD || op === BPF_SUB || op === BPF_MUL || op === BPF_AND || op === BPF_OR || op === BPF_XOR;
  const r64 = rangeOp(op, get64(dst), get64(src), 64, t);
  const r32 = lowOnly ? rangeOp(op, get32(dst), get32(src), 32, t) : null;
  markVarUnbounded(dst);
  dst.var = t;
  if (r64 !== null) put64(dst, r64);
  if (r32 !== null) put32(dst, r32);
  regBoundsSync(dst);
}

/** dst = sign-extension of the low `bits` of src (movsx), or a 32-bit mov when bits = 32 and is32. */
export function scalarMovsx(dst: Reg, src: Reg, bits: number, is32: boolean): void {
  if (tnumIsConst(src.var)) {
    const v = BigInt.asIntN(bits, src.var.value);
    markKnown(dst, is32 ? v & U32 : v);
    return;
  }
  markVarUnbounded(dst);
  const lo = -(1n << BigInt(bits - 1)); const hi = (1n << BigInt(bits - 1)) - 1n;
  if (is32) { dst.s32min = lo; dst.s32max = hi; zext32(dst); return; }
  dst.smin = lo; dst.smax = hi;
  regBoundsSync(dst);
}

/** dst after a byte swap or endianness conversion of width bits (le truncates on our little-endian model). */
export function scalarEnd(dst: Reg, swap: boolean, bits: number): void {
  if (tnumIsConst(dst.var)) {
    let v = dst.var.value & ((1n << BigInt(bits)) - 1n);
    if (swap) {
      let r = 0n;
      for (let i = 0; i < bits / 8; i++) { r = (r << 8n) | (v & 0xffn); v >>= 8n; }
      v = r;
    }
    markKnown(dst, v);
    return;
  }
  if (!swap) {
    dst.var = tnumCast(dst.var, bits / 8);
    dst.smin = S64_MIN; dst.smax = S64_MAX; dst.umin = 0n; dst.umax = U64;
    dst.s32min = S32_MIN; dst.s32max = S32_MAX; dst.u32min = 0n; dst.u32max = U32;
    regBoundsSync(dst);
    return;
  }
  markVarUnbounded(dst);
  if (bits < 64) { dst.var = tnumCast(TNUM_UNKNOWN, bits / 8); regBoundsSync(dst); }
}

export { s32, s64 };
