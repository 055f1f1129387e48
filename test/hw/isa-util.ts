// Shared helpers for the hart's ISA tests: build a small machine (RAM + bus +
// hart in M-mode, satp Bare), load a program assembled with rvasm, run it until
// it reports a trap (ebreak/ecall in M-mode are reported to the test through
// trapToHost), and read registers and memory back as BigInt.
import { PhysMem } from '../../core/hw/memory.js';
import { Bus } from '../../core/hw/bus.js';
import { Hart, RunExit } from '../../core/hw/hart.js';
import { setCsr } from '../../core/hw/csr.js';
import { Asm } from './rvasm.js';

export const BASE = 0x8000_0000;
/** A data area inside RAM, away from the code. */
export const DATA = 0x8010_0000;

export interface Run { h: Hart; ram: PhysMem; bus: Bus; exit: number }

export function machine(ramSize = 4 << 20): { h: Hart; ram: PhysMem; bus: Bus } {
  const ram = new PhysMem(ramSize);
  const bus = new Bus(ram);
  const h = new Hart(bus);
  return { h, ram, bus };
}

/**
 * Assembles `build` at BASE, runs it in M-mode with every M-mode trap reported
 * to the test, and returns when the program traps (ends with ebreak) or the budget runs out.
 */
export function run(build: (a: Asm) => void, opts: { budget?: number; fs?: boolean; setup?: (r: Run) => void } = {}): Run {
  const m = machine();
  const a = new Asm(BASE);
  build(a);
  m.ram.load(BASE, a.bytes());
  m.h.pc = BASE;
  m.h.trapToHost = 1 << 3;
  if (opts.fs) setCsr(m.h, 0x300, 1n << 13n); // mstatus.FS = Initial
  const r: Run = { ...m, exit: -1 };
  opts.setup?.(r);
  r.exit = m.h.run(opts.budget ?? 1_000_000);
  return r;
}

/** Register xi as an unsigned 64-bit BigInt. */
export function xr(h: Hart, i: number): bigint {
  return (BigInt(h.x[2 * i + 1] >>> 0) << 32n) | BigInt(h.x[2 * i] >>> 0);
}
/** Register xi as a signed 64-bit BigInt. */
export const xs = (h: Hart, i: number) => BigInt.asIntN(64, xr(h, i));

export function setX(h: Hart, i: number, v: bigint): void {
  const u = BigInt.asUintN(64, v);
  h.x[2 * i] = Number(u & 0xffffffffn) | 0;
  h.x[2 * i + 1] = Number(u >> 32n) | 0;
}

export function mem64(ram: PhysMem, paddr: number): bigint {
  return ram.view.getBigUint64(paddr - ram.base, true);
}

/** True when the run stopped at an ebreak (breakpoint reported to the host). */
export function stoppedAtEbreak(r: Run): boolean {
  return r.exit === RunExit.TRAP && r.h.trapCause === 3 && !r.h.trapIsInterrupt;
}

export const U64 = (v: bigint) => BigInt.asUintN(64, v);
