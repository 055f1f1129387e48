// The disassembler, for traces, fault reports and debugging tools: one
// instruction (32-bit, or 16-bit compressed) to text in the GNU objdump style
// with ABI register names ("addi a0, a1, -3", "ld ra, 8(sp)", "csrw mstatus,
// a0") and objdump's common aliases (nop, li, mv, j, ret, csrr, csrw).
// Compressed instructions print as their 32-bit expansion, as objdump does by
// default; F/D instructions come from the FPU's disasmFp. Branch and jump
// targets are absolute when the pc is given, relative (".+8") otherwise.
// Unknown or reserved encodings print as "unknown 0x...".
import { decode32, dec, Op, opName } from './decode.js';
import { expandRvc } from './rvc.js';
import { csrName } from './csr.js';
import { disasmFp } from './fpu/index.js';

export const XNAMES = ['zero', 'ra', 'sp', 'gp', 'tp', 't0', 't1', 't2', 's0', 's1', 'a0', 'a1', 'a2', 'a3', 'a4', 'a5',
  'a6', 'a7', 's2', 's3', 's4', 's5', 's6', 's7', 's8', 's9', 's10', 's11', 't3', 't4', 't5', 't6'];

const AMO_NAMES: Record<number, string> = { 0: 'amoadd', 1: 'amoswap', 4: 'amoxor', 8: 'amoor', 12: 'amoand',
  16: 'amomin', 20: 'amomax', 24: 'amominu', 28: 'amomaxu' };

function hex(v: number): string {
  return '0x' + BigInt.asUintN(64, BigInt(v)).toString(16);
}

function target(pc: number | undefined, off: number): string {
  if (pc === undefined) return off >= 0 ? `.+${off}` : `.${off}`;
  return hex(pc + off);
}

/** Text of the instruction `insn` (a 16-bit value for a compressed one) at `pc` (optional). */
export function disasm(insn: number, pc?: number): string {
  insn >>>= 0;
  if ((insn & 3) !== 3) {
    const e = expandRvc(insn & 0xffff);
    if (e === 0) return `unknown ${hex(insn & 0xffff)}`;
    return disasm32(e >>> 0, pc);
  }
  return disasm32(insn, pc);
}

function disasm32(insn: number, pc: number | undefined): string {
  const fp = disasmFp(insn);
  if (fp !== null) return fp;
  decode32(insn);
  const w = dec[0], imm = dec[1];
  let op = w & 255;
  const rdN = (insn >>> 7) & 31, rs1N = (insn >>> 15) & 31, rs2N = (insn >>> 20) & 31;
  const rd = XNAMES[rdN], rs1 = XNAMES[rs1N], rs2 = XNAMES[rs2N];
  if (op === Op.ILLEGAL) return `unknown ${hex(insn)}`;
  if (op === Op.NOP) {
    if (insn === 0x13) return 'nop';
    decode32((insn & ~(31 << 7)) | (1 << 7)); // re-decode with rd = ra to learn the operation
    op = dec[0] & 255;
  }
  if (op === Op.LI) return `li ${rd}, ${imm}`;
  if (op === Op.MV) return `mv ${rd}, ${rs1}`;
  if (op === Op.J) return `j ${target(pc, imm)}`;
  if (op === Op.BEQZ) op = Op.BEQ; else if (op === Op.BNEZ) op = Op.BNE;
  const name = opName[op];
  if (op >= Op.ADD && op <= Op.AND || op >= Op.ADDW && op <= Op.SRAW && op !== Op.ADDIW || op >= Op.MUL && op <= Op.REMUW) {
    if (op === Op.ADD && rs1N === 0 && rdN !== 0) return `mv ${rd}, ${rs2}`;
    return `${name} ${rd}, ${rs1}, ${rs2}`;
  }
  if (op >= Op.ADDI && op <= Op.SRAIW) {
    const v = op === Op.ADDI || op === Op.SLTI || op === Op.SLTIU || op === Op.XORI || op === Op.ORI || op === Op.ANDI || op === Op.ADDIW
      ? insn >> 20 : imm;
    return `${name} ${rd}, ${rs1}, ${v}`;
  }
  switch (op) {
    case Op.LUI: case Op.AUIPC: return `${name} ${rd}, ${hex((insn >>> 12) & 0xfffff)}`;
    case Op.JAL: return `jal ${rd}, ${target(pc, imm)}`;
    case Op.JALR:
      if (rdN === 0 && rs1N === 1 && imm === 0) return 'ret';
      return `jalr ${rd}, ${imm}(${rs1})`;
    case Op.BEQ: case Op.BNE: case Op.BLT: case Op.BGE: case Op.BLTU: case Op.BGEU:
      return `${name} ${rs1}, ${rs2}, ${target(pc, imm)}`;
    case Op.LB: case Op.LH: case Op.LW: case Op.LD: case Op.LBU: case Op.LHU: case Op.LWU:
      return `${name} ${rd}, ${imm}(${rs1})`;
    case Op.SB: case Op.SH: case Op.SW: case Op.SD:
      return `${name} ${rs2}, ${imm}(${rs1})`;
    case Op.LR_W: case Op.LR_D: case Op.SC_W: case Op.SC_D: case Op.AMO_W: case Op.AMO_D: {
      const f5 = insn >>> 27;
      const base = f5 === 2 ? 'lr' : f5 === 3 ? 'sc' : AMO_NAMES[f5];
      const sfx = ((insn >>> 12) & 7) === 2 ? '.w' : '.d';
      const ord = ((insn >>> 26) & 1 ? '.aq' : '') + ((insn >>> 25) & 1 ? '.rl' : '');
      return f5 === 2 ? `${base}${sfx}${ord} ${rd}, (${rs1})` : `${base}${sfx}${ord} ${rd}, ${rs2}, (${rs1})`;
    }
    case Op.FENCE: {
      const set = (v: number) => (v & 8 ? 'i' : '') + (v & 4 ? 'o' : '') + (v & 2 ? 'r' : '') + (v & 1 ? 'w' : '');
      const pred = (insn >>> 24) & 15, succ = (insn >>> 20) & 15;
      return pred === 15 && succ === 15 ? 'fence' : `fence ${set(pred)}, ${set(succ)}`;
    }
    case Op.FENCE_I: return 'fence.i';
    case Op.ECALL: return 'ecall';
    case Op.EBREAK: return 'ebreak';
    case Op.MRET: return 'mret';
    case Op.SRET: return 'sret';
    case Op.WFI: return 'wfi';
    case Op.SFENCE_VMA: return `sfence.vma ${rs1}, ${rs2}`;
    case Op.CSRRW: case Op.CSRRS: case Op.CSRRC: case Op.CSRRWI: case Op.CSRRSI: case Op.CSRRCI: {
      const csr = csrName(imm) ?? hex(imm);
      const src = op >= Op.CSRRWI ? String(rs1N) : rs1;
      if (op === Op.CSRRS && rs1N === 0) return `csrr ${rd}, ${csr}`;
      if (op === Op.CSRRW && rdN === 0) return `csrw ${csr}, ${rs1}`;
      return `${name} ${rd}, ${csr}, ${src}`;
    }
    default: return `unknown ${hex(insn)}`;
  }
}
