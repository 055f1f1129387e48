// Sv39 seen by programs running on the hart: a supervisor in the upper half of
// the address space, instruction page faults with stval, sfence.vma and satp
// switches observed by later loads (the hart's own TLB is flushed through
// Mmu.onFlush), SUM from S-mode and MPRV from M-mode.
import test from 'ava';
import { CSR } from '../../core/hw/csr.js';
import { probe, Access } from '../../core/hw/mmu.js';
import type { Hart } from '../../core/hw/hart.js';
import { Asm, A0, A1, A2, A3, A4, A5, T0, T1, S0, S1, S2, add, addi, auipc, sret, csrr, csrw, csrrs, csrrc, jalr, lw, sd, mret, sfence_vma } from './rvasm.js';
import { mkHart, PageTable, PTE, RWX, RAM_BASE, writePte } from './csr-helpers.js';

const AD = PTE.A | PTE.D;
const ROOT = RAM_BASE + 0x100000;
const POOL = RAM_BASE + 0x110000;
const ROOT2 = RAM_BASE + 0x180000;
const POOL2 = RAM_BASE + 0x190000;
const KOFF = -(2 ** 32); // kernel VA = PA - 2^32 (gigapage at 0xffffffff80000000)

const reg = (h: Hart, r: number) => h.x[2 * r];
/** The full signed 64-bit value of a register as a JS number. */
const reg64 = (h: Hart, r: number) => h.x[2 * r + 1] * 2 ** 32 + (h.x[2 * r] >>> 0);

/** M-mode prologue: satp = Sv39(root), medeleg page faults to S, then mret into S at kernel VA of `label`. */
function enterSupervisor(a: Asm, root: number, label: string): void {
  a.li(T0, (8n << 60n) | BigInt(root / 4096)).emit(csrw(CSR.satp, T0));
  a.li(T0, (1 << 12) | (1 << 13) | (1 << 15)).emit(csrw(CSR.medeleg, T0));
  a.la(T0, label).li(T1, KOFF).emit(add(T0, T0, T1), csrw(CSR.mepc, T0));
  a.li(T0, 1 << 11).emit(csrrs(0, CSR.mstatus, T0)); // MPP = S
  a.emit(mret());
}

function kernelTable(h: Hart, root = ROOT, pool = POOL): PageTable {
  const pt = new PageTable(h, root, pool);
  pt.map(RAM_BASE + KOFF, RAM_BASE, RWX | AD, 2);
  return pt;
}

test('supervisor in the upper half: pc is a negative address; an instruction page fault reports stval = sepc', (t) => {
  const h = mkHart();
  kernelTable(h);
  const a = new Asm(RAM_BASE);
  enterSupervisor(a, ROOT, 'kstart');
  a.label('kstart');
  a.la(T0, 'khandler').emit(csrw(CSR.stvec, T0)); // pc-relative: a kernel VA
  a.emit(auipc(A1, 0x10)); // a1 = kernel pc + 0x10000
  a.li(T0, 0x40000000).emit(jalr(0, T0, 0));
  a.label('khandler').emit(csrr(S0, CSR.scause), csrr(S1, CSR.stval), csrr(S2, CSR.sepc));
  a.label('kspin').j('kspin');
  h.ram.load(a.base, a.bytes());
  h.flushDecodeCache();
  h.pc = RAM_BASE;
  h.run(300);
  t.is(h.priv, 1);
  t.is(h.pc, a.addr('kspin') + KOFF);
  t.true(reg64(h, A1) < 0);
  t.is(reg(h, S0), 12);
  t.is(reg64(h, S1), 0x40000000);
  t.is(reg64(h, S2), 0x40000000);
});

