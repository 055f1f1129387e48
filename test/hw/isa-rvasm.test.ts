// rvasm (the encoder every hart test relies on) against the GNU assembler:
// the same instructions written as assembly text are assembled by
// riscv64-linux-gnu-as and must give the same bytes. Skips when the tool is
// absent, unless NODIX_REQUIRE_TOOLS=1.
import test from 'ava';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as R from './rvasm.js';

const AS = 'riscv64-linux-gnu-as', OBJCOPY = 'riscv64-linux-gnu-objcopy';
function have(tool: string): boolean {
  try { execFileSync(tool, ['--version'], { stdio: 'ignore' }); return true; } catch { return false; }
}

const w32: [string, number][] = [
  ['add a0, a1, a2', R.add(10, 11, 12)], ['sub t0, t1, t2', R.sub(5, 6, 7)], ['sll s0, s1, a0', R.sll(8, 9, 10)],
  ['slt a0, a1, a2', R.slt(10, 11, 12)], ['sltu a0, a1, a2', R.sltu(10, 11, 12)], ['xor a0, a1, a2', R.xor(10, 11, 12)],
  ['srl a0, a1, a2', R.srl(10, 11, 12)], ['sra a0, a1, a2', R.sra(10, 11, 12)], ['or a0, a1, a2', R.or(10, 11, 12)],
  ['and a0, a1, a2', R.and(10, 11, 12)], ['addw a0, a1, a2', R.addw(10, 11, 12)], ['subw a0, a1, a2', R.subw(10, 11, 12)],
  ['sllw a0, a1, a2', R.sllw(10, 11, 12)], ['srlw a0, a1, a2', R.srlw(10, 11, 12)], ['sraw a0, a1, a2', R.sraw(10, 11, 12)],
  ['addi a0, a1, -2048', R.addi(10, 11, -2048)], ['slti a0, a1, 2047', R.slti(10, 11, 2047)], ['sltiu a0, a1, -1', R.sltiu(10, 11, -1)],
  ['xori a0, a1, 0x555', R.xori(10, 11, 0x555)], ['ori a0, a1, -3', R.ori(10, 11, -3)], ['andi a0, a1, 255', R.andi(10, 11, 255)],
  ['slli a0, a1, 63', R.slli(10, 11, 63)], ['srli a0, a1, 32', R.srli(10, 11, 32)], ['srai a0, a1, 1', R.srai(10, 11, 1)],
  ['addiw a0, a1, -7', R.addiw(10, 11, -7)], ['slliw a0, a1, 31', R.slliw(10, 11, 31)], ['srliw a0, a1, 3', R.srliw(10, 11, 3)],
  ['sraiw a0, a1, 31', R.sraiw(10, 11, 31)], ['lui a0, 0xfffff', R.lui(10, 0xfffff)], ['auipc t0, 0x12345', R.auipc(5, 0x12345)],
  ['jal ra, .+1048574', R.jal(1, 1048574)], ['jal zero, .-1048576', R.jal(0, -1048576)], ['jalr t0, -8(t1)', R.jalr(5, 6, -8)],
  ['beq a0, a1, .-4096', R.beq(10, 11, -4096)], ['bne a0, a1, .+8', R.bne(10, 11, 8)], ['blt a0, a1, .+4094', R.blt(10, 11, 4094)],
  ['bge a0, a1, .-2', R.bge(10, 11, -2)], ['bltu a0, a1, .+64', R.bltu(10, 11, 64)], ['bgeu a0, a1, .-64', R.bgeu(10, 11, -64)],
  ['lb a0, -1(sp)', R.lb(10, 2, -1)], ['lh a0, 2(sp)', R.lh(10, 2, 2)], ['lw a0, 4(sp)', R.lw(10, 2, 4)], ['ld a0, 2040(sp)', R.ld(10, 2, 2040)],
  ['lbu a0, 0(a1)', R.lbu(10, 11, 0)], ['lhu a0, 6(a1)', R.lhu(10, 11, 6)], ['lwu a0, -4(a1)', R.lwu(10, 11, -4)],
  ['sb a0, -2048(sp)', R.sb(10, 2, -2048)], ['sh a0, 2(sp)', R.sh(10, 2, 2)], ['sw a5, 2047(sp)', R.sw(15, 2, 2047)], ['sd a5, -8(sp)', R.sd(15, 2, -8)],
  ['mul a0, a1, a2', R.mul(10, 11, 12)], ['mulh a0, a1, a2', R.mulh(10, 11, 12)], ['mulhsu a0, a1, a2', R.mulhsu(10, 11, 12)],
  ['mulhu a0, a1, a2', R.mulhu(10, 11, 12)], ['div a0, a1, a2', R.div(10, 11, 12)], ['divu a0, a1, a2', R.divu(10, 11, 12)],
  ['rem a0, a1, a2', R.rem(10, 11, 12)], ['remu a0, a1, a2', R.remu(10, 11, 12)], ['mulw a0, a1, a2', R.mulw(10, 11, 12)],
  ['divw a0, a1, a2', R.divw(10, 11, 12)], ['divuw a0, a1, a2', R.divuw(10, 11, 12)], ['remw a0, a1, a2', R.remw(10, 11, 12)],
  ['remuw a0, a1, a2', R.remuw(10, 11, 12)],
  ['lr.w t0, (a0)', R.lr_w(5, 10)], ['lr.d t0, (a0)', R.lr_d(5, 10)], ['sc.w t1, t2, (a0)', R.sc_w(6, 7, 10)], ['sc.d t1, t2, (a0)', R.sc_d(6, 7, 10)],
  ['amoswap.w a0, a1, (a2)', R.amoswap_w(10, 11, 12)], ['amoadd.d a0, a1, (a2)', R.amoadd_d(10, 11, 12)],
  ['amoxor.w a0, a1, (a2)', R.amoxor_w(10, 11, 12)], ['amoand.d a0, a1, (a2)', R.amoand_d(10, 11, 12)],
  ['amoor.w a0, a1, (a2)', R.amoor_w(10, 11, 12)], ['amomin.d a0, a1, (a2)', R.amomin_d(10, 11, 12)],
  ['amomax.w a0, a1, (a2)', R.amomax_w(10, 11, 12)], ['amominu.d a0, a1, (a2)', R.amominu_d(10, 11, 12)],
  ['amomaxu.w a0, a1, (a2)', R.amomaxu_w(10, 11, 12)], ['amoswap.d.aqrl a0, a1, (a2)', R.amo(1, 3, 10, 12, 11, true, true)],
  ['csrrw a0, mstatus, a1', R.csrrw(10, 0x300, 11)], ['csrrs a0, mip, a1', R.csrrs(10, 0x344, 11)], ['csrrc a0, sstatus, a1', R.csrrc(10, 0x100, 11)],
  ['csrrwi a0, mscratch, 31', R.csrrwi(10, 0x340, 31)], ['csrrsi a0, mie, 8', R.csrrsi(10, 0x304, 8)], ['csrrci a0, mie, 1', R.csrrci(10, 0x304, 1)],
  ['ecall', R.ecall()], ['ebreak', R.ebreak()], ['mret', R.mret()], ['sret', R.sret()], ['wfi', R.wfi()],
  ['sfence.vma a0, a1', R.sfence_vma(10, 11)], ['fence', R.fence()], ['fence rw, w', R.fence(3, 1)], ['fence.i', R.fence_i()],
  ['flw ft0, 12(a0)', R.flw(0, 10, 12)], ['fld fa0, -8(sp)', R.fld(10, 2, -8)], ['fsw ft1, 4(a0)', R.fsw(1, 10, 4)], ['fsd fa0, -8(sp)', R.fsd(10, 2, -8)],
  ['fadd.d ft1, ft2, ft3', R.fadd_d(1, 2, 3)], ['fmul.d ft1, ft2, ft3, rtz', R.fmul_d(1, 2, 3, 1)], ['fmadd.d fa0, fa1, fa2, fa3, rtz', R.fma(0x43, 1, 10, 11, 12, 13, 1)],
  ['fmv.x.d a0, ft0', R.fmv_x_d(10, 0)], ['fmv.d.x ft0, a0', R.fmv_d_x(0, 10)], ['fcvt.d.l fa0, a0', R.fcvt_d_l(10, 10)],
];

