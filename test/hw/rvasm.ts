// A small RISC-V (RV64GC) encoder for tests: one function per instruction
// returning its 32-bit word (or 16-bit halfword for the c_* forms), and an
// `Asm` builder that lays words out at a base address, resolves labels for
// branches, jumps and `la`, and returns the bytes. Register operands are
// numbers 0..31 (ABI names exported below); immediates are plain numbers.
//
//   const a = new Asm(0x8000_0000);
//   a.li(A0, 10); a.label('loop'); a.emit(addi(A0, A0, -1)); a.bnez(A0, 'loop'); a.emit(ebreak());
//   ram.load(a.base, a.bytes());

export const ZERO = 0, RA = 1, SP = 2, GP = 3, TP = 4, T0 = 5, T1 = 6, T2 = 7, S0 = 8, FP = 8, S1 = 9;
export const A0 = 10, A1 = 11, A2 = 12, A3 = 13, A4 = 14, A5 = 15, A6 = 16, A7 = 17;
export const S2 = 18, S3 = 19, S4 = 20, S5 = 21, S6 = 22, S7 = 23, S8 = 24, S9 = 25, S10 = 26, S11 = 27;
export const T3 = 28, T4 = 29, T5 = 30, T6 = 31;

function chk(v: number, lo: number, hi: number, what: string): number {
  if (!Number.isInteger(v) || v < lo || v > hi) throw new RangeError(`${what} out of range: ${v}`);
  return v;
}
const reg = (r: number) => chk(r, 0, 31, 'register');

// ---- base formats ----
export function rType(op: number, rd: number, f3: number, rs1: number, rs2: number, f7: number): number {
  return ((f7 << 25) | (reg(rs2) << 20) | (reg(rs1) << 15) | (f3 << 12) | (reg(rd) << 7) | op) >>> 0;
}
export function iType(op: number, rd: number, f3: number, rs1: number, imm: number): number {
  chk(imm, -2048, 4095, 'I immediate');
  return (((imm & 0xfff) << 20) | (reg(rs1) << 15) | (f3 << 12) | (reg(rd) << 7) | op) >>> 0;
}
export function sType(op: number, f3: number, rs1: number, rs2: number, imm: number): number {
  chk(imm, -2048, 2047, 'S immediate');
  return ((((imm >> 5) & 0x7f) << 25) | (reg(rs2) << 20) | (reg(rs1) << 15) | (f3 << 12) | ((imm & 31) << 7) | op) >>> 0;
}
export function bType(op: number, f3: number, rs1: number, rs2: number, off: number): number {
  chk(off, -4096, 4094, 'branch offset');
  if (off & 1) throw new RangeError('odd branch offset');
  return ((((off >> 12) & 1) << 31) | (((off >> 5) & 0x3f) << 25) | (reg(rs2) << 20) | (reg(rs1) << 15) | (f3 << 12)
    | (((off >> 1) & 0xf) << 8) | (((off >> 11) & 1) << 7) | op) >>> 0;
}
/** U-type: `imm20` is the 20-bit upper immediate (may be given signed, -0x80000..0xfffff). */
export function uType(op: number, rd: number, imm20: number): number {
  chk(imm20, -0x80000, 0xfffff, 'U immediate');
  return (((imm20 & 0xfffff) << 12) | (reg(rd) << 7) | op) >>> 0;
}
export function jType(op: number, rd: number, off: number): number {
  chk(off, -(1 << 20), (1 << 20) - 2, 'jump offset');
  if (off & 1) throw new RangeError('odd jump offset');
  return ((((off >> 20) & 1) << 31) | (((off >> 1) & 0x3ff) << 21) | (((off >> 11) & 1) << 20) | (((off >> 12) & 0xff) << 12)
    | (reg(rd) << 7) | op) >>> 0;
}

