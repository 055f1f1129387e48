// The software TLB in front of Sv39: what translate() caches for the hart's
// inline fast path, and when it is flushed (satp writes, sfence.vma by
// address or in full, changes of privilege, SUM, MXR, MPRV/MPP).
import test from 'ava';
import { CSR, MSTATUS, setCsr } from '../../core/hw/csr.js';
import { Access, TLB_MASK, sfenceVma, translate } from '../../core/hw/mmu.js';
import { mret, setPriv } from '../../core/hw/trap.js';
import { mkHart, PageTable, PTE, RWX, RAM_BASE, writePte } from './csr-helpers.js';
import type { Hart } from '../../core/hw/hart.js';

const ROOT = RAM_BASE + 0x10000;
const POOL = RAM_BASE + 0x20000;
const DATA = RAM_BASE + 0x100000;
const AD = PTE.A | PTE.D;

/** The documented fast path: the cached physical address, or null on a miss. */
function hit(h: Hart, va: number, access: number): number | null {
  const m = h.mmu;
  const page = Math.floor(va / 4096), i = page & TLB_MASK;
  const [tag, pa] = access === Access.FETCH ? [m.fetchTag, m.fetchPa] : access === Access.LOAD ? [m.loadTag, m.loadPa] : [m.storeTag, m.storePa];
  return tag[i] === page ? pa[i] + (va - page * 4096) : null;
}

function setup(priv = 0): { h: Hart; pt: PageTable } {
  const h = mkHart();
  const pt = new PageTable(h, ROOT, POOL);
  pt.enable();
  setPriv(h, priv);
  return { h, pt };
}

test('translate fills only the table of its access kind; a store also fills loads', (t) => {
  const { h, pt } = setup();
  pt.map(0x5000, DATA, RWX | PTE.U | AD);
  pt.map(-0x2000, DATA + 0x1000, RWX | PTE.U | AD); // negative (kernel-half style) address
  t.is(hit(h, 0x5010, Access.LOAD), null);
  translate(h, 0x5000, Access.LOAD);
  t.is(hit(h, 0x5010, Access.LOAD), DATA + 0x10);
  t.is(hit(h, 0x5010, Access.STORE), null);
  t.is(hit(h, 0x5010, Access.FETCH), null);
  translate(h, 0x5008, Access.FETCH);
  t.is(hit(h, 0x5ffe, Access.FETCH), DATA + 0xffe);
  translate(h, -0x1ff8, Access.STORE);
  t.is(hit(h, -0x1000 - 8, Access.STORE), DATA + 0x1ff8);
  t.is(hit(h, -0x1000 - 8, Access.LOAD), DATA + 0x1ff8);
});

test('a page whose D bit is clear is not cached for stores by a load', (t) => {
  const { h, pt } = setup();
  pt.map(0x5000, DATA, PTE.R | PTE.W | PTE.U | PTE.A);
  translate(h, 0x5000, Access.LOAD);
  t.not(hit(h, 0x5000, Access.LOAD), null);
  t.is(hit(h, 0x5000, Access.STORE), null);
});

test('faults are not cached', (t) => {
  const { h, pt } = setup();
  pt.map(0x5000, DATA, PTE.R | PTE.U | AD);
  t.is(translate(h, 0x5000, Access.STORE), -1);
  t.is(hit(h, 0x5000, Access.STORE), null);
});

test('stale entries survive page-table edits until sfence.vma (by address or in full)', (t) => {
  const { h, pt } = setup(1);
  const a = pt.map(0x5000, DATA, RWX | AD);
  pt.map(0x6000, DATA + 0x1000, RWX | AD);
  translate(h, 0x5000, Access.LOAD);
  translate(h, 0x6000, Access.LOAD);
  writePte(h, a, DATA, 0);
  t.is(hit(h, 0x5000, Access.LOAD), DATA); // allowed by the spec until the fence
  t.true(sfenceVma(h, false, 0x5000, true, 0));
  t.is(hit(h, 0x5000, Access.LOAD), null);
  t.is(hit(h, 0x6000, Access.LOAD), DATA + 0x1000); // other pages kept
  t.is(translate(h, 0x5000, Access.LOAD), -1);
  t.is(translate(h, 0x6000, Access.LOAD), DATA + 0x1000); // a hit: no walk
  const walks = h.mmu.walks;
  t.is(translate(h, 0x6008, Access.LOAD), DATA + 0x1008);
  t.is(h.mmu.walks, walks);
  t.true(sfenceVma(h, true, 0, true, 0));
  t.is(hit(h, 0x6000, Access.LOAD), null);
});

