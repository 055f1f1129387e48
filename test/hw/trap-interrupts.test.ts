// Interrupts: priority (MEI > MSI > MTI > SEI > SSI > STI), the global-enable
// rules per privilege, delegation through mideleg, vectored mode, and the
// embedder report path. Privileged Spec 1.12, 3.1.6.1, 3.1.9, 3.1.7.
import test from 'ava';
import { CSR, MSTATUS, MIP, getCsr, setCsr } from '../../core/hw/csr.js';
import { Irq, checkInterrupts, pendingInterrupt } from '../../core/hw/trap.js';
import { mkHart, csrHex } from './csr-helpers.js';

test('priority order MEI > MSI > MTI > SEI > SSI > STI', (t) => {
  const h = mkHart();
  setCsr(h, CSR.mie, 0xaaan);
  h.priv = 0; // everything M-level enabled
  const order = [Irq.MEI, Irq.MSI, Irq.MTI, Irq.SEI, Irq.SSI, Irq.STI];
  let pend = 0;
  for (const c of order) pend |= 1 << c;
  for (const c of order) {
    h.csr.mip = pend & (MIP.SSIP | MIP.STIP | MIP.SEIP);
    h.csr.mipHw = pend & (MIP.MSIP | MIP.MTIP | MIP.MEIP);
    t.is(pendingInterrupt(h), c);
    pend &= ~(1 << c);
  }
  h.csr.mip = 0; h.csr.mipHw = 0;
  t.is(pendingInterrupt(h), -1);
});

test('M-level interrupts: taken in M only when MIE; always below M; not without mie', (t) => {
  const h = mkHart();
  setCsr(h, CSR.mtvec, 0x80001000n);
  h.csr.setPending(7, true);
  h.priv = 3; h.pc = 0x80000040;
  t.is(checkInterrupts(h), 0); // mie clear
  setCsr(h, CSR.mie, BigInt(MIP.MTIP));
  t.is(checkInterrupts(h), 0); // MIE clear in M
  setCsr(h, CSR.mstatus, BigInt(MSTATUS.MIE));
  t.is(checkInterrupts(h), 1);
  t.is(h.pc, 0x80001000);
  t.is(csrHex(getCsr(h, CSR.mcause)), '0x8000000000000007');
  t.is(getCsr(h, CSR.mepc), 0x80000040n);
  t.is(Number((getCsr(h, CSR.mstatus) >> 7n) & 1n), 1); // MPIE
  t.is(Number((getCsr(h, CSR.mstatus) >> 3n) & 1n), 0); // MIE
  t.is(checkInterrupts(h), 0); // now masked by MIE = 0
  // In S (and U) with MIE = 0 it is still taken.
  h.priv = 1; h.pc = 0x80000100;
  t.is(checkInterrupts(h), 1);
  t.is(h.priv, 3);
  t.is(Number((getCsr(h, CSR.mstatus) >> 11n) & 3n), 1);
});

test('delegated S interrupts: taken in U always, in S only with SIE, never in M', (t) => {
  const h = mkHart();
  setCsr(h, CSR.stvec, 0x80002000n);
  setCsr(h, CSR.mtvec, 0x80003000n);
  setCsr(h, CSR.mideleg, BigInt(MIP.STIP));
  setCsr(h, CSR.mie, BigInt(MIP.STIP));
  setCsr(h, CSR.mip, BigInt(MIP.STIP));
  setCsr(h, CSR.mstatus, BigInt(MSTATUS.MIE | MSTATUS.SIE));
  h.priv = 3;
  t.is(checkInterrupts(h), 0);
  h.priv = 1;
  setCsr(h, CSR.mstatus, BigInt(MSTATUS.MIE));
  t.is(checkInterrupts(h), 0);
  setCsr(h, CSR.mstatus, BigInt(MSTATUS.SIE));
  h.pc = 0x80000500;
  t.is(checkInterrupts(h), 1);
  t.is(h.priv, 1);
  t.is(h.pc, 0x80002000);
  t.is(csrHex(getCsr(h, CSR.scause)), '0x8000000000000005');
  t.is(getCsr(h, CSR.sepc), 0x80000500n);
  t.is(Number((getCsr(h, CSR.sstatus) >> 8n) & 1n), 1); // SPP = S
  t.is(Number((getCsr(h, CSR.sstatus) >> 1n) & 1n), 0); // SIE cleared
  setCsr(h, CSR.mstatus, 0n);
  h.priv = 0; h.pc = 0x1000;
  t.is(checkInterrupts(h), 1);
  t.is(h.priv, 1);
  t.is(Number((getCsr(h, CSR.sstatus) >> 8n) & 1n), 0); // SPP = U
});

