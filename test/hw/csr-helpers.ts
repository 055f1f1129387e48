// Shared fixtures for the privileged-architecture tests (csr-*, trap-*, mmu-*):
// a bare Hart on a small RAM, and Sv39 page-table building in that RAM.
import { PhysMem } from '../../core/hw/memory.js';
import { Bus } from '../../core/hw/bus.js';
import { Hart } from '../../core/hw/hart.js';
import { CSR, setCsr } from '../../core/hw/csr.js';
import { setPriv } from '../../core/hw/trap.js';

export const RAM_BASE = 0x8000_0000;

/** A hart on `mb` MiB of RAM, in M-mode. */
export function mkHart(mb = 8): Hart {
  return new Hart(new Bus(new PhysMem(mb * 1024 * 1024, RAM_BASE)));
}

export function csrHex(v: bigint): string { return '0x' + v.toString(16); }

export const PTE = { V: 1, R: 2, W: 4, X: 8, U: 16, G: 32, A: 64, D: 128 } as const;
export const RWX = PTE.R | PTE.W | PTE.X;

/** Writes a PTE for physical address `pa` (page aligned) with `flags` at pteAddr; `extraHi` ORs into bits 63:32. */
export function writePte(h: Hart, pteAddr: number, pa: number, flags: number, extraHi = 0): void {
  const ppn = Math.floor(pa / 4096);
  const lo = (((ppn % 4194304) << 10) | flags) | 0;
  const hi = (Math.floor(ppn / 4194304) | extraHi) | 0;
  h.ram.write64(pteAddr, lo, hi);
}

export function readPteLo(h: Hart, pteAddr: number): number { return h.ram.read32(pteAddr); }

/** Sv39 VPN[level] of a (signed) virtual address. */
export function vpn(va: number, level: number): number {
  return (Math.floor(va / 4096) & 0x7ffffff) >>> (9 * level) & 0x1ff;
}

/**
 * A three-level page table rooted at `root` with tables allocated from `next`
 * (page-aligned RAM addresses). map() installs a leaf at the given level.
 */
export class PageTable {
  private next: number;
  constructor(readonly h: Hart, readonly root: number, pool: number) { this.next = pool; h.ram.fill(root, 4096); }

  /** Address of the PTE for va at `level`, creating intermediate tables down to it. */
  slot(va: number, level: number): number {
    let table = this.root;
    for (let l = 2; l > level; l--) {
      const a = table + vpn(va, l) * 8;
      const lo = this.h.ram.read32(a);
      if ((lo & 1) === 0 || (lo & RWX) !== 0) {
        const t = this.next; this.next += 4096;
        this.h.ram.fill(t, 4096);
        writePte(this.h, a, t, PTE.V);
      }
      const lo2 = this.h.ram.read32(a) >>> 0, hi2 = this.h.ram.read32(a + 4);
      table = ((lo2 >>> 10) + (hi2 & 0x3fffff) * 4194304) * 4096;
    }
    return table + vpn(va, level) * 8;
  }

  map(va: number, pa: number, flags: number, level = 0): number {
    const a = this.slot(va, level);
    writePte(this.h, a, pa, flags | PTE.V);
    return a;
  }

  /** Turns paging on (Sv39, this root, asid). */
  enable(asid = 0): void {
    setCsr(this.h, CSR.satp, (8n << 60n) | (BigInt(asid) << 44n) | BigInt(this.root / 4096));
  }
}

export { setPriv };
