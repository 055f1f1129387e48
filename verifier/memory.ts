// The address space a BPF program sees: a flat 32-bit space inside one
// WebAssembly memory, in which a few regions (the call stack, the context or
// packet passed in, map values, ...) are mapped with read/write permissions.
// A BPF pointer is simply an offset into that memory (upper 32 bits zero), so
// the interpreter, the WebAssembly JIT and the verifier's checked mode all
// index the same bytes; every access is checked against the region table and
// an access outside every region is a typed fault, never a host exception.
//
// Fixed layout of the first page (never mapped, so address 0 always faults):
//   REGS_OFF   r0..r10 as int32 (lo, hi) pairs: the helper-call ABI of both engines
//   TABLE_OFF  region count, then (start, end, flags) triples as uint32 (read by the JIT)
// The stack (MAX_CALL_FRAMES x STACK_SIZE bytes) follows; allocations after it.

import { MAX_CALL_FRAMES, STACK_SIZE } from './isa.js';
import { WA, type WasmMemory } from './wasm-api.js';

export const PROT_READ = 1;
export const PROT_WRITE = 2;

export const REGS_OFF = 256;
export const TABLE_OFF = 512;
export const MAX_REGIONS = 64;
export const STACK_BASE = 4096;
export const STACK_TOTAL = MAX_CALL_FRAMES * STACK_SIZE;
/** r10 of the outermost frame; frame k uses [STACK_TOP - (k+1)*512, STACK_TOP - k*512). */
export const STACK_TOP = STACK_BASE + STACK_TOTAL;
const HEAP_BASE = STACK_TOP + 4096; // a gap after the stack so overruns do not land in data

export interface Region {
  readonly name: string;
  readonly start: number;
  readonly size: number;
  readonly flags: number;
}

export class AddressSpace {
  readonly memory: WasmMemory;
  u8!: Uint8Array;
  i32!: Int32Array;
  u32!: Uint32Array;
  view!: DataView;
  /** Registers r0..r10 as (lo, hi) int32 pairs, inside the memory (see REGS_OFF). */
  regs!: Int32Array;
  private regions: Region[] = [];
  private brk = HEAP_BASE;
  /** Region table as parallel arrays for the interpreter's fast check. */
  starts = new Float64Array(MAX_REGIONS);
  ends = new Float64Array(MAX_REGIONS);
  flags = new Int32Array(MAX_REGIONS);
  count = 0;

  constructor(initialPages = 2) {
    this.memory = new WA.Memory({ initial: initialPages });
    this.refreshViews();
    this.addRegion({ name: 'stack', start: STACK_BASE, size: STACK_TOTAL, flags: PROT_READ | PROT_WRITE });
  }

  private refreshViews(): void {
    const buf = this.memory.buffer;
    this.u8 = new Uint8Array(buf);
    this.i32 = new Int32Array(buf);
    this.u32 = new Uint32Array(buf);
    this.view = new DataView(buf);
    this.regs = new Int32Array(buf, REGS_OFF, 22);
  }

  private addRegion(r: Region): void {
    if (this.regions.length >= MAX_REGIONS) throw new RangeError('too many regions in one BPF address space');
    this.regions.push(r);
    this.syncTable();
  }

  private syncTable(): void {
    this.count = this.regions.length;
    this.u32[TABLE_OFF >> 2] = this.count;
    this.regions.forEach((r, k) => {
      this.starts[k] = r.start;
      this.ends[k] = r.start + r.size;
      this.flags[k] = r.flags;
      const t = (TABLE_OFF >> 2) + 1 + k * 3;
      this.u32[t] = r.start;
      this.u32[t + 1] = r.start + r.size;
      this.u32[t + 2] = r.flags;
    });
  }

  /** Maps `size` zeroed bytes with the given protection; returns the region (its start is the BPF address). */
  alloc(size: number, flags: number, name: string): Region {
    const start = (this.brk + 7) & ~7;
    const end = start + Math.max(size, 0);
    const need = Math.ceil((end + 8) / 65536);
    const have = this.memory.buffer.byteLength / 65536;
    if (need > have) {
      this.memory.grow(need - have);
      this.refreshViews();
    }
    this.u8.fill(0, start, end);
    this.brk = end + 8; // 8 unmapped bytes between regions
    const r: Region = { name, start, size, flags };
    this.addRegion(r);
    return r;
  }

  /** Copies `bytes` into a new region and returns it. */
  map(bytes: Uint8Array, flags: number, name: string): Region {
    const r = this.alloc(bytes.length, flags, name);
    this.u8.set(bytes, r.start);
    return r;
  }

  /** Unmaps every region but the stack and zeroes the stack (between runs). */
  reset(): void {
    this.regions = this.regions.slice(0, 1);
    this.brk = HEAP_BASE;
    this.u8.fill(0, STACK_BASE, STACK_TOP);
    this.syncTable();
  }

  /** Index of the region holding [addr, addr+len) with the wanted permission, or -1. */
  find(addr: number, len: number, prot: number): number {
    const end = addr + len;
    for (let k = 0; k < this.count; k++) {
      if (addr >= this.starts[k] && end <= this.ends[k]) return (this.flags[k] & prot) === prot ? k : -1;
    }
    return -1;
  }

  /** True when [addr, addr+len) is mapped with `prot`. */
  check(addr: number, len: number, prot: number): boolean { return this.find(addr, len, prot) >= 0; }

  /** Copy of mapped bytes, or null when any of them is unmapped. */
  read(addr: number, len: number): Uint8Array | null {
    return this.check(addr, len, PROT_READ) ? this.u8.slice(addr, addr + len) : null;
  }

  /** Writes into mapped writable memory; false when unmapped (nothing written). */
  write(addr: number, bytes: Uint8Array): boolean {
    if (!this.check(addr, bytes.length, PROT_WRITE)) return false;
    this.u8.set(bytes, addr);
    return true;
  }

  /** Reads a NUL-terminated string of at most `max` bytes, or null if it runs off mapped memory. */
  readCString(addr: number, max = 4096): string | null {
    let s = '';
    for (let k = 0; k < max; k++) {
      if (!this.check(addr + k, 1, PROT_READ)) return null;
      const c = this.u8[addr + k];
      if (c === 0) return s;
      s += String.fromCharCode(c);
    }
    return s;
  }

  get mapped(): readonly Region[] { return this.regions; }
}

/** Reads register `r` of a (lo, hi) pair file as an unsigned BigInt (cold paths: helpers, tests, printing). */
export function regGet(regs: Int32Array, r: number): bigint {
  return (BigInt(regs[2 * r + 1] >>> 0) << 32n) | BigInt(regs[2 * r] >>> 0);
}

/** Writes register `r` of a pair file from a BigInt (taken modulo 2^64). */
export function regSet(regs: Int32Array, r: number, v: bigint): void {
  const u = BigInt.asUintN(64, v);
  regs[2 * r] = Number(u & 0xffffffffn) | 0;
  regs[2 * r + 1] = Number(u >> 32n) | 0;
}
