// Tristate numbers (Linux kernel/bpf/tnum.c, re-derived): a 64-bit value whose
// bits are each known-0, known-1 or unknown. `value` holds the known-1 bits and
// `mask` the unknown ones (value & mask is always 0). All values are unsigned
// 64-bit BigInts in [0, 2^64); the verifier works on cold paths per abstract
// instruction, so BigInt keeps the arithmetic obviously exact.

export interface Tnum { readonly value: bigint; readonly mask: bigint }

export const U64 = (1n << 64n) - 1n;
export const U32 = (1n << 32n) - 1n;

export const tnum = (value: bigint, mask: bigint): Tnum => ({ value: value & ~mask & U64, mask: mask & U64 });
export const tnumConst = (v: bigint): Tnum => ({ value: v & U64, mask: 0n });
export const TNUM_UNKNOWN: Tnum = { value: 0n, mask: U64 };

/** Highest set bit position + 1 (0 for 0). */
function fls64(x: bigint): number { return x === 0n ? 0 : x.toString(2).length; }

/** The smallest tnum containing every value in [min, max] (unsigned). */
export function tnumRange(min: bigint, max: bigint): Tnum {
  const chi = min ^ max;
  const bits = fls64(chi);
  if (bits > 63) return TNUM_UNKNOWN;
  const delta = (1n << BigInt(bits)) - 1n;
  return { value: min & ~delta, mask: delta };
}

export const tnumIsConst = (a: Tnum): boolean => a.mask === 0n;
export const tnumIsUnknown = (a: Tnum): boolean => a.mask === U64;
export const tnumEquals = (a: Tnum, b: Tnum): boolean => a.value === b.value && a.mask === b.mask;

export const tnumLshift = (a: Tnum, s: number): Tnum =>
  ({ value: (a.value << BigInt(s)) & U64, mask: (a.mask << BigInt(s)) & U64 });
export const tnumRshift = (a: Tnum, s: number): Tnum =>
  ({ value: a.value >> BigInt(s), mask: a.mask >> BigInt(s) });

/** Arithmetic right shift of the low `bits` (32 or 64) bits; the result is zero-extended to 64. */
export function tnumArshift(a: Tnum, s: number, bits: 32 | 64): Tnum {
  const b = BigInt(bits);
  const m = bits === 32 ? U32 : U64;
  const v = BigInt.asIntN(bits, a.value) >> BigInt(s);
  const k = BigInt.asIntN(bits, a.mask) >> BigInt(s);
  void b;
  return { value: v & m, mask: k & m };
}

export function tnumAdd(a: Tnum, b: Tnum): Tnum {
  const sm = (a.mask + b.mask) & U64;
  const sv = (a.value + b.value) & U64;
  const sigma = (sm + sv) & U64;
  const chi = sigma ^ sv;
  const mu = chi | a.mask | b.mask;
  return { value: sv & ~mu & U64, mask: mu };
}

export function tnumSub(a: Tnum, b: Tnum): Tnum {
  const dv = (a.value - b.value) & U64;
  const alpha = (dv + a.mask) & U64;
  const beta = (dv - b.mask) & U64;
  const chi = alpha ^ beta;
  const mu = chi | a.mask | b.mask;
  return { value: dv & ~mu & U64, mask: mu };
}

export function tnumAnd(a: Tnum, b: Tnum): Tnum {
  const alpha = a.value | a.mask;
  const beta = b.value | b.mask;
  const v = a.value & b.value;
  return { value: v, mask: alpha & beta & ~v & U64 };
}

export function tnumOr(a: Tnum, b: Tnum): Tnum {
  const v = a.value | b.value;
  const mu = a.mask | b.mask;
  return { value: v, mask: mu & ~v & U64 };
}

export function tnumXor(a: Tnum, b: Tnum): Tnum {
  const v = a.value ^ b.value;
  const mu = a.mask | b.mask;
  return { value: v & ~mu & U64, mask: mu };
}

/** Multiplication by shift-and-add over the bits of `a` (Linux's newer tnum_mul). */
export function tnumMul(a: Tnum, b: Tnum): Tnum {
  const accV = (a.value * b.value) & U64;
  let accM: Tnum = { value: 0n, mask: 0n };
  let x = a;
  let y = b;
  while (x.value !== 0n || x.mask !== 0n) {
    if ((x.value & 1n) !== 0n) accM = tnumAdd(accM, { value: 0n, mask: y.mask });
    else if ((x.mask & 1n) !== 0n) accM = tnumAdd(accM, { value: 0n, mask: (y.value | y.mask) & U64 });
    x = tnumRshift(x, 1);
    y = tnumLshift(y, 1);
  }
  return tnumAdd({ value: accV, mask: 0n }, accM);
}

/** Values that are in both a and b (a and b must describe the same value). */
export function tnumIntersect(a: Tnum, b: Tnum): Tnum {
  const v = a.value | b.value;
  const mu = a.mask & b.mask;
  return { value: v & ~mu & U64, mask: mu };
}

/** Truncation to `size` bytes. */
export function tnumCast(a: Tnum, size: number): Tnum {
  const m = size >= 8 ? U64 : (1n << BigInt(size * 8)) - 1n;
  return { value: a.value & m, mask: a.mask & m };
}

export const tnumIsAligned = (a: Tnum, size: number): boolean =>
  size === 0 || ((a.value | a.mask) & BigInt(size - 1)) === 0n;

/** True when every value of b is a value of a. */
export function tnumIn(a: Tnum, b: Tnum): boolean {
  if ((b.mask & ~a.mask) !== 0n) return false;
  return a.value === (b.value & ~a.mask);
}

export const tnumSubreg = (a: Tnum): Tnum => tnumCast(a, 4);
export const tnumClearSubreg = (a: Tnum): Tnum => tnumLshift(tnumRshift(a, 32), 32);
export const tnumWithSubreg = (reg: Tnum, subreg: Tnum): Tnum => tnumOr(tnumClearSubreg(reg), tnumSubreg(subreg));
export const tnumConstSubreg = (a: Tnum, v: bigint): Tnum => tnumWithSubreg(a, tnumConst(v & U32));
/** True when some value is in both. */
export const tnumOverlap = (a: Tnum, b: Tnum): boolean => ((a.value ^ b.value) & ~(a.mask | b.mask) & U64) === 0n;

/** Linux's notation: a constant prints as its value, otherwise (value; mask). */
export function tnumStr(a: Tnum): string {
  if (a.mask === 0n) return '0x' + a.value.toString(16);
  return `(0x${a.value.toString(16)}; 0x${a.mask.toString(16)})`;
}
