// Physical RAM: one ArrayBuffer seen through typed-array views, placed at
// `base` in the physical address space (0x8000_0000 as on QEMU's virt board).
// The hart's fast path indexes these views directly; everything else (the bus,
// the kernel's page-table code, loaders) uses the helpers below. Offsets are
// byte offsets from `base`; callers check bounds with `contains` first.
//
// The buffer is a WebAssembly.Memory's when one can be had (issue 3): the
// hart's translated code (core/hw/jit/) then loads and stores guest RAM
// directly. The memory is a little larger than RAM: the `scratch` bytes after
// RAM (SCRATCH_BYTES at byte offset `scratchOff`) hold the hart state that
// translated code shares with JavaScript (integer registers, software TLBs).
// The views below cover RAM only; the memory never grows, so they stay valid.

import { WA } from './jit/wasm.js';
import type { WasmMemory } from './jit/wasm.js';
import { hostEnv } from '../lib/env.js';

export const DRAM_BASE = 0x8000_0000;
export const DEFAULT_RAM_SIZE = 256 * 1024 * 1024;
/** Bytes after RAM shared by the hart and its translated code (one wasm page). */
export const SCRATCH_BYTES = 65536;

export class PhysMem {
  readonly buffer: ArrayBuffer;
  readonly u8: Uint8Array;
  readonly u16: Uint16Array;
  readonly i32: Int32Array;
  readonly u32: Uint32Array;
  readonly view: DataView;
  /** The WebAssembly.Memory holding RAM at offset 0, or null (no WebAssembly, or RAM too large). */
  readonly wasmMemory: WasmMemory | null = null;
  /** Byte offset of the SCRATCH_BYTES shared area after RAM (-1 without wasmMemory). */
  readonly scratchOff: number = -1;

  constructor(readonly size: number = DEFAULT_RAM_SIZE, readonly base: number = DRAM_BASE) {
    if (size <= 0 || size % 4096 !== 0) throw new RangeError(`RAM size must be a positive multiple of 4096, got ${size}`);
    let buffer: ArrayBuffer | null = null;
    const ramPages = Math.ceil(size / 65536);
    if (WA !== undefined && ramPages + 1 <= 32768 && hostEnv('NODIX_JIT') !== '0') {
      try {
        const mem = new WA.Memory({ initial: ramPages + 1, maximum: ramPages + 1 });
        this.wasmMemory = mem;
        this.scratchOff = ramPages * 65536;
        buffer = mem.buffer;
      } catch { buffer = null; } // address space exhausted: plain memory, interpreter only
    }
    this.buffer = buffer ?? new ArrayBuffer(size);
    this.u8 = new Uint8Array(this.buffer, 0, size);
    this.u16 = new Uint16Array(this.buffer, 0, size >>> 1);
    this.i32 = new Int32Array(this.buffer, 0, size >>> 2);
    this.u32 = new Uint32Array(this.buffer, 0, size >>> 2);
    this.view = new DataView(this.buffer, 0, size);
  }

  /** True when [paddr, paddr+len) lies inside RAM. */
  contains(paddr: number, len: number): boolean {
    const off = paddr - this.base;
    return off >= 0 && off + len <= this.size;
  }

  /** Little-endian 64-bit read as [lo, hi] signed 32-bit halves. */
  read64(paddr: number, out: Int32Array, at: number): void {
    const off = paddr - this.base;
    out[at] = this.view.getInt32(off, true);
    out[at + 1] = this.view.getInt32(off + 4, true);
  }

  write64(paddr: number, lo: number, hi: number): void {
    const off = paddr - this.base;
    this.view.setInt32(off, lo, true);
    this.view.setInt32(off + 4, hi, true);
  }

  read32(paddr: number): number { return this.view.getInt32(paddr - this.base, true); }
  write32(paddr: number, v: number): void { this.view.setInt32(paddr - this.base, v, true); }

  /** Copies host bytes into RAM (loaders, the kernel's copyOut after translation). */
  load(paddr: number, bytes: Uint8Array): void { this.u8.set(bytes, paddr - this.base); }

  /** A copy of RAM bytes. */
  slice(paddr: number, len: number): Uint8Array {
    const off = paddr - this.base;
    return this.u8.slice(off, off + len);
  }

  fill(paddr: number, len: number, value = 0): void {
    const off = paddr - this.base;
    this.u8.fill(value, off, off + len);
  }
}
