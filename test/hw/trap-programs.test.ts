// Trap entry and return driven by small programs run on the hart (assembled by
// rvasm): ecall from U into M and back, delegation of a U-mode page fault to
// S under Sv39, timer and software interrupts (direct and vectored), CSR
// privilege violations, TW, and the embedder path through run().
import test from 'ava';
import { CSR, getCsr, setCsr } from '../../core/hw/csr.js';
import { RunExit } from '../../core/hw/hart.js';
import type { Hart } from '../../core/hw/hart.js';
import {
  Asm, A0, A1, A2, T0, T1, T2, S0, S1, addi, csrr, csrw, csrrs, ecall, ebreak, lw, mret, sret, sw, wfi,
} from './rvasm.js';
import { mkHart, PageTable, PTE, RWX, RAM_BASE, readPteLo } from './csr-helpers.js';

const reg = (h: Hart, r: number) => h.x[2 * r];
/** Low word as unsigned (for RAM addresses above 2^31). */
const ureg = (h: Hart, r: number) => h.x[2 * r] >>> 0;
const MSTATUS = CSR.mstatus;

function load(h: Hart, a: Asm, entry = a.base): void {
  h.ram.load(a.base, a.bytes());
  h.flushDecodeCache();
  h.pc = entry;
}

test('U-mode ecall traps to M; the handler skips it and mret returns to U', (t) => {
  const h = mkHart();
  const a = new Asm(RAM_BASE);
  a.la(T0, 'mhandler').emit(csrw(CSR.mtvec, T0));
  a.la(T0, 'user').emit(csrw(CSR.mepc, T0));
  a.emit(mret()); // MPP = U after reset
  a.label('user');
  a.emit(addi(A0, 0, 7), ecall(), addi(A0, A0, 1));
  a.label('spin').j('spin');
  a.label('mhandler');
  a.emit(csrr(S0, CSR.mcause), csrr(T1, CSR.mepc), addi(T1, T1, 4), csrw(CSR.mepc, T1), csrr(S1, MSTATUS), mret());
  load(h, a);
  t.is(h.run(200), RunExit.BUDGET);
  t.is(h.priv, 0);
  t.is(reg(h, A0), 8);
  t.is(reg(h, S0), 8); // ecall from U
  t.is((reg(h, S1) >> 11) & 3, 0); // MPP = U inside the handler
  t.is(h.pc, a.addr('spin'));
});

test('S-mode CSR access to an M CSR is an illegal instruction with mtval 0 or the instruction bits', (t) => {
  const h = mkHart();
  const a = new Asm(RAM_BASE);
  a.la(T0, 'mhandler').emit(csrw(CSR.mtvec, T0));
  a.la(T0, 'sup').emit(csrw(CSR.mepc, T0));
  a.li(T0, 1 << 11).emit(csrrs(0, MSTATUS, T0)); // MPP = S
  a.emit(mret());
  a.label('sup');
  a.label('bad').emit(csrr(A0, CSR.mstatus));
  a.label('spin').j('spin');
  a.label('mhandler');
  a.emit(csrr(S0, CSR.mcause), csrr(S1, CSR.mepc), csrr(A2, CSR.mtval), csrr(A1, MSTATUS));
  a.label('mspin').j('mspin');
  load(h, a);
  h.run(200);
  t.is(reg(h, S0), 2);
  t.is(ureg(h, S1), a.addr('bad'));
  t.true(reg(h, A2) === 0 || reg(h, A2) === (csrr(A0, CSR.mstatus) | 0));
  t.is((reg(h, A1) >> 11) & 3, 1); // MPP = S
  t.is(h.pc, a.addr('mspin'));
});

