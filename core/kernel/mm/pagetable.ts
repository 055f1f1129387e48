// Sv39 page tables written into emulated physical memory, exactly as the
// hart's MMU reads them: three levels of 512 eight-byte PTEs, PPN in bits
// 10..53, flags V R W X U G A D in bits 0..7. The kernel builds and edits them
// here (xv6's vm.c: walk, mappages, uvmunmap). Leaves are always written with A
// and D set so the hart never needs to fault for accessed/dirty updates. Bit 8
// (RSW) marks a copy-on-write page. The upper (kernel) half's top-level
// entries are shared by every table and are never freed with a user table.
import { FrameAllocator, PGSIZE, type Ram } from './frames.js';

export const PTE_V = 1, PTE_R = 2, PTE_W = 4, PTE_X = 8, PTE_U = 16, PTE_G = 32, PTE_A = 64, PTE_D = 128;
export const PTE_COW = 256;
/** Software bit (V=0, so the MMU ignores the entry): a PROT_NONE page whose frame is kept. */
export const PTE_PROTNONE = 512;
const PRESENT = PTE_V | PTE_PROTNONE;
const FLAG_MASK = 0x3ff;
const TWO22 = 0x400000;

/** First top-level index of the kernel half (VA bit 38 set). */
export const KERNEL_VPN2 = 256;

export function vpn(va: number, level: number): number {
  return Math.floor(va / (level === 2 ? 0x40000000 : level === 1 ? 0x200000 : PGSIZE)) & 511;
}

/** PTE flag bits for a leaf with permissions `flags` (R/W/X/U/COW): A and D set, PROT_NONE kept invalid. */
export function leafFlags(flags: number): number {
  return (flags & (PTE_R | PTE_W | PTE_X)) === 0 ? (flags & ~PTE_V & ~(PTE_R | PTE_W | PTE_X)) | PTE_PROTNONE
    : (flags & ~PTE_PROTNONE) | PTE_V | PTE_A | PTE_D;
}

export class PageTable {
  readonly root: number;
  private readonly v: DataView;
  private readonly base: number;

  /** A fresh table whose kernel half copies `kernelRoot`'s top-level entries (shared subtrees). Throws only if RAM is exhausted at creation (callers check frames.freeCount first) */
  constructor(readonly frames: FrameAllocator, kernelRoot = -1, root = -1) {
    const ram: Ram = frames.ram;
    this.v = ram.view;
    this.base = ram.base;
    if (root !== -1) { this.root = root; return; }
    this.root = frames.alloc();
    if (this.root === -1) throw new RangeError('out of memory for a page table');
    if (kernelRoot !== -1) {
      const src = kernelRoot - this.base, dst = this.root - this.base;
      for (let i = KERNEL_VPN2; i < 512; i++) {
        this.v.setUint32(dst + i * 8, this.v.getUint32(src + i * 8, true), true);
        this.v.setUint32(dst + i * 8 + 4, this.v.getUint32(src + i * 8 + 4, true), true);
      }
    }
  }

  /** satp value for this table (MODE=8 Sv39, ASID 0) as [lo, hi] halves. */
  satp(): [number, number] {
    const ppn = this.root / PGSIZE;
    return [(ppn % 0x1_0000_0000) | 0, (8 << 28) | Math.floor(ppn / 0x1_0000_0000)];
  }

  pteLo(pte: number): number { return this.v.getUint32(pte - this.base, true); }
  ptePa(pte: number): number {
    const off = pte - this.base;
    return ((this.v.getUint32(off, true) >>> 10) + (this.v.getUint32(off + 4, true) & 0xfffff) * TWO22) * PGSIZE;
  }
  writePte(pte: number, pa: number, flags: number): void {
    const ppn = pa / PGSIZE, off = pte - this.base;
    this.v.setUint32(off, (((ppn % TWO22) << 10) | (flags & FLAG_MASK)) >>> 0, true);
    this.v.setUint32(off + 4, Math.floor(ppn / TWO22), true);
  }
  setFlags(pte: number, flags: number): void {
    const off = pte - this.base;
    const lo = this.v.getUint32(off, true);
    this.v.setUint32(off, ((lo & ~FLAG_MASK) | (flags & FLAG_MASK)) >>> 0, true);
  }
  clearPte(pte: number): void {
    const off = pte - this.base;
    this.v.setUint32(off, 0, true);
    this.v.setUint32(off + 4, 0, true);
  }

  /**
   * The physical address of the level-0 PTE for `va`, allocating missing
   * intermediate tables when `alloc`; -1 when absent (or out of memory).
   */
  walk(va: number, alloc: boolean): number {
    let table = this.root;
    for (let level = 2; level > 0; level--) {
      const pte = table + vpn(va, level) * 8;
      const lo = this.pteLo(pte);
      if (lo & PTE_V) {
        if (lo & (PTE_R | PTE_W | PTE_X)) return -1; // a superpage: we never make them
        table = this.ptePa(pte);
      } else {
        if (!alloc) return -1;
        const t = this.frames.alloc();
        if (t === -1) return -1;
        this.writePte(pte, t, PTE_V);
        table = t;
      }
    }
    return table + vpn(va, 0) * 8;
  }

  /** Maps one page; false when out of memory for a table page. Overwrites an existing PTE (caller drops its frame). */
  map(va: number, pa: number, flags: number): boolean {
    const pte = this.walk(va, true);
    if (pte === -1) return false;
    this.writePte(pte, pa, leafFlags(flags));
    return true;
  }

