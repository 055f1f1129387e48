// One RV64GC hart: its architectural state, the per-physical-page decode
// cache, and the run()/step() entry points the embedder calls. The
// instruction semantics live in hart-exec.ts (the interpreter loop) and the
// hart-*.ts helpers; CSRs, traps and Sv39 belong to csr.ts, trap.ts, mmu.ts;
// the FPU to fpu/.
//
// Representation (decided for speed, measured on Node 20):
// - Integer registers are an Int32Array(64) of (lo, hi) signed int32 pairs:
//   x[2*i] = low 32 bits, x[2*i+1] = high 32 bits. 64-bit arithmetic is done
//   on the halves with int32 operations (carry via unsigned compare). BigInt
//   registers cost several times more per operation; doubles cannot hold 64
//   bits. x0 is both halves zero; the interpreter never writes index 0/1.
// - pc is a JS number holding the signed 64-bit value (exact while it is a
//   safe integer, which every canonical Sv39 address is). Inside run() the pc
//   is kept as (page base, int32 offset) so that sequential flow and
//   branches inside a page are pure int32 arithmetic.
// - Decoded instructions are cached per 4 KiB physical RAM page: 2048 slots
//   (one per halfword) x 4 words (see decode.ts for the slot format), held in
//   one arena Int32Array of DC_PAGES pages (dcSlotOf: RAM page -> arena page,
//   dcPageOf: the reverse; round-robin reuse when full). One arena rather than
//   an array per page because V8 then keeps the array's base and length in
//   registers across the interpreter loop (~20% in a dispatch micro-benchmark;
//   within noise on the full interpreter, and simpler to share with a JIT). A
//   store into a page that has decoded slots clears the slots it overlaps;
//   fence.i drops everything. Issue 3's JIT can translate hot pages from the
//   arena without changing the interpreter.
// - A small direct-mapped software TLB (load/store/fetch, 256 entries each)
//   caches virtual page -> RAM byte offset with int32 tags; misses call
//   mmu.translate(). The Mmu calls tlbFlush() through its onFlush hook whenever
//   it drops entries (sfence.vma, satp/mstatus writes, privilege changes).
// - Measured on this 2-core machine (shared, CPU time): ~180-190 MIPS on an
//   ALU loop, ~140-160 MIPS on an integer mix with loads/stores and multiply;
//   OP-FP speed is the FPU's (execFp).
import type { Bus } from './bus.js';
import type { PhysMem } from './memory.js';
import { CsrFile } from './csr.js';
import { Mmu } from './mmu.js';
import { FpRegs } from './fpu/index.js';
import { execute } from './hart-exec.js';
import { SLOTS_PER_PAGE, SLOT_WORDS } from './decode.js';
import { invalidateCode, TLB_EMPTY, TLB_SIZE } from './hart-mem.js';
import { X_OFF, TLB_OFF, TLB_BYTES } from './jit/layout.js';
import { Jit, runJit } from './jit/index.js';
import type { JitOptions } from './jit/index.js';
import { hostEnv } from '../lib/env.js';

export const RunExit = { BUDGET: 0, TRAP: 1, WFI: 2, HALT: 3 } as const;
export type RunExitCode = (typeof RunExit)[keyof typeof RunExit];

export { TLB_SIZE };

/** Words per decoded page in the arena. */
export const PAGE_WORDS = SLOTS_PER_PAGE * SLOT_WORDS;
/** Largest number of decoded pages held at once (8 MiB of code; 64 MiB of arena, committed lazily by the OS). */
export const DC_MAX_PAGES = 2048;

export interface HartOptions {
  hartId?: number;
  /** Decoded pages held at once (default DC_MAX_PAGES, at most the number of RAM pages). */
  decodePages?: number;
  /** Translate hot code to WebAssembly (default: on when RAM is a WebAssembly.Memory and NODIX_JIT is not 0). */
  jit?: boolean | JitOptions;
}

