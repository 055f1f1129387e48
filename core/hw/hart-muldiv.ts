// The M extension's 64-bit operations on (lo, hi) int32 register pairs:
// MUL/MULH/MULHSU/MULHU via 16-bit limbs (exact in doubles), DIV/DIVU/REM/REMU
// through doubles when both operands are below 2^52 (then corrected to the
// exact quotient), and BigInt for the rare wider operands. Each function reads
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

function put(x: Int32Array, rd: number, v: number): void {
  x[rd] = v | 0; x[rd + 1] = Math.floor(v / TWO32) | 0;
}
function putBig(x: Int32Array, rd: number, v: bigint): void {
  x[rd] = Number(BigInt.asIntN(32, v)); x[rd + 1] = Number(BigInt.asIntN(32, v >> 32n));
}
const big = (lo: number, hi: number) => (BigInt(hi) << 32n) | BigInt(lo >>> 0);
const ubig = (lo: number, hi: number) => (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);
const LIM = 1048576; // 2^20: |hi| below this keeps values under 2^52

/** Exact truncating division of safe integers below 2^52 in magnitude. */
function tdiv(a: number, b: number): number {
  let q = Math.trunc(a / b);
  const r = a - q * b;
  if (r !== 0 && (r < 0) !== (a < 0)) q += (a < 0) === (b < 0) ? -1 : 1;
  else if (Math.abs(r) >= Math.abs(b)) q += (a < 0) === (b < 0) ? 1 : -1;
  return q;
}

/** DIV (rem = false) / REM (rem = true), signed 64-bit. */
export function div64(x: Int32Array, rd: number, r1: number, r2: number, rem: boolean): void {
  const alo = x[r1], ahi = x[r1 + 1], blo = x[r2], bhi = x[r2 + 1];
  if (blo === 0 && bhi === 0) {
    if (rem) { x[rd] = alo; x[rd + 1] = ahi; } else { x[rd] = -1; x[rd + 1] = -1; }
    return;
  }
  if (ahi > -LIM && ahi < LIM && bhi > -LIM && bhi < LIM) {
    const a = ahi * TWO32 + (alo >>> 0), b = bhi * TWO32 + (blo >>> 0);
    const q = tdiv(a, b);
    put(x, rd, rem ? a - q * b : q);
    return;
  }
  const a = big(alo, ahi), b = big(blo, bhi);
  if (a === -(1n << 63n) && b === -1n) { if (rem) { x[rd] = 0; x[rd + 1] = 0; } else { x[rd] = alo; x[rd + 1] = ahi; } return; }
  putBig(x, rd, rem ? a % b : a / b);
}

/** DIVU / REMU, unsigned 64-bit. */
export function divu64(x: Int32Array, rd: number, r1: number, r2: number, rem: boolean): void {
  const alo = x[r1], ahi = x[r1 + 1], blo = x[r2], bhi = x[r2 + 1];
  if (blo === 0 && bhi === 0) {
    if (rem) { x[rd] = alo; x[rd + 1] = ahi; } else { x[rd] = -1; x[rd + 1] = -1; }
    return;
  }
  if ((ahi >>> 0) < LIM && (bhi >>> 0) < LIM) {
    const a = (ahi >>> 0) * TWO32 + (alo >>> 0), b = (bhi >>> 0) * TWO32 + (blo >>> 0);
    const q = tdiv(a, b);
    put(x, rd, rem ? a - q * b : q);
    return;
  }
  const a = ubig(alo, ahi), b = ubig(blo, bhi);
  putBig(x, rd, rem ? a % b : a / b);
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