const w16: [string, number][] = [
  ['c.addi4spn s0, sp, 1020', R.c_addi4spn(8, 1020)], ['c.fld fa0, 248(a1)', R.c_fld(10, 11, 248)], ['c.lw a2, 124(a3)', R.c_lw(12, 13, 124)],
  ['c.ld a4, 248(a5)', R.c_ld(14, 15, 248)], ['c.fsd fa5, 8(s1)', R.c_fsd(15, 9, 8)], ['c.sw s0, 64(s1)', R.c_sw(8, 9, 64)],
  ['c.sd a0, 136(a1)', R.c_sd(10, 11, 136)], ['c.nop', R.c_nop()], ['c.addi a0, -32', R.c_addi(10, -32)], ['c.addiw a1, 31', R.c_addiw(11, 31)],
  ['c.li t0, -1', R.c_li(5, -1)], ['c.addi16sp sp, -512', R.c_addi16sp(-512)], ['c.lui t1, 0xfffe1', R.c_lui(6, -31)],
  ['c.srli s0, 63', R.c_srli(8, 63)], ['c.srai a5, 1', R.c_srai(15, 1)], ['c.andi a4, -7', R.c_andi(14, -7)], ['c.sub s0, s1', R.c_sub(8, 9)],
  ['c.xor a0, a1', R.c_xor(10, 11)], ['c.or a2, a3', R.c_or(12, 13)], ['c.and a4, a5', R.c_and(14, 15)], ['c.subw s0, a5', R.c_subw(8, 15)],
  ['c.addw a0, s1', R.c_addw(10, 9)], ['c.j .+1046', R.c_j(1046)], ['c.beqz a0, .-256', R.c_beqz(10, -256)], ['c.bnez a5, .+170', R.c_bnez(15, 170)],
  ['c.slli t6, 63', R.c_slli(31, 63)], ['c.fldsp fs0, 504(sp)', R.c_fldsp(8, 504)], ['c.lwsp ra, 252(sp)', R.c_lwsp(1, 252)],
  ['c.ldsp s11, 504(sp)', R.c_ldsp(27, 504)], ['c.jr ra', R.c_jr(1)], ['c.mv a0, t6', R.c_mv(10, 31)], ['c.ebreak', R.c_ebreak()],
  ['c.jalr t0', R.c_jalr(5)], ['c.add s2, s3', R.c_add(18, 19)], ['c.fsdsp fs1, 504(sp)', R.c_fsdsp(9, 504)], ['c.swsp t2, 252(sp)', R.c_swsp(7, 252)],
  ['c.sdsp s4, 504(sp)', R.c_sdsp(20, 504)],
];