export class Hart {
  /** Integer registers (in the RAM memory's scratch area when RAM is a WebAssembly.Memory: see jit/layout.ts). */
  readonly x: Int32Array;
  pc = 0;
  priv = 3;
  instret = 0;
  readonly hartId: number;
  readonly fp: FpRegs;
  readonly csr: CsrFile;
  readonly mmu: Mmu;
  readonly bus: Bus;
  readonly ram: PhysMem;
  /** Scratch for csrRead results: [lo, hi]. */
  readonly csrBuf = new Int32Array(2);
  /** The `time` CSR source; the machine installs the CLINT's mtime. */
  readTime: () => number;

  /** Bitmask of privilege modes (1 << priv) whose traps are reported to the embedder instead of being taken. */
  trapToHost = 0;
  trapCause = 0;
  trapIsInterrupt = false;
  trapTval = 0;
  trapPc = 0;
  /** Set by the embedder (e.g. HTIF exit) to make run() return HALT. */
  halted = false;

  // --- interpreter state (owned by hart-exec.ts / hart-mem.ts) ---
  /** The decode-cache arena: DC_PAGES pages of SLOTS_PER_PAGE * SLOT_WORDS words. */
  readonly dcache: Int32Array;
  /** Arena page of each RAM page (index (paddr - ram.base) >> 12), or -1. */
  readonly dcSlotOf: Int32Array;
  /** RAM page held by each arena page, or -1. */
  readonly dcPageOf: Int32Array;
  /** Next arena page to hand out (round-robin once the arena is full). */
  dcNext = 0;
  /** 1 where the RAM page has decoded slots: stores into such pages take the slow path. */
  readonly codePage: Uint8Array;
  /** Bumped whenever decoded state may be stale (fence.i, flushDecodeCache) or the TLBs are flushed. */
  epoch = 0;
  /** Set when the run loop must leave its fast path soon (interrupt pending, CSR change...). */
  irqCheck = true;
  // Software TLBs: tag = virtual page number low/high parts, value = RAM byte offset of the page.
  readonly tlbLTagLo: Int32Array;
  readonly tlbLTagHi: Int32Array;
  readonly tlbLOff: Int32Array;
  readonly tlbSTagLo: Int32Array;
  readonly tlbSTagHi: Int32Array;
  readonly tlbSOff: Int32Array;
  readonly tlbXTagLo: Int32Array;
  readonly tlbXTagHi: Int32Array;
  readonly tlbXOff: Int32Array;
  /** LR/SC reservation: physical address and size, or -1. */
  resAddr = -1;
  resSize = 0;
  /** Memory slow-path results: loaded value [lo, hi]; fault cause and tval. */
  readonly mbuf = new Int32Array(2);
  memFault = 0;
  memTval = 0;
  /** Scratch decode slot for a 32-bit instruction that straddles two pages. */
  readonly xslot = new Int32Array(4);
  /** Statistics: stores that invalidated decoded slots; slots decoded; pages given an arena page; arena pages reused. */
  codeWrites = 0;
  slotsDecoded = 0;
  pagesDecoded = 0;
  pagesEvicted = 0;
  /**
   * Called with the RAM page index whenever decoded state of that page is dropped
   * (a store into it, eviction from the arena), and with -1 when everything is
   * (fence.i, flushDecodeCache). For layers built on the decode cache, e.g. a JIT.
   */
  onCodeInvalidate: ((ramPage: number) => void) | null = null;
  /** The translator and its cache (core/hw/jit/), or null: run() then only interprets. */
  readonly jit: Jit | null = null;

