// Sv39 address translation (RISC-V Privileged Spec 1.12, section 4.4) and the
// software TLB in front of it.
//
// A/D bits: UPDATED BY HARDWARE. When a leaf PTE that permits the access has
// A clear (any access) or D clear (a store), the walk sets the bit(s) and
// writes the PTE back to RAM before the access completes (single hart, so the
// update is atomic). No page fault is ever raised for A/D (no Svade).
//
// Reserved encodings raise page faults: W without R; PTE bits 63:54 set (N and
// PBMT without Svnapot/Svpbmt, and the reserved bits); a non-leaf PTE with D, A
// or U set; a leaf at level > 0 whose low PPN fields are not zero (misaligned
// superpage); a virtual address whose bits 63:39 are not copies of bit 38.
// A PTE address outside RAM raises an access fault (1/5/7).
//
// Software TLB, for the hart's inline fast path. Three direct-mapped tables, one
// per access kind (fetch, load, store), TLB_SIZE entries each, indexed by the
// virtual page number. An entry exists only if the access of its kind is
// permitted in the current translation context, so a hit needs no checks:
//
//   const page = Math.floor(va / 4096), i = page & TLB_MASK;
//   const pa = m.loadTag[i] === page ? m.loadPa[i] + (va - page * 4096)
//                                    : translate(h, va, Access.LOAD);   // -1: fault, m.faultCode
//
// (Tags are the full signed page number; empty slots hold NaN, which never
// matches.) With translation off (M-mode, or satp Bare) entries map identity, so
// the fast path is the same in every mode. Store entries exist only for pages
// whose PTE already has D set. Entries are 4 KiB slices even for superpages.
//
// Context: fetch entries depend on (priv, satp); load/store entries on the
// effective privilege (MPRV/MPP), SUM, MXR and satp. sync(h) compares these with
// what the tables were filled under and flushes the stale tables; csr.ts and
// trap.ts call it on every change (satp or mstatus writes, trap entry,
// mret/sret). Code that sets h.priv directly must call h.mmu.sync(h) after
// (or use trap.ts's setPriv). Host code that edits page tables must call
// h.mmu.flush() (or sfence). Every drop of entries calls mmu.onFlush, which the
// hart uses to empty its own RAM-offset TLBs layered on top of these.
//
// translate() answers from these tables before walking; probe() walks without
// side effects (no A/D update, no TLB fill) for debuggers and tracers.
import { MSTATUS } from './csr.js';
import type { Hart } from './hart.js';

export const Access = { FETCH: 0, LOAD: 1, STORE: 2 } as const;

export const TLB_SIZE = 512;
export const TLB_MASK = TLB_SIZE - 1;

const PTE_V = 1, PTE_R = 2, PTE_W = 4, PTE_X = 8, PTE_U = 16, PTE_A = 64, PTE_D = 128;
const TWO22 = 4194304;
const SV39_LIMIT = 274877906944; // 2^38

/** Page-fault cause for an access kind (instruction 12, load 13, store/AMO 15). */
const PAGE_FAULT = [12, 13, 15];
/** Access-fault cause for an access kind (1, 5, 7). */
const ACCESS_FAULT = [1, 5, 7];

export class Mmu {
  /** Cause code of the last failed translate (12/13/15 page fault, 1/5/7 access fault). */
  faultCode = 0;
  readonly fetchTag = new Float64Array(TLB_SIZE).fill(NaN);
  readonly fetchPa = new Float64Array(TLB_SIZE);
  readonly loadTag = new Float64Array(TLB_SIZE).fill(NaN);
  readonly loadPa = new Float64Array(TLB_SIZE);
  readonly storeTag = new Float64Array(TLB_SIZE).fill(NaN);
  readonly storePa = new Float64Array(TLB_SIZE);
  /** Translation contexts the tables were filled under (-1: none yet). */
  fetchKey = -1;
  dataKey = -1;
  /** Set when a superpage entry was cached: a by-address flush then flushes all. */
  hasSuper = false;
  /** Number of page-table walks done (statistics for benches and tests). */
  walks = 0;
  /** Called whenever any TLB entry is dropped (flush, flushPage, a context change),
   * so that caches layered on top (the hart's own TLBs) can drop theirs. */
  onFlush: () => void = () => {};

