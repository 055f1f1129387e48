// The bare-metal machine: physical RAM, the bus with the CLINT, a 16550 UART and
// a PLIC, HTIF through the ELF's tohost/fromhost symbols, and one hart. This is
// the composition root of core/hw for `nodix machine`, the bare-metal tests and
// the bench. It wires the devices to the hart only through callbacks
// (hart.setPending for interrupt lines, hart.readTime for the time CSR).
//
// Time: mtime ticks at `timebaseHz` (10 MHz, like QEMU's spike/virt). By default
// it follows the host's wall clock; in deterministic mode it is derived from
// instret (`insnsPerTick` instructions per tick) plus the ticks skipped while
// the hart sat in WFI, so a run is reproducible instruction for instruction.
//
// The run loop calls hart.run(budget) in slices. Between slices it updates the
// CLINT (MTIP), polls HTIF, and checks the limits. In deterministic mode a
// slice never crosses the instret at which mtime reaches mtimecmp, so a timer
// interrupt arrives at the same instruction whatever the slice size. On WFI it
// jumps mtime to mtimecmp (deterministic) or reports how long to sleep (real
// time); runSync() never blocks, run() is the async wrapper that sleeps and
// yields to the host event loop so console input can arrive.

import { Bus } from './bus.js';
import { PhysMem, DRAM_BASE, DEFAULT_RAM_SIZE } from './memory.js';
import { Hart, RunExit } from './hart.js';
import type { HartOptions } from './hart.js';
import { Clint } from './clint.js';
import { Uart16550, UART_IRQ } from './uart.js';
import { Plic } from './plic.js';
import { Htif } from './htif.js';
import { parseElf, EM_RISCV, PT_LOAD } from '../lib/elf.js';
import type { ElfFile } from '../lib/elf.js';
import { probe, Access } from './mmu.js';
import { disasm } from './disasm.js';

export const DEFAULT_TIMEBASE_HZ = 10_000_000;

export interface MachineOptions {
  ramSize?: number;
  ramBase?: number;
  hartId?: number;
  /** Derive mtime from instret instead of the wall clock (reproducible runs). */
  deterministic?: boolean;
  /** Instructions per mtime tick in deterministic mode (default 1). */
  insnsPerTick?: number;
  timebaseHz?: number;
  /** Host clock in milliseconds (default performance.now). */
  now?: () => number;
  /** Console output, byte by byte (UART THR and HTIF putchar). Default: discarded. */
  console?: (byte: number) => void;
  /** The hart's translator (HartOptions.jit): false interprets only; { threshold } tunes hotness. */
  jit?: HartOptions['jit'];
}

/** Why a run stopped. */
export type MachineStatus =
  | { readonly kind: 'exit'; readonly code: number }         // HTIF exit request
  | { readonly kind: 'limit'; readonly instret: number }     // the instruction limit was reached
  | { readonly kind: 'idle'; readonly waitMs: number }       // WFI with nothing to do but wait (real time or input)
  | { readonly kind: 'deadlock' }                            // WFI with no interrupt source able to wake the hart
  | { readonly kind: 'yield' }                               // the time slice is over (async run loop)
  | { readonly kind: 'trap'; readonly cause: number; readonly interrupt: boolean; readonly tval: number; readonly pc: number };

export type LoadResult = { readonly ok: true; readonly entry: number } | { readonly ok: false; readonly message: string };

export interface RunLimits {
  /** Stop when instret reaches this (default: no limit). */
  maxInsns?: number;
  /** Wall-clock length of one runSync() call before it returns 'yield' (default: no limit). */
  sliceMs?: number;
  /** Called before each instruction; makes the machine single-step (slow). */
  trace?: (h: Hart) => void;
  /**
   * True while console input may still arrive (an open stdin). A hart waiting
   * in WFI with no timer armed then idles instead of reporting a deadlock.
   */
  inputOpen?: () => boolean;
}

/** Largest slice handed to hart.run() at once. */
const MAX_SLICE = 1 << 16;
/** Smallest slice while the guest is talking to HTIF (it spins until we answer). */
const MIN_SLICE = 64;