// ---- RV64I ----
export const lui = (rd: number, imm20: number) => uType(0x37, rd, imm20);
export const auipc = (rd: number, imm20: number) => uType(0x17, rd, imm20);
export const jal = (rd: number, off: number) => jType(0x6f, rd, off);
export const jalr = (rd: number, rs1: number, imm = 0) => iType(0x67, rd, 0, rs1, imm);
export const beq = (a: number, b: number, off: number) => bType(0x63, 0, a, b, off);
export const bne = (a: number, b: number, off: number) => bType(0x63, 1, a, b, off);
export const blt = (a: number, b: number, off: number) => bType(0x63, 4, a, b, off);
export const bge = (a: number, b: number, off: number) => bType(0x63, 5, a, b, off);
export const bltu = (a: number, b: number, off: number) => bType(0x63, 6, a, b, off);
export const bgeu = (a: number, b: number, off: number) => bType(0x63, 7, a, b, off);
export const lb = (rd: number, rs1: number, imm = 0) => iType(0x03, rd, 0, rs1, imm);
export const lh = (rd: number, rs1: number, imm = 0) => iType(0x03, rd, 1, rs1, imm);
export const lw = (rd: number, rs1: number, imm = 0) => iType(0x03, rd, 2, rs1, imm);
export const ld = (rd: number, rs1: number, imm = 0) => iType(0x03, rd, 3, rs1, imm);
export const lbu = (rd: number, rs1: number, imm = 0) => iType(0x03, rd, 4, rs1, imm);
export const lhu = (rd: number, rs1: number, imm = 0) => iType(0x03, rd, 5, rs1, imm);
export const lwu = (rd: number, rs1: number, imm = 0) => iType(0x03, rd, 6, rs1, imm);
export const sb = (rs2: number, rs1: number, imm = 0) => sType(0x23, 0, rs1, rs2, imm);
export const sh = (rs2: number, rs1: number, imm = 0) => sType(0x23, 1, rs1, rs2, imm);
export const sw = (rs2: number, rs1: number, imm = 0) => sType(0x23, 2, rs1, rs2, imm);
export const sd = (rs2: number, rs1: number, imm = 0) => sType(0x23, 3, rs1, rs2, imm);
export const addi = (rd: number, rs1: number, imm: number) => iType(0x13, rd, 0, rs1, chk(imm, -2048, 2047, 'addi'));
export const slti = (rd: number, rs1: number, imm: number) => iType(0x13, rd, 2, rs1, chk(imm, -2048, 2047, 'slti'));
export const sltiu = (rd: number, rs1: number, imm: number) => iType(0x13, rd, 3, rs1, chk(imm, -2048, 2047, 'sltiu'));
export const xori = (rd: number, rs1: number, imm: number) => iType(0x13, rd, 4, rs1, chk(imm, -2048, 2047, 'xori'));
export const ori = (rd: number, rs1: number, imm: number) => iType(0x13, rd, 6, rs1, chk(imm, -2048, 2047, 'ori'));
export const andi = (rd: number, rs1: number, imm: number) => iType(0x13, rd, 7, rs1, chk(imm, -2048, 2047, 'andi'));
export const slli = (rd: number, rs1: number, sh: number) => iType(0x13, rd, 1, rs1, chk(sh, 0, 63, 'shamt'));
export const srli = (rd: number, rs1: number, sh: number) => iType(0x13, rd, 5, rs1, chk(sh, 0, 63, 'shamt'));
export const srai = (rd: number, rs1: number, sh: number) => iType(0x13, rd, 5, rs1, 0x400 | chk(sh, 0, 63, 'shamt'));
const op = (f7: number, f3: number) => (rd: number, rs1: number, rs2: number) => rType(0x33, rd, f3, rs1, rs2, f7);
const op32 = (f7: number, f3: number) => (rd: number, rs1: number, rs2: number) => rType(0x3b, rd, f3, rs1, rs2, f7);
export const add = op(0, 0), sub = op(0x20, 0), sll = op(0, 1), slt = op(0, 2), sltu = op(0, 3), xor = op(0, 4);
export const srl = op(0, 5), sra = op(0x20, 5), or = op(0, 6), and = op(0, 7);
export const addiw = (rd: number, rs1: number, imm: number) => iType(0x1b, rd, 0, rs1, chk(imm, -2048, 2047, 'addiw'));
export const slliw = (rd: number, rs1: number, sh: number) => iType(0x1b, rd, 1, rs1, chk(sh, 0, 31, 'shamt'));
export const srliw = (rd: number, rs1: number, sh: number) => iType(0x1b, rd, 5, rs1, chk(sh, 0, 31, 'shamt'));
export const sraiw = (rd: number, rs1: number, sh: number) => iType(0x1b, rd, 5, rs1, 0x400 | chk(sh, 0, 31, 'shamt'));
export const addw = op32(0, 0), subw = op32(0x20, 0), sllw = op32(0, 1), srlw = op32(0, 5), sraw = op32(0x20, 5);
// Common pseudo-instructions.
export const nop = () => 0x00000013;
export const mv = (rd: number, rs: number) => addi(rd, rs, 0);
export const not = (rd: number, rs: number) => xori(rd, rs, -1);
export const neg = (rd: number, rs: number) => sub(rd, 0, rs);
export const ret = () => jalr(0, RA, 0);
export const fence = (pred = 0xf, succ = 0xf) => iType(0x0f, 0, 0, 0, (pred << 4) | succ);
export const fence_i = () => iType(0x0f, 0, 1, 0, 0);
export const ecall = () => 0x00000073;
export const ebreak = () => 0x00100073;

