// The physical address space: RAM (PhysMem) plus memory-mapped devices.
// The hart reaches RAM directly through its typed-array views on the fast
// path; everything that is not RAM comes through here. An address that is
// neither RAM nor a device is an access fault (the helpers return false).
// Devices see offsets from their base and sizes 1/2/4 (reads) or 1/2/4/8
// (writes); an 8-byte read is split into two 4-byte reads, low word first.
import type { PhysMem } from './memory.js';

export interface MmioDevice {
  readonly name: string;
  readonly base: number; // physical address
  readonly size: number; // bytes
  /** 1, 2 or 4 bytes at offset, zero-extended (uint32 as a number). */
  read(offset: number, size: 1 | 2 | 4): number;
  /** 1, 2, 4 or 8 bytes; lo = low 32 bits, hi = high 32 bits (0 when size < 8). */
  write(offset: number, size: 1 | 2 | 4 | 8, lo: number, hi: number): void;
}

export class Bus {
  private devs: MmioDevice[] = [];
  /** Result of the last successful load: lo, hi (signed int32 halves, zero-extended from the size). */
  readonly val = new Int32Array(2);

  constructor(readonly ram: PhysMem) {}

  /** Adds a device; overlapping another device or RAM is a programming error. */
  attach(dev: MmioDevice): void {
    const end = dev.base + dev.size;
    for (const d of this.devs) {
      if (dev.base < d.base + d.size && d.base < end) throw new RangeError(`device ${dev.name} overlaps ${d.name}`);
    }
    if (dev.base < this.ram.base + this.ram.size && this.ram.base < end) throw new RangeError(`device ${dev.name} overlaps RAM`);
    this.devs.push(dev);
  }

  get devices(): readonly MmioDevice[] { return this.devs; }

  /** The device covering paddr, or null. */
  find(paddr: number): MmioDevice | null {
    const ds = this.devs;
    for (let i = 0; i < ds.length; i++) {
      const d = ds[i];
      if (paddr >= d.base && paddr < d.base + d.size) return d;
    }
    return null;
  }

  /** True when [paddr, paddr+len) is RAM. */
  isRam(paddr: number, len: number): boolean { return this.ram.contains(paddr, len); }

  /**
   * Loads `size` bytes (1, 2, 4, 8; any alignment for RAM) into `this.val`, zero-extended.
   * Returns false on an access fault (nothing mapped, or the access straddles RAM/device).
   */
  load(paddr: number, size: number): boolean {
    const v = this.val;
    const ram = this.ram;
    if (ram.contains(paddr, size)) {
      const off = paddr - ram.base;
      const dv = ram.view;
      if (size === 1) { v[0] = ram.u8[off]; v[1] = 0; }
      else if (size === 2) { v[0] = dv.getUint16(off, true); v[1] = 0; }
      else if (size === 4) { v[0] = dv.getInt32(off, true); v[1] = 0; }
      else { v[0] = dv.getInt32(off, true); v[1] = dv.getInt32(off + 4, true); }
      return true;
    }
    const d = this.find(paddr);
    if (d === null || paddr + size > d.base + d.size) return false;
    const o = paddr - d.base;
    if (size === 8) { v[0] = d.read(o, 4) | 0; v[1] = d.read(o + 4, 4) | 0; }
    else { v[0] = d.read(o, size as 1 | 2 | 4) | 0; v[1] = 0; }
    return true;
  }

  /** Stores `size` bytes of (lo, hi). Returns false on an access fault. */
  store(paddr: number, size: number, lo: number, hi: number): boolean {
    const ram = this.ram;
    if (ram.contains(paddr, size)) {
      const off = paddr - ram.base;
      const dv = ram.view;
      if (size === 1) ram.u8[off] = lo;
      else if (size === 2) dv.setUint16(off, lo & 0xffff, true);
      else if (size === 4) dv.setInt32(off, lo, true);
      else { dv.setInt32(off, lo, true); dv.setInt32(off + 4, hi, true); }
      return true;
    }
    const d = this.find(paddr);
    if (d === null || paddr + size > d.base + d.size) return false;
    const mask = size === 1 ? 0xff : size === 2 ? 0xffff : -1;
    d.write(paddr - d.base, size as 1 | 2 | 4 | 8, lo & mask, size === 8 ? hi : 0);
    return true;
  }
}