export class Machine {
  readonly ram: PhysMem;
  readonly bus: Bus;
  readonly hart: Hart;
  readonly clint: Clint;
  readonly uart: Uart16550;
  readonly plic: Plic;
  htif: Htif | null = null;
  /** The ELF last loaded (symbols for traces), or null. */
  elf: ElfFile | null = null;
  readonly deterministic: boolean;
  readonly timebaseHz: number;
  readonly insnsPerTick: number;
  /** Ticks mtime skipped over while the hart waited in WFI (deterministic mode). */
  private skippedTicks = 0;
  private readonly now: () => number;
  private readonly t0: number;
  private readonly consoleOut: (byte: number) => void;
  private slice = MAX_SLICE;
  /** Set when the hart was stopped only to re-plan the slice (see timerChanged). */
  private reslice = false;
  /** Exit code once the guest asked to exit. */
  exitCode: number | null = null;
  /** pc after the last WFI let through with an interrupt pending but masked (see runSync). */
  private maskedWfiPc = -1;

  constructor(opts: MachineOptions = {}) {
    this.ram = new PhysMem(opts.ramSize ?? DEFAULT_RAM_SIZE, opts.ramBase ?? DRAM_BASE);
    this.bus = new Bus(this.ram);
    this.hart = new Hart(this.bus, { hartId: opts.hartId ?? 0, jit: opts.jit });
    this.deterministic = opts.deterministic ?? false;
    this.timebaseHz = opts.timebaseHz ?? DEFAULT_TIMEBASE_HZ;
    this.insnsPerTick = Math.max(1, Math.floor(opts.insnsPerTick ?? 1));
    this.now = opts.now ?? (() => performance.now());
    this.t0 = this.now();
    this.consoleOut = opts.console ?? (() => {});
    const h = this.hart;
    const irq = (bit: number, on: boolean): void => h.setPending(bit, on);
    this.clint = new Clint(irq, () => this.clock(), undefined, () => this.timerChanged());
    this.plic = new Plic(irq);
    this.uart = new Uart16550((b) => this.consoleOut(b), (on) => this.plic.setLevel(UART_IRQ, on));
    this.bus.attach(this.clint);
    this.bus.attach(this.plic);
    this.bus.attach(this.uart);
    h.readTime = () => this.clint.mtime();
  }

  /**
   * The guest moved mtimecmp or mtime. In deterministic mode the current slice
   * may now run past the new deadline, so the hart is asked to stop (halted is
   * the contract's way; runSync tells this stop from a real halt by `reslice`).
   */
  private timerChanged(): void {
    if (!this.deterministic) return;
    this.reslice = true;
    this.hart.halted = true;
    this.hart.irqCheck = true;
  }

  /** The free-running timebase before the CLINT's offset. */
  private clock(): number {
    if (this.deterministic) return Math.floor(this.hart.instret / this.insnsPerTick) + this.skippedTicks;
    return Math.floor(((this.now() - this.t0) * this.timebaseHz) / 1000);
  }

  /** Parses and loads an ELF image (see loadElf). */
  loadElfBytes(bytes: Uint8Array): LoadResult {
    const r = parseElf(bytes, { machine: EM_RISCV });
    if (!r.ok) return { ok: false, message: r.error.message };
    return this.loadElf(r.elf);
  }

