// The disassembler on every instruction format (R, I, S, B, U, J, the
// atomics with ordering bits, CSR register and immediate forms, system
// instructions, fences, FP through the FPU), compressed instructions shown as
// their expansion, objdump's aliases, absolute and relative branch targets,
// and unknown encodings.
import test from 'ava';
import * as R from './rvasm.js';
import { disasm } from '../../core/hw/disasm.js';

const PC = 0x8000_0000;
const cases: [number, string][] = [
  [R.add(10, 11, 12), 'add a0, a1, a2'],
  [R.subw(5, 6, 7), 'subw t0, t1, t2'],
  [R.mulhsu(10, 11, 12), 'mulhsu a0, a1, a2'],
  [R.remuw(31, 30, 29), 'remuw t6, t5, t4'],
  [R.addi(10, 11, -3), 'addi a0, a1, -3'],
  [R.sltiu(10, 11, 2047), 'sltiu a0, a1, 2047'],
  [R.slli(5, 6, 63), 'slli t0, t1, 63'],
  [R.srai(5, 6, 33), 'srai t0, t1, 33'],
  [R.sraiw(10, 11, 3), 'sraiw a0, a1, 3'],
  [R.addiw(10, 11, -1), 'addiw a0, a1, -1'],
  [R.addi(10, 0, 42), 'li a0, 42'],
  [R.mv(10, 11), 'mv a0, a1'],
  [R.nop(), 'nop'],
  [R.add(0, 1, 2), 'add zero, ra, sp'],
  [R.lui(10, 0xfffff), 'lui a0, 0xfffff'],
  [R.auipc(5, 0x12), 'auipc t0, 0x12'],
  [R.ld(1, 2, 8), 'ld ra, 8(sp)'],
  [R.lbu(10, 8, -2048), 'lbu a0, -2048(s0)'],
  [R.sb(10, 2, -1), 'sb a0, -1(sp)'],
  [R.sd(1, 2, 2040), 'sd ra, 2040(sp)'],
  [R.beq(10, 11, -16), 'beq a0, a1, 0x7ffffff0'],
  [R.bgeu(5, 6, 4094), 'bgeu t0, t1, 0x80000ffe'],
  [R.jal(1, 2048), 'jal ra, 0x80000800'],
  [R.jal(0, -4), 'j 0x7ffffffc'],
  [R.jalr(0, 1, 0), 'ret'],
  [R.jalr(5, 6, -8), 'jalr t0, -8(t1)'],
  [R.amo(1, 3, 10, 12, 11, true, true), 'amoswap.d.aq.rl a0, a1, (a2)'],
  [R.amomaxu_w(10, 11, 12), 'amomaxu.w a0, a1, (a2)'],
  [R.lr_w(5, 10), 'lr.w t0, (a0)'],
  [R.sc_d(6, 7, 10), 'sc.d t1, t2, (a0)'],
  [R.csrw(0x300, 10), 'csrw mstatus, a0'],
  [R.csrrw(11, 0x340, 10), 'csrrw a1, mscratch, a0'],
  [R.csrrsi(10, 0x344, 4), 'csrrsi a0, mip, 4'],
  [R.csrrc(10, 0x100, 11), 'csrrc a0, sstatus, a1'],
  [R.csrr(10, 0xc00), 'csrr a0, cycle'],
  [R.csrr(10, 0x7c0), 'csrr a0, 0x7c0'],
  [R.ecall(), 'ecall'], [R.ebreak(), 'ebreak'], [R.mret(), 'mret'], [R.sret(), 'sret'], [R.wfi(), 'wfi'],
  [R.sfence_vma(10, 11), 'sfence.vma a0, a1'],
  [R.fence(), 'fence'], [R.fence(3, 1), 'fence rw, w'], [R.fence_i(), 'fence.i'],
  [R.fld(10, 2, 16), 'fld fa0, 16(sp)'],
  [R.fadd_d(1, 2, 3), 'fadd.d ft1, ft2, ft3'],
  [R.c_addi(10, -3), 'addi a0, a0, -3'],
  [R.c_lwsp(1, 12), 'lw ra, 12(sp)'],
  [R.c_j(-4), 'j 0x7ffffffc'],
  [R.c_mv(10, 11), 'mv a0, a1'],
  [R.c_jr(1), 'ret'],
  [R.c_ebreak(), 'ebreak'],
  [R.c_fsdsp(9, 8), 'fsd fs1, 8(sp)'],
  [0xffffffff, 'unknown 0xffffffff'],
  [0x0000, 'unknown 0x0'],
  [0x8000, 'unknown 0x8000'],
];

test('each format disassembles in objdump style', (t) => {
  const bad = cases.map(([w, want]) => [w, disasm(w, PC), want] as const).filter(([, got, want]) => got !== want)
    .map(([w, got, want]) => `${(w >>> 0).toString(16)}: '${got}', want '${want}'`);
  t.deepEqual(bad, []);
});

test('without a pc, branch targets are relative', (t) => {
  t.is(disasm(R.beq(10, 11, -16)), 'beq a0, a1, .-16');
  t.is(disasm(R.jal(1, 8)), 'jal ra, .+8');
});