test('flushing one address of a superpage drops the whole superpage', (t) => {
  const { h, pt } = setup(1);
  pt.map(0x200000, RAM_BASE + 0x200000, RWX | AD, 1);
  translate(h, 0x200000, Access.LOAD);
  translate(h, 0x3ff000, Access.LOAD);
  h.mmu.flushPage(0x200000, 0);
  t.is(hit(h, 0x3ff000, Access.LOAD), null);
});

test('sfence.vma is illegal in U, and in S when mstatus.TVM', (t) => {
  const { h } = setup(0);
  t.false(sfenceVma(h, true, 0, true, 0));
  setPriv(h, 1);
  t.true(sfenceVma(h, true, 0, true, 0));
  setCsr(h, CSR.mstatus, BigInt(MSTATUS.TVM));
  t.false(sfenceVma(h, true, 0, true, 0));
  setPriv(h, 3);
  t.true(sfenceVma(h, true, 0, true, 0));
});

test('a satp write flushes every table (even with the same value)', (t) => {
  const { h, pt } = setup();
  pt.map(0x5000, DATA, RWX | PTE.U | AD);
  translate(h, 0x5000, Access.FETCH);
  translate(h, 0x5000, Access.STORE);
  pt.enable(1);
  t.is(hit(h, 0x5000, Access.FETCH), null);
  t.is(hit(h, 0x5000, Access.STORE), null);
  t.is(hit(h, 0x5000, Access.LOAD), null);
});

test('SUM/MXR changes flush the data tables but keep fetch entries', (t) => {
  const { h, pt } = setup(1);
  pt.map(0x5000, DATA, RWX | AD);
  pt.map(0x6000, DATA, RWX | PTE.U | AD);
  setCsr(h, CSR.mstatus, BigInt(MSTATUS.SUM));
  translate(h, 0x5000, Access.FETCH);
  translate(h, 0x6000, Access.LOAD);
  t.not(hit(h, 0x6000, Access.LOAD), null);
  setCsr(h, CSR.mstatus, 0n);
  t.is(hit(h, 0x6000, Access.LOAD), null);
  t.not(hit(h, 0x5000, Access.FETCH), null);
  translate(h, 0x5000, Access.LOAD);
  setCsr(h, CSR.mstatus, BigInt(MSTATUS.MXR));
  t.is(hit(h, 0x5000, Access.LOAD), null);
  // A write that changes nothing relevant keeps the entries.
  translate(h, 0x5000, Access.LOAD);
  setCsr(h, CSR.mstatus, BigInt(MSTATUS.MXR | MSTATUS.TW));
  t.not(hit(h, 0x5000, Access.LOAD), null);
});

test('privilege changes (trap return, setPriv) flush the tables filled under another privilege', (t) => {
  const { h, pt } = setup(1);
  pt.map(0x5000, DATA, RWX | AD); // S-only page
  translate(h, 0x5000, Access.LOAD);
  translate(h, 0x5000, Access.FETCH);
  setPriv(h, 0);
  t.is(hit(h, 0x5000, Access.LOAD), null);
  t.is(hit(h, 0x5000, Access.FETCH), null);
  t.is(translate(h, 0x5000, Access.LOAD), -1);
  // M-mode identity entries are dropped when mret enters a translated mode.
  setPriv(h, 3);
  translate(h, 0x5000, Access.LOAD);
  t.is(hit(h, 0x5000, Access.LOAD), 0x5000);
  setCsr(h, CSR.mstatus, 1n << 11n); // MPP = S
  setCsr(h, CSR.mepc, 0x5000n);
  t.true(mret(h));
  t.is(hit(h, 0x5000, Access.LOAD), null);
  t.is(translate(h, 0x5000, Access.LOAD), DATA);
  // MPRV with MPP = U changes M-mode data translation.
  setPriv(h, 3);
  translate(h, 0x5000, Access.LOAD);
  setCsr(h, CSR.mstatus, BigInt(MSTATUS.MPRV));
  t.is(hit(h, 0x5000, Access.LOAD), null);
});

test('onFlush is called whenever entries are dropped', (t) => {
  const { h, pt } = setup(1);
  let n = 0;
  h.mmu.onFlush = () => { n++; };
  pt.map(0x5000, DATA, RWX | AD);
  h.mmu.flushPage(0x5000, 0);
  t.is(n, 1);
  pt.enable();
  t.true(n >= 2);
  const before = n;
  setPriv(h, 0);
  t.true(n > before);
});
