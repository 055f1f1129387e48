// The instruction decoder: turns a 32-bit instruction word (or a compressed
// one, expanded by rvc.ts) into one decode-cache slot, the unit the
// interpreter (hart-exec.ts) dispatches on and the JIT (issue 3) will read.
//
// A decoded page is SLOTS_PER_PAGE slots x SLOT_WORDS words (in the hart's arena),
// one slot per halfword offset in the 4 KiB physical page:
//   [0] packed: op (bits 0-7) | rd << 8 | rs1 << 13 | rs2 << 18 | (4-byte ? 1 << 23 : 0)
//       (0 = not decoded yet; op values are the Op table below)
//   [1] imm: the sign-extended immediate (shift amount, CSR number, AMO funct5,
//       or the U-type value already shifted left by 12)
//   [2] raw: the instruction bits as fetched (16 bits for a compressed one)
//   [3] the 32-bit form (the expansion of a compressed instruction)
// Instructions whose only effect is writing rd = x0 decode to NOP; loads,
// jumps, CSR and AMO ops keep rd = 0 and skip the write.

export const SLOT_WORDS = 4;
export const SLOTS_PER_PAGE = 2048;
export const LEN4 = 1 << 23;

/** Decoded operations. The interpreter's switch uses these numbers literally: keep them stable. */
export const Op = {
  NONE: 0, ILLEGAL: 1, NOP: 2,
  ADD: 3, SUB: 4, SLL: 5, SLT: 6, SLTU: 7, XOR: 8, SRL: 9, SRA: 10, OR: 11, AND: 12,
  ADDI: 13, SLTI: 14, SLTIU: 15, XORI: 16, ORI: 17, ANDI: 18, SLLI: 19, SRLI: 20, SRAI: 21,
  ADDW: 22, SUBW: 23, SLLW: 24, SRLW: 25, SRAW: 26, ADDIW: 27, SLLIW: 28, SRLIW: 29, SRAIW: 30,
  LUI: 31, AUIPC: 32, JAL: 33, JALR: 34,
  BEQ: 35, BNE: 36, BLT: 37, BGE: 38, BLTU: 39, BGEU: 40,
  LB: 41, LH: 42, LW: 43, LD: 44, LBU: 45, LHU: 46, LWU: 47,
  SB: 48, SH: 49, SW: 50, SD: 51,
  MUL: 52, MULH: 53, MULHSU: 54, MULHU: 55, DIV: 56, DIVU: 57, REM: 58, REMU: 59,
  MULW: 60, DIVW: 61, DIVUW: 62, REMW: 63, REMUW: 64,
  LR_W: 65, SC_W: 66, LR_D: 67, SC_D: 68, AMO_W: 69, AMO_D: 70,
  FENCE: 71, FENCE_I: 72, ECALL: 73, EBREAK: 74, MRET: 75, SRET: 76, WFI: 77, SFENCE_VMA: 78,
  CSRRW: 79, CSRRS: 80, CSRRC: 81, CSRRWI: 82, CSRRSI: 83, CSRRCI: 84,
  FLW: 85, FLD: 86, FSW: 87, FSD: 88, FPOP: 89,
  LI: 90, MV: 91, J: 92, BEQZ: 93, BNEZ: 94,
} as const;
export const OP_COUNT = 95;

/** Op names by number (traces, statistics, tests). */
export const opName: readonly string[] = (() => {
  const n: string[] = new Array<string>(OP_COUNT).fill('?');
  for (const [k, v] of Object.entries(Op)) n[v] = k.toLowerCase();
  return n;
})();

const pack = (op: number, rd: number, rs1: number, rs2: number) => op | (rd << 8) | (rs1 << 13) | (rs2 << 18) | LEN4;

/** Scratch output of decode32: [packed, imm]. */
export const dec = new Int32Array(2);

function out(packed: number, imm: number): void { dec[0] = packed; dec[1] = imm; }

const OPS_R = [Op.ADD, Op.SLL, Op.SLT, Op.SLTU, Op.XOR, Op.SRL, Op.OR, Op.AND];
const OPS_M = [Op.MUL, Op.MULH, Op.MULHSU, Op.MULHU, Op.DIV, Op.DIVU, Op.REM, Op.REMU];
const OPS_MW = [Op.MULW, -1, -1, -1, Op.DIVW, Op.DIVUW, Op.REMW, Op.REMUW];
const OPS_I = [Op.ADDI, Op.SLLI, Op.SLTI, Op.SLTIU, Op.XORI, Op.SRLI, Op.ORI, Op.ANDI];
const OPS_LOAD = [Op.LB, Op.LH, Op.LW, Op.LD, Op.LBU, Op.LHU, Op.LWU, -1];
const OPS_BR = [Op.BEQ, Op.BNE, -1, -1, Op.BLT, Op.BGE, Op.BLTU, Op.BGEU];
const AMO_OK = (f5: number) => f5 === 0 || f5 === 1 || f5 === 4 || f5 === 8 || f5 === 12 || f5 === 16 || f5 === 20 || f5 === 24 || f5 === 28;

/** Ops that only compute rd: with rd = x0 they become NOP. */
function pure(op: number): boolean {
  return (op >= Op.ADD && op <= Op.AUIPC) || (op >= Op.MUL && op <= Op.REMUW) || op === Op.LI || op === Op.MV;
}

