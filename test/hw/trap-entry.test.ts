// Trap entry and return: exceptions into M and S with medeleg, the
// xEPC/xCAUSE/xTVAL and xIE/xPIE/xPP stack, mret/sret round trips, TSR/TW,
// and the embedder report path (h.trapToHost). Privileged Spec 1.12, 3.1.6-3.1.8, 3.3.2.
import test from 'ava';
import { CSR, MSTATUS, getCsr, setCsr } from '../../core/hw/csr.js';
import { Exc, mret, sret, takeException, wfiAllowed } from '../../core/hw/trap.js';
import { mkHart, csrHex } from './csr-helpers.js';

const field = (v: bigint, shift: number, width = 1) => Number((v >> BigInt(shift)) & ((1n << BigInt(width)) - 1n));

test('exception in M: mepc/mcause/mtval, MPIE<-MIE, MIE<-0, MPP<-M, pc<-mtvec base (never vectored)', (t) => {
  const h = mkHart();
  setCsr(h, CSR.mtvec, 0x80004001n); // vectored: exceptions still go to the base
  setCsr(h, CSR.mstatus, BigInt(MSTATUS.MIE));
  h.pc = 0x80000124;
  t.false(takeException(h, Exc.ILLEGAL, 0xdead));
  t.is(h.pc, 0x80004000);
  t.is(h.priv, 3);
  t.is(getCsr(h, CSR.mepc), 0x80000124n);
  t.is(getCsr(h, CSR.mcause), 2n);
  t.is(getCsr(h, CSR.mtval), 0xdeadn);
  const ms = getCsr(h, CSR.mstatus);
  t.is(field(ms, 3), 0);  // MIE
  t.is(field(ms, 7), 1);  // MPIE
  t.is(field(ms, 11, 2), 3); // MPP
});

test('exception from U with medeleg goes to S: sepc/scause/stval, SPP=U, SPIE<-SIE; M CSRs untouched', (t) => {
  const h = mkHart();
  setCsr(h, CSR.medeleg, 1n << BigInt(Exc.ECALL_U));
  setCsr(h, CSR.stvec, 0xffffffffc0000100n);
  setCsr(h, CSR.mstatus, BigInt(MSTATUS.SIE));
  setCsr(h, CSR.mepc, 0x1110n);
  h.priv = 0;
  h.pc = 0x10074;
  t.false(takeException(h, Exc.ECALL_U, 0));
  t.is(h.priv, 1);
  t.is(h.pc, -0x3fffff00);
  t.is(getCsr(h, CSR.sepc), 0x10074n);
  t.is(getCsr(h, CSR.scause), 8n);
  t.is(getCsr(h, CSR.stval), 0n);
  t.is(getCsr(h, CSR.mepc), 0x1110n);
  t.is(getCsr(h, CSR.mcause), 0n);
  const ss = getCsr(h, CSR.sstatus);
  t.is(field(ss, 1), 0); // SIE
  t.is(field(ss, 5), 1); // SPIE
  t.is(field(ss, 8), 0); // SPP = U
});

test('exception from S with delegation stays in S with SPP=S; from M it is never delegated', (t) => {
  const h = mkHart();
  setCsr(h, CSR.medeleg, 0xffffn);
  setCsr(h, CSR.stvec, 0x80002000n);
  setCsr(h, CSR.mtvec, 0x80003000n);
  h.priv = 1;
  h.pc = 0x80001000;
  takeException(h, Exc.LOAD_PAGE, 0x4000);
  t.is(h.priv, 1);
  t.is(h.pc, 0x80002000);
  t.is(field(getCsr(h, CSR.sstatus), 8), 1);
  t.is(getCsr(h, CSR.stval), 0x4000n);
  h.priv = 3;
  h.pc = 0x80001004;
  takeException(h, Exc.LOAD_PAGE, 0x5000);
  t.is(h.priv, 3);
  t.is(h.pc, 0x80003000);
  t.is(getCsr(h, CSR.mcause), 13n);
  t.is(getCsr(h, CSR.mtval), 0x5000n);
});

test('ecall from S is delegable but ecall from M is not (medeleg bit 11 reads 0)', (t) => {
  const h = mkHart();
  setCsr(h, CSR.medeleg, (1n << 9n) | (1n << 11n));
  setCsr(h, CSR.mtvec, 0x80003000n);
  setCsr(h, CSR.stvec, 0x80002000n);
  h.priv = 1; h.pc = 0x80000000;
  takeException(h, Exc.ECALL_S, 0);
  t.is(h.priv, 1);
  h.priv = 3;
  takeException(h, Exc.ECALL_M, 0);
  t.is(h.pc, 0x80003000);
  t.is(h.priv, 3);
});

test('mret pops the M stack: priv<-MPP, MIE<-MPIE, MPIE<-1, MPP<-U, MPRV cleared when leaving M', (t) => {
  const h = mkHart();
  setCsr(h, CSR.mepc, 0x10000n);
  setCsr(h, CSR.mstatus, BigInt(MSTATUS.MPIE | MSTATUS.MPRV) | (1n << 11n)); // MPP = S
  t.true(mret(h));
  t.is(h.priv, 1);
  t.is(h.pc, 0x10000);
  let ms = getCsr(h, CSR.mstatus);
  t.is(field(ms, 3), 1);     // MIE
  t.is(field(ms, 7), 1);     // MPIE
  t.is(field(ms, 11, 2), 0); // MPP = U
  t.is(field(ms, 17), 0);    // MPRV cleared
  // Returning to M keeps MPRV.
  h.priv = 3;
  setCsr(h, CSR.mstatus, BigInt(MSTATUS.MPRV) | (3n << 11n));
  t.true(mret(h));
  t.is(h.priv, 3);
  ms = getCsr(h, CSR.mstatus);
  t.is(field(ms, 17), 1);
  t.is(field(ms, 3), 0); // MIE <- MPIE (0)
  // Illegal below M.
  h.priv = 1;
  t.false(mret(h));
  h.priv = 0;
  t.false(mret(h));
});

