// The hart's ecall hook (hart.ts ecallHook): an ecall from U-mode handled inline
// by the embedder must leave the hart exactly where the usual path (run()
// returns TRAP, the embedder handles it, run() again) leaves it - registers,
// pc, instret - in the interpreter and from translated code, under odd budgets;
// DECLINED and STOP hand control back as documented.
import test from 'ava';
import * as R from './rvasm.js';
import { Asm } from './rvasm.js';
import { PhysMem } from '../../core/hw/memory.js';
import { Bus } from '../../core/hw/bus.js';
import { EcallResult, Hart, RunExit } from '../../core/hw/hart.js';

const BASE = 0x8000_0000;
const A0 = 10, A7 = 17, S0 = 8, S1 = 9, S2 = 18;
const CALLS = 300;

/** A loop of CALLS ecalls (a7 = 7, a0 = running sum); each result is folded into s1; ebreak at the end. */
function program(): Uint8Array {
  const a = new Asm(BASE);
  a.li(S0, CALLS);
  a.label('loop');
  a.emit(R.addi(A7, 0, 7));
  a.emit(R.add(A0, S1, 0));
  a.emit(R.ecall());
  a.emit(R.add(S1, A0, S2));
  a.emit(R.addi(S2, S2, 3));
  a.emit(R.addi(S0, S0, -1));
  a.bnez(S0, 'loop');
  a.emit(R.ebreak());
  return a.bytes();
}

/** The "system call": a0 += 1 + (instret at the call mod 5), pc past the ecall. */
function sys(h: Hart): void {
  h.x[2 * A0] = (h.x[2 * A0] + 1 + (h.instret % 5)) | 0;
  h.pc = h.trapPc + 4;
}

interface Run { h: Hart; runs: number; calls: number; exit: number }

function runProgram(jit: boolean, slice: number, hook: boolean): Run {
  const ram = new PhysMem(1 << 20);
  const h = new Hart(new Bus(ram), { jit: jit ? { threshold: 2 } : false });
  ram.load(BASE, program());
  h.pc = BASE;
  h.priv = 0;
  h.trapToHost = 1;
  let calls = 0, runs = 0, exit: number = RunExit.BUDGET;
  if (hook) h.ecallHook = () => { t0(h); calls++; sys(h); return EcallResult.RESUME; };
  for (; runs < 100_000; runs++) {
    exit = h.run(slice);
    if (exit === RunExit.BUDGET) continue;
    if (exit === RunExit.TRAP && h.trapCause === 8) { t0(h); calls++; sys(h); continue; }
    break;
  }
  return { h, runs, calls, exit };
}

/** What both paths must see at every call: the trap fields of an ecall from U at the ecall. */
function t0(h: Hart): void {
  if (h.trapCause !== 8 || h.trapIsInterrupt || h.trapTval !== 0 || h.pc !== h.trapPc) throw new Error('bad trap fields');
}

for (const jit of [false, true]) {
  for (const slice of [1_000_000, 61, 5]) {
    test(`${jit ? 'translated' : 'interpreted'}, budget ${slice}: inline ecalls leave the same state as trapping to the embedder`, (t) => {
      const a = runProgram(jit, slice, false);
      const b = runProgram(jit, slice, true);
      t.is(a.exit, RunExit.TRAP);
      t.is(b.exit, RunExit.TRAP);
      t.is(b.h.trapCause, 3, 'the hook run ends at the ebreak');
      t.is(a.calls, CALLS);
      t.is(b.calls, CALLS);
      t.is(b.h.pc, a.h.pc);
      t.is(b.h.instret, a.h.instret);
      t.deepEqual(Array.from(b.h.x), Array.from(a.h.x));
      if (slice === 1_000_000) t.true(b.runs < a.runs / 10, `run() calls with the hook: ${b.runs}, without: ${a.runs}`);
      if (jit && slice === 1_000_000) t.true(b.h.jit!.stats.hostEcalls > 0, 'some ecalls went from translated code straight to the hook');
    });
  }
}

test('STOP: run() returns ECALL after the handled call; DECLINED: run() returns TRAP at the ecall', (t) => {
  for (const jit of [false, true]) {
    const ram = new PhysMem(1 << 20);
    const h = new Hart(new Bus(ram), { jit: jit ? { threshold: 2 } : false });
    ram.load(BASE, program());
    h.pc = BASE; h.priv = 0; h.trapToHost = 1;
    let calls = 0;
    h.ecallHook = () => {
      calls++;
      if (calls === 250) return EcallResult.DECLINED;
      sys(h);
      return calls === 200 ? EcallResult.STOP : EcallResult.RESUME;
    };
    t.is(h.run(1_000_000), RunExit.ECALL, `${jit}: stop`);
    t.is(calls, 200);
    const after = h.pc;
    t.is(after, h.trapPc + 4, 'pc as the hook left it');
    t.is(h.run(1_000_000), RunExit.TRAP, `${jit}: declined`);
    t.is(calls, 250);
    t.is(h.trapCause, 8);
    t.is(h.pc, h.trapPc, 'pc stays on the declined ecall');
    t.is(ram.read32(h.pc), 0x73);
  }
});