test('undelegated S-level interrupts go to M; an M-level interrupt wins over a delegated one', (t) => {
  const h = mkHart();
  setCsr(h, CSR.mtvec, 0x80003000n);
  setCsr(h, CSR.stvec, 0x80002000n);
  setCsr(h, CSR.mie, 0xaaan);
  setCsr(h, CSR.mip, BigInt(MIP.SSIP));
  h.priv = 1;
  t.is(checkInterrupts(h), 1);
  t.is(h.priv, 3);
  t.is(getCsr(h, CSR.mcause) & 0xffn, 1n);
  // SEI delegated and pending, MTI pending: MTI (M-level) is taken first, into M.
  setCsr(h, CSR.mip, 0n);
  setCsr(h, CSR.mideleg, BigInt(MIP.SEIP));
  setCsr(h, CSR.mip, BigInt(MIP.SEIP));
  h.csr.setPending(7, true);
  setCsr(h, CSR.mstatus, BigInt(MSTATUS.SIE));
  h.priv = 1;
  t.is(pendingInterrupt(h), Irq.MTI);
  t.is(checkInterrupts(h), 1);
  t.is(h.priv, 3);
  h.csr.setPending(7, false);
  h.priv = 1;
  setCsr(h, CSR.mstatus, BigInt(MSTATUS.SIE));
  t.is(checkInterrupts(h), 1);
  t.is(h.priv, 1);
  t.is(getCsr(h, CSR.scause) & 0xffn, 9n);
});

test('vectored mode: interrupts jump to base + 4*cause (M and S)', (t) => {
  const h = mkHart();
  setCsr(h, CSR.mtvec, 0x80004001n);
  setCsr(h, CSR.stvec, 0x80005001n);
  setCsr(h, CSR.mie, 0xaaan);
  h.csr.setPending(11, true);
  h.priv = 0;
  t.is(checkInterrupts(h), 1);
  t.is(h.pc, 0x80004000 + 4 * 11);
  h.csr.setPending(11, false);
  setCsr(h, CSR.mideleg, BigInt(MIP.SSIP));
  setCsr(h, CSR.mip, BigInt(MIP.SSIP));
  h.priv = 0;
  t.is(checkInterrupts(h), 1);
  t.is(h.priv, 1);
  t.is(h.pc, 0x80005000 + 4 * 1);
});

test('software-writable SEIP and the device SEIP are both seen; the device bit cannot be cleared by a CSR write', (t) => {
  const h = mkHart();
  h.csr.setPending(9, true);
  t.is(getCsr(h, CSR.mip) & BigInt(MIP.SEIP), BigInt(MIP.SEIP));
  setCsr(h, CSR.mip, 0n);
  t.is(getCsr(h, CSR.mip) & BigInt(MIP.SEIP), BigInt(MIP.SEIP));
  h.csr.setPending(9, false);
  t.is(getCsr(h, CSR.mip), 0n);
});

test('trapToHost: an interrupt from a reported mode is reported (2) without entering the handler', (t) => {
  const h = mkHart();
  h.trapToHost = 1;
  setCsr(h, CSR.mtvec, 0x80003000n);
  setCsr(h, CSR.mie, BigInt(MIP.MTIP));
  h.csr.setPending(7, true);
  h.priv = 0; h.pc = 0x2000;
  t.is(checkInterrupts(h), 2);
  t.is(h.trapCause, 7);
  t.true(h.trapIsInterrupt);
  t.is(h.trapPc, 0x2000);
  t.is(h.pc, 0x2000);
  t.is(h.priv, 0);
  t.is(getCsr(h, CSR.mcause), 0n);
});