  // The bus is accepted for the contract's shape; PTEs are read from h.ram.
  constructor(_bus?: unknown) {}

  /** Empties every table (satp write, sfence.vma without address, host page-table edits). */
  flush(): void {
    this.fetchTag.fill(NaN);
    this.loadTag.fill(NaN);
    this.storeTag.fill(NaN);
    this.hasSuper = false;
    this.onFlush();
  }

  /** Drops the translations of the page holding va (all ASIDs: we do not tag by ASID). */
  flushPage(va: number, _asid: number): void {
    if (this.hasSuper) { this.flush(); return; }
    const page = Math.floor(va / 4096), i = page & TLB_MASK;
    if (this.fetchTag[i] === page) this.fetchTag[i] = NaN;
    if (this.loadTag[i] === page) this.loadTag[i] = NaN;
    if (this.storeTag[i] === page) this.storeTag[i] = NaN;
    this.onFlush();
  }

  /** Flushes the tables whose translation context changed since they were filled. */
  sync(h: Hart): void {
    const c = h.csr;
    const on = c.satpMode === 8;
    const fk = on && h.priv !== 3 ? h.priv : 3;
    const eff = h.priv === 3 && (c.mstatus & MSTATUS.MPRV) !== 0 ? (c.mstatus >> MSTATUS.MPP_SHIFT) & 3 : h.priv;
    const dk = on && eff !== 3 ? eff | ((c.mstatus & MSTATUS.SUM) !== 0 ? 4 : 0) | ((c.mstatus & MSTATUS.MXR) !== 0 ? 8 : 0) : 3;
    if (fk === this.fetchKey && dk === this.dataKey) return;
    if (fk !== this.fetchKey) { this.fetchTag.fill(NaN); this.fetchKey = fk; }
    if (dk !== this.dataKey) { this.loadTag.fill(NaN); this.storeTag.fill(NaN); this.dataKey = dk; }
    this.onFlush();
  }
}

function insert(m: Mmu, access: number, page: number, paPage: number): void {
  const i = page & TLB_MASK;
  if (access === 0) { m.fetchTag[i] = page; m.fetchPa[i] = paPage; }
  else if (access === 1) { m.loadTag[i] = page; m.loadPa[i] = paPage; }
  else { m.storeTag[i] = page; m.storePa[i] = paPage; }
}

function fault(m: Mmu, code: number): number { m.faultCode = code; return -1; }

/**
 * Translates va for `access` under satp, the effective privilege (MPRV/MPP for
 * loads and stores), SUM and MXR: a TLB hit, else a page-table walk that fills the TLB. Returns the physical address,
 * or -1 with h.mmu.faultCode set (12/13/15 page fault, or 1/5/7 access fault).
 * The caller supplies tval (the faulting virtual address) when it takes the trap.
 */
export function translate(h: Hart, va: number, access: number): number {
  const m = h.mmu;
  const c = h.csr;
  m.sync(h);
  const st = c.mstatus;
  const eff = access !== 0 && h.priv === 3 && (st & MSTATUS.MPRV) !== 0 ? (st >> MSTATUS.MPP_SHIFT) & 3 : h.priv;
  const page = Math.floor(va / 4096);
  const ti = page & TLB_MASK;
  if (access === 1) { if (m.loadTag[ti] === page) return m.loadPa[ti] + (va - page * 4096); }
  else if (access === 2) { if (m.storeTag[ti] === page) return m.storePa[ti] + (va - page * 4096); }
  else if (m.fetchTag[ti] === page) return m.fetchPa[ti] + (va - page * 4096);
  if (eff === 3 || c.satpMode !== 8) {
    if (va < 0) return fault(m, ACCESS_FAULT[access]);
    insert(m, access, page, page * 4096);
    return va;
  }
  return walk(h, va, access, eff, true);
}

/**
 * The Sv39 walk for va (translation on, eff < M). With `commit`, sets A/D in
 * the PTE and fills the TLB; without, changes nothing (probe).
 */
