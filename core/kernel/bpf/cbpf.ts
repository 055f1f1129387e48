// Classic BPF for seccomp (Linux's sk_chk_filter + seccomp_check_filter, and
// the classic interpreter): a filter of struct sock_filter {u16 code; u8 jt;
// u8 jf; u32 k} over struct seccomp_data. Checked once at install (only
// aligned 32-bit absolute loads inside seccomp_data, forward jumps in range,
// no division by a constant 0, ends in ret), then run by a small interpreter
// over A, X and M[16] (cheaper than translating to eBPF and as exact).
export interface CInsn { readonly code: number; readonly jt: number; readonly jf: number; readonly k: number }

const BPF_LD = 0x00, BPF_LDX = 0x01, BPF_ST = 0x02, BPF_STX = 0x03, BPF_ALU = 0x04, BPF_JMP = 0x05, BPF_RET = 0x06, BPF_MISC = 0x07;
const BPF_W = 0x00, BPF_ABS = 0x20, BPF_IMM = 0x00, BPF_MEM = 0x60, BPF_LEN = 0x80;
const BPF_K = 0x00, BPF_X = 0x08, BPF_A = 0x10;
export const SECCOMP_DATA_SIZE = 64;
export const BPF_MAXINSNS = 4096;

/** Parses sock_filter bytes. */
export function parseClassic(b: Uint8Array): CInsn[] {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength), out: CInsn[] = [];
  for (let o = 0; o + 8 <= b.length; o += 8) out.push({ code: v.getUint16(o, true), jt: v.getUint8(o + 2), jf: v.getUint8(o + 3), k: v.getUint32(o + 4, true) });
  return out;
}

/** Linux's checks; an error message or null. */
export function checkClassic(p: readonly CInsn[]): string | null {
  if (p.length === 0 || p.length > BPF_MAXINSNS) return 'bad length';
  for (let pc = 0; pc < p.length; pc++) {
    const { code, jt, jf, k } = p[pc], cls = code & 7;
    switch (cls) {
      case BPF_LD:
        if (code === (BPF_LD | BPF_W | BPF_ABS)) { if (k >= SECCOMP_DATA_SIZE || (k & 3) !== 0) return `insn ${pc}: load outside seccomp_data`; break; }
        if (code === (BPF_LD | BPF_W | BPF_LEN) || code === (BPF_LD | BPF_IMM) || code === (BPF_LD | BPF_MEM)) { if ((code & 0xe0) === BPF_MEM && k >= 16) return `insn ${pc}: bad scratch slot`; break; }
        return `insn ${pc}: load not allowed in seccomp`;
      case BPF_LDX:
        if (code === (BPF_LDX | BPF_W | BPF_LEN) || code === (BPF_LDX | BPF_IMM) || code === (BPF_LDX | BPF_MEM)) { if ((code & 0xe0) === BPF_MEM && k >= 16) return `insn ${pc}: bad scratch slot`; break; }
        return `insn ${pc}: load not allowed in seccomp`;
      case BPF_ST: case BPF_STX: if (k >= 16) return `insn ${pc}: bad scratch slot`; break;
      case BPF_ALU: {
        const op = code & 0xf0;
        if (op > 0xc0) return `insn ${pc}: bad alu op`;
        if ((op === 0x30 || op === 0x90) && (code & BPF_X) === 0 && k === 0) return `insn ${pc}: division by zero`;
        break;
      }
      case BPF_JMP: {
        const op = code & 0xf0;
        if (op === 0x00) { if (pc + 1 + k >= p.length) return `insn ${pc}: jump out of range`; break; }
        if (op > 0x40) return `insn ${pc}: bad jump`;
        if (pc + 1 + jt >= p.length || pc + 1 + jf >= p.length) return `insn ${pc}: jump out of range`;
        break;
      }
      case BPF_RET: if ((code & 0x18) !== BPF_K && (code & 0x18) !== BPF_A) return `insn ${pc}: bad ret`; break;
      case BPF_MISC: if (code !== (BPF_MISC | 0x00) && code !== (BPF_MISC | 0x80)) return `insn ${pc}: bad misc`; break;
    }
  }
  const last = p[p.length - 1].code & 7;
  if (last !== BPF_RET && !(last === BPF_JMP && (p[p.length - 1].code & 0xf0) === 0)) return 'filter does not end in ret';
  return null;
}

/** Runs a checked filter over seccomp_data (as 16 little-endian u32 words). */
export function runClassic(p: readonly CInsn[], data: Uint32Array): number {
  let A = 0, X = 0, pc = 0;
  const M = new Uint32Array(16);
  for (;;) {
    const { code, jt, jf, k } = p[pc++];
    switch (code & 7) {
      case BPF_LD:
        A = (code & 0xe0) === BPF_ABS ? data[k >>> 2] : (code & 0xe0) === BPF_LEN ? SECCOMP_DATA_SIZE : (code & 0xe0) === BPF_MEM ? M[k] : k;
        break;
      case BPF_LDX: X = (code & 0xe0) === BPF_LEN ? SECCOMP_DATA_SIZE : (code & 0xe0) === BPF_MEM ? M[k] : k; break;
      case BPF_ST: M[k] = A; break;
      case BPF_STX: M[k] = X; break;
      case BPF_ALU: {
        const s = (code & BPF_X) ? X : k;
        switch (code & 0xf0) {
          case 0x00: A = (A + s) >>> 0; break;
          case 0x10: A = (A - s) >>> 0; break;
          case 0x20: A = Math.imul(A, s) >>> 0; break;
          case 0x30: if (s === 0) return 0; A = Math.floor(A / s) >>> 0; break;
          case 0x40: A = (A | s) >>> 0; break;
          case 0x50: A = (A & s) >>> 0; break;
          case 0x60: A = s >= 32 ? 0 : (A << s) >>> 0; break;
          case 0x70: A = s >= 32 ? 0 : A >>> s; break;
          case 0x80: A = (-A) >>> 0; break;
          case 0x90: if (s === 0) return 0; A = (A % s) >>> 0; break;
          case 0xa0: A = (A ^ s) >>> 0; break;
        }
        break;
      }
      case BPF_JMP: {
        const s = (code & BPF_X) ? X : k;
        let c: boolean;
        switch (code & 0xf0) {
          case 0x00: pc += k; continue;
          case 0x10: c = A === s; break;
          case 0x20: c = A > s; break;
          case 0x30: c = A >= s; break;
          default: c = (A & s) !== 0; break;
        }
        pc += c ? jt : jf;
        break;
      }
      case BPF_RET: return ((code & 0x18) === BPF_A ? A : k) >>> 0;
      case BPF_MISC: if ((code & 0xf8) === 0) X = A; else A = X; break;
    }
  }
}