  /**
   * Copies every PT_LOAD segment to its physical address (p_paddr), zero-fills
   * the rest of p_memsz, sets up HTIF from the tohost/fromhost symbols, and
   * resets the hart to M-mode at e_entry with a0 = hartid, a1 = 0.
   */
  loadElf(elf: ElfFile): LoadResult {
    const segs = elf.programHeaders.filter((p) => p.type === PT_LOAD && p.memsz > 0);
    if (segs.length === 0) return { ok: false, message: 'ELF has no loadable segment' };
    for (const p of segs) {
      if (!this.ram.contains(p.paddr, p.memsz)) {
        const end = p.paddr + p.memsz;
        return {
          ok: false,
          message: `segment at 0x${p.paddr.toString(16)}-0x${end.toString(16)} lies outside RAM ` +
            `(0x${this.ram.base.toString(16)}-0x${(this.ram.base + this.ram.size).toString(16)})`,
        };
      }
    }
    const entry = elf.header.entry;
    if (!segs.some((p) => entry >= p.paddr && entry < p.paddr + p.memsz)) {
      return { ok: false, message: `entry point 0x${entry.toString(16)} lies outside the loaded segments` };
    }
    for (const p of segs) {
      this.ram.fill(p.paddr, p.memsz, 0);
      this.ram.load(p.paddr, elf.segmentData(p));
    }
    this.hart.flushDecodeCache();
    const to = elf.findSymbol('tohost');
    const from = elf.findSymbol('fromhost');
    this.htif = null;
    if (to !== null) {
      const htif = new Htif(this.ram, to.value, from === null ? -1 : from.value, {
        exit: (code) => { this.exitCode = code; },
        putchar: (b) => this.consoleOut(b),
        getchar: () => this.readConsoleByte(),
      });
      if (!htif.valid()) return { ok: false, message: `tohost at 0x${to.value.toString(16)} lies outside RAM` };
      this.htif = htif;
    }
    this.elf = elf;
    this.reset(elf.header.entry);
    return { ok: true, entry: elf.header.entry };
  }

  /** Puts the hart at `entry` in M-mode with a0 = hartid, a1 = 0. */
  reset(entry: number): void {
    const h = this.hart;
    h.pc = entry;
    h.priv = 3;
    h.mmu.sync(h);
    h.x[20] = h.hartId; h.x[21] = 0; // a0
    h.x[22] = 0; h.x[23] = 0;        // a1
    h.halted = false;
    this.exitCode = null;
    this.maskedWfiPc = -1;
  }

  /** Console input for the guest (UART receive queue; HTIF getchar reads it too). */
  input(bytes: Uint8Array | string): void { this.uart.receive(bytes); }

  private readConsoleByte(): number {
    if (this.uart.rxCount === 0) return -1;
    // Reading RBR with DLAB clear pops the byte, exactly as the guest would.
    const lcr = this.uart.lcr;
    this.uart.lcr = lcr & 0x7f;
    const b = this.uart.read(0, 1);
    this.uart.lcr = lcr;
    return b;
  }

  /** Services devices between slices; returns true when the guest asked to exit. */
  private poll(): boolean {
    this.clint.update();
    if (this.htif !== null) {
      const before = this.htif.unknownCommands;
      const tohostBusy = (this.ram.read32(this.htif.tohost) | this.ram.read32(this.htif.tohost + 4)) !== 0;
      if (this.htif.poll()) { this.hart.halted = true; return true; }
      // A guest talking to HTIF spins until answered: answer quickly for a while.
      this.slice = tohostBusy && this.htif.unknownCommands === before ? MIN_SLICE : Math.min(MAX_SLICE, this.slice * 2);
    }
    return this.exitCode !== null;
  }

  /** Instructions the next slice may run (deterministic: never past the next timer deadline). */
  private budget(limit: number): number {
    let b = Math.min(this.slice, limit - this.hart.instret);
    if (this.deterministic) {
      const ticks = this.clint.ticksUntilTimer();
      if (ticks > 0 && ticks !== Infinity) {
        const untilTimer = ticks * this.insnsPerTick - (this.hart.instret % this.insnsPerTick);
        if (untilTimer > 0 && untilTimer < b) b = untilTimer;
      }
    }
    return Math.max(1, b);
  }