// ---- M ----
export const mul = op(1, 0), mulh = op(1, 1), mulhsu = op(1, 2), mulhu = op(1, 3);
export const div = op(1, 4), divu = op(1, 5), rem = op(1, 6), remu = op(1, 7);
export const mulw = op32(1, 0), divw = op32(1, 4), divuw = op32(1, 5), remw = op32(1, 6), remuw = op32(1, 7);

// ---- A ----
/** AMO with funct5 `f5`, width 2 (.w) or 3 (.d), and optional aq/rl bits. */
export function amo(f5: number, width: 2 | 3, rd: number, rs1: number, rs2: number, aq = false, rl = false): number {
  return rType(0x2f, rd, width, rs1, rs2, (f5 << 2) | (aq ? 2 : 0) | (rl ? 1 : 0));
}
export const AMO = { ADD: 0, SWAP: 1, LR: 2, SC: 3, XOR: 4, OR: 8, AND: 12, MIN: 16, MAX: 20, MINU: 24, MAXU: 28 } as const;
export const lr_w = (rd: number, rs1: number) => amo(AMO.LR, 2, rd, rs1, 0);
export const lr_d = (rd: number, rs1: number) => amo(AMO.LR, 3, rd, rs1, 0);
export const sc_w = (rd: number, rs2: number, rs1: number) => amo(AMO.SC, 2, rd, rs1, rs2);
export const sc_d = (rd: number, rs2: number, rs1: number) => amo(AMO.SC, 3, rd, rs1, rs2);
/** amoNAME(rd, rs2, rs1) as in assembly `amoadd.w rd, rs2, (rs1)`. */
const amoF = (f5: number, w: 2 | 3) => (rd: number, rs2: number, rs1: number) => amo(f5, w, rd, rs1, rs2);
export const amoswap_w = amoF(1, 2), amoadd_w = amoF(0, 2), amoxor_w = amoF(4, 2), amoand_w = amoF(12, 2), amoor_w = amoF(8, 2);
export const amomin_w = amoF(16, 2), amomax_w = amoF(20, 2), amominu_w = amoF(24, 2), amomaxu_w = amoF(28, 2);
export const amoswap_d = amoF(1, 3), amoadd_d = amoF(0, 3), amoxor_d = amoF(4, 3), amoand_d = amoF(12, 3), amoor_d = amoF(8, 3);
export const amomin_d = amoF(16, 3), amomax_d = amoF(20, 3), amominu_d = amoF(24, 3), amomaxu_d = amoF(28, 3);

// ---- Zicsr, privileged ----
export const csrrw = (rd: number, csr: number, rs1: number) => iType(0x73, rd, 1, rs1, csr);
export const csrrs = (rd: number, csr: number, rs1: number) => iType(0x73, rd, 2, rs1, csr);
export const csrrc = (rd: number, csr: number, rs1: number) => iType(0x73, rd, 3, rs1, csr);
export const csrrwi = (rd: number, csr: number, uimm: number) => iType(0x73, rd, 5, chk(uimm, 0, 31, 'uimm'), csr);
export const csrrsi = (rd: number, csr: number, uimm: number) => iType(0x73, rd, 6, chk(uimm, 0, 31, 'uimm'), csr);
export const csrrci = (rd: number, csr: number, uimm: number) => iType(0x73, rd, 7, chk(uimm, 0, 31, 'uimm'), csr);
export const csrr = (rd: number, csr: number) => csrrs(rd, csr, 0);
export const csrw = (csr: number, rs1: number) => csrrw(0, csr, rs1);
export const mret = () => 0x30200073;
export const sret = () => 0x10200073;
export const wfi = () => 0x10500073;
export const sfence_vma = (rs1 = 0, rs2 = 0) => rType(0x73, 0, 0, rs1, rs2, 0x09);

