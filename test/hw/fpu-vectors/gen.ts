// Seeded operand generators for the FPU differential test: edge values of
// binary32/binary64 (signed zeros, infinities, quiet and signaling NaNs,
// subnormal and normal limits, integer-conversion boundaries) and random
// operands of several shapes (raw bits, moderate exponents, extreme exponents,
// short significands that make exact results and ties, near-integers, close
// pairs for cancellation, FMA addends that nearly cancel the product).
import { S } from './enc.js';

/** mulberry32: a small deterministic PRNG. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

const f64b = new Float64Array(1), u64b = new BigUint64Array(f64b.buffer);
const f32b = new Float32Array(1), u32b = new Uint32Array(f32b.buffer);
export const bitsOfD = (v: number): bigint => { f64b[0] = v; return u64b[0]; };
export const dOfBits = (b: bigint): number => { u64b[0] = b; return f64b[0]; };
export const bitsOfS = (v: number): number => { f32b[0] = v; return u32b[0]; };
export const sOfBits = (b: number): number => { u32b[0] = b; return f32b[0]; };
const BOX = 0xffffffff00000000n;
export const boxS = (b: number): bigint => BOX | BigInt(b >>> 0);

const intEdges = [0, 0.25, 0.5, 0.75, 1, 1.5, 2.5, 3, 3.5, 2 ** 24, 2 ** 24 + 1, 2 ** 31 - 1, 2 ** 31 - 0.5, 2 ** 31,
  2 ** 31 + 0.5, 2 ** 31 + 1, 2 ** 32 - 1, 2 ** 32 - 0.5, 2 ** 32, 2 ** 32 + 1, 2 ** 53, 2 ** 53 + 2, 2 ** 63 - 1024, 2 ** 63,
  2 ** 63 + 2048, 2 ** 64 - 2048, 2 ** 64, 2 ** 64 + 4096, 1e300, 2 ** 31 - 128, 2 ** 32 - 256, 2 ** 63 - 2 ** 39, 2 ** 64 - 2 ** 40];

/** Edge operands of fmt as 64-bit register patterns (singles NaN-boxed). */
export function edges(fmt: number): bigint[] {
  const out: bigint[] = [];
  if (fmt === S) {
    const raw = [0, 0x7f800000, 0x7fc00000, 0x7fc00001, 0x7fffffff, 0x7f800001, 0x7fa00000, 0x7fbfffff, 1, 0x007fffff,
      0x00800000, 0x00800001, 0x7f7fffff, 0x7f7ffffe, 0x3f800000, 0x3f800001, 0x3f7fffff, 0x34000000, 0x00400000, 0x0ca00000];
    for (const b of raw) { out.push(boxS(b)); out.push(boxS((b | 0x80000000) >>> 0)); }
    for (const v of intEdges) {
      out.push(boxS(bitsOfS(v))); out.push(boxS(bitsOfS(-v)));
      out.push(boxS(bitsOfS(v) + 1)); out.push(boxS((bitsOfS(-v) + 1) >>> 0));
    }
    out.push(0x000000003f800000n, 0x7fffffff3f800000n, 0xfffffffe7fc00000n);  // not NaN-boxed
  } else {
    const raw = [0n, 0x7ff0000000000000n, 0x7ff8000000000000n, 0x7ff8000000000001n, 0x7fffffffffffffffn, 0x7ff0000000000001n,
      0x7ff4000000000000n, 1n, 0x000fffffffffffffn, 0x0010000000000000n, 0x0010000000000001n, 0x7fefffffffffffffn,
      0x3ff0000000000000n, 0x3ff0000000000001n, 0x3fefffffffffffffn, 0x0008000000000000n, 0x3ca0000000000000n,
      0x47efffffe0000000n, 0x47efffff_f0000000n, 0x47f0000000000000n, 0x3810000000000000n, 0x380fffffffffffffn,
      0x36a0000000000000n, 0x3690000000000000n, 0x3690000000000001n, 0x36affffffffffffen, 0x380ffffff0000000n];
    for (const b of raw) { out.push(b); out.push(b | 0x8000000000000000n); }
    for (const v of intEdges) {
      out.push(bitsOfD(v)); out.push(bitsOfD(-v));
      out.push(bitsOfD(v) + 1n); out.push(bitsOfD(-v) + 1n);
    }
  }
  return out;
}

