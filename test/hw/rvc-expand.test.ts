// The C extension: every RV64 compressed form expands to the 32-bit
// instruction the spec names as its equivalent, reserved encodings are
// rejected (expand to 0 and trap as illegal with the 16-bit tval), HINTs
// execute as no-ops, and compressed programs compute what their expansions do
// (2-byte links for c.jalr, compressed branches and jumps, sp-relative
// loads/stores including the FP ones).
import test from 'ava';
import * as R from './rvasm.js';
import { expandRvc } from '../../core/hw/rvc.js';
import { run, xr, mem64, DATA, stoppedAtEbreak, BASE } from './isa-util.js';
import { RunExit } from '../../core/hw/hart.js';

const { A0, A1, A2, A3, A4, A5, S0, S1, SP, RA, T0, T6 } = R;

const pairs: [string, number, number][] = [
  ['c.addi4spn', R.c_addi4spn(S0, 1020), R.addi(S0, SP, 1020)],
  ['c.fld', R.c_fld(A0, A1, 248), R.fld(A0, A1, 248)],
  ['c.lw', R.c_lw(A2, A3, 124), R.lw(A2, A3, 124)],
  ['c.ld', R.c_ld(A4, A5, 248), R.ld(A4, A5, 248)],
  ['c.fsd', R.c_fsd(A5, S1, 8), R.fsd(A5, S1, 8)],
  ['c.sw', R.c_sw(S0, S1, 64), R.sw(S0, S1, 64)],
  ['c.sd', R.c_sd(A0, A1, 136), R.sd(A0, A1, 136)],
  ['c.nop', R.c_nop(), R.addi(0, 0, 0)],
  ['c.addi', R.c_addi(A0, -32), R.addi(A0, A0, -32)],
  ['c.addiw', R.c_addiw(A1, 31), R.addiw(A1, A1, 31)],
  ['c.li', R.c_li(T0, -1), R.addi(T0, 0, -1)],
  ['c.addi16sp', R.c_addi16sp(-512), R.addi(SP, SP, -512)],
  ['c.addi16sp+', R.c_addi16sp(496), R.addi(SP, SP, 496)],
  ['c.lui', R.c_lui(6, -31), R.lui(6, 0xfffe1)],
  ['c.lui+', R.c_lui(6, 31), R.lui(6, 31)],
  ['c.srli', R.c_srli(S0, 63), R.srli(S0, S0, 63)],
  ['c.srai', R.c_srai(A5, 33), R.srai(A5, A5, 33)],
  ['c.andi', R.c_andi(A4, -7), R.andi(A4, A4, -7)],
  ['c.sub', R.c_sub(S0, S1), R.sub(S0, S0, S1)],
  ['c.xor', R.c_xor(A0, A1), R.xor(A0, A0, A1)],
  ['c.or', R.c_or(A2, A3), R.or(A2, A2, A3)],
  ['c.and', R.c_and(A4, A5), R.and(A4, A4, A5)],
  ['c.subw', R.c_subw(S0, A5), R.subw(S0, S0, A5)],
  ['c.addw', R.c_addw(A0, S1), R.addw(A0, A0, S1)],
  ['c.j', R.c_j(1046), R.jal(0, 1046)],
  ['c.j-', R.c_j(-2048), R.jal(0, -2048)],
  ['c.beqz', R.c_beqz(A0, -256), R.beq(A0, 0, -256)],
  ['c.bnez', R.c_bnez(A5, 170), R.bne(A5, 0, 170)],
  ['c.slli', R.c_slli(T6, 63), R.slli(T6, T6, 63)],
  ['c.fldsp', R.c_fldsp(8, 504), R.fld(8, SP, 504)],
  ['c.lwsp', R.c_lwsp(RA, 252), R.lw(RA, SP, 252)],
  ['c.ldsp', R.c_ldsp(27, 504), R.ld(27, SP, 504)],
  ['c.jr', R.c_jr(RA), R.jalr(0, RA, 0)],
  ['c.mv', R.c_mv(A0, T6), R.add(A0, 0, T6)],
  ['c.ebreak', R.c_ebreak(), R.ebreak()],
  ['c.jalr', R.c_jalr(T0), R.jalr(RA, T0, 0)],
  ['c.add', R.c_add(18, 19), R.add(18, 18, 19)],
  ['c.fsdsp', R.c_fsdsp(9, 504), R.fsd(9, SP, 504)],
  ['c.swsp', R.c_swsp(7, 252), R.sw(7, SP, 252)],
  ['c.sdsp', R.c_sdsp(20, 504), R.sd(20, SP, 504)],
];