test('Sv39: a U-mode store to a read-only page is delegated to S with stval; A/D set by hardware', (t) => {
  const h = mkHart();
  const pt = new PageTable(h, RAM_BASE + 0x100000, RAM_BASE + 0x110000);
  pt.map(RAM_BASE, RAM_BASE, RWX | PTE.A | PTE.D, 2);                // kernel/code: 1 GiB identity, S only
  pt.map(0x10000, RAM_BASE + 0x200000, PTE.R | PTE.W | PTE.U);        // user data, A/D clear
  pt.map(0x11000, RAM_BASE + 0x201000, PTE.R | PTE.U | PTE.A);         // user read-only
  pt.map(0x20000, RAM_BASE + 0x202000, PTE.X | PTE.R | PTE.U | PTE.A); // user code
  h.ram.write32(RAM_BASE + 0x200000, 1234);
  const u = new Asm(0x20000);
  u.li(T0, 0x10000).emit(lw(A0, T0, 0), addi(A0, A0, 1), sw(A0, T0, 4));
  u.li(T1, 0x11000).label('ustore').emit(sw(A0, T1, 0));
  u.label('uspin').j('uspin');
  h.ram.load(RAM_BASE + 0x202000, u.bytes());

  const a = new Asm(RAM_BASE);
  a.la(T0, 'shandler').emit(csrw(CSR.stvec, T0));
  a.li(T0, (1 << 15) | (1 << 13) | (1 << 12)).emit(csrw(CSR.medeleg, T0));
  a.li(T0, (8n << 60n) | BigInt((RAM_BASE + 0x100000) / 4096)).emit(csrw(CSR.satp, T0));
  a.la(T0, 'sup').emit(csrw(CSR.mepc, T0));
  a.li(T0, 1 << 11).emit(csrrs(0, MSTATUS, T0)); // MPP = S
  a.emit(mret());
  a.label('sup');
  a.li(T0, 0x20000).emit(csrw(CSR.sepc, T0), sret()); // SPP = U after reset
  a.label('shandler');
  a.emit(csrr(S0, CSR.scause), csrr(S1, CSR.stval), csrr(T2, CSR.sepc), csrr(A1, CSR.sstatus));
  a.label('sspin').j('sspin');
  load(h, a);
  h.run(500);
  t.is(h.priv, 1);
  t.is(h.pc, a.addr('sspin'));
  t.is(reg(h, S0), 15);
  t.is(reg(h, S1), 0x11000);
  t.is(reg(h, T2), u.addr('ustore'));
  t.is((reg(h, A1) >> 8) & 1, 0); // SPP = U
  t.is(reg(h, A0), 1235);
  t.is(h.ram.read32(RAM_BASE + 0x200004), 1235);
  t.is(readPteLo(h, pt.slot(0x10000, 0)) & (PTE.A | PTE.D), PTE.A | PTE.D);
  t.is(readPteLo(h, pt.slot(0x11000, 0)) & PTE.D, 0);
  t.is(getCsr(h, CSR.mcause), 0n); // M never saw it
});

test('timer interrupt: pending MTIP is taken once MIE and MTIE are set; vectored to base + 4*7', (t) => {
  const h = mkHart();
  const a = new Asm(RAM_BASE);
  a.la(T0, 'vec').emit(addi(T0, T0, 1), csrw(CSR.mtvec, T0)); // vectored
  a.li(T0, 1 << 7).emit(csrw(CSR.mie, T0));
  a.emit(csrrs(0, MSTATUS, 0));
  a.li(T0, 1 << 3).emit(csrrs(0, MSTATUS, T0)); // MIE
  a.label('loop').emit(addi(A0, A0, 1)).j('loop');
  a.align(256);
  a.label('vec');
  for (let i = 0; i < 16; i++) { if (i === 7) a.j('timer'); else a.j('other'); }
  a.label('timer').emit(csrr(S0, CSR.mcause), csrr(S1, CSR.mepc), addi(A1, 0, 1)).label('tspin').j('tspin');
  a.label('other').emit(addi(A1, 0, 2)).label('ospin').j('ospin');
  load(h, a);
  t.is(h.run(300), RunExit.BUDGET);
  t.is(h.pc >= a.addr('loop') && h.pc <= a.addr('loop') + 4, true);
  t.true(reg(h, A0) > 10);
  h.setPending(7, true);
  t.is(getCsr(h, CSR.mip) & 0x80n, 0x80n);
  h.run(100);
  t.is(reg(h, A1), 1);
  t.is(h.pc, a.addr('tspin'));
  t.is(BigInt.asUintN(64, (BigInt(h.x[2 * S0 + 1]) << 32n) | BigInt(h.x[2 * S0] >>> 0)), 0x8000000000000007n);
  t.true(ureg(h, S1) === a.addr('loop') || ureg(h, S1) === a.addr('loop') + 4);
});