test('sret pops the S stack; illegal in U; TSR makes it illegal in S but not in M', (t) => {
  const h = mkHart();
  setCsr(h, CSR.sepc, 0x20000n);
  setCsr(h, CSR.mstatus, BigInt(MSTATUS.SPIE | MSTATUS.SPP | MSTATUS.MPRV));
  h.priv = 1;
  t.true(sret(h));
  t.is(h.priv, 1);
  t.is(h.pc, 0x20000);
  const ms = getCsr(h, CSR.mstatus);
  t.is(field(ms, 1), 1); // SIE
  t.is(field(ms, 5), 1); // SPIE
  t.is(field(ms, 8), 0); // SPP = U
  t.is(field(ms, 17), 0); // MPRV cleared
  t.true(sret(h));
  t.is(h.priv, 0);
  t.false(sret(h));
  setCsr(h, CSR.mstatus, BigInt(MSTATUS.TSR));
  h.priv = 1;
  t.false(sret(h));
  h.priv = 3;
  t.true(sret(h));
  t.is(h.priv, 0);
});

test('round trip U -> M -> U: ecall, handler, mret restores the privilege and interrupt enables', (t) => {
  const h = mkHart();
  setCsr(h, CSR.mtvec, 0x80000800n);
  setCsr(h, CSR.mstatus, BigInt(MSTATUS.MPIE)); // MPP = U, MPIE = 1
  setCsr(h, CSR.mepc, 0x1000n);
  t.true(mret(h));
  t.is(h.priv, 0);
  t.is(field(getCsr(h, CSR.mstatus), 3), 1);
  h.pc = 0x1008;
  takeException(h, Exc.ECALL_U, 0);
  t.is(h.priv, 3);
  t.is(h.pc, 0x80000800);
  t.is(getCsr(h, CSR.mcause), 8n);
  t.is(field(getCsr(h, CSR.mstatus), 11, 2), 0);
  t.is(field(getCsr(h, CSR.mstatus), 7), 1);
  t.is(field(getCsr(h, CSR.mstatus), 3), 0);
  setCsr(h, CSR.mepc, getCsr(h, CSR.mepc) + 4n);
  t.true(mret(h));
  t.is(h.priv, 0);
  t.is(h.pc, 0x100c);
  t.is(field(getCsr(h, CSR.mstatus), 3), 1);
});

test('round trip U -> S -> U with nested S -> M trap in between', (t) => {
  const h = mkHart();
  setCsr(h, CSR.medeleg, 1n << 8n);
  setCsr(h, CSR.stvec, 0x80002000n);
  setCsr(h, CSR.mtvec, 0x80003000n);
  setCsr(h, CSR.mstatus, BigInt(MSTATUS.SIE | MSTATUS.MIE));
  h.priv = 0; h.pc = 0x4000;
  takeException(h, Exc.ECALL_U, 0);
  t.is(h.priv, 1);
  h.pc = 0x80002010;
  takeException(h, Exc.ECALL_S, 0); // not delegated: to M
  t.is(h.priv, 3);
  t.is(field(getCsr(h, CSR.mstatus), 11, 2), 1);
  t.is(getCsr(h, CSR.mepc), 0x80002010n);
  setCsr(h, CSR.mepc, 0x80002014n);
  t.true(mret(h));
  t.is(h.priv, 1);
  t.is(h.pc, 0x80002014);
  t.is(field(getCsr(h, CSR.mstatus), 3), 1); // MIE restored
  t.true(sret(h));
  t.is(h.priv, 0);
  t.is(h.pc, 0x4000);
  t.is(field(getCsr(h, CSR.mstatus), 1), 1); // SIE restored
});

test('wfi: legal in M; illegal in U; illegal in S when TW', (t) => {
  const h = mkHart();
  t.true(wfiAllowed(h));
  h.priv = 1;
  t.true(wfiAllowed(h));
  h.priv = 0;
  t.false(wfiAllowed(h));
  setCsr(h, CSR.mstatus, BigInt(MSTATUS.TW));
  h.priv = 1;
  t.false(wfiAllowed(h));
  h.priv = 3;
  t.true(wfiAllowed(h));
});

test('trapToHost: a trap from a reported mode fills the report and changes nothing else', (t) => {
  const h = mkHart();
  h.trapToHost = 1 << 0;
  setCsr(h, CSR.mtvec, 0x80003000n);
  setCsr(h, CSR.mstatus, BigInt(MSTATUS.MIE));
  const before = [CSR.mstatus, CSR.mepc, CSR.mcause, CSR.mtval, CSR.sepc, CSR.scause].map((n) => getCsr(h, n));
  h.priv = 0; h.pc = 0x12340;
  t.true(takeException(h, Exc.STORE_PAGE, 0x777000));
  t.is(h.trapCause, 15);
  t.false(h.trapIsInterrupt);
  t.is(h.trapTval, 0x777000);
  t.is(h.trapPc, 0x12340);
  t.is(h.pc, 0x12340);
  t.is(h.priv, 0);
  t.deepEqual([CSR.mstatus, CSR.mepc, CSR.mcause, CSR.mtval, CSR.sepc, CSR.scause].map((n) => getCsr(h, n)), before);
  // A mode that is not in the mask takes the trap normally.
  h.priv = 1;
  t.false(takeException(h, Exc.ILLEGAL, 0));
  t.is(h.priv, 3);
  t.is(csrHex(getCsr(h, CSR.mcause)), '0x2');
});