test('sfence.vma and satp writes make later loads see the new mappings', (t) => {
  const h = mkHart();
  const pt = kernelTable(h);
  const pteA = pt.map(0x10000, RAM_BASE + 0x200000, PTE.R | PTE.W | AD);
  const pt2 = kernelTable(h, ROOT2, POOL2);
  pt2.map(0x10000, RAM_BASE + 0x202000, PTE.R | PTE.W | AD);
  h.ram.write32(RAM_BASE + 0x200000, 111);
  h.ram.write32(RAM_BASE + 0x201000, 222);
  h.ram.write32(RAM_BASE + 0x202000, 333);
  // The new PTE value for VA 0x10000: physical page 0x80201000.
  const ppn = (RAM_BASE + 0x201000) / 4096;
  const newPte = BigInt(ppn) << 10n | BigInt(PTE.V | PTE.R | PTE.W | AD);

  const a = new Asm(RAM_BASE);
  enterSupervisor(a, ROOT, 'kstart');
  a.label('kstart');
  a.li(T1, 0x10000).emit(lw(A0, T1, 0));                 // 111
  a.li(T0, newPte).li(A5, pteA + KOFF).emit(sd(T0, A5, 0)); // rewrite the PTE through the kernel mapping
  a.emit(sfence_vma(T1, 0), lw(A1, T1, 0));             // 222 after the fence
  a.li(T0, (8n << 60n) | BigInt(ROOT2 / 4096)).emit(csrw(CSR.satp, T0), lw(A2, T1, 0)); // 333 in the other table
  a.label('kspin').j('kspin');
  h.ram.load(a.base, a.bytes());
  h.flushDecodeCache();
  h.pc = RAM_BASE;
  h.run(300);
  t.is(h.pc, a.addr('kspin') + KOFF);
  t.is(reg(h, A0), 111);
  t.is(reg(h, A1), 222);
  t.is(reg(h, A2), 333);
});

test('SUM: supervisor loads from a user page fault until sstatus.SUM is set', (t) => {
  const h = mkHart();
  const pt = kernelTable(h);
  pt.map(0x10000, RAM_BASE + 0x200000, PTE.R | PTE.W | PTE.U | AD);
  h.ram.write32(RAM_BASE + 0x200000, 77);
  const a = new Asm(RAM_BASE);
  enterSupervisor(a, ROOT, 'kstart');
  a.label('kstart');
  a.la(T0, 'khandler').emit(csrw(CSR.stvec, T0));
  a.li(T1, 0x10000).emit(addi(A0, 0, -1)).label('first').emit(lw(A0, T1, 0)); // faults; handler skips it
  a.li(T0, 1 << 18).emit(csrrs(0, CSR.sstatus, T0), lw(A1, T1, 0));
  a.emit(csrrc(0, CSR.sstatus, T0), addi(A2, 0, -1)).label('third').emit(lw(A2, T1, 0)); // faults again
  a.label('kspin').j('kspin');
  a.label('khandler').emit(csrr(S0, CSR.scause), addi(A3, A3, 1), csrr(A4, CSR.sepc), addi(A4, A4, 4), csrw(CSR.sepc, A4));
  a.emit(sret());
  h.ram.load(a.base, a.bytes());
  h.flushDecodeCache();
  h.pc = RAM_BASE;
  h.run(400);
  t.is(h.pc, a.addr('kspin') + KOFF);
  t.is(reg(h, A0), -1);
  t.is(reg(h, A1), 77);
  t.is(reg(h, A2), -1);
  t.is(reg(h, A3), 2);
  t.is(reg(h, S0), 13);
});

test('MPRV: M-mode loads use the MPP translation; instruction fetch stays physical', (t) => {
  const h = mkHart();
  const pt = kernelTable(h);
  pt.map(0x10000, RAM_BASE + 0x200000, PTE.R | PTE.W | PTE.U | AD);
  h.ram.write32(RAM_BASE + 0x200000, 4242);
  const a = new Asm(RAM_BASE);
  a.li(T0, (8n << 60n) | BigInt(ROOT / 4096)).emit(csrw(CSR.satp, T0));
  a.li(T0, 1 << 17).emit(csrrs(0, CSR.mstatus, T0)); // MPRV, MPP = U
  a.li(T1, 0x10000).emit(lw(A0, T1, 0));
  a.emit(csrrc(0, CSR.mstatus, T0));
  a.label('spin').j('spin');
  h.ram.load(a.base, a.bytes());
  h.flushDecodeCache();
  h.pc = RAM_BASE;
  h.run(100);
  t.is(h.priv, 3);
  t.is(h.pc, a.addr('spin'));
  t.is(reg(h, A0), 4242);
});

test('probe() translates without touching A/D or the TLB', (t) => {
  const h = mkHart();
  const pt = kernelTable(h);
  const p = pt.map(0x10000, RAM_BASE + 0x200000, PTE.R | PTE.U);
  pt.enable();
  h.priv = 0; h.mmu.sync(h);
  const walks = h.mmu.walks;
  t.is(probe(h, 0x10008, Access.LOAD), RAM_BASE + 0x200008);
  t.is(probe(h, 0x10008, Access.STORE), -1);
  t.is(h.mmu.faultCode, 15);
  t.is(h.ram.read32(p) & AD, 0);
  t.is(h.mmu.walks, walks);
  writePte(h, p, RAM_BASE + 0x200000, 0);
  t.is(probe(h, 0x10008, Access.LOAD), -1);
  t.is(h.mmu.faultCode, 13);
});
