// The M extension's 64-bit operations on (lo, hi) int32 register pairs:
// MUL/MULH/MULHSU/MULHU via 16-bit limbs (exact in doubles), DIV/DIVU/REM/REMU
// by an exact unsigned 64/64 division on uint32 halves (no BigInt; see
// udivmod) with the signs applied around it. Each function reads
// rs1/rs2 pair indices from x and writes the rd pair (rd != 0 is checked by
// the caller). Division by zero and INT64_MIN / -1 follow the spec's table.

const TWO32 = 4294967296;

/** High 32 bits of the unsigned 64-bit product of two uint32 (given as int32). */
export function mulhu32(a: number, b: number): number {
  const a0 = a & 0xffff, a1 = a >>> 16, b0 = b & 0xffff, b1 = b >>> 16;
  const m1 = a1 * b0, m2 = a0 * b1;
  const mid = ((a0 * b0) >>> 16) + (m1 & 0xffff) + (m2 & 0xffff);
  return (a1 * b1 + (m1 >>> 16) + (m2 >>> 16) + (mid >>> 16)) | 0;
}

/** MUL: low 64 bits of the product. */
export function mul64(x: Int32Array, rd: number, r1: number, r2: number): void {
  const alo = x[r1], ahi = x[r1 + 1], blo = x[r2], bhi = x[r2 + 1];
  const hi = (mulhu32(alo, blo) + Math.imul(alo, bhi) + Math.imul(ahi, blo)) | 0;
  x[rd] = Math.imul(alo, blo);
  x[rd + 1] = hi;
}

/** Upper 64 bits of the product; mode 0 = MULHU, 1 = MULH (signed x signed), 2 = MULHSU (signed x unsigned). */
export function mulh64(x: Int32Array, rd: number, r1: number, r2: number, mode: number): void {
  const alo = x[r1], ahi = x[r1 + 1], blo = x[r2], bhi = x[r2 + 1];
  const p0hi = mulhu32(alo, blo) >>> 0;
  const p1lo = Math.imul(alo, bhi) >>> 0, p1hi = mulhu32(alo, bhi) >>> 0;
  const p2lo = Math.imul(ahi, blo) >>> 0, p2hi = mulhu32(ahi, blo) >>> 0;
  const p3lo = Math.imul(ahi, bhi) >>> 0, p3hi = mulhu32(ahi, bhi) >>> 0;
  const s1 = p0hi + p1lo + p2lo;
  const s2 = p1hi + p2hi + p3lo + Math.floor(s1 / TWO32);
  let rlo = s2 | 0;
  let rhi = (p3hi + Math.floor(s2 / TWO32)) | 0;
  // Signed corrections: a negative signed operand contributes -(other) << 64.
  if (mode !== 0 && ahi < 0) {
    const lo = (rlo - blo) | 0;
    rhi = (rhi - bhi - ((rlo >>> 0) < (blo >>> 0) ? 1 : 0)) | 0; rlo = lo;
  }
  if (mode === 1 && bhi < 0) {
    const lo = (rlo - alo) | 0;
    rhi = (rhi - ahi - ((rlo >>> 0) < (alo >>> 0) ? 1 : 0)) | 0; rlo = lo;
  }
  x[rd] = rlo; x[rd + 1] = rhi;
}

/** Quotient and remainder of the last udivmod: [qlo, qhi, rlo, rhi] as uint32 values. */
const qr = new Float64Array(4);

/**
 * Unsigned 64 / 64 division on uint32 halves (b != 0), exact, without BigInt:
 * a divisor below 2^32 divides in 32/16/16-bit steps (every partial value below
 * 2^48); a wider divisor has a quotient below 2^32, estimated in doubles and
 * corrected against the exact 96-bit product q * b.
 */
