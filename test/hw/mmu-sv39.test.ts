// Sv39 translation (Privileged Spec 1.12, 4.3-4.4): walks with 4 KiB, 2 MiB
// and 1 GiB pages, every fault kind, SUM/MXR/MPRV, canonical addresses, the
// hardware A/D update, and PTE addresses outside RAM.
import test from 'ava';
import { CSR, MSTATUS, setCsr } from '../../core/hw/csr.js';
import { Access, translate } from '../../core/hw/mmu.js';
import { mkHart, PageTable, PTE, RWX, RAM_BASE, readPteLo, writePte } from './csr-helpers.js';
import type { Hart } from '../../core/hw/hart.js';

const ROOT = RAM_BASE + 0x10000;
const POOL = RAM_BASE + 0x20000;
const DATA = RAM_BASE + 0x100000;
const AD = PTE.A | PTE.D;

function setup(priv = 1): { h: Hart; pt: PageTable } {
  const h = mkHart();
  const pt = new PageTable(h, ROOT, POOL);
  pt.enable();
  h.priv = priv;
  h.mmu.sync(h);
  return { h, pt };
}

/** translate() as [pa] or ['fault', code]. */
function tr(h: Hart, va: number, access: number): number | string {
  const pa = translate(h, va, access);
  return pa === -1 ? `fault ${h.mmu.faultCode}` : pa;
}

test('Bare mode and M-mode translate to the identity; a negative address is an access fault', (t) => {
  const h = mkHart();
  t.is(tr(h, 0x80001234, Access.LOAD), 0x80001234);
  h.priv = 0;
  t.is(tr(h, 0x1234, Access.STORE), 0x1234);
  t.is(tr(h, -4096, Access.LOAD), 'fault 5');
  t.is(tr(h, -4096, Access.FETCH), 'fault 1');
  // satp = Sv39 does not affect M-mode.
  const pt = new PageTable(h, ROOT, POOL);
  pt.enable();
  h.priv = 3;
  t.is(tr(h, 0x80001234, Access.FETCH), 0x80001234);
});

test('4 KiB page: three-level walk, page offset preserved', (t) => {
  const { h, pt } = setup(0);
  pt.map(0x10000, DATA, RWX | PTE.U | AD);
  pt.map(0x11000, DATA + 0x3000, PTE.R | PTE.U | AD);
  t.is(tr(h, 0x10abc, Access.LOAD), DATA + 0xabc);
  t.is(tr(h, 0x10abc, Access.STORE), DATA + 0xabc);
  t.is(tr(h, 0x10000, Access.FETCH), DATA);
  t.is(tr(h, 0x11ff8, Access.LOAD), DATA + 0x3ff8);
  t.is(tr(h, 0x12000, Access.LOAD), 'fault 13');
});

test('2 MiB megapage and 1 GiB gigapage (including the kernel half)', (t) => {
  const { h, pt } = setup(1);
  pt.map(0x40200000, RAM_BASE + 0x200000, RWX | AD, 1);
  t.is(tr(h, 0x40200000 + 0x1a2345, Access.LOAD), RAM_BASE + 0x200000 + 0x1a2345);
  const KVA = -0x40000000; // 0xffffffffc0000000
  pt.map(KVA, RAM_BASE, RWX | AD, 2);
  t.is(tr(h, KVA + 0x123456, Access.STORE), RAM_BASE + 0x123456);
  t.is(tr(h, KVA + 0x3ffffff8, Access.FETCH), RAM_BASE + 0x3ffffff8);
});

test('misaligned superpages raise page faults', (t) => {
  const { h, pt } = setup(1);
  pt.map(0x40200000, RAM_BASE + 0x201000, RWX | AD, 1); // ppn[0] != 0
  t.is(tr(h, 0x40200000, Access.LOAD), 'fault 13');
  t.is(tr(h, 0x40200000, Access.FETCH), 'fault 12');
  pt.map(0x80000000, RAM_BASE + 0x200000, RWX | AD, 2);  // ppn[1] != 0
  t.is(tr(h, 0x80000000, Access.STORE), 'fault 15');
});

test('invalid PTE (V=0) gives the page fault of the access kind', (t) => {
  const { h, pt } = setup(1);
  const a = pt.map(0x5000, DATA, RWX | AD);
  writePte(h, a, DATA, RWX | AD); // same but V clear
  t.is(tr(h, 0x5000, Access.FETCH), 'fault 12');
  t.is(tr(h, 0x5000, Access.LOAD), 'fault 13');
  t.is(tr(h, 0x5000, Access.STORE), 'fault 15');
});

