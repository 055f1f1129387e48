// The hart's tiered execution engine: the dispatcher that run() uses when RAM
// is a WebAssembly.Memory. Cold code runs in the interpreter (hart-exec.ts) in
// short slices; each slice end looks at the pc's physical page and counts how
// often it is seen there; a page seen HOT_THRESHOLD times is translated
// (translate.ts) into one WebAssembly function, which later slices call
// directly. Translations are keyed by RAM page (so satp changes and shared
// text need nothing: the pc's page is resolved through the hart's fetch TLB,
// which every translation change flushes) and dropped through the hart's
// onCodeInvalidate (guest stores into a decoded page, fence.i, arena eviction,
// host writes via invalidateRange). Interrupts are checked before each call;
// a call runs at most JIT_SLICE instructions. Instructions a translation
// cannot do inline come back with ST_INTERP and run in the interpreter one at
// a time, which also takes their traps precisely.
import type { Hart } from '../hart.js';
import { execute } from '../hart-exec.js';
import { checkInterrupts, takeException } from '../trap.js';
import { translatePage } from './translate.js';
import { WA, compileModule } from './wasm.js';
import type { WasmInstance, WasmTable } from './wasm.js';
import { execFp } from '../fpu/index.js';
import { execFpMem, SYS_OK } from '../hart-system.js';
import { loadInto, storeSlow } from '../hart-mem.js';
import { VBASE_OFF, NEXTPC_OFF, NEXTOFF_OFF, STATUS_OFF, CHAINS_OFF, CHAIN_OFF, CHAIN_ENTRIES, chainSlot, ST_INTERP, ST_ABS, ST_ECALL } from './layout.js';

/**
 * Slices a page is seen at before it is translated. 1024 rather than 16: a short program (a
 * shell, a login) visits most of its pages a few dozen times, and compiling them cost more than
 * it saved (sh-nodix tests 62 s -> 20 s); the long benches keep their MIPS (README.md).
 */
export const HOT_THRESHOLD = 1024;
/** Most instructions one call of translated code runs (bounds interrupt latency). */
export const JIT_SLICE = 1 << 16;
/** Interpreter slice length between looks at the pc. */
const INTERP_SLICE = 128;
/** Retranslations of a page for new entry points before it is left to the interpreter. */
const MAX_RETRANSLATE = 24;

const TWO32 = 4294967296;

/** A page function: (block index, budget, instructions retired before it) -> instructions retired in all (translate.ts). */
type PageFn = (entry: number, budget: number, n0: number) => number;

export interface JitStats {
  translations: number;
  invalidations: number;
  /** Calls into translated code; lookups that found a translation and entry; lookups in total. */
  calls: number;
  hits: number;
  lookups: number;
  /** Instructions retired in translated code / by the interpreter under the dispatcher. */
  jitInsns: number;
  interpInsns: number;
  /** Exits from translated code for one instruction the translator leaves to the interpreter (ecalls included). */
  interpExits: number;
  /** Of those, ecalls whose exception was raised at the exit, without the interpreter. */
  ecalls: number;
  /** Calls from one page function straight into another's (chaining: no return to the dispatcher). */
  chains: number;
  /** Loads/stores that missed the inline TLB and took the slow path from translated code. */
  slowAccesses: number;
  compileMs: number;
  /** Of compileMs, the time spent generating the module bytes. */
  emitMs: number;
  /** Pages whose translation failed (left to the interpreter). */
  failures: number;
  translatedInsns: number;
}

export interface JitOptions {
  /** Page visits before translation (default HOT_THRESHOLD; 0 translates on first sight). */
  threshold?: number;
}

export class Jit {
  readonly fns: (PageFn | null)[];
  /** Per translated page: block index + 1 of each halfword offset, 0 where no block starts. */
  readonly entries: (Uint16Array | null)[];
  readonly hot: Uint16Array;
  readonly retrans: Uint8Array;
  /** 1 where translating the page failed: never tried again. */
  readonly failed: Uint8Array;
  readonly wanted: (number[] | null)[];
  readonly threshold: number;
  readonly stats: JitStats = {
    translations: 0, invalidations: 0, calls: 0, hits: 0, lookups: 0, chains: 0, jitInsns: 0, interpInsns: 0, interpExits: 0, ecalls: 0, slowAccesses: 0,
    compileMs: 0, emitMs: 0, failures: 0, translatedInsns: 0,
  };
  /** Diagnostics: called with the pc of each instruction handed to the interpreter, and of each slice run interpreted. */
  trace: ((pc: number, why: number) => void) | null = null;
  /** The first translation failure's message, if any. */
  failure: string | null = null;
  private readonly imports: Record<string, Record<string, unknown>>;
  /** The scratch area as int32 words (VBASE, NEXTPC, NEXTOFF, STATUS). */
  readonly s32: Int32Array;
  /** The chain cache (layout.ts CHAIN_OFF): [RAM offset of a block entry or -1, block index] pairs. */
  readonly chain: Int32Array;
  /** Page functions by RAM page, for chained calls (translate.ts emitChain); null where none. */
  readonly table: WasmTable;