function udivmod(alo: number, ahi: number, blo: number, bhi: number): void {
  if (bhi === 0) {
    const qh = Math.floor(ahi / blo);
    let r = ahi - qh * blo;
    let t = r * 65536 + (alo >>> 16);
    const q1 = Math.floor(t / blo);
    r = t - q1 * blo;
    t = r * 65536 + (alo & 0xffff);
    const q0 = Math.floor(t / blo);
    qr[0] = q1 * 65536 + q0; qr[1] = qh; qr[2] = t - q0 * blo; qr[3] = 0;
    return;
  }
  let q = Math.floor((ahi * TWO32 + alo) / (bhi * TWO32 + blo));
  if (q > 0xffffffff) q = 0xffffffff;
  for (;;) {
    const qi = q | 0;
    const s1 = (mulhu32(qi, blo) >>> 0) + (Math.imul(qi, bhi) >>> 0);
    const w0 = Math.imul(qi, blo) >>> 0;
    const w1 = s1 % TWO32;
    const w2 = (mulhu32(qi, bhi) >>> 0) + (s1 >= TWO32 ? 1 : 0);
    if (w2 > 0 || w1 > ahi || (w1 === ahi && w0 > alo)) { q--; continue; } // q * b > a
    let rlo = alo - w0, rhi = ahi - w1;
    if (rlo < 0) { rlo += TWO32; rhi--; }
    if (rhi > bhi || (rhi === bhi && rlo >= blo)) { q++; continue; }       // a - q * b >= b
    qr[0] = q; qr[1] = 0; qr[2] = rlo; qr[3] = rhi;
    return;
  }
}

/** DIV (rem = false) / REM (rem = true), signed 64-bit. */
export function div64(x: Int32Array, rd: number, r1: number, r2: number, rem: boolean): void {
  const alo = x[r1], ahi = x[r1 + 1], blo = x[r2], bhi = x[r2 + 1];
  if (blo === 0 && bhi === 0) {
    if (rem) { x[rd] = alo; x[rd + 1] = ahi; } else { x[rd] = -1; x[rd + 1] = -1; }
    return;
  }
  if (alo === 0 && ahi === (0x80000000 | 0) && blo === -1 && bhi === -1) { // INT64_MIN / -1 overflows
    if (rem) { x[rd] = 0; x[rd + 1] = 0; } else { x[rd] = alo; x[rd + 1] = ahi; }
    return;
  }
  // |a| and |b| as uint32 halves (two's-complement negation).
  const an = ahi < 0, bn = bhi < 0;
  let ulo = alo >>> 0, uhi = ahi >>> 0, vlo = blo >>> 0, vhi = bhi >>> 0;
  if (an) { ulo = (-alo) >>> 0; uhi = (~ahi + (alo === 0 ? 1 : 0)) >>> 0; }
  if (bn) { vlo = (-blo) >>> 0; vhi = (~bhi + (blo === 0 ? 1 : 0)) >>> 0; }
  udivmod(ulo, uhi, vlo, vhi);
  // Quotient negative when the signs differ; remainder takes the dividend's sign.
  const neg = rem ? an : an !== bn;
  let lo = rem ? qr[2] : qr[0], hi = rem ? qr[3] : qr[1];
  lo |= 0; hi |= 0;
  if (neg) { const nlo = -lo | 0; hi = (~hi + (lo === 0 ? 1 : 0)) | 0; lo = nlo; }
  x[rd] = lo; x[rd + 1] = hi;
}

/** DIVU / REMU, unsigned 64-bit. */
export function divu64(x: Int32Array, rd: number, r1: number, r2: number, rem: boolean): void {
  const alo = x[r1], ahi = x[r1 + 1], blo = x[r2], bhi = x[r2 + 1];
  if (blo === 0 && bhi === 0) {
    if (rem) { x[rd] = alo; x[rd + 1] = ahi; } else { x[rd] = -1; x[rd + 1] = -1; }
    return;
  }
  udivmod(alo >>> 0, ahi >>> 0, blo >>> 0, bhi >>> 0);
  if (rem) { x[rd] = qr[2] | 0; x[rd + 1] = qr[3] | 0; } else { x[rd] = qr[0] | 0; x[rd + 1] = qr[1] | 0; }
}

/** DIVW/DIVUW/REMW/REMUW: op 0 DIVW, 1 DIVUW, 2 REMW, 3 REMUW; result sign-extended. */
export function divw(x: Int32Array, rd: number, r1: number, r2: number, op: number): void {
  const a = x[r1], b = x[r2];
  let r: number;
  if (b === 0) r = op >= 2 ? a : -1;
  else if (op === 0) r = (a / b) | 0;       // -2^31 / -1 wraps to -2^31 as the spec says
  else if (op === 1) r = ((a >>> 0) / (b >>> 0)) | 0;
  else if (op === 2) r = (a % b) | 0;
  else r = ((a >>> 0) % (b >>> 0)) | 0;
  x[rd] = r; x[rd + 1] = r >> 31;
}
