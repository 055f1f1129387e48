// The hart's rare instructions, out of the interpreter's hot loop: Zicsr
// (the CSRRW rd=x0 no-read and CSRRS/C rs1=x0 no-write rules), ecall/ebreak,
// mret/sret/wfi/sfence.vma (via trap.ts and mmu.ts), fence.i, LR/SC/AMOs,
// illegal instructions, and the F/D side of the hart: FP loads/stores and the
// dispatch of OP-FP/FMA to the FPU, with the mstatus.FS checks.
//
// Results: SYS_OK (the loop advances pc by the instruction length), SYS_TRAP
// (exception h.memFault with tval h.memTval), SYS_REFETCH (h.pc already holds
// the next pc; the loop reloads it and checks interrupts), SYS_WFI (as
// REFETCH, and run() returns RunExit.WFI).
import type { Hart } from './hart.js';
import { csrRead, csrWrite, MSTATUS } from './csr.js';
import { mret, sret, wfiAllowed } from './trap.js';
import { sfenceVma } from './mmu.js';
import { amo, loadSlow, storeSlow } from './hart-mem.js';
import { execFp, setF32Bits, setF64Bits, FP_OK } from './fpu/index.js';

export const SYS_OK = 0, SYS_TRAP = 1, SYS_REFETCH = 2, SYS_WFI = 3;

const TWO32 = 4294967296;

function exc(h: Hart, code: number, tval: number): number {
  h.memFault = code; h.memTval = tval; return SYS_TRAP;
}
const illegal = (h: Hart, raw: number) => exc(h, 2, raw >>> 0);

/** Executes a system/CSR/AMO/illegal slot (w = packed word, imm, raw bits, len = 2 or 4). h.pc is the instruction's pc. */
export function execSystem(h: Hart, w: number, imm: number, raw: number, len: number): number {
  const x = h.x;
  const rd = (w >>> 7) & 62, r1 = (w >>> 12) & 62, r2 = (w >>> 17) & 62;
  const op = w & 255;
  switch (op) {
    case 65: case 66: case 67: case 68: case 69: case 70: { // LR_W SC_W LR_D SC_D AMO_W AMO_D
      const size = op === 65 || op === 66 || op === 69 ? 4 : 8;
      const f5 = op === 65 || op === 67 ? 2 : op === 66 || op === 68 ? 3 : imm;
      const m = h.mbuf;
      if (!amo(h, f5, size, x[r1], x[r1 + 1], x[r2], x[r2 + 1])) return SYS_TRAP;
      if (rd !== 0) { x[rd] = m[0]; x[rd + 1] = m[1]; }
      return SYS_OK;
    }
    case 72: // FENCE_I
      h.flushDecodeCache();
      h.pc += len;
      return SYS_REFETCH;
    case 73: return exc(h, h.priv === 3 ? 11 : 8 + h.priv, 0); // ECALL
    case 74: return exc(h, 3, h.pc); // EBREAK
    case 75: return mret(h) ? SYS_REFETCH : illegal(h, raw);
    case 76: return sret(h) ? SYS_REFETCH : illegal(h, raw);
    case 77: { // WFI
      if (!wfiAllowed(h)) return illegal(h, raw);
      h.pc += len;
      const c = h.csr;
      return ((c.mip | c.mipHw) & c.mie) !== 0 ? SYS_REFETCH : SYS_WFI;
    }
    case 78: { // SFENCE_VMA
      const va = x[r1 + 1] * TWO32 + (x[r1] >>> 0);
      if (!sfenceVma(h, r1 === 0, va, r2 === 0, x[r2] & 0xffff)) return illegal(h, raw);
      h.pc += len;
      return SYS_REFETCH;
    }
    case 79: case 80: case 81: case 82: case 83: case 84: { // CSRRW CSRRS CSRRC CSRRWI CSRRSI CSRRCI
      const kind = op >= 82 ? op - 82 : op - 79; // 0 write, 1 set, 2 clear
      const srcZero = r1 === 0; // rs1 = x0, or uimm = 0 for the immediate forms
      const vlo = op >= 82 ? r1 >>> 1 : x[r1], vhi = op >= 82 ? 0 : x[r1 + 1];
      const buf = h.csrBuf;
      let olo = 0, ohi = 0;
      if (kind !== 0 || rd !== 0) {
        if (!csrRead(h, imm)) return illegal(h, raw);
        olo = buf[0]; ohi = buf[1];
      }
      if (kind === 0 || !srcZero) {
        const nlo = kind === 0 ? vlo : kind === 1 ? olo | vlo : olo & ~vlo;
        const nhi = kind === 0 ? vhi : kind === 1 ? ohi | vhi : ohi & ~vhi;
        if (!csrWrite(h, imm, nlo, nhi)) return illegal(h, raw);
        if (rd !== 0) { x[rd] = olo; x[rd + 1] = ohi; }
        h.pc += len;
        return SYS_REFETCH; // a write may change translation or enable an interrupt
      }
      if (rd !== 0) { x[rd] = olo; x[rd + 1] = ohi; }
      return SYS_OK;
    }
    default: // ILLEGAL and anything not decoded
      return illegal(h, raw);
  }
}

/** FLW/FLD/FSW/FSD and OP-FP/FMA (insn = the 32-bit form, raw = bits as fetched). */
export function execFpMem(h: Hart, w: number, imm: number, insn: number, raw: number): number {
  const c = h.csr;
  if ((c.mstatus & MSTATUS.FS) === 0) return illegal(h, raw);
  const op = w & 255;
  const F = h.fp;
  const x = h.x;
  if (op === 89) {
    if (execFp(F, insn, x) !== FP_OK) return illegal(h, raw);
    c.mstatus |= MSTATUS.FS;
    return SYS_OK;
  }
  const fr = (op === 85 || op === 86 ? (w >>> 8) : (w >>> 18)) & 31;
  const r1 = (w >>> 12) & 62;
  const a = x[r1], vlo = (a + imm) | 0;
  const vhi = (x[r1 + 1] + (imm >> 31) + ((vlo >>> 0) < (a >>> 0) ? 1 : 0)) | 0;
  const m = h.mbuf;
  switch (op) {
    case 85: // FLW
      if (!loadSlow(h, vlo, vhi, 4)) return SYS_TRAP;
      setF32Bits(F, fr, m[0]);
      break;
    case 86: // FLD
      if (!loadSlow(h, vlo, vhi, 8)) return SYS_TRAP;
      setF64Bits(F, fr, m[0], m[1]);
      break;
    case 87: // FSW
      return storeSlow(h, vlo, vhi, 4, F.i32[2 * fr], 0) ? SYS_OK : SYS_TRAP;
    default: // FSD
      return storeSlow(h, vlo, vhi, 8, F.i32[2 * fr], F.i32[2 * fr + 1]) ? SYS_OK : SYS_TRAP;
  }
  c.mstatus |= MSTATUS.FS;
  return SYS_OK;
}