  /**
   * Runs synchronously until the guest exits, a limit is reached, the hart waits
   * (WFI) on the wall clock or on input, or a trap is reported to the host.
   */
  runSync(limits: RunLimits = {}): MachineStatus {
    const h = this.hart;
    const limit = limits.maxInsns ?? Infinity;
    const sliceEnd = limits.sliceMs === undefined ? Infinity : this.now() + limits.sliceMs;
    const trace = limits.trace;
    if (this.poll()) return { kind: 'exit', code: this.exitCode ?? 0 };
    for (;;) {
      if (h.instret >= limit) return { kind: 'limit', instret: h.instret };
      // Whether the timer was already due (MTIP up) when this slice began: a WFI
      // that returns even so cannot be woken by the timer (MTIE is masked).
      const dueBefore = this.clint.ticksUntilTimer() === 0;
      let r: number;
      if (trace !== undefined) {
        trace(h);
        r = h.step();
      } else {
        r = h.run(this.budget(limit));
      }
      if (this.poll()) return { kind: 'exit', code: this.exitCode ?? 0 };
      if (r === RunExit.TRAP) {
        return { kind: 'trap', cause: h.trapCause, interrupt: h.trapIsInterrupt, tval: h.trapTval, pc: h.trapPc };
      }
      if (r === RunExit.HALT) {
        if (this.reslice) { this.reslice = false; h.halted = false; continue; }
        return { kind: 'exit', code: this.exitCode ?? 0 };
      }
      if (r === RunExit.WFI) {
        const ticks = this.clint.ticksUntilTimer();
        if (ticks > 0 && ticks !== Infinity) {
          if (this.deterministic) {
            // Jump to the deadline and raise MTIP before the hart looks again.
            this.skippedTicks += ticks;
            this.clint.update();
            continue;
          }
          return { kind: 'idle', waitMs: Math.min(10, (ticks * 1000) / this.timebaseHz) };
        }
        if (ticks === 0 && !dueBefore) continue; // the timer just fired: let the hart see it
        // No timer event can wake the hart now; only console input can (through
        // the UART interrupt, or a loop that polls the UART around its WFI).
        if (this.uart.rxCount > 0) continue;
        if (limits.inputOpen?.() === true) return { kind: 'idle', waitMs: 10 };
        // WFI is a hint that may complete at any time: with an interrupt pending
        // but not enabled, it completes once and the program goes on (riscv-tests
        // rv64si wfi); only a second such WFI at the same place is a deadlock.
        if ((h.csr.mip | h.csr.mipHw) !== 0 && h.pc !== this.maskedWfiPc) { this.maskedWfiPc = h.pc; continue; }
        return { kind: 'deadlock' };
      }
      if (sliceEnd !== Infinity && this.now() >= sliceEnd) return { kind: 'yield' };
    }
  }

  /**
   * The async run loop: runs until exit, limit, deadlock or trap, sleeping while
   * the hart waits for real time and yielding to the host every `sliceMs`.
   */
  async run(limits: RunLimits = {}): Promise<MachineStatus> {
    const sliceMs = limits.sliceMs ?? 50;
    for (;;) {
      const st = this.runSync({ ...limits, sliceMs });
      if (st.kind === 'idle') await sleep(st.waitMs);
      else if (st.kind === 'yield') await sleep(0);
      else return st;
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The instruction bits at the hart's pc (16-bit for a compressed one), or -1 if it cannot be fetched; no side effects on the MMU. */
export function fetchForTrace(h: Hart): number {
  const pa = probe(h, h.pc, Access.FETCH);
  if (pa < 0 || !h.bus.load(pa, 2)) return -1;
  const lo = h.bus.val[0] & 0xffff;
  if ((lo & 3) !== 3) return lo;
  if (!h.bus.load(pa + 2, 2)) return -1;
  return ((h.bus.val[0] << 16) | lo) >>> 0;
}

function hex(v: number, width: number): string {
  return BigInt.asUintN(64, BigInt(v)).toString(16).padStart(width, '0');
}

/**
 * One trace line for the instruction about to execute: privilege, pc, raw bits,
 * disassembly, and with an ELF the label it belongs to (`<label+0x8>`).
 */
export function traceLine(h: Hart, elf: ElfFile | null = null): string {
  const insn = fetchForTrace(h);
  const mode = 'USHM'[h.priv] ?? '?';
  const sym = elf === null ? null : elf.symbolFor(h.pc);
  const where = sym === null ? '' : `  <${sym.name}${sym.offset === 0 ? '' : `+0x${sym.offset.toString(16)}`}>`;
  if (insn < 0) return `${mode} ${hex(h.pc, 16)}  (fetch fault)${where}`;
  const raw = (insn & 3) === 3 ? hex(insn, 8) : hex(insn, 4).padEnd(8, ' ');
  const text = disasm(insn, h.pc);
  return `${mode} ${hex(h.pc, 16)}  ${raw}  ${where === '' ? text : text.padEnd(32, ' ') + where}`;
}
