// The vDSO: the prebuilt shared object of userland/vdso (bytes in
// vdso-image.ts) copied once into kernel frames and mapped read+exec into
// every process (VMA '[vdso]', AT_SYSINFO_EHDR), followed by one read-only data
// page (the realtime offset). It holds __vdso_rt_sigreturn, the signal-return
// trampoline the signals issue points ra at, and the clock_gettime/
// gettimeofday/clock_getres entry points glibc looks up.
import { parseElf, EM_RISCV } from '../../lib/elf.js';
import { FrameAllocator, PGSIZE } from '../mm/frames.js';
import type { MemObject } from '../mm/vma.js';
import { VDSO_IMAGE_BASE64 } from './vdso-image.js';

function decodeBase64(s: string): Uint8Array {
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export class Vdso implements MemObject {
  readonly bytes: Uint8Array;
  readonly pages: number[] = [];
  /** Offsets of exported symbols from the vDSO base. */
  readonly symbols = new Map<string, number>();
  private readonly dataPage: number;
  private readonly view: DataView;
  private readonly ramBase: number;
  constructor(frames: FrameAllocator) {
    this.bytes = decodeBase64(VDSO_IMAGE_BASE64);
    const r = parseElf(this.bytes, { machine: EM_RISCV });
    if (r.ok) for (const s of r.elf.symbols()) if (s.name.startsWith('__vdso_')) this.symbols.set(s.name, s.value);
    // Code pages up to the data page (__vdso_data, page aligned by the linker script), then the data page.
    const dataIndex = Math.floor((this.symbols.get('__vdso_data') ?? Math.ceil(this.bytes.length / PGSIZE) * PGSIZE) / PGSIZE);
    for (let i = 0; i <= dataIndex; i++) {
      const pa = frames.alloc();
      if (pa === -1) throw new RangeError('no memory for the vDSO');
      const off = i * PGSIZE;
      if (i < dataIndex && off < this.bytes.length) frames.ram.u8.set(this.bytes.subarray(off, Math.min(off + PGSIZE, this.bytes.length)), pa - frames.ram.base);
      this.pages.push(pa);
    }
    this.dataPage = this.pages[dataIndex];
    this.view = frames.ram.view;
    this.ramBase = frames.ram.base;
  }
  get size(): number { return this.pages.length * PGSIZE; }
  /** Writes CLOCK_REALTIME - CLOCK_MONOTONIC (ns, 64-bit) at offset 0 of the data page. */
  setRealtimeOffset(ns: number): void {
    const off = this.dataPage - this.ramBase;
    this.view.setUint32(off, (ns % 4294967296) >>> 0, true);
    this.view.setInt32(off + 4, Math.floor(ns / 4294967296), true);
  }
  getPage(index: number): number { return index < this.pages.length ? this.pages[index] : -2; }
  ref(): void {}
  unref(): void {}
  /** Offset of __vdso_rt_sigreturn from the mapping base (for the signal frame's ra). */
  get sigreturnOffset(): number { return this.symbols.get('__vdso_rt_sigreturn') ?? 0; }
}
