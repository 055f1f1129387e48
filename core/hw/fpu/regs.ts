// The floating-point register file of the hart (f0..f31, fflags, frm) and the
// NaN-boxing rules for reading and writing singles. One 256-byte buffer is seen
// as Float64Array, Float32Array and Int32Array so that arithmetic reads values
// while sNaN detection and moves read raw bits (a JS double may quiet a NaN).
// The host is assumed little-endian (i32[2*i] is the low word of f[i]).

export class FpRegs {
  readonly f64: Float64Array;  // 32 entries
  readonly f32: Float32Array;  // f32[2*i] is the single in f[i]'s low half
  readonly i32: Int32Array;    // i32[2*i] = low bits, i32[2*i+1] = high bits of f[i]
  fflags = 0;                  // NX 1, UF 2, OF 4, DZ 8, NV 16
  frm = 0;                     // 0..7

  constructor() {
    const buf = new ArrayBuffer(256);
    this.f64 = new Float64Array(buf);
    this.f32 = new Float32Array(buf);
    this.i32 = new Int32Array(buf);
  }
}

export const FFLAG_NX = 1, FFLAG_UF = 2, FFLAG_OF = 4, FFLAG_DZ = 8, FFLAG_NV = 16;
export const RM_RNE = 0, RM_RTZ = 1, RM_RDN = 2, RM_RUP = 3, RM_RMM = 4, RM_DYN = 7;

/** Canonical NaNs: binary32 bits, and the high word of binary64 (low word 0). */
export const CNAN32 = 0x7fc00000, CNAN64_HI = 0x7ff80000;

/** Writes single-precision bits NaN-boxed into f[rd]. */
export function setF32Bits(F: FpRegs, rd: number, bits: number): void {
  F.i32[2 * rd] = bits | 0;
  F.i32[2 * rd + 1] = -1;
}

/** Writes raw double-precision bits into f[rd]. */
export function setF64Bits(F: FpRegs, rd: number, lo: number, hi: number): void {
  F.i32[2 * rd] = lo | 0;
  F.i32[2 * rd + 1] = hi | 0;
}

/** Bits of the single held in f[r]: the canonical NaN when f[r] is not properly NaN-boxed. */
export function f32BitsOf(F: FpRegs, r: number): number {
  return F.i32[2 * r + 1] === -1 ? F.i32[2 * r] : CNAN32;
}

/** True when binary32 bits encode a signaling NaN. */
export function isSNaN32(b: number): boolean {
  return (b & 0x7fc00000) === 0x7f800000 && (b & 0x003fffff) !== 0;
}

/** True when binary64 bits (lo, hi) encode a signaling NaN. */
export function isSNaN64(lo: number, hi: number): boolean {
  return (hi & 0x7ff80000) === 0x7ff00000 && ((hi & 0x0007ffff) | lo) !== 0;
}