test('rvasm encodes like the GNU assembler (32-bit and compressed forms)', (t) => {
  if (!have(AS) || !have(OBJCOPY)) {
    if (process.env.NODIX_REQUIRE_TOOLS === '1') t.fail(`${AS} is required (NODIX_REQUIRE_TOOLS=1)`);
    else t.log(`skipped: ${AS} not found`);
    t.pass();
    return;
  }
  const dir = join(process.cwd(), '.cache', 'rvasm-check');
  mkdirSync(dir, { recursive: true });
  const src = ['.option norvc', ...w32.map(([s]) => s), '.option rvc', ...w16.map(([s]) => s), ''].join('\n');
  writeFileSync(join(dir, 't.s'), src);
  execFileSync(AS, ['-march=rv64gc', '-o', join(dir, 't.o'), join(dir, 't.s')]);
  execFileSync(OBJCOPY, ['-O', 'binary', '-j', '.text', join(dir, 't.o'), join(dir, 't.bin')]);
  const gnu = readFileSync(join(dir, 't.bin'));
  const bad: string[] = [];
  let at = 0;
  for (const [s, w] of w32) {
    const g = gnu.readUInt32LE(at); at += 4;
    if (g !== w >>> 0) bad.push(`${s}: rvasm ${(w >>> 0).toString(16)}, as ${g.toString(16)}`);
  }
  for (const [s, h] of w16) {
    const g = gnu.readUInt16LE(at); at += 2;
    if (g !== h) bad.push(`${s}: rvasm ${h.toString(16)}, as ${g.toString(16)}`);
  }
  t.is(at, gnu.length);
  t.deepEqual(bad, []);
});