  constructor(readonly h: Hart, opts: JitOptions = {}) {
    const ram = h.ram;
    if (ram.wasmMemory === null) throw new Error('jit: RAM is not a WebAssembly.Memory');
    const pages = ram.size >>> 12;
    this.fns = new Array<PageFn | null>(pages).fill(null);
    this.entries = new Array<Uint16Array | null>(pages).fill(null);
    this.wanted = new Array<number[] | null>(pages).fill(null);
    this.hot = new Uint16Array(pages);
    this.retrans = new Uint8Array(pages);
    this.failed = new Uint8Array(pages);
    this.threshold = opts.threshold ?? HOT_THRESHOLD;
    const csr = h.csr, fpr = h.fp, x = h.x;
    const FS = 3 << 13; // mstatus.FS
    const st = this.stats;
    this.table = new WA!.Table({ element: 'anyfunc', initial: pages });
    this.imports = { m: {
      mem: ram.wasmMemory,
      t: this.table,
      // OP-FP/FMA: 0 done, 1 illegal (the interpreter re-executes it and traps).
      fp: (insn: number): number => {
        if ((csr.mstatus & FS) === 0 || execFp(fpr, insn, x) !== 0) return 1;
        csr.mstatus |= FS;
        return 0;
      },
      // FLW/FLD/FSW/FSD: 0 done, 1 fault (re-executed by the interpreter), 2 done but translations were dropped.
      fpm: (w: number, imm: number, insn: number, raw: number): number => {
        const inv = st.invalidations;
        if (execFpMem(h, w, imm, insn, raw) !== SYS_OK) return 1;
        return st.invalidations !== inv || h.irqCheck || h.halted ? 2 : 0;
      },
      // A load/store that missed the inline TLB (op = decoded op, rd = register pair index): 0 done,
      // 1 fault (the interpreter re-executes it and traps), 2 done but the call must end (code dropped,
      // a device may have raised an interrupt or halted the machine).
      ls: (op: number, rd: number, lo: number, hi: number, slo: number, shi: number): number => {
        st.slowAccesses++;
        if (op <= 47) return loadInto(h, lo, hi, op, rd) ? 0 : 1;
        const inv = st.invalidations;
        if (!storeSlow(h, lo, hi, 1 << (op - 48), slo, shi)) return 1;
        return st.invalidations !== inv || h.irqCheck || h.halted ? 2 : 0;
      },
    } };
    this.s32 = new Int32Array(ram.buffer, ram.scratchOff, 1024);
    this.s32[CHAINS_OFF >> 2] = 0;
    this.chain = new Int32Array(ram.buffer, ram.scratchOff + CHAIN_OFF, 2 * CHAIN_ENTRIES).fill(-1);
    const prev = h.onCodeInvalidate;
    h.onCodeInvalidate = (page) => { this.invalidate(page); if (prev !== null) prev(page); };
  }

  /** Drops the translation of RAM page `page`, or every translation (-1). */
  invalidate(page: number): void {
    if (page < 0) {
      this.chain.fill(-1);
      for (let p = 0; p < this.fns.length; p++) if (this.fns[p] !== null) this.drop(p, false);
      this.hot.fill(0);
      this.retrans.fill(0);
      return;
    }
    if (this.fns[page] !== null) this.drop(page);
    this.hot[page] = 0;
    this.retrans[page] = 0;
  }

  /** Forgets page `page`'s function for chained calls: its table slot and its chain cache entries. */
  private unchain(page: number): void {
    const c = this.chain;
    for (let i = 0; i < c.length; i += 2) if (c[i] >>> 12 === page) c[i] = -1;
    this.table.set(page, null);
  }

  private drop(page: number, scan = true): void {
    if (scan) this.unchain(page); else this.table.set(page, null);
    this.fns[page] = null; this.entries[page] = null; this.wanted[page] = null;
    this.stats.invalidations++;
  }