/** A random operand of fmt. */
export function randomOperand(fmt: number, r: () => number): bigint {
  const kind = r() % 8;
  const sign = r() & 1;
  if (fmt === S) {
    let b: number;
    switch (kind) {
      case 0: b = r(); break;
      case 1: case 2: b = (((127 - 20 + (r() % 41)) << 23) | (r() & 0x7fffff)) >>> 0; break;
      case 3: b = ((r() % 2 ? (r() % 30) : (225 + (r() % 30))) << 23 | (r() & 0x7fffff)) >>> 0; break;
      case 4: b = ((127 - 10 + (r() % 21)) << 23 | (r() & (0x7fffff << (r() % 23)) & 0x7fffff)) >>> 0; break;
      case 5: { const v = (r() % (1 << (r() % 31))) + [0, 0.5, 0.25, 0.75, 0.5][r() % 5]; b = bitsOfS(v); break; }
      case 6: b = r() & 0x7fffff; break;                                    // subnormal
      default: b = bitsOfS(edgesNum[r() % edgesNum.length] * (1 + (r() % 5 - 2) * 2 ** -23)); break;
    }
    b = sign ? (b | 0x80000000) >>> 0 : b & 0x7fffffff;
    if (r() % 64 === 0) return (BigInt(r() & 0xfffffffe) << 32n) | BigInt(b);  // NaN-boxing violation
    return boxS(b);
  }
  const mant = (BigInt(r() & 0xfffff) << 32n) | BigInt(r());
  let b: bigint;
  switch (kind) {
    case 0: b = (BigInt(r()) << 32n) | BigInt(r()); break;
    case 1: case 2: b = (BigInt(1023 - 30 + (r() % 61)) << 52n) | mant; break;
    case 3: b = (BigInt(r() % 2 ? r() % 60 : 1990 + (r() % 57)) << 52n) | mant; break;
    case 4: b = (BigInt(1023 - 10 + (r() % 21)) << 52n) | (mant & ((0xfffffffffffffn << BigInt(r() % 52)) & 0xfffffffffffffn)); break;
    case 5: { const v = Math.floor((r() / 2 ** 32) * 2 ** (r() % 66)) + [0, 0.5, 0.25, 0.75, 0.5][r() % 5]; b = bitsOfD(v); break; }
    case 6: b = mant; break;
    default: b = bitsOfD(edgesNum[r() % edgesNum.length]) + BigInt(r() % 5) - 2n; break;
  }
  return sign ? b | 0x8000000000000000n : b & 0x7fffffffffffffffn;
}
const edgesNum = intEdges.filter((v) => v > 0);

/** An operand close to a (same or nearby exponent), for cancellation and ties. */
export function nearOperand(fmt: number, a: bigint, r: () => number): bigint {
  const flip = r() & 1;
  if (fmt === S) {
    const lo = Number(a & 0xffffffffn);
    const exp = ((lo >>> 23) & 0xff) + (r() % 5) - 2;
    let b = ((Math.max(0, Math.min(254, exp)) << 23) | (r() % 2 ? lo & 0x7fffff : (lo ^ (r() & 0xff)) & 0x7fffff)) >>> 0;
    if (flip) b = (b | 0x80000000) >>> 0; else b |= lo & 0x80000000;
    return boxS(b >>> 0);
  }
  const exp = Number((a >> 52n) & 0x7ffn) + (r() % 60) - 30;
  const m = r() % 2 ? a & 0xfffffffffffffn : (a ^ BigInt(r() & 0xffff)) & 0xfffffffffffffn;
  const b = (BigInt(Math.max(0, Math.min(2046, exp))) << 52n) | m;
  return flip ? b ^ (a & 0x8000000000000000n) ^ 0x8000000000000000n : b | (a & 0x8000000000000000n);
}

/** An FMA addend that nearly cancels a*b (within a few ulps), or null if a*b is not finite. */
export function cancellingAddend(fmt: number, a: bigint, b: bigint, r: () => number): bigint | null {
  if (fmt === S) {
    const p = Math.fround(sOfBits(Number(a & 0xffffffffn)) * sOfBits(Number(b & 0xffffffffn)));
    if (!Number.isFinite(p)) return null;
    return boxS((bitsOfS(-p) + (r() % 7) - 3) >>> 0);
  }
  const p = dOfBits(a) * dOfBits(b);
  if (!Number.isFinite(p) || p === 0) return null;
  return bitsOfD(-p) + BigInt(r() % 7) - 3n;
}

/** A random integer register value (64 bits) of a shape useful for fcvt.fmt.int and fmv. */
export function randomInt(r: () => number): bigint {
  const k = r() % 6;
  let v: bigint;
  switch (k) {
    case 0: v = (BigInt(r()) << 32n) | BigInt(r()); break;
    case 1: v = BigInt.asIntN(64, BigInt(r() | 0)); break;
    case 2: { const bits = r() % 64; v = ((BigInt(r()) << 32n) | BigInt(r())) & ((1n << BigInt(bits)) - 1n); break; }
    case 3: v = [2n ** 24n, 2n ** 31n, 2n ** 32n, 2n ** 53n, 2n ** 63n, 2n ** 64n, 2n ** 25n, 2n ** 54n][r() % 8] + BigInt(r() % 9) - 4n; break;
    case 4: v = BigInt(r() % 100); break;
    default: v = ((BigInt(r()) << 32n) | BigInt(r())) >> BigInt(r() % 64); break;
  }
  if (r() & 1) v = -v;
  return BigInt.asUintN(64, v);
}