// ---- F/D loads, stores and a generic OP-FP/FMA encoder ----
export const flw = (rd: number, rs1: number, imm = 0) => iType(0x07, rd, 2, rs1, imm);
export const fld = (rd: number, rs1: number, imm = 0) => iType(0x07, rd, 3, rs1, imm);
export const fsw = (rs2: number, rs1: number, imm = 0) => sType(0x27, 2, rs1, rs2, imm);
export const fsd = (rs2: number, rs1: number, imm = 0) => sType(0x27, 3, rs1, rs2, imm);
/** OP-FP: funct7, rd, rs1, rs2 (or the rs2 selector field), rm (funct3). */
export const opfp = (f7: number, rd: number, rs1: number, rs2: number, rm = 7) => rType(0x53, rd, rm, rs1, rs2, f7);
/** FMADD (0x43) / FMSUB (0x47) / FNMSUB (0x4b) / FNMADD (0x4f); fmt 0 = S, 1 = D. */
export function fma(opc: number, fmt: number, rd: number, rs1: number, rs2: number, rs3: number, rm = 7): number {
  return ((reg(rs3) << 27) | (fmt << 25) | (reg(rs2) << 20) | (reg(rs1) << 15) | (rm << 12) | (reg(rd) << 7) | opc) >>> 0;
}
export const fadd_d = (rd: number, a: number, b: number, rm = 7) => opfp(0x01, rd, a, b, rm);
export const fmul_d = (rd: number, a: number, b: number, rm = 7) => opfp(0x09, rd, a, b, rm);
export const fadd_s = (rd: number, a: number, b: number, rm = 7) => opfp(0x00, rd, a, b, rm);
export const fmv_x_d = (rd: number, fs: number) => opfp(0x71, rd, fs, 0, 0);
export const fmv_d_x = (fd: number, rs: number) => opfp(0x79, fd, rs, 0, 0);
export const fmv_x_w = (rd: number, fs: number) => opfp(0x70, rd, fs, 0, 0);
export const fmv_w_x = (fd: number, rs: number) => opfp(0x78, fd, rs, 0, 0);
export const fcvt_d_l = (fd: number, rs: number, rm = 7) => opfp(0x69, fd, rs, 2, rm);

// ---- C (RV64C); compressed registers are given as full numbers 8..15 ----
const creg = (r: number) => chk(r, 8, 15, 'compressed register') - 8;
const bit = (v: number, b: number) => (v >> b) & 1;
const h16 = (v: number) => v & 0xffff;
export const c_addi4spn = (rd: number, imm: number) => h16((bit(imm, 5) << 12 | bit(imm, 4) << 11 | ((imm >> 6) & 15) << 7
  | bit(imm, 2) << 6 | bit(imm, 3) << 5) | creg(rd) << 2);
const clsW = (f3: number) => (r: number, rs1: number, imm: number) => h16(f3 << 13 | ((imm >> 3) & 7) << 10 | creg(rs1) << 7
  | bit(imm, 2) << 6 | bit(imm, 6) << 5 | creg(r) << 2);
const clsD = (f3: number) => (r: number, rs1: number, imm: number) => h16(f3 << 13 | ((imm >> 3) & 7) << 10 | creg(rs1) << 7
  | ((imm >> 6) & 3) << 5 | creg(r) << 2);
export const c_fld = clsD(1), c_lw = clsW(2), c_ld = clsD(3), c_fsd = clsD(5), c_sw = clsW(6), c_sd = clsD(7);
const ci = (f3: number, q: number) => (rd: number, imm: number) => h16(f3 << 13 | bit(imm, 5) << 12 | reg(rd) << 7 | (imm & 31) << 2 | q);
export const c_nop = () => 0x0001;
export const c_addi = ci(0, 1), c_addiw = ci(1, 1), c_li = ci(2, 1);
export const c_addi16sp = (imm: number) => h16(3 << 13 | bit(imm, 9) << 12 | 2 << 7 | bit(imm, 4) << 6 | bit(imm, 6) << 5
  | ((imm >> 7) & 3) << 3 | bit(imm, 5) << 2 | 1);