  /** The leaf PTE address for a present page of `va` (valid or PROT_NONE), or -1. */
  lookup(va: number): number {
    const pte = this.walk(va, false);
    return pte !== -1 && (this.pteLo(pte) & PRESENT) ? pte : -1;
  }

  /**
   * Calls fn(va, pteAddr) for every valid leaf in [start, end) (page aligned),
   * skipping absent subtrees quickly.
   */
  forEachLeaf(start: number, end: number, fn: (va: number, pte: number) => void): void {
    let va = start;
    while (va < end) {
      const l2 = this.root + vpn(va, 2) * 8;
      if (!(this.pteLo(l2) & PTE_V)) { va = (Math.floor(va / 0x40000000) + 1) * 0x40000000; continue; }
      const l1 = this.ptePa(l2) + vpn(va, 1) * 8;
      if (!(this.pteLo(l1) & PTE_V)) { va = (Math.floor(va / 0x200000) + 1) * 0x200000; continue; }
      const t0 = this.ptePa(l1);
      const stop = Math.min(end, (Math.floor(va / 0x200000) + 1) * 0x200000);
      for (; va < stop; va += PGSIZE) {
        const pte = t0 + vpn(va, 0) * 8;
        if (this.pteLo(pte) & PRESENT) fn(va, pte);
      }
    }
  }

  /**
   * fork's bulk copy: every present leaf in [start, end) is duplicated into
   * `dst` (same frame, one more reference). Private writable pages lose W and
   * gain COW in both tables. Works a level-0 table (2 MiB) at a time. Returns
   * the number of pages copied, or -1 when out of memory for a table page.
   */
  copyLeavesTo(dst: PageTable, start: number, end: number, shared: boolean): number {
    const v = this.v, base = this.base, refs = this.frames.refs;
    let n = 0;
    const ok = this.forEachLeafTable(start, end, (src, first, last, va) => {
      let dstTable = -1;
      for (let i = first; i <= last; i++) {
        const off = src + i * 8;
        let lo = v.getUint32(off, true);
        if (!(lo & PRESENT)) continue;
        if (dstTable === -1) {
          const pte = dst.walk(va, true);
          if (pte === -1) return false;
          dstTable = pte - vpn(va, 0) * 8 - base;
        }
        if (!shared && (lo & PTE_W)) { lo = ((lo & ~PTE_W) | PTE_COW) >>> 0; v.setUint32(off, lo, true); }
        const hi = v.getUint32(off + 4, true);
        v.setUint32(dstTable + i * 8, lo, true);
        v.setUint32(dstTable + i * 8 + 4, hi, true);
        refs[((lo >>> 10) + (hi & 0xfffff) * TWO22) - base / PGSIZE]++;
        n++;
      }
      return true;
    });
    return ok ? n : -1;
  }

  /** Clears every present leaf in [start, end) and drops its frame reference; returns how many. */
  zapLeaves(start: number, end: number): number {
    const v = this.v, frames = this.frames;
    let n = 0;
    this.forEachLeafTable(start, end, (t0, first, last) => {
      for (let i = first; i <= last; i++) {
        const off = t0 + i * 8;
        const lo = v.getUint32(off, true);
        if (!(lo & PRESENT)) continue;
        const hi = v.getUint32(off + 4, true);
        frames.decRef(((lo >>> 10) + (hi & 0xfffff) * TWO22) * PGSIZE);
        v.setUint32(off, 0, true);
        v.setUint32(off + 4, 0, true);
        n++;
      }
      return true;
    });
    return n;
  }

  /**
   * Calls `fn` once per existing level-0 table covering [start, end): with the table's offset in RAM,
   * the first and last entry index inside the range, and the virtual address of the first entry.
   * Missing upper-level tables are skipped a whole 1 GiB / 2 MiB at a time. `fn` returns false to stop;
   * the result is false when it did.
   */
  private forEachLeafTable(start: number, end: number, fn: (tableOff: number, first: number, last: number, va: number) => boolean): boolean {
    let va = start;
    while (va < end) {
      const chunkEnd = Math.min(end, (Math.floor(va / 0x200000) + 1) * 0x200000);
      const l2 = this.root + vpn(va, 2) * 8;
      if (!(this.pteLo(l2) & PTE_V)) { va = Math.min(end, (Math.floor(va / 0x40000000) + 1) * 0x40000000); continue; }
      const l1 = this.ptePa(l2) + vpn(va, 1) * 8;
      if (!(this.pteLo(l1) & PTE_V)) { va = chunkEnd; continue; }
      if (!fn(this.ptePa(l1) - this.base, vpn(va, 0), vpn(chunkEnd - PGSIZE, 0), va)) return false;
      va = chunkEnd;
    }
    return true;
  }

  /** Frees the table pages of the user half (leaves must already be released by the caller). */
  destroy(): void {
    const freeLevel = (table: number, level: number, limit: number): void => {
      for (let i = 0; i < limit; i++) {
        const pte = table + i * 8;
        const lo = this.pteLo(pte);
        if (!(lo & PTE_V) || (lo & (PTE_R | PTE_W | PTE_X))) continue;
        const child = this.ptePa(pte);
        if (level > 1) freeLevel(child, level - 1, 512);
        this.frames.decRef(child);
      }
    };
    freeLevel(this.root, 2, KERNEL_VPN2);
    this.frames.decRef(this.root);
  }
}