  constructor(bus: Bus, opts: HartOptions = {}) {
    this.bus = bus;
    this.ram = bus.ram;
    // Registers and TLBs live where translated code can reach them (jit/layout.ts).
    const so = this.ram.scratchOff, buf = this.ram.buffer;
    const arr = (at: number, n: number) => (so >= 0 ? new Int32Array(buf, so + at, n) : new Int32Array(n));
    this.x = arr(X_OFF, 64);
    const t = (k: number) => arr(TLB_OFF + k * TLB_BYTES, TLB_SIZE);
    this.tlbLTagLo = t(0); this.tlbLTagHi = t(1); this.tlbLOff = t(2);
    this.tlbSTagLo = t(3); this.tlbSTagHi = t(4); this.tlbSOff = t(5);
    this.tlbXTagLo = t(6); this.tlbXTagHi = t(7); this.tlbXOff = t(8);
    this.x.fill(0);
    // The fast path keeps RAM byte offsets in int32 (TLB entries, typed-array indices).
    if (this.ram.size >= 0x8000_0000) throw new RangeError(`hart: RAM must be below 2 GiB, got ${this.ram.size} bytes`);
    this.hartId = opts.hartId ?? 0;
    this.fp = new FpRegs();
    this.csr = new CsrFile();
    this.mmu = new Mmu(bus);
    this.mmu.onFlush = () => this.tlbFlush();
    this.readTime = () => this.instret;
    const pages = this.ram.size >>> 12;
    const dcPages = Math.max(1, Math.min(pages, opts.decodePages ?? DC_MAX_PAGES));
    this.dcache = new Int32Array(dcPages * PAGE_WORDS);
    this.dcSlotOf = new Int32Array(pages).fill(-1);
    this.dcPageOf = new Int32Array(dcPages).fill(-1);
    this.codePage = new Uint8Array(pages);
    this.tlbFlush();
    const jo = opts.jit ?? hostEnv('NODIX_JIT') !== '0';
    if (jo !== false && this.ram.wasmMemory !== null) this.jit = new Jit(this, jo === true ? {} : jo);
  }

  /** Raises or lowers a hardware interrupt-pending bit of mip (MSIP 3, MTIP 7, MEIP 11, SEIP 9...). */
  setPending(bit: number, on: boolean): void {
    this.csr.setPending(bit, on);
    this.irqCheck = true;
  }

  /** Invalidates the whole decode cache (fence.i; an embedder that wrote code into RAM behind the hart's back). */
  flushDecodeCache(): void {
    const po = this.dcPageOf;
    for (let i = 0; i < po.length; i++) {
      if (po[i] >= 0) { this.dcSlotOf[po[i]] = -1; this.codePage[po[i]] = 0; po[i] = -1; }
    }
    this.dcNext = 0;
    this.epoch++;
    if (this.onCodeInvalidate !== null) this.onCodeInvalidate(-1);
  }

  /**
   * Tells the hart that RAM bytes [paddr, paddr+len) were written behind its back:
   * drops decoded slots there. Host code that writes guest RAM which may hold (or
   * may have held) code must call this (loaders, exec, copyOut, frame reuse):
   * the decode cache only sees the guest's own stores.
   */
  invalidateRange(paddr: number, len: number): void {
    const off = paddr - this.ram.base;
    if (off + len <= 0 || off >= this.ram.size) return;
    invalidateCode(this, Math.max(0, off), Math.min(len, this.ram.size - off));
  }

  /** Empties the hart's software TLBs (the Mmu calls this through onFlush whenever it drops entries). */
  tlbFlush(): void {
    this.tlbLTagHi.fill(TLB_EMPTY);
    this.tlbSTagHi.fill(TLB_EMPTY);
    this.tlbXTagHi.fill(TLB_EMPTY);
    this.epoch++;
  }

  /** Runs at most `budget` instructions; returns a RunExit code. */
  run(budget: number): number {
    if (this.halted) return RunExit.HALT;
    this.mmu.sync(this); // the embedder may have changed priv or CSRs directly
    return this.jit !== null ? runJit(this, this.jit, budget) : execute(this, budget);
  }

  /** Executes one instruction in the interpreter (debuggers); same return values as run(). */
  step(): number {
    if (this.halted) return RunExit.HALT;
    this.mmu.sync(this);
    return execute(this, 1);
  }
}