test('reserved encodings: W without R, W+X without R, PTE bits 63:54, non-leaf with A/D/U', (t) => {
  const { h, pt } = setup(1);
  const a = pt.map(0x5000, DATA, RWX | AD);
  writePte(h, a, DATA, PTE.V | PTE.W | AD);
  t.is(tr(h, 0x5000, Access.STORE), 'fault 15');
  writePte(h, a, DATA, PTE.V | PTE.W | PTE.X | AD);
  t.is(tr(h, 0x5000, Access.FETCH), 'fault 12');
  for (const bit of [22, 29, 30, 31]) { // bits 54 (reserved), 61 (PBMT), 62 (PBMT), 63 (N)
    writePte(h, a, DATA, PTE.V | RWX | AD, 1 << bit);
    t.is(tr(h, 0x5000, Access.LOAD), 'fault 13', `bit ${bit + 32}`);
  }
  writePte(h, a, DATA, PTE.V | RWX | AD, 1 << 21); // bit 53: PPN (out of RAM but translates)
  t.not(tr(h, 0x5000, Access.LOAD), 'fault 13');
  writePte(h, a, DATA, PTE.V | RWX | AD);
  h.mmu.flush();
  t.is(tr(h, 0x5000, Access.LOAD), DATA);
  // Non-leaf PTE with A, D or U set.
  const l1 = pt.slot(0x5000, 1);
  const lo = h.ram.read32(l1), hi = h.ram.read32(l1 + 4);
  for (const f of [PTE.A, PTE.D, PTE.U]) {
    h.ram.write64(l1, lo | f, hi);
    h.mmu.flush();
    t.is(tr(h, 0x5000, Access.LOAD), 'fault 13');
  }
  h.ram.write64(l1, lo, hi);
  h.mmu.flush();
  t.is(tr(h, 0x5000, Access.LOAD), DATA);
});

test('a pointer at level 0 (no leaf by the last level) is a page fault', (t) => {
  const { h, pt } = setup(1);
  const a = pt.map(0x5000, DATA, RWX | AD);
  writePte(h, a, DATA, PTE.V); // non-leaf at level 0
  t.is(tr(h, 0x5000, Access.LOAD), 'fault 13');
});

test('U page from S: loads/stores need SUM; fetch always faults', (t) => {
  const { h, pt } = setup(1);
  pt.map(0x5000, DATA, RWX | PTE.U | AD);
  t.is(tr(h, 0x5000, Access.LOAD), 'fault 13');
  t.is(tr(h, 0x5000, Access.STORE), 'fault 15');
  t.is(tr(h, 0x5000, Access.FETCH), 'fault 12');
  setCsr(h, CSR.mstatus, BigInt(MSTATUS.SUM));
  t.is(tr(h, 0x5000, Access.LOAD), DATA);
  t.is(tr(h, 0x5000, Access.STORE), DATA);
  t.is(tr(h, 0x5000, Access.FETCH), 'fault 12');
  // Clearing SUM again takes effect (the TLB is not stale).
  setCsr(h, CSR.mstatus, 0n);
  t.is(tr(h, 0x5000, Access.LOAD), 'fault 13');
});

test('S page from U faults for every access', (t) => {
  const { h, pt } = setup(0);
  pt.map(0x5000, DATA, RWX | AD);
  t.is(tr(h, 0x5000, Access.LOAD), 'fault 13');
  t.is(tr(h, 0x5000, Access.STORE), 'fault 15');
  t.is(tr(h, 0x5000, Access.FETCH), 'fault 12');
});

test('store to a read-only page, fetch from a non-executable page, load from an execute-only page', (t) => {
  const { h, pt } = setup(0);
  pt.map(0x5000, DATA, PTE.R | PTE.U | AD);
  pt.map(0x6000, DATA, PTE.R | PTE.W | PTE.U | AD);
  pt.map(0x7000, DATA, PTE.X | PTE.U | AD);
  t.is(tr(h, 0x5000, Access.STORE), 'fault 15');
  t.is(tr(h, 0x5000, Access.LOAD), DATA);
  t.is(tr(h, 0x6000, Access.FETCH), 'fault 12');
  t.is(tr(h, 0x7000, Access.LOAD), 'fault 13');
  t.is(tr(h, 0x7000, Access.FETCH), DATA);
});

test('MXR makes execute-only pages readable (not writable)', (t) => {
  const { h, pt } = setup(0);
  pt.map(0x7000, DATA, PTE.X | PTE.U | AD);
  t.is(tr(h, 0x7000, Access.LOAD), 'fault 13');
  setCsr(h, CSR.mstatus, BigInt(MSTATUS.MXR));
  t.is(tr(h, 0x7000, Access.LOAD), DATA);
  t.is(tr(h, 0x7000, Access.STORE), 'fault 15');
  setCsr(h, CSR.mstatus, 0n);
  t.is(tr(h, 0x7000, Access.LOAD), 'fault 13');
});