/** c.lui rd, nzimm6 where the loaded value is nzimm6 << 12 (nzimm6 in -32..31). */
export const c_lui = (rd: number, imm6: number) => h16(3 << 13 | bit(imm6, 5) << 12 | reg(rd) << 7 | (imm6 & 31) << 2 | 1);
const cshift = (f2: number) => (rd: number, sh: number) => h16(4 << 13 | bit(sh, 5) << 12 | f2 << 10 | creg(rd) << 7 | (sh & 31) << 2 | 1);
export const c_srli = cshift(0), c_srai = cshift(1);
export const c_andi = (rd: number, imm: number) => h16(4 << 13 | bit(imm, 5) << 12 | 2 << 10 | creg(rd) << 7 | (imm & 31) << 2 | 1);
const cab = (b12: number, f2: number) => (rd: number, rs2: number) => h16(4 << 13 | b12 << 12 | 3 << 10 | creg(rd) << 7 | f2 << 5 | creg(rs2) << 2 | 1);
export const c_sub = cab(0, 0), c_xor = cab(0, 1), c_or = cab(0, 2), c_and = cab(0, 3), c_subw = cab(1, 0), c_addw = cab(1, 1);
export const c_j = (off: number) => h16(5 << 13 | bit(off, 11) << 12 | bit(off, 4) << 11 | ((off >> 8) & 3) << 9 | bit(off, 10) << 8
  | bit(off, 6) << 7 | bit(off, 7) << 6 | ((off >> 1) & 7) << 3 | bit(off, 5) << 2 | 1);
const cb = (f3: number) => (rs1: number, off: number) => h16(f3 << 13 | bit(off, 8) << 12 | ((off >> 3) & 3) << 10 | creg(rs1) << 7
  | ((off >> 6) & 3) << 5 | ((off >> 1) & 3) << 3 | bit(off, 5) << 2 | 1);
export const c_beqz = cb(6), c_bnez = cb(7);
export const c_slli = (rd: number, sh: number) => h16(bit(sh, 5) << 12 | reg(rd) << 7 | (sh & 31) << 2 | 2);
const clsp8 = (f3: number) => (rd: number, imm: number) => h16(f3 << 13 | bit(imm, 5) << 12 | reg(rd) << 7 | ((imm >> 3) & 3) << 5
  | ((imm >> 6) & 7) << 2 | 2);
export const c_fldsp = clsp8(1), c_ldsp = clsp8(3);
export const c_lwsp = (rd: number, imm: number) => h16(2 << 13 | bit(imm, 5) << 12 | reg(rd) << 7 | ((imm >> 2) & 7) << 4
  | ((imm >> 6) & 3) << 2 | 2);
export const c_jr = (rs1: number) => h16(4 << 13 | reg(rs1) << 7 | 2);
export const c_mv = (rd: number, rs2: number) => h16(4 << 13 | reg(rd) << 7 | reg(rs2) << 2 | 2);
export const c_ebreak = () => 0x9002;
export const c_jalr = (rs1: number) => h16(4 << 13 | 1 << 12 | reg(rs1) << 7 | 2);
export const c_add = (rd: number, rs2: number) => h16(4 << 13 | 1 << 12 | reg(rd) << 7 | reg(rs2) << 2 | 2);
const cssp8 = (f3: number) => (rs2: number, imm: number) => h16(f3 << 13 | ((imm >> 3) & 7) << 10 | ((imm >> 6) & 7) << 7 | reg(rs2) << 2 | 2);
export const c_fsdsp = cssp8(5), c_sdsp = cssp8(7);
export const c_swsp = (rs2: number, imm: number) => h16(6 << 13 | ((imm >> 2) & 15) << 9 | ((imm >> 6) & 3) << 7 | reg(rs2) << 2 | 2);

// ---- the program builder ----
type Fixup = { at: number; label: string; kind: 'b' | 'j' | 'cb' | 'cj' | 'la'; make: (off: number) => number | [number, number] };

/** Lays out a program at `base`; labels may be used before they are defined. */
export class Asm {
  private words: { at: number; v: number; size: 2 | 4 }[] = [];
  private labels = new Map<string, number>();
  private fixups: Fixup[] = [];
  pc: number;

  constructor(readonly base = 0x8000_0000) { this.pc = base; }

  /** Appends 32-bit instruction words (or data words). */
  emit(...ws: number[]): this {
    for (const w of ws) { this.words.push({ at: this.pc, v: w >>> 0, size: 4 }); this.pc += 4; }
    return this;
  }
  /** Appends 16-bit halfwords (compressed instructions). */
  c(...hs: number[]): this {
    for (const h of hs) { this.words.push({ at: this.pc, v: h & 0xffff, size: 2 }); this.pc += 2; }
    return this;
  }
  /** A 64-bit data word (two little-endian 32-bit words). */
  dword(v: bigint): this { return this.emit(Number(v & 0xffffffffn), Number((v >> 32n) & 0xffffffffn)); }
  /** Pads with zero bytes (as halfwords) to a multiple of `n` bytes. */
  align(n: number): this { while ((this.pc - this.base) % n !== 0) this.c(0); return this; }
  /** Moves the location counter forward to `addr` (zero fill). */
  org(addr: number): this { while (this.pc < addr) this.c(0); return this; }

