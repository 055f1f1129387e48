// The interpreter's memory fast path under Sv39: the hart's own TLBs must
// agree with the page tables and with HART-PRIV's Mmu. S-mode access to a
// U page needs SUM; a store to a page made read-only faults once the Mmu is
// flushed; fetches run from a user mapping; a store through a virtual alias
// into a page holding code invalidates the decoded instructions; and a
// misaligned load straddling into an unmapped page faults with its address.
import test from 'ava';
import * as R from './rvasm.js';
import { machine, xr, BASE } from './isa-util.js';
import { setCsr } from '../../core/hw/csr.js';
import { RunExit, type Hart } from '../../core/hw/hart.js';
import type { PhysMem } from '../../core/hw/memory.js';
import { Asm } from './rvasm.js';

const { A0, A1, A2, T0 } = R;
const V = 1n, RR = 2n, W = 4n, X = 8n, U = 16n, A = 64n, D = 128n;
const ROOT = BASE + 0x20_0000, L1 = ROOT + 0x1000, L0 = ROOT + 0x2000;
const DATA_PA = BASE + 0x10_0000, UCODE_PA = BASE + 0x5000;

function pte(pa: number, flags: bigint): bigint { return (BigInt(pa) >> 12n) << 10n | flags; }
function put(ram: PhysMem, at: number, v: bigint): void { ram.view.setBigUint64(at - ram.base, v, true); }

/** Identity gigapage for RAM (S only, RWX) and a 4K user area at VA 0x10000 (data), 0x20000 (code), 0x30000 (alias of the code). */
function pageTables(ram: PhysMem, dataFlags = V | RR | W | U | A | D): void {
  put(ram, ROOT + 8 * 2, pte(0x8000_0000, V | RR | W | X | A | D));           // VA 0x80000000.. (1 GiB)
  put(ram, ROOT + 8 * 0, pte(L1, V));
  put(ram, L1 + 8 * 0, pte(L0, V));
  put(ram, L0 + 8 * 0x10, pte(DATA_PA, dataFlags));
  put(ram, L0 + 8 * 0x20, pte(UCODE_PA, V | RR | X | U | A));
  put(ram, L0 + 8 * 0x30, pte(UCODE_PA, V | RR | W | U | A | D));
}

function enter(h: Hart, priv: number, pc: number): void {
  setCsr(h, 0x180, (8n << 60n) | (BigInt(ROOT) >> 12n));
  h.priv = priv; h.mmu.sync(h);
  h.pc = pc;
}

test('S-mode access to a U page faults without SUM (tval = address) and succeeds with it', (t) => {
  const m = machine();
  pageTables(m.ram);
  m.ram.view.setBigUint64(DATA_PA - m.ram.base, 0x1234n, true);
  const a = new Asm(BASE);
  a.li(A0, 0x10000); a.emit(R.ld(A1, A0, 0), R.ebreak());
  m.ram.load(BASE, a.bytes());
  enter(m.h, 1, BASE);
  m.h.trapToHost = 1 << 1;
  t.is(m.h.run(100), RunExit.TRAP);
  t.is(m.h.trapCause, 13);
  t.is(m.h.trapTval, 0x10000);
  setCsr(m.h, 0x100, 1n << 18n); // sstatus.SUM
  t.is(m.h.run(100), RunExit.TRAP);
  t.is(m.h.trapCause, 3);
  t.is(xr(m.h, A1), 0x1234n);
});

test('U-mode code runs from its mapping; a store faults after the page is made read-only and the Mmu flushed', (t) => {
  const m = machine();
  pageTables(m.ram);
  const a = new Asm(0x20000);
  a.li(A0, 0x10000); a.li(T0, 77);
  a.label('again'); a.emit(R.sd(T0, A0, 8), R.ecall()); a.j('again');
  m.ram.load(UCODE_PA, a.bytes());
  enter(m.h, 0, 0x20000);
  m.h.trapToHost = 1 << 0;
  t.is(m.h.run(100), RunExit.TRAP);
  t.is(m.h.trapCause, 8);
  t.is(m.ram.view.getBigUint64(DATA_PA + 8 - m.ram.base, true), 77n);
  // The kernel makes the data page read-only and flushes (as sfence.vma would).
  put(m.ram, L0 + 8 * 0x10, pte(DATA_PA, V | RR | U | A | D));
  m.h.mmu.flush();
  m.h.pc += 4;
  t.is(m.h.run(100), RunExit.TRAP);
  t.is(m.h.trapCause, 15);
  t.is(m.h.trapTval, 0x10008);
  t.is(m.h.trapPc, 0x20000 + 8); // after lui + addi
});

