// Cold 64-bit operations on (lo, hi) int32 register pairs: division and
// modulo (BigInt when an operand is wider than 32 bits), byte swaps. The hot
// operations live in interp.ts itself, because calls across modules are not
// inlined as well (measured: an add/xor/sub/jne loop ran 62 M insn/s with
// imported helpers and 138 M with module-local ones).
//
// Every function writes its result into r[d], r[d+1] (d = 2 * register).


const big = (lo: number, hi: number): bigint => (BigInt(hi) << 32n) | BigInt(lo >>> 0);
function setBig(r: Int32Array, d: number, v: bigint): void {
  const u = BigInt.asUintN(64, v);
  r[d] = Number(u & 0xffffffffn) | 0;
  r[d + 1] = Number(u >> 32n) | 0;
}

/** Unsigned 64-bit division; by zero gives 0 (RFC 9669). */
export function divu64(r: Int32Array, d: number, lo: number, hi: number): void {
  if (lo === 0 && hi === 0) { r[d] = 0; r[d + 1] = 0; return; }
  if (hi === 0 && r[d + 1] === 0) { r[d] = Math.floor((r[d] >>> 0) / (lo >>> 0)) | 0; return; }
  setBig(r, d, BigInt.asUintN(64, big(r[d], r[d + 1])) / BigInt.asUintN(64, big(lo, hi)));
}

/** Unsigned 64-bit modulo; by zero leaves the dividend (RFC 9669). */
export function modu64(r: Int32Array, d: number, lo: number, hi: number): void {
  if (lo === 0 && hi === 0) return;
  if (hi === 0 && r[d + 1] === 0) { r[d] = ((r[d] >>> 0) % (lo >>> 0)) | 0; return; }
  setBig(r, d, BigInt.asUintN(64, big(r[d], r[d + 1])) % BigInt.asUintN(64, big(lo, hi)));
}

/** Signed 64-bit division, truncating; by zero gives 0; INT64_MIN / -1 = INT64_MIN. */
export function divs64(r: Int32Array, d: number, lo: number, hi: number): void {
  if (lo === 0 && hi === 0) { r[d] = 0; r[d + 1] = 0; return; }
  const a = BigInt.asIntN(64, big(r[d], r[d + 1])), b = BigInt.asIntN(64, big(lo, hi));
  setBig(r, d, a / b);
}

/** Signed 64-bit modulo (sign of the dividend); by zero leaves the dividend. */
export function mods64(r: Int32Array, d: number, lo: number, hi: number): void {
  if (lo === 0 && hi === 0) return;
  const a = BigInt.asIntN(64, big(r[d], r[d + 1])), b = BigInt.asIntN(64, big(lo, hi));
  setBig(r, d, a % b);
}

export const bswap32 = (x: number): number =>
  ((x & 0xff) << 24) | ((x & 0xff00) << 8) | ((x >>> 8) & 0xff00) | (x >>> 24);
export const bswap16 = (x: number): number => ((x & 0xff) << 8) | ((x >>> 8) & 0xff);

/** le/be/bswap of width 16/32/64 applied to r[d]; `swap` false means only truncate (host order = LE). */
export function endian(r: Int32Array, d: number, width: number, swap: boolean): void {
  if (width === 16) { r[d] = swap ? bswap16(r[d]) : r[d] & 0xffff; r[d + 1] = 0; return; }
  if (width === 32) { r[d] = swap ? bswap32(r[d]) : r[d]; r[d + 1] = 0; return; }
  if (swap) { const lo = r[d]; r[d] = bswap32(r[d + 1]); r[d + 1] = bswap32(lo); }
}