  /** Translates RAM page `page` for the entry offsets seen so far plus `off`. */
  translateAt(page: number, off: number): void {
    const t0 = performance.now();
    if (this.fns[page] !== null) this.unchain(page); // its block indices change
    let want = this.wanted[page];
    if (want === null) want = this.wanted[page] = [];
    if (!want.includes(off)) want.push(off);
    let t: ReturnType<typeof translatePage>, inst: WasmInstance;
    try {
      t = translatePage(this.h, page * 4096, want);
      this.stats.emitMs += performance.now() - t0;
      inst = new WA!.Instance(compileModule(t.bytes), this.imports);
    } catch (e) {
      // A translator bug or an engine limit: this page stays interpreted (the hart stays correct).
      this.stats.failures++;
      this.failure ??= String(e);
      this.fns[page] = null; this.entries[page] = null;
      this.failed[page] = 1; this.retrans[page] = MAX_RETRANSLATE;
      return;
    }
    const e = new Uint16Array(2048);
    for (let i = 0; i < t.leaders.length; i++) e[t.leaders[i] >> 1] = i + 1;
    for (const o of t.leaders) if (!want.includes(o)) want.push(o);
    this.fns[page] = inst.exports.f as PageFn;
    this.table.set(page, inst.exports.f);
    this.entries[page] = e;
    this.stats.translations++;
    this.stats.translatedInsns += t.insns;
    this.stats.compileMs += performance.now() - t0;
  }

  /** Translation-cache statistics for the bench. */
  summary(): string {
    const s = this.stats;
    const total = s.jitInsns + s.interpInsns;
    return `translations ${s.translations} (${s.translatedInsns} insns, ${s.compileMs.toFixed(0)} ms, ${s.emitMs.toFixed(0)} ms of it generating), invalidations ${s.invalidations}, ${s.chains} chained calls, ` +
      `hit rate ${(s.lookups === 0 ? 0 : (100 * s.hits) / s.lookups).toFixed(1)}% of ${s.lookups} lookups, ` +
      `${(total === 0 ? 0 : (100 * s.jitInsns) / total).toFixed(1)}% of instructions translated, ${s.interpExits} interpreter exits ` +
      `(${s.ecalls} of them ecalls raised without the interpreter), ` +
      `${s.slowAccesses} slow-path accesses${s.failures > 0 ? `, ${s.failures} FAILED translations (${this.failure})` : ''}`;
  }
}

/**
 * Instructions from page offset `off` (inside a translated block, e.g. after an interpreted budget
 * end) to the next block start along the straight line, at most 64: the interpreter runs those.
 */
function stepsToBlock(h: Hart, entries: Uint16Array, page: number, off: number): number {
  const u16 = h.ram.u16, base = page << 11;
  let k = 0;
  for (let o = off; o < 4096 && k < 64 && (k === 0 || entries[o >> 1] === 0); k++) o += (u16[base + (o >> 1)] & 3) === 3 ? 4 : 2;
  return k;
}