test('every RV64C form expands to its 32-bit equivalent', (t) => {
  const bad = pairs.filter(([, c, w]) => (expandRvc(c) >>> 0) !== (w >>> 0))
    .map(([n, c, w]) => `${n}: ${c.toString(16)} -> ${(expandRvc(c) >>> 0).toString(16)}, want ${(w >>> 0).toString(16)}`);
  t.deepEqual(bad, []);
});

/** Reserved encodings of RV64C (spec table "RVC opcode map" and each instruction's constraints). */
const reserved: [string, number][] = [
  ['all zeros', 0x0000],
  ['c.addi4spn nzuimm=0', 0x0000 | (3 << 2)],
  ['quadrant 0 funct3=100', 0x8000],
  ['c.addiw rd=0', 0x2001 | (0 << 7) | (5 << 2)],
  ['c.addi16sp imm=0', 0x6101],
  ['c.lui imm=0', 0x6001 | (5 << 7)],
  ['c.subw-space 100 1 11 10', 0x9c01 | (2 << 5)],
  ['c.subw-space 100 1 11 11', 0x9c01 | (3 << 5)],
  ['c.lwsp rd=0', 0x4002],
  ['c.ldsp rd=0', 0x6002],
  ['c.jr rs1=0', 0x8002],
];

test('reserved compressed encodings expand to 0 and trap as illegal with the 16-bit tval', (t) => {
  for (const [name, h] of reserved) {
    t.is(expandRvc(h), 0, name);
    const r = run((a) => { a.c(h, R.c_nop()); a.emit(R.ebreak()); });
    t.is(r.exit, RunExit.TRAP, name);
    t.is(r.h.trapCause, 2, name);
    t.is(r.h.trapTval, h, name);
    t.is(r.h.trapPc, BASE, name);
  }
});

test('HINT encodings execute as no-ops', (t) => {
  const hints = [R.c_addi(A0, 0), R.c_li(0, 5), R.c_lui(0, 3), R.c_mv(0, A1), R.c_add(0, A1), R.c_slli(0, 3), R.c_addi(0, 7), R.c_srli(A0, 0)];
  const r = run((a) => { a.li(A0, 1234); a.li(A1, 99); a.c(...hints); a.emit(R.ebreak()); });
  t.true(stoppedAtEbreak(r));
  t.is(xr(r.h, A0), 1234n);
  t.is(xr(r.h, 0), 0n);
  t.is(r.h.instret, 2 + hints.length);
});