test('non-canonical addresses (bits 63:39 != bit 38) are page faults', (t) => {
  const { h, pt } = setup(1);
  pt.map(0x3ffffff000, DATA, RWX | AD, 0);   // highest positive page
  pt.map(-0x4000000000, DATA, RWX | AD, 0);  // lowest negative page
  t.is(tr(h, 0x3ffffff000, Access.LOAD), DATA);
  t.is(tr(h, -0x4000000000, Access.LOAD), DATA);
  t.is(tr(h, 0x4000000000, Access.LOAD), 'fault 13');     // bit 38 set, upper bits clear
  t.is(tr(h, -0x4000001000, Access.STORE), 'fault 15');   // bit 38 clear, upper bits set
  t.is(tr(h, 0x10000000000, Access.FETCH), 'fault 12');
});

test('A and D are set by hardware: A on any access, D on a store', (t) => {
  const { h, pt } = setup(0);
  const a = pt.map(0x5000, DATA, PTE.R | PTE.W | PTE.U);
  t.is(readPteLo(h, a) & AD, 0);
  t.is(tr(h, 0x5000, Access.LOAD), DATA);
  t.is(readPteLo(h, a) & AD, PTE.A);
  t.is(tr(h, 0x5000, Access.STORE), DATA);
  t.is(readPteLo(h, a) & AD, AD);
  // A faulting access does not set A.
  const b = pt.map(0x6000, DATA, PTE.R | PTE.U);
  t.is(tr(h, 0x6000, Access.STORE), 'fault 15');
  t.is(readPteLo(h, b) & AD, 0);
  // A store hit in the TLB still needs D set in the PTE: the first store after a load walks.
  const c = pt.map(0x7000, DATA, PTE.R | PTE.W | PTE.U | PTE.A);
  t.is(tr(h, 0x7000, Access.LOAD), DATA);
  t.is(readPteLo(h, c) & PTE.D, 0);
  t.is(tr(h, 0x7000, Access.STORE), DATA);
  t.is(readPteLo(h, c) & PTE.D, PTE.D);
});

test('MPRV: M-mode loads and stores translate with MPP; fetches do not', (t) => {
  const { h, pt } = setup(3);
  pt.map(0x5000, DATA, RWX | PTE.U | AD);
  t.is(tr(h, 0x5000, Access.LOAD), 0x5000); // M: bare
  setCsr(h, CSR.mstatus, BigInt(MSTATUS.MPRV)); // MPP = U
  t.is(tr(h, 0x5000, Access.LOAD), DATA);
  t.is(tr(h, 0x5000, Access.FETCH), 0x5000);
  setCsr(h, CSR.mstatus, BigInt(MSTATUS.MPRV) | (1n << 11n)); // MPP = S: U page needs SUM
  t.is(tr(h, 0x5000, Access.LOAD), 'fault 13');
  setCsr(h, CSR.mstatus, BigInt(MSTATUS.MPRV | MSTATUS.SUM) | (1n << 11n));
  t.is(tr(h, 0x5000, Access.STORE), DATA);
  setCsr(h, CSR.mstatus, BigInt(MSTATUS.MPRV) | (3n << 11n)); // MPP = M: bare
  t.is(tr(h, 0x5000, Access.LOAD), 0x5000);
});

test('page-table addresses outside RAM are access faults', (t) => {
  const h = mkHart();
  setCsr(h, CSR.satp, (8n << 60n) | 0x1000n); // root at 0x1000000: no RAM
  h.priv = 1;
  t.is(tr(h, 0x5000, Access.LOAD), 'fault 5');
  t.is(tr(h, 0x5000, Access.STORE), 'fault 7');
  t.is(tr(h, 0x5000, Access.FETCH), 'fault 1');
  const pt = new PageTable(h, ROOT, POOL);
  pt.enable();
  writePte(h, ROOT, 0x10000000, PTE.V); // level-1 table outside RAM
  t.is(tr(h, 0x5000, Access.LOAD), 'fault 5');
});

test('A/D on a superpage leaf: the gigapage PTE itself is updated', (t) => {
  const { h, pt } = setup(1);
  const a = pt.map(0, RAM_BASE, RWX | PTE.A, 2); // like riscv-tests dirty.S: D clear
  t.is(tr(h, 0x1234, Access.LOAD), RAM_BASE + 0x1234);
  t.is(readPteLo(h, a) & PTE.D, 0);
  t.is(tr(h, 0x1234, Access.STORE), RAM_BASE + 0x1234);
  t.is(readPteLo(h, a) & PTE.D, PTE.D);
});

test('ASID and global bits do not change translation (the TLB is flushed on every satp write)', (t) => {
  const { h, pt } = setup(1);
  pt.map(0x5000, DATA, RWX | PTE.G | AD);
  pt.enable(0x1234);
  t.is(tr(h, 0x5000, Access.LOAD), DATA);
  pt.enable(7);
  t.is(tr(h, 0x5000, Access.FETCH), DATA);
});