/**
 * Decodes a 32-bit instruction into dec[0] (packed) and dec[1] (imm).
 * Illegal encodings give Op.ILLEGAL.
 */
export function decode32(insn: number): void {
  const opc = insn & 0x7f;
  const rd = (insn >>> 7) & 31, f3 = (insn >>> 12) & 7, rs1 = (insn >>> 15) & 31, rs2 = (insn >>> 20) & 31;
  const f7 = insn >>> 25;
  const immI = insn >> 20;
  let op = -1, imm = 0;
  switch (opc) {
    case 0x37: op = Op.LUI; imm = insn & ~0xfff; break;
    case 0x17: op = Op.AUIPC; imm = insn & ~0xfff; break;
    case 0x6f:
      op = rd === 0 ? Op.J : Op.JAL;
      imm = ((insn >> 31) << 20) | (((insn >>> 21) & 0x3ff) << 1) | (((insn >>> 20) & 1) << 11) | (((insn >>> 12) & 0xff) << 12);
      break;
    case 0x67: if (f3 === 0) { op = Op.JALR; imm = immI; } break;
    case 0x63:
      op = OPS_BR[f3];
      if (rs2 === 0 && op === Op.BEQ) op = Op.BEQZ; else if (rs2 === 0 && op === Op.BNE) op = Op.BNEZ;
      imm = ((insn >> 31) << 12) | (((insn >>> 25) & 0x3f) << 5) | (((insn >>> 8) & 15) << 1) | (((insn >>> 7) & 1) << 11);
      break;
    case 0x03: op = OPS_LOAD[f3]; imm = immI; break;
    case 0x23: if (f3 < 4) { op = Op.SB + f3; imm = ((insn >> 25) << 5) | ((insn >>> 7) & 31); } break;
    case 0x13:
      op = OPS_I[f3]; imm = immI;
      if (f3 === 1) { if ((insn >>> 26) !== 0) op = -1; imm = (insn >>> 20) & 63; }
      else if (f3 === 5) {
        imm = (insn >>> 20) & 63;
        if ((insn >>> 26) === 0x10) op = Op.SRAI; else if ((insn >>> 26) !== 0) op = -1;
      } else if (f3 === 0) {
        if (rs1 === 0) op = Op.LI; else if (imm === 0) op = Op.MV;
      }
      break;
    case 0x1b:
      if (f3 === 0) { op = Op.ADDIW; imm = immI; }
      else if (f3 === 1 && f7 === 0) { op = Op.SLLIW; imm = rs2; }
      else if (f3 === 5 && f7 === 0) { op = Op.SRLIW; imm = rs2; }
      else if (f3 === 5 && f7 === 0x20) { op = Op.SRAIW; imm = rs2; }
      break;
    case 0x33:
      if (f7 === 0) op = OPS_R[f3];
      else if (f7 === 1) op = OPS_M[f3];
      else if (f7 === 0x20) op = f3 === 0 ? Op.SUB : f3 === 5 ? Op.SRA : -1;
      break;
    case 0x3b:
      if (f7 === 0) op = f3 === 0 ? Op.ADDW : f3 === 1 ? Op.SLLW : f3 === 5 ? Op.SRLW : -1;
      else if (f7 === 1) op = OPS_MW[f3];
      else if (f7 === 0x20) op = f3 === 0 ? Op.SUBW : f3 === 5 ? Op.SRAW : -1;
      break;
    case 0x2f: {
      const f5 = insn >>> 27;
      if (f3 !== 2 && f3 !== 3) break;
      if (f5 === 2) { if (rs2 === 0) op = f3 === 2 ? Op.LR_W : Op.LR_D; }
      else if (f5 === 3) op = f3 === 2 ? Op.SC_W : Op.SC_D;
      else if (AMO_OK(f5)) { op = f3 === 2 ? Op.AMO_W : Op.AMO_D; imm = f5; }
      break;
    }
    case 0x0f:
      if (f3 === 0) op = Op.FENCE; else if (f3 === 1) op = Op.FENCE_I;
      break;
    case 0x73:
      if (f3 === 0) {
        if (insn === 0x00000073) op = Op.ECALL;
        else if (insn === 0x00100073) op = Op.EBREAK;
        else if (insn === 0x30200073) op = Op.MRET;
        else if (insn === 0x10200073) op = Op.SRET;
        else if (insn === 0x10500073) op = Op.WFI;
        else if (f7 === 0x09 && rd === 0) op = Op.SFENCE_VMA;
      } else if (f3 !== 4) {
        op = Op.CSRRW + (f3 & 3) - 1 + (f3 >= 4 ? 3 : 0);
        imm = (insn >>> 20) & 0xfff;
      }
      break;
    case 0x07: if (f3 === 2 || f3 === 3) { op = f3 === 2 ? Op.FLW : Op.FLD; imm = immI; } break;
    case 0x27: if (f3 === 2 || f3 === 3) { op = f3 === 2 ? Op.FSW : Op.FSD; imm = ((insn >> 25) << 5) | ((insn >>> 7) & 31); } break;
    case 0x53: case 0x43: case 0x47: case 0x4b: case 0x4f: op = Op.FPOP; break;
    default: break;
  }
  if (op < 0) { out(pack(Op.ILLEGAL, 0, 0, 0), 0); return; }
  if (rd === 0 && pure(op)) { out(pack(Op.NOP, 0, 0, 0), 0); return; }
  out(pack(op, rd, rs1, rs2), imm);
}