test('compressed arithmetic computes what its expansion computes', (t) => {
  const r = run((a) => {
    a.li(S0, 0x7fffffff); a.li(S1, 1); a.li(A0, -5); a.li(A1, 12);
    a.c(R.c_addw(S0, S1));          // s0 = sext(0x80000000)
    a.c(R.c_xor(A0, A1));           // a0 = -5 ^ 12
    a.c(R.c_li(A2, -3), R.c_addi(A2, 10), R.c_slli(A2, 40), R.c_srai(A2, 39)); // 7<<40>>39 = 14
    a.c(R.c_lui(A3, -1), R.c_addiw(A3, 1));   // 0xfffffffffffff000 + 1
    a.c(R.c_mv(A4, A1), R.c_sub(A4, S1), R.c_andi(A4, 6), R.c_or(A4, S1));  // (12-1)&6 = 2 | 1 = 3
    a.c(R.c_li(A5, -1), R.c_srli(A5, 60), R.c_subw(A5, S1), R.c_and(A5, A5));   // 15 - 1 = 14
    a.c(R.c_addi16sp(-64), R.c_addi4spn(T0 - T0 + 8, 16));  // s0 = sp + 16
    a.c(R.c_li(T6, 20), R.c_add(T6, A1));                   // t6 = 20 + 12
    a.emit(R.ebreak());
  }, { setup: (m) => { m.h.x[2 * SP] = DATA; } });
  t.true(stoppedAtEbreak(r));
  t.is(xr(r.h, A0), BigInt.asUintN(64, -5n ^ 12n));
  t.is(xr(r.h, A2), 14n);
  t.is(xr(r.h, A3), 0xfffffffffffff001n);
  t.is(xr(r.h, A4), 3n);
  t.is(xr(r.h, A5), 14n);
  t.is(xr(r.h, SP), BigInt(DATA - 64));
  t.is(xr(r.h, S0), BigInt(DATA - 64 + 16));
  t.is(xr(r.h, T6), 32n);
});

test('compressed loads and stores, sp-relative and register-relative, integer and FP', (t) => {
  const r = run((a) => {
    a.li(T0, 0x1122334455667788n); a.li(A1, -2);
    a.c(R.c_sdsp(T0, 8), R.c_swsp(A1, 16), R.c_ldsp(A2, 8), R.c_lwsp(A3, 16));
    a.c(R.c_mv(S1, SP), R.c_ld(A4, S1, 8), R.c_lw(A5, S1, 16), R.c_sw(A1, S1, 24), R.c_sd(A4, S1, 32));
    a.c(R.c_fldsp(3, 8), R.c_fsdsp(3, 40), R.c_fld(8, S1, 32), R.c_fsd(8, S1, 48));
    a.emit(R.ebreak());
  }, { fs: true, setup: (m) => { m.h.x[2 * SP] = DATA; } });
  t.true(stoppedAtEbreak(r));
  t.is(xr(r.h, A2), 0x1122334455667788n);
  t.is(xr(r.h, A3), 0xfffffffffffffffen);
  t.is(xr(r.h, A4), 0x1122334455667788n);
  t.is(xr(r.h, A5), 0xfffffffffffffffen);
  t.is(mem64(r.ram, DATA + 24) & 0xffffffffn, 0xfffffffen);
  t.is(mem64(r.ram, DATA + 32), 0x1122334455667788n);
  t.is(mem64(r.ram, DATA + 40), 0x1122334455667788n);
  t.is(mem64(r.ram, DATA + 48), 0x1122334455667788n);
});

test('compressed control flow: c.j, c.beqz/c.bnez, c.jal r and c.jr with 2-byte links', (t) => {
  const r = run((a) => {
    a.c(R.c_li(A0, 0), R.c_li(A1, 3));
    a.label('loop');
    a.c(R.c_addi(A0, 2), R.c_addi(A1, -1));
    a.cbnez(A1, 'loop');                 // a0 = 6
    a.cbeqz(A1, 'over'); a.c(R.c_li(A0, 0));
    a.label('over');
    a.la(T0, 'fn');
    a.label('call'); a.c(R.c_jalr(T0));
    a.label('ret'); a.c(R.c_ebreak());
    a.label('fn'); a.c(R.c_mv(A2, RA)); a.cj('tail');
    a.c(R.c_li(A0, 0));
    a.label('tail'); a.c(R.c_jr(RA));
  });
  t.is(r.exit, RunExit.TRAP);
  t.is(r.h.trapCause, 3);
  t.is(xr(r.h, A0), 6n);
  t.is(xr(r.h, A2), xr(r.h, RA));
  t.is(Number(xr(r.h, A2)), r.h.trapPc);
});
