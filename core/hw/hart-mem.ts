// The hart's memory slow paths: software-TLB misses, misaligned and
// page-crossing accesses, MMIO through the bus, AMOs, and the bookkeeping
// that keeps the decode cache coherent with stores. The interpreter's inline
// fast path (hart-exec.ts) handles aligned RAM accesses that hit the TLB and
// calls these otherwise.
//
// TLB entries (h.tlbL*/tlbS*/tlbX*, TLB_SIZE each, indexed by (va >>> 12) &
// (TLB_SIZE-1)) hold the virtual page (low word with the offset bits cleared,
// high word) and the RAM byte offset of the physical page. Only whole RAM pages
// are cached; device pages always come here. Store entries are never made for
// pages that have a decoded cache, so every store into code comes through
// storeSlow and invalidates the slots it overlaps.
import type { Hart } from './hart.js';
import { translate, Access, TLB_MASK as MMU_TLB_MASK } from './mmu.js';
import { SLOT_WORDS, SLOTS_PER_PAGE } from './decode.js';

const TWO32 = 4294967296;
/** Number of entries per access kind in the hart's software TLBs (direct-mapped on the low VPN bits). */
export const TLB_SIZE = 1024; // hart-exec.ts masks with the literal 1023
const TLB_MASK = TLB_SIZE - 1;
/** A tag high word that no valid translation has (canonical addresses have small high words). */
export const TLB_EMPTY = 0x7fffffff;

/** The signed 64-bit address (lo, hi) as a JS number. */
export function vaddr(lo: number, hi: number): number { return hi * TWO32 + (lo >>> 0); }

/** Records a fault for the caller: cause and tval. Always returns false. */
function fault(h: Hart, code: number, tval: number): false {
  h.memFault = code; h.memTval = tval; return false;
}

/** Translates va (split into lo/hi) for `access`, filling the hart's TLB for RAM pages. -1 on fault (h.memFault set). */
export function xlate(h: Hart, lo: number, hi: number, access: number): number {
  const va = vaddr(lo, hi);
  // The Mmu's own (larger, float-tagged) TLB first: it is always in the current
  // context (trap.ts/csr.ts and run() keep it synced), and translate() always walks.
  const m = h.mmu;
  const page = Math.floor(va / 4096), mi = page & MMU_TLB_MASK;
  let pa: number;
  if (access === Access.LOAD && m.loadTag[mi] === page) pa = m.loadPa[mi] + (va - page * 4096);
  else if (access === Access.STORE && m.storeTag[mi] === page) pa = m.storePa[mi] + (va - page * 4096);
  else if (access === Access.FETCH && m.fetchTag[mi] === page) pa = m.fetchPa[mi] + (va - page * 4096);
  else pa = translate(h, va, access);
  if (pa < 0) { fault(h, m.faultCode, va); return -1; }
  const ram = h.ram;
  const pagePa = pa - (pa % 4096);
  if (pagePa >= ram.base && pagePa + 4096 <= ram.base + ram.size) {
    const i = (lo >>> 12) & TLB_MASK, off = pagePa - ram.base;
    if (access === Access.LOAD) { h.tlbLTagLo[i] = lo & ~4095; h.tlbLTagHi[i] = hi; h.tlbLOff[i] = off; }
    else if (access === Access.STORE) {
      if (h.codePage[off >>> 12] === 0) { h.tlbSTagLo[i] = lo & ~4095; h.tlbSTagHi[i] = hi; h.tlbSOff[i] = off; }
      // A store proves the page readable too (W implies R).
      h.tlbLTagLo[i] = lo & ~4095; h.tlbLTagHi[i] = hi; h.tlbLOff[i] = off;
    } else { h.tlbXTagLo[i] = lo & ~4095; h.tlbXTagHi[i] = hi; h.tlbXOff[i] = off; }
  }
  return pa;
}

/** Reads `size` bytes at physical pa (RAM or device) into h.mbuf (zero-extended). False: access fault. */
function physLoad(h: Hart, pa: number, size: number): boolean {
  const ram = h.ram;
  if (pa >= ram.base && pa + size <= ram.base + ram.size) {
    const o = pa - ram.base, dv = ram.view, m = h.mbuf;
    if (size === 1) { m[0] = ram.u8[o]; m[1] = 0; }
    else if (size === 2) { m[0] = dv.getUint16(o, true); m[1] = 0; }
    else if (size === 4) { m[0] = dv.getInt32(o, true); m[1] = 0; }
    else { m[0] = dv.getInt32(o, true); m[1] = dv.getInt32(o + 4, true); }
    return true;
  }
  if (!h.bus.load(pa, size)) return false;
  h.mbuf[0] = h.bus.val[0]; h.mbuf[1] = h.bus.val[1];
  return true;
}