  label(name: string): this {
    if (this.labels.has(name)) throw new Error(`duplicate label ${name}`);
    this.labels.set(name, this.pc); return this;
  }
  addr(name: string): number {
    const a = this.labels.get(name);
    if (a === undefined) throw new Error(`undefined label ${name}`);
    return a;
  }

  private fix(kind: Fixup['kind'], label: string, make: Fixup['make'], size: 2 | 4 | 8): this {
    this.fixups.push({ at: this.pc, label, kind, make });
    if (size === 8) { this.emit(0, 0); } else if (size === 4) this.emit(0); else this.c(0);
    return this;
  }
  /** A branch to a label: a.br(beq, A0, A1, 'done'). */
  br(f: (a: number, b: number, off: number) => number, rs1: number, rs2: number, label: string): this {
    return this.fix('b', label, (off) => f(rs1, rs2, off), 4);
  }
  beqz(rs: number, label: string): this { return this.br(beq, rs, 0, label); }
  bnez(rs: number, label: string): this { return this.br(bne, rs, 0, label); }
  jal(rd: number, label: string): this { return this.fix('j', label, (off) => jal(rd, off), 4); }
  j(label: string): this { return this.jal(0, label); }
  call(label: string): this { return this.jal(RA, label); }
  cj(label: string): this { return this.fix('cj', label, (off) => c_j(off), 2); }
  cbeqz(rs: number, label: string): this { return this.fix('cb', label, (off) => c_beqz(rs, off), 2); }
  cbnez(rs: number, label: string): this { return this.fix('cb', label, (off) => c_bnez(rs, off), 2); }
  /** rd = address of label (auipc + addi). */
  la(rd: number, label: string): this {
    return this.fix('la', label, (off) => {
      const lo = ((off & 0xfff) << 20) >> 20;
      return [auipc(rd, ((off - lo) / 4096) & 0xfffff), addi(rd, rd, lo)];
    }, 8);
  }
  /** rd = any 64-bit constant (lui/addi/slli sequence). */
  li(rd: number, value: number | bigint): this {
    for (const w of liSeq(rd, BigInt.asIntN(64, BigInt(value)))) this.emit(w);
    return this;
  }

  /** Resolves labels and returns the program's bytes (little-endian). */
  bytes(): Uint8Array {
    const out = new Uint8Array(this.pc - this.base);
    const dv = new DataView(out.buffer);
    const put = (at: number, v: number, size: number) => {
      if (size === 4) dv.setUint32(at - this.base, v >>> 0, true); else dv.setUint16(at - this.base, v & 0xffff, true);
    };
    for (const w of this.words) put(w.at, w.v, w.size);
    for (const f of this.fixups) {
      const r = f.make(this.addr(f.label) - f.at);
      if (Array.isArray(r)) { put(f.at, r[0], 4); put(f.at + 4, r[1], 4); }
      else put(f.at, r, f.kind === 'cb' || f.kind === 'cj' ? 2 : 4);
    }
    return out;
  }
}

/** Instruction words loading the signed 64-bit `v` into rd. */
export function liSeq(rd: number, v: bigint): number[] {
  if (v >= -2048n && v <= 2047n) return [addi(rd, 0, Number(v))];
  if (v >= -(1n << 31n) && v < (1n << 31n)) {
    const n = Number(v);
    const lo = ((n & 0xfff) << 20) >> 20;
    const hi = ((n - lo) / 4096) & 0xfffff;
    const out = [lui(rd, hi)];
    if (lo !== 0) out.push(addiw(rd, rd, lo));
    return out;
  }
  // Build the upper part recursively, then shift in 12 bits at a time.
  const lo = Number(BigInt.asIntN(12, v));
  const rest = (v - BigInt(lo)) >> 12n;
  let shift = 12;
  let up = rest;
  while ((up & 1n) === 0n && shift < 60 && up !== 0n) { up >>= 1n; shift++; }
  const out = liSeq(rd, up);
  out.push(slli(rd, rd, shift));
  if (lo !== 0) out.push(addi(rd, rd, lo));
  return out;
}