test('wfi in M returns RunExit.WFI; an enabled pending interrupt makes it fall through', (t) => {
  const h = mkHart();
  const a = new Asm(RAM_BASE);
  a.label('w').emit(wfi(), addi(A0, 0, 5));
  a.label('spin').j('spin');
  load(h, a);
  t.is(h.run(100), RunExit.WFI);
  t.is(h.pc, a.addr('w') + 4);
  // With MSIP pending and enabled in mie (MIE clear), wfi does not stop.
  const h2 = mkHart();
  load(h2, a);
  setCsr(h2, CSR.mie, 1n << 3n);
  h2.csr.setPending(3, true);
  t.is(h2.run(50), RunExit.BUDGET);
  t.is(reg(h2, A0), 5);
});

test('TW: wfi in S is illegal when mstatus.TW is set', (t) => {
  const h = mkHart();
  const a = new Asm(RAM_BASE);
  a.la(T0, 'mhandler').emit(csrw(CSR.mtvec, T0));
  a.la(T0, 'sup').emit(csrw(CSR.mepc, T0));
  a.li(T0, (1 << 11) | (1 << 21)).emit(csrrs(0, MSTATUS, T0)); // MPP = S, TW
  a.emit(mret());
  a.label('sup').label('bad').emit(wfi());
  a.label('spin').j('spin');
  a.label('mhandler').emit(csrr(S0, CSR.mcause), csrr(S1, CSR.mepc));
  a.label('mspin').j('mspin');
  load(h, a);
  t.is(h.run(100), RunExit.BUDGET);
  t.is(reg(h, S0), 2);
  t.is(ureg(h, S1), a.addr('bad'));
});

test('trapToHost: a U-mode ecall through run() returns TRAP with the report and no CSR change', (t) => {
  const h = mkHart();
  h.trapToHost = 1 << 0;
  const a = new Asm(RAM_BASE);
  a.la(T0, 'user').emit(csrw(CSR.mepc, T0), mret());
  a.label('user').emit(addi(17, 0, 93)).label('call').emit(ecall(), ebreak());
  load(h, a);
  const mepcBefore = () => getCsr(h, CSR.mepc);
  t.is(h.run(100), RunExit.TRAP);
  t.is(h.trapCause, 8);
  t.false(h.trapIsInterrupt);
  t.is(h.trapPc, a.addr('call'));
  t.is(h.pc, a.addr('call'));
  t.is(h.priv, 0);
  t.is(getCsr(h, CSR.mcause), 0n);
  t.is(mepcBefore(), BigInt(a.addr('user')));
  // The embedder handles it and resumes after the ecall.
  h.pc += 4;
  t.is(h.run(100), RunExit.TRAP);
  t.is(h.trapCause, 3);
});

test('a delegated STI stays pending in S with SIE=0 and is taken on the first instruction after sret to U', (t) => {
  const h = mkHart();
  const a = new Asm(RAM_BASE);
  a.li(T0, 1 << 5).emit(csrw(CSR.mideleg, T0), csrw(CSR.mie, T0), csrw(CSR.mip, T0)); // STIP delegated, enabled, pending
  a.la(T0, 'shandler').emit(csrw(CSR.stvec, T0));
  a.la(T0, 'sup').emit(csrw(CSR.mepc, T0));
  a.li(T0, 1 << 11).emit(csrrs(0, MSTATUS, T0)); // MPP = S (SIE = 0)
  a.emit(mret());
  a.label('sup').emit(addi(A0, A0, 1), addi(A0, A0, 1));
  a.la(T0, 'user').emit(csrw(CSR.sepc, T0), sret());
  a.label('user').emit(addi(A1, A1, 1));
  a.label('uspin').j('uspin');
  a.label('shandler').emit(csrr(S0, CSR.scause), csrr(S1, CSR.sepc), csrr(A2, CSR.sstatus));
  a.label('sspin').j('sspin');
  load(h, a);
  h.run(200);
  t.is(h.priv, 1);
  t.is(h.pc, a.addr('sspin'));
  t.is(reg(h, A0), 2);       // S ran with the interrupt pending
  t.is(reg(h, A1), 0);       // U did not execute its first instruction
  t.is(h.x[2 * S0 + 1] >>> 0, 0x80000000);
  t.is(reg(h, S0), 5);
  t.is(ureg(h, S1), a.addr('user'));
  t.is((reg(h, A2) >> 8) & 1, 0); // SPP = U
});