/** Runs at most `budget` instructions through translated code and the interpreter; returns a RunExit. */
export function runJit(h: Hart, jit: Jit, budget: number): number {
  const s32 = jit.s32;
  const st = jit.stats;
  // Statistics counted in locals and added to jit.stats once at the end (a field update per
  // call cost ~5% of a getpid round trip).
  let lookups = 0, hits = 0, calls = 0, jitInsns = 0, interpInsns = 0, interpExits = 0, ecalls = 0;
  let result = 0;
  // Loop-invariant arrays, loaded once (V8 cannot hoist them across the calls below).
  const tagLo = h.tlbXTagLo, tagHi = h.tlbXTagHi, tOff = h.tlbXOff;
  const fns = jit.fns, entries = jit.entries, chain = jit.chain;
  let count = 0;
  // True after the interpreter ran: the pc may be inside a block rather than at an entry.
  let interpreted = true;
  for (;;) {
    if (h.halted) { result = 3; break; } // HALT
    if (count >= budget) { result = 0; break; } // BUDGET
    const left = budget - count;
    // The physical page of the pc, if the fetch TLB knows it (no division for the usual pc below 2^31).
    const pc = h.pc;
    const lo = pc | 0, hi = pc >= 0 && pc < 2147483648 ? 0 : Math.floor(pc / TWO32) | 0;
    const ti = (lo >>> 12) & 1023;
    let fn: PageFn | null = null, idx = 0, slice = INTERP_SLICE, ro = 0;
    if ((lo & 1) === 0 && tagLo[ti] === (lo & ~4095) && tagHi[ti] === hi) {
      const page = tOff[ti] >>> 12, off = lo & 4095;
      ro = tOff[ti] + off;
      lookups++;
      fn = fns[page];
      if (fn !== null) {
        idx = entries[page]![off >> 1];
        if (idx === 0) {
          // After an interpreted instruction the pc is usually inside a block: step to the
          // next block start. Arriving by a jump at a new offset: retranslate with it as an entry.
          if (!interpreted && jit.retrans[page] < MAX_RETRANSLATE && h.dcSlotOf[page] >= 0) {
            jit.retrans[page]++;
            jit.translateAt(page, off);
            fn = fns[page];
            idx = fn === null ? 0 : entries[page]![off >> 1];
          }
          if (idx === 0) { fn = null; slice = stepsToBlock(h, entries[page]!, page, off); }
        }
      } else if (++jit.hot[page] >= jit.threshold && h.dcSlotOf[page] >= 0 && jit.failed[page] === 0) {
        jit.translateAt(page, off);
        fn = fns[page];
        idx = fn === null ? 0 : entries[page]![off >> 1];
        if (idx === 0) fn = null;
      }
    }
    if (fn === null) {
      if (jit.trace !== null) jit.trace(h.pc, 0);
      const before = h.instret;
      const r = execute(h, left < slice ? left : slice);
      const n = h.instret - before;
      count += n; interpInsns += n;
      interpreted = true;
      if (r !== 0) { result = r; break; }
      continue;
    }
    hits++;
    const ir = checkInterrupts(h);
    if (ir !== 0) { if (ir === 2) { result = 1; break; } /* TRAP */ interpreted = false; continue; }
    h.irqCheck = false;
    s32[VBASE_OFF >> 2] = lo & ~4095; s32[(VBASE_OFF >> 2) + 1] = hi;
    // Every entry called is one a page function may chain to (translate.ts emitChain).
    const cs = chainSlot(ro) << 1;
    chain[cs] = ro; chain[cs + 1] = idx - 1;
    calls++;
    const n = fn(idx - 1, left < JIT_SLICE ? left : JIT_SLICE, 0);
    count += n; jitInsns += n;
    h.instret += n;
    const status = s32[STATUS_OFF >> 2];
    if ((status & ST_ABS) !== 0) {
      const nhi = s32[(NEXTPC_OFF >> 2) + 1];
      h.pc = nhi === 0 ? s32[NEXTPC_OFF >> 2] >>> 0 : nhi * TWO32 + (s32[NEXTPC_OFF >> 2] >>> 0);
    } else {
      // VBASE is the page the call ended on (a chained call moves it).
      const vlo = s32[VBASE_OFF >> 2] >>> 0, vhi = s32[(VBASE_OFF >> 2) + 1];
      h.pc = vhi === 0 ? vlo + s32[NEXTOFF_OFF >> 2] : vhi * TWO32 + vlo + s32[NEXTOFF_OFF >> 2];
    }
    interpreted = false;
    if ((status & ST_INTERP) !== 0 || n === 0) {
      interpExits++;
      if (jit.trace !== null) jit.trace(h.pc, 1);
      // An ecall (a system call, the commonest exit): raise its exception here instead of
      // starting the interpreter for it, after what the interpreter checks first (halt,
      // interrupts). It does not retire; a trap reported to the embedder ends run().
      if (status === (ST_INTERP | ST_ECALL)) {
        if (h.halted) { result = 3; break; } // HALT
        const ir = checkInterrupts(h);
        if (ir === 2) { result = 1; break; } // TRAP (an interrupt reported to the embedder)
        if (ir === 0) {
          ecalls++;
          if (takeException(h, h.priv === 3 ? 11 : 8 + h.priv, 0)) { result = 1; break; } // TRAP
        }
        interpreted = true;
        continue;
      }
      // One instruction in the interpreter (a system instruction, a trap), or the rest of the
      // budget when the next block is longer than that.
      const before = h.instret;
      const r = execute(h, (status & ST_INTERP) !== 0 ? 1 : left - n);
      const k = h.instret - before;
      count += k; interpInsns += k;
      interpreted = true;
      if (r !== 0) { result = r; break; }
    }
  }
  st.lookups += lookups; st.hits += hits; st.calls += calls; st.jitInsns += jitInsns;
  st.chains = s32[CHAINS_OFF >> 2] >>> 0;
  st.interpInsns += interpInsns; st.interpExits += interpExits; st.ecalls += ecalls;
  return result;
}
