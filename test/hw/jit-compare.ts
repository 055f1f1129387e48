// Shared by the JIT's differential tests (jit-diff, jit-regions): runs a program
// at BASE on a fresh hart - interpreter only, or translating each page on its
// second visit - with a 4 KiB data page at DATA filled from `dataSeed`, in runs
// of `slice` instructions until it stops on something other than the budget
// (the programs end with ebreak, which M-mode reports to the test).
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