test('a user page without U faults for U-mode fetch with tval = pc', (t) => {
  const m = machine();
  pageTables(m.ram);
  enter(m.h, 0, BASE + 0x100); // the RAM gigapage is supervisor-only
  m.h.trapToHost = 1 << 0;
  t.is(m.h.run(10), RunExit.TRAP);
  t.is(m.h.trapCause, 12);
  t.is(m.h.trapTval, BASE + 0x100);
});

test('a store through a virtual alias into executing code invalidates the decoded instruction', (t) => {
  const m = machine();
  pageTables(m.ram);
  const a = new Asm(0x20000);
  a.li(A2, 0);
  a.label('loop'); a.label('patched'); a.emit(R.addi(A1, 0, 1));
  a.emit(R.addi(A2, A2, 1));
  a.li(T0, 2); a.br(R.beq, A2, T0, 'done');
  a.li(A0, 0x30000 + (a.addr('patched') - 0x20000)); a.li(T0, R.addi(A1, 0, 5)); a.emit(R.sw(T0, A0, 0));
  a.j('loop');
  a.label('done'); a.emit(R.ecall());
  m.ram.load(UCODE_PA, a.bytes());
  enter(m.h, 0, 0x20000);
  m.h.trapToHost = 1 << 0;
  t.is(m.h.run(1000), RunExit.TRAP);
  t.is(m.h.trapCause, 8);
  t.is(xr(m.h, A1), 5n);
});

test('a misaligned load straddling into an unmapped page faults with a page fault', (t) => {
  const m = machine();
  pageTables(m.ram);
  const a = new Asm(0x20000);
  a.li(A0, 0x10ffc); a.emit(R.ld(A1, A0, 0), R.ecall());
  m.ram.load(UCODE_PA, a.bytes());
  enter(m.h, 0, 0x20000);
  m.h.trapToHost = 1 << 0;
  t.is(m.h.run(100), RunExit.TRAP);
  t.is(m.h.trapCause, 13);
  t.true(m.h.trapTval >= 0x10ffc && m.h.trapTval <= 0x11000);
});

test('sfence.vma from S-mode after a PTE change drops the stale translation; fence and sfence are illegal or no-ops as specified', (t) => {
  const m = machine();
  pageTables(m.ram);
  const a = new Asm(BASE);
  a.li(A0, 0x10000); a.li(T0, 5);
  a.emit(R.sd(T0, A0, 0), R.fence());                      // fills the store TLB
  a.li(A1, L0 + 8 * 0x10); a.li(A2, pte(DATA_PA, V | RR | U | A | D));
  a.emit(R.sd(A2, A1, 0));                                 // PTE now read-only (through the identity map)
  a.emit(R.sd(T0, A0, 0));                                 // stale TLB: may still succeed (spec allows)
  a.emit(R.sfence_vma(A0, 0));
  a.emit(R.sd(T0, A0, 0), R.ebreak());                     // must fault now
  a.label('end');
  m.ram.load(BASE, a.bytes());
  enter(m.h, 1, BASE);
  setCsr(m.h, 0x100, 1n << 18n); // SUM
  m.h.trapToHost = 1 << 1;
  t.is(m.h.run(100), RunExit.TRAP);
  t.is(m.h.trapCause, 15);
  t.is(m.h.trapTval, 0x10000);
  t.is(m.h.trapPc, a.addr('end') - 4 - 4);
});

test('sfence.vma in U-mode is illegal', (t) => {
  const m = machine();
  pageTables(m.ram);
  const a = new Asm(0x20000);
  a.emit(R.sfence_vma(0, 0), R.ecall());
  m.ram.load(UCODE_PA, a.bytes());
  enter(m.h, 0, 0x20000);
  m.h.trapToHost = 1 << 0;
  t.is(m.h.run(10), RunExit.TRAP);
  t.is(m.h.trapCause, 2);
  t.is(m.h.trapTval, R.sfence_vma(0, 0));
});

test('a 32-bit instruction straddling into an unmapped page raises a fetch page fault for the second page', (t) => {
  const m = machine();
  pageTables(m.ram);
  const a = new Asm(0x20000);
  a.j('edge');
  a.org(0x20ffe); a.label('edge'); a.emit(R.addi(A0, A0, 1));
  const bytes = a.bytes();
  m.ram.load(UCODE_PA, bytes.subarray(0, 0x1000));
  enter(m.h, 0, 0x20000);
  m.h.trapToHost = 1 << 0;
  t.is(m.h.run(10), RunExit.TRAP);
  t.is(m.h.trapCause, 12);
  t.is(m.h.trapPc, 0x20ffe);
  t.is(m.h.trapTval, 0x21000);
});
