// The C extension (RV64C): expands a 16-bit compressed instruction into the
// equivalent 32-bit instruction, which decode.ts then decodes like any other
// (the slot keeps the 16-bit length). Reserved encodings expand to 0 (illegal);
// HINTs expand to an instruction whose only effect is writing x0 (a no-op).
// RV64 has no C.JAL (that slot is C.ADDIW) and no C.FLW/C.FSW (C.LD/C.SD).

const OP_IMM = 0x13, OP_IMM32 = 0x1b, OP = 0x33, OP32 = 0x3b, LOAD = 0x03, STORE = 0x23, LOAD_FP = 0x07, STORE_FP = 0x27;

const iT = (op: number, rd: number, f3: number, rs1: number, imm: number) =>
  ((imm & 0xfff) << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | op;
const sT = (op: number, f3: number, rs1: number, rs2: number, imm: number) =>
  (((imm >> 5) & 0x7f) << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) | ((imm & 31) << 7) | op;
const rT = (op: number, rd: number, f3: number, rs1: number, rs2: number, f7: number) =>
  (f7 << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | op;
const bT = (f3: number, rs1: number, off: number) =>
  (((off >> 12) & 1) << 31) | (((off >> 5) & 0x3f) << 25) | (rs1 << 15) | (f3 << 12) | (((off >> 1) & 15) << 8) | (((off >> 11) & 1) << 7) | 0x63;
const jT = (rd: number, off: number) =>
  (((off >> 20) & 1) << 31) | (((off >> 1) & 0x3ff) << 21) | (((off >> 11) & 1) << 20) | (((off >> 12) & 0xff) << 12) | (rd << 7) | 0x6f;

const b = (h: number, n: number) => (h >>> n) & 1;

/** Expands compressed instruction `h` (16 bits) to its 32-bit equivalent; 0 when illegal/reserved. */
export function expandRvc(h: number): number {
  const q = h & 3, f3 = (h >>> 13) & 7;
  const rd = (h >>> 7) & 31, rs2 = (h >>> 2) & 31;
  const rdp = ((h >>> 2) & 7) + 8, rs1p = ((h >>> 7) & 7) + 8;
  // CI-format 6-bit signed immediate: bit 12 is imm[5], bits 6:2 are imm[4:0].
  const imm6 = ((b(h, 12) << 5) | ((h >>> 2) & 31)) << 26 >> 26;
  if (q === 0) {
    // uimm for LW/SW: [5:3] at 12:10, [2] at 6, [6] at 5; for LD/SD/FLD/FSD: [5:3] at 12:10, [7:6] at 6:5.
    const uw = (((h >>> 10) & 7) << 3) | (b(h, 6) << 2) | (b(h, 5) << 6);
    const ud = (((h >>> 10) & 7) << 3) | (((h >>> 5) & 3) << 6);
    switch (f3) {
      case 0: {
        const nz = (((h >>> 11) & 3) << 4) | (((h >>> 7) & 15) << 6) | (b(h, 6) << 2) | (b(h, 5) << 3);
        if (nz === 0) return 0; // includes the all-zero illegal instruction
        return iT(OP_IMM, rdp, 0, 2, nz);
      }
      case 1: return iT(LOAD_FP, rdp, 3, rs1p, ud);
      case 2: return iT(LOAD, rdp, 2, rs1p, uw);
      case 3: return iT(LOAD, rdp, 3, rs1p, ud);
      case 5: return sT(STORE_FP, 3, rs1p, rdp, ud);
      case 6: return sT(STORE, 2, rs1p, rdp, uw);
      case 7: return sT(STORE, 3, rs1p, rdp, ud);
      default: return 0;
    }
  }
  if (q === 1) {
    switch (f3) {
      case 0: return iT(OP_IMM, rd, 0, rd, imm6); // C.NOP / C.ADDI (HINTs when rd = 0 or imm = 0)
      case 1: return rd === 0 ? 0 : iT(OP_IMM32, rd, 0, rd, imm6);
      case 2: return iT(OP_IMM, rd, 0, 0, imm6); // C.LI (HINT when rd = 0)
      case 3: {
        if (rd === 2) {
          const nz = ((b(h, 12) << 9) | (b(h, 6) << 4) | (b(h, 5) << 6) | (((h >>> 3) & 3) << 7) | (b(h, 2) << 5)) << 22 >> 22;
          return nz === 0 ? 0 : iT(OP_IMM, 2, 0, 2, nz);
        }
        if (imm6 === 0) return 0;
        return ((imm6 & 0xfffff) << 12) | (rd << 7) | 0x37; // C.LUI (HINT when rd = 0)
      }
      case 4: {
        const f2 = (h >>> 10) & 3;
        const sh = (b(h, 12) << 5) | ((h >>> 2) & 31);
        if (f2 === 0) return iT(OP_IMM, rs1p, 5, rs1p, sh);
        if (f2 === 1) return iT(OP_IMM, rs1p, 5, rs1p, 0x400 | sh);
        if (f2 === 2) return iT(OP_IMM, rs1p, 7, rs1p, imm6);
        const f = (h >>> 5) & 3;
        if (b(h, 12) === 0) {
          if (f === 0) return rT(OP, rs1p, 0, rs1p, rdp, 0x20);
          return rT(OP, rs1p, f === 1 ? 4 : f === 2 ? 6 : 7, rs1p, rdp, 0);
        }
        if (f === 0) return rT(OP32, rs1p, 0, rs1p, rdp, 0x20);
        if (f === 1) return rT(OP32, rs1p, 0, rs1p, rdp, 0);
        return 0;
      }
      case 5: {
        const off = ((b(h, 12) << 11) | (b(h, 11) << 4) | (((h >>> 9) & 3) << 8) | (b(h, 8) << 10) | (b(h, 7) << 6)
          | (b(h, 6) << 7) | (((h >>> 3) & 7) << 1) | (b(h, 2) << 5)) << 20 >> 20;
        return jT(0, off);
      }
      default: {
        const off = ((b(h, 12) << 8) | (((h >>> 10) & 3) << 3) | (((h >>> 5) & 3) << 6) | (((h >>> 3) & 3) << 1) | (b(h, 2) << 5)) << 23 >> 23;
        return bT(f3 === 6 ? 0 : 1, rs1p, off);
      }
    }
  }
  if (q === 2) {
    const u8sp = (b(h, 12) << 5) | (((h >>> 5) & 3) << 3) | (((h >>> 2) & 7) << 6); // LDSP/FLDSP
    const u4sp = (b(h, 12) << 5) | (((h >>> 4) & 7) << 2) | (((h >>> 2) & 3) << 6); // LWSP
    const s8sp = (((h >>> 10) & 7) << 3) | (((h >>> 7) & 7) << 6); // SDSP/FSDSP
    const s4sp = (((h >>> 9) & 15) << 2) | (((h >>> 7) & 3) << 6); // SWSP
    switch (f3) {
      case 0: return iT(OP_IMM, rd, 1, rd, (b(h, 12) << 5) | rs2); // C.SLLI (HINT when rd = 0)
      case 1: return iT(LOAD_FP, rd, 3, 2, u8sp);
      case 2: return rd === 0 ? 0 : iT(LOAD, rd, 2, 2, u4sp);
      case 3: return rd === 0 ? 0 : iT(LOAD, rd, 3, 2, u8sp);
      case 4:
        if (b(h, 12) === 0) {
          if (rs2 === 0) return rd === 0 ? 0 : iT(0x67, 0, 0, rd, 0); // C.JR
          return rT(OP, rd, 0, 0, rs2, 0); // C.MV (HINT when rd = 0)
        }
        if (rs2 === 0) return rd === 0 ? 0x00100073 : iT(0x67, 1, 0, rd, 0); // C.EBREAK / C.JALR
        return rT(OP, rd, 0, rd, rs2, 0); // C.ADD
      case 5: return sT(STORE_FP, 3, 2, rs2, s8sp);
      case 6: return sT(STORE, 2, 2, rs2, s4sp);
      default: return sT(STORE, 3, 2, rs2, s8sp);
    }
  }
  return 0; // q === 3 is not a compressed instruction
}
