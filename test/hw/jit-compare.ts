// Shared by the JIT's differential tests (jit-diff, jit-regions, jit-ecall, jit-chain): runs a program
// at BASE on a fresh hart - interpreter only, or translating each page on its
// second visit - with a 4 KiB data page at DATA filled from `dataSeed`, in runs
// of `slice` instructions until it stops on something other than the budget
// (the programs end with ebreak, which M-mode reports to the test).
import type { ExecutionContext } from 'ava';
import { PhysMem } from '../../core/hw/memory.js';
import { Bus } from '../../core/hw/bus.js';
import { Hart, RunExit } from '../../core/hw/hart.js';

export const BASE = 0x8000_0000, DATA = 0x8010_0000;

export interface Ran { h: Hart; ram: PhysMem; exit: number }

export function runOne(code: Uint8Array, o: { jit: boolean; slice: number; dataSeed: number; maxRuns: number; regs(h: Hart): void }): Ran {
  const ram = new PhysMem(4 << 20);
  const h = new Hart(new Bus(ram), { jit: o.jit ? { threshold: 2 } : false });
  ram.load(BASE, code);
  for (let i = 0; i < 4096; i += 4) ram.write32(DATA + i, Math.imul(i + o.dataSeed, 0x9e3779b1));
  o.regs(h);
  h.pc = BASE;
  h.trapToHost = 1 << 3;
  let exit: number = RunExit.BUDGET;
  for (let k = 0; k < o.maxRuns && exit === RunExit.BUDGET; k++) exit = h.run(o.slice);
  return { h, ram, exit };
}

/**
 * Runs a U-mode program (no paging) loaded at BASE in runs of `slice`, serving each ecall with
 * `onEcall` (which must move the pc past it), until it stops on anything else.
 */
export function runServingEcalls(code: Uint8Array, o: { jit: boolean; slice: number; maxRuns: number; onEcall(h: Hart): void }): { h: Hart; calls: number; exit: number } {
  const ram = new PhysMem(1 << 20);
  const h = new Hart(new Bus(ram), { jit: o.jit ? { threshold: 2 } : false });
  ram.load(BASE, code);
  h.pc = BASE; h.priv = 0; h.trapToHost = 1;
  let calls = 0, exit: number = RunExit.BUDGET;
  for (let runs = 0; runs < o.maxRuns; runs++) {
    exit = h.run(o.slice);
    if (exit === RunExit.BUDGET) continue;
    if (exit === RunExit.TRAP && h.trapCause === 8) { calls++; o.onEcall(h); continue; }
    break;
  }
  return { h, calls, exit };
}

/** Two runs of one program, interpreted (a) and translated (b), must end alike: exit, cause, pc, instret, registers. */
export function assertSameEnd(t: ExecutionContext, a: { h: Hart; exit: number }, b: { h: Hart; exit: number }, what = ''): void {
  t.is(a.exit, RunExit.TRAP, `${what}the interpreter's run ends on a trap`);
  t.is(b.exit, a.exit, `${what}exit`);
  t.is(b.h.trapCause, a.h.trapCause, `${what}cause`);
  t.is(b.h.pc, a.h.pc, `${what}pc`);
  t.is(b.h.instret, a.h.instret, `${what}instret`);
  t.deepEqual(Array.from(b.h.x), Array.from(a.h.x), `${what}registers`);
}