/** Writes `size` bytes to physical pa; keeps the decode cache coherent. False: access fault. */
function physStore(h: Hart, pa: number, size: number, lo: number, hi: number): boolean {
  const ram = h.ram;
  if (pa >= ram.base && pa + size <= ram.base + ram.size) {
    const o = pa - ram.base, dv = ram.view;
    if (size === 1) ram.u8[o] = lo;
    else if (size === 2) dv.setUint16(o, lo & 0xffff, true);
    else if (size === 4) dv.setInt32(o, lo, true);
    else { dv.setInt32(o, lo, true); dv.setInt32(o + 4, hi, true); }
    if (h.codePage[o >>> 12] !== 0) invalidateCode(h, o, size);
    return true;
  }
  if (!h.bus.store(pa, size, lo, hi)) return false;
  h.irqCheck = true; // a device write may raise an interrupt or halt the machine
  return true;
}

/**
 * Clears the decode-cache slots that overlap RAM bytes [off, off+len) (RAM
 * offsets), including a 32-bit instruction starting 2 bytes before.
 */
export function invalidateCode(h: Hart, off: number, len: number): void {
  let a = off - 2;
  const end = off + len;
  while (a < end) {
    const page = a >>> 12;
    if (a < 0) { a = 0; continue; }
    const slot = h.dcSlotOf[page];
    const pageEnd = Math.min(end, (page + 1) * 4096);
    if (slot >= 0) {
      const dc = h.dcache, base = slot * SLOTS_PER_PAGE * SLOT_WORDS;
      for (let s = (a & 4095) >> 1, e = ((pageEnd - 1) & 4095) >> 1; s <= e; s++) dc[base + s * SLOT_WORDS] = 0;
      h.codeWrites++;
      if (h.onCodeInvalidate !== null) h.onCodeInvalidate(page);
    }
    a = pageEnd;
  }
}

/** Load of `size` bytes at va (lo, hi), any alignment; result zero-extended in h.mbuf. False: fault in h.memFault/memTval. */
export function loadSlow(h: Hart, lo: number, hi: number, size: number): boolean {
  const inPage = 4096 - (lo & 4095);
  if (size <= inPage) {
    const ti = (lo >>> 12) & TLB_MASK;
    if (h.tlbLTagLo[ti] === (lo & ~4095) && h.tlbLTagHi[ti] === hi) {
      return physLoad(h, h.ram.base + h.tlbLOff[ti] + (lo & 4095), size);
    }
    const pa = xlate(h, lo, hi, Access.LOAD);
    if (pa < 0) return false;
    return physLoad(h, pa, size) || fault(h, 5, vaddr(lo, hi));
  }
  // Crosses a page: load byte by byte (each page translated once).
  const pa1 = xlate(h, lo, hi, Access.LOAD);
  if (pa1 < 0) return false;
  const lo2 = (lo + inPage) | 0, hi2 = (lo2 >>> 0) < (lo >>> 0) ? (hi + 1) | 0 : hi;
  const pa2 = xlate(h, lo2, hi2, Access.LOAD);
  if (pa2 < 0) return false;
  let vlo = 0, vhi = 0;
  for (let i = 0; i < size; i++) {
    const pa = i < inPage ? pa1 + i : pa2 + (i - inPage);
    if (!physLoad(h, pa, 1)) return fault(h, 5, vaddr(lo, hi));
    const b = h.mbuf[0] & 0xff;
    if (i < 4) vlo |= b << (8 * i); else vhi |= b << (8 * (i - 4));
  }
  h.mbuf[0] = vlo; h.mbuf[1] = vhi;
  return true;
}

/**
 * The slow path of the integer loads: op is the decoded load op (41 LB, 42 LH, 43 LW, 44 LD,
 * 45 LBU, 46 LHU, 47 LWU); the extended value goes to register pair index rd (skipped for x0).
 */
export function loadInto(h: Hart, lo: number, hi: number, op: number, rd: number): boolean {
  const size = op === 44 ? 8 : op === 43 || op === 47 ? 4 : op === 41 || op === 45 ? 1 : 2;
  if (!loadSlow(h, lo, hi, size)) return false;
  let v = h.mbuf[0], vh = h.mbuf[1];
  if (op === 41) { v = (v << 24) >> 24; vh = v >> 31; }
  else if (op === 42) { v = (v << 16) >> 16; vh = v >> 31; }
  else if (op === 43) vh = v >> 31;
  if (rd !== 0) { h.x[rd] = v; h.x[rd + 1] = vh; }
  return true;
}