function walk(h: Hart, va: number, access: number, eff: number, commit: boolean): number {
  const m = h.mmu;
  const st = h.csr.mstatus;
  const page = Math.floor(va / 4096);
  if (va < -SV39_LIMIT || va >= SV39_LIMIT) return fault(m, PAGE_FAULT[access]);
  if (commit) m.walks++;
  const ram = h.ram;
  const i32 = ram.i32;
  const vpn = page & 0x7ffffff;
  let table = h.csr.satpPpn * 4096;
  let level = 2;
  let lo = 0, hi = 0, pteAddr = 0;
  for (;;) {
    pteAddr = table + ((vpn >>> (9 * level)) & 0x1ff) * 8;
    if (!ram.contains(pteAddr, 8)) return fault(m, ACCESS_FAULT[access]);
    const w = (pteAddr - ram.base) >> 2;
    lo = i32[w]; hi = i32[w + 1];
    if ((lo & PTE_V) === 0 || (lo & (PTE_R | PTE_W)) === PTE_W || (hi >>> 22) !== 0) return fault(m, PAGE_FAULT[access]);
    if ((lo & (PTE_R | PTE_X)) !== 0) break;
    if ((lo & (PTE_D | PTE_A | PTE_U)) !== 0 || level === 0) return fault(m, PAGE_FAULT[access]);
    table = ((lo >>> 10) + (hi & 0x3fffff) * TWO22) * 4096;
    level--;
  }
  // Privilege.
  if ((lo & PTE_U) !== 0) {
    if (eff === 1 && (access === 0 || (st & MSTATUS.SUM) === 0)) return fault(m, PAGE_FAULT[access]);
  } else if (eff === 0) {
    return fault(m, PAGE_FAULT[access]);
  }
  // Kind of access.
  if (access === 0) {
    if ((lo & PTE_X) === 0) return fault(m, PAGE_FAULT[0]);
  } else if (access === 1) {
    if ((lo & PTE_R) === 0 && ((st & MSTATUS.MXR) === 0 || (lo & PTE_X) === 0)) return fault(m, PAGE_FAULT[1]);
  } else if ((lo & PTE_W) === 0) {
    return fault(m, PAGE_FAULT[2]);
  }
  let ppn = (lo >>> 10) + (hi & 0x3fffff) * TWO22;
  if (level > 0) {
    const lowMask = level === 2 ? 0x3ffff : 0x1ff;
    if ((ppn % (lowMask + 1)) !== 0) return fault(m, PAGE_FAULT[access]);
    ppn += vpn & lowMask;
  }
  const paPage = ppn * 4096;
  if (!commit) return paPage + (va - page * 4096);
  // Hardware A/D update.
  const need = access === 2 ? PTE_A | PTE_D : PTE_A;
  if ((lo & need) !== need) {
    lo |= need;
    i32[(pteAddr - ram.base) >> 2] = lo;
  }
  if (level > 0) m.hasSuper = true;
  insert(m, access, page, paPage);
  if (access === 2) insert(m, 1, page, paPage); // W implies R: the store also proves loads
  return paPage + (va - page * 4096);
}

/**
 * Translates va as translate() would at the current privilege, without side
 * effects: no A/D update, no TLB fill, no TLB lookup (debuggers, tracers,
 * disassemblers). Returns the physical address or -1 with h.mmu.faultCode.
 */
export function probe(h: Hart, va: number, access: number): number {
  const c = h.csr;
  const st = c.mstatus;
  const eff = access !== 0 && h.priv === 3 && (st & MSTATUS.MPRV) !== 0 ? (st >> MSTATUS.MPP_SHIFT) & 3 : h.priv;
  if (eff === 3 || c.satpMode !== 8) return va < 0 ? fault(h.mmu, ACCESS_FAULT[access]) : va;
  return walk(h, va, access, eff, false);
}

/**
 * sfence.vma: false => illegal instruction (U-mode, or S-mode with mstatus.TVM).
 * rs1 == x0 flushes every address, rs2 == x0 every address space.
 */
export function sfenceVma(h: Hart, rs1IsZero: boolean, va: number, rs2IsZero: boolean, asid: number): boolean {
  if (h.priv === 0) return false;
  if (h.priv === 1 && (h.csr.mstatus & MSTATUS.TVM) !== 0) return false;
  void rs2IsZero;
  if (rs1IsZero) h.mmu.flush(); else h.mmu.flushPage(va, asid);
  return true;
}