/** Store of `size` bytes of (vlo, vhi) at va (lo, hi), any alignment. False: fault in h.memFault/memTval. */
export function storeSlow(h: Hart, lo: number, hi: number, size: number, vlo: number, vhi: number): boolean {
  const inPage = 4096 - (lo & 4095);
  if (size <= inPage) {
    const ti = (lo >>> 12) & TLB_MASK;
    if (h.tlbSTagLo[ti] === (lo & ~4095) && h.tlbSTagHi[ti] === hi) {
      return physStore(h, h.ram.base + h.tlbSOff[ti] + (lo & 4095), size, vlo, vhi);
    }
    const pa = xlate(h, lo, hi, Access.STORE);
    if (pa < 0) return false;
    return physStore(h, pa, size, vlo, vhi) || fault(h, 7, vaddr(lo, hi));
  }
  const pa1 = xlate(h, lo, hi, Access.STORE);
  if (pa1 < 0) return false;
  const lo2 = (lo + inPage) | 0, hi2 = (lo2 >>> 0) < (lo >>> 0) ? (hi + 1) | 0 : hi;
  const pa2 = xlate(h, lo2, hi2, Access.STORE);
  if (pa2 < 0) return false;
  for (let i = 0; i < size; i++) {
    const pa = i < inPage ? pa1 + i : pa2 + (i - inPage);
    const b = i < 4 ? vlo >>> (8 * i) : vhi >>> (8 * (i - 4));
    if (!physStore(h, pa, 1, b & 0xff, 0)) return fault(h, 7, vaddr(lo, hi));
  }
  return true;
}

/**
 * LR/SC/AMO: f5 = funct5 (2 LR, 3 SC, else the AMO), size 4 or 8, address (lo, hi),
 * operand (blo, bhi). The value for rd is left in h.mbuf (sign-extended for .w).
 * Misaligned addresses fault (LR: load misaligned; SC/AMO: store/AMO misaligned).
 */
export function amo(h: Hart, f5: number, size: number, lo: number, hi: number, blo: number, bhi: number): boolean {
  const m = h.mbuf;
  if ((lo & (size - 1)) !== 0) return fault(h, f5 === 2 ? 4 : 6, vaddr(lo, hi));
  if (f5 === 2) {
    const pa = xlate(h, lo, hi, Access.LOAD);
    if (pa < 0) return false;
    if (!physLoad(h, pa, size)) return fault(h, 5, vaddr(lo, hi));
    if (size === 4) m[1] = m[0] >> 31;
    h.resAddr = pa; h.resSize = size;
    return true;
  }
  const pa = xlate(h, lo, hi, Access.STORE);
  if (pa < 0) return false;
  if (f5 === 3) {
    const ok = h.resAddr === pa && h.resSize === size;
    h.resAddr = -1;
    if (ok && !physStore(h, pa, size, blo, bhi)) return fault(h, 7, vaddr(lo, hi));
    m[0] = ok ? 0 : 1; m[1] = 0;
    return true;
  }
  if (!physLoad(h, pa, size)) return fault(h, 7, vaddr(lo, hi));
  const alo = m[0];
  const ahi = size === 4 ? alo >> 31 : m[1];
  let rlo = 0, rhi = 0;
  if (size === 4) {
    switch (f5) {
      case 0: rlo = (alo + blo) | 0; break;
      case 1: rlo = blo; break;
      case 4: rlo = alo ^ blo; break;
      case 8: rlo = alo | blo; break;
      case 12: rlo = alo & blo; break;
      case 16: rlo = alo < blo ? alo : blo; break;
      case 20: rlo = alo > blo ? alo : blo; break;
      case 24: rlo = (alo >>> 0) < (blo >>> 0) ? alo : blo; break;
      default: rlo = (alo >>> 0) > (blo >>> 0) ? alo : blo; break;
    }
  } else {
    const lt = ahi < bhi || (ahi === bhi && (alo >>> 0) < (blo >>> 0));
    const ltu = (ahi >>> 0) < (bhi >>> 0) || (ahi === bhi && (alo >>> 0) < (blo >>> 0));
    switch (f5) {
      case 0: rlo = (alo + blo) | 0; rhi = (ahi + bhi + ((rlo >>> 0) < (alo >>> 0) ? 1 : 0)) | 0; break;
      case 1: rlo = blo; rhi = bhi; break;
      case 4: rlo = alo ^ blo; rhi = ahi ^ bhi; break;
      case 8: rlo = alo | blo; rhi = ahi | bhi; break;
      case 12: rlo = alo & blo; rhi = ahi & bhi; break;
      case 16: if (lt) { rlo = alo; rhi = ahi; } else { rlo = blo; rhi = bhi; } break;
      case 20: if (lt) { rlo = blo; rhi = bhi; } else { rlo = alo; rhi = ahi; } break;
      case 24: if (ltu) { rlo = alo; rhi = ahi; } else { rlo = blo; rhi = bhi; } break;
      default: if (ltu) { rlo = blo; rhi = bhi; } else { rlo = alo; rhi = ahi; } break;
    }
  }
  if (!physStore(h, pa, size, rlo, rhi)) return fault(h, 7, vaddr(lo, hi));
  m[0] = alo; m[1] = ahi;
  return true;
}

/** Reads the halfword at the virtual pc (lo, hi) for instruction fetch (a page-crossing 32-bit instruction's upper half). -1 on fault. */
export function fetchHalf(h: Hart, lo: number, hi: number): number {
  const pa = xlate(h, lo, hi, Access.FETCH);
  if (pa < 0) return -1;
  if (!h.ram.contains(pa, 2)) { fault(h, 1, vaddr(lo, hi)); return -1; }
  return h.ram.u16[(pa - h.ram.base) >>> 1];
}
