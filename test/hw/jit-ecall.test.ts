// An ecall from U-mode leaving translated code: the dispatcher raises the ecall
// exception itself (core/hw/jit/index.ts) instead of starting the interpreter
// for it. The embedder must see exactly what the interpreter-only hart shows -
// trap fields at every call, registers, pc, instret - under odd budgets, and
// also when the ecall traps into S-mode inside the machine (bare-metal style).
import test from 'ava';
import * as R from './rvasm.js';
import { Asm } from './rvasm.js';
import { PhysMem } from '../../core/hw/memory.js';
import { Bus } from '../../core/hw/bus.js';
import { Hart, RunExit } from '../../core/hw/hart.js';
import { BASE, assertSameEnd, runServingEcalls } from './jit-compare.js';

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

function runProgram(jit: boolean, slice: number) {
  return runServingEcalls(program(), { jit, slice, maxRuns: 100_000, onEcall: (h) => { t0(h); sys(h); } });
}

/** What the embedder must see at every call: the trap fields of an ecall from U at the ecall. */
function t0(h: Hart): void {
  if (h.trapCause !== 8 || h.trapIsInterrupt || h.trapTval !== 0 || h.pc !== h.trapPc) throw new Error('bad trap fields');
}

for (const slice of [1_000_000, 61, 5]) {
  test(`budget ${slice}: translated ecalls reach the embedder exactly as interpreted ones do`, (t) => {
    const a = runProgram(false, slice);
    const b = runProgram(true, slice);
    assertSameEnd(t, a, b);
    t.is(b.h.trapCause, 3, 'the run ends at the ebreak');
    t.is(a.calls, CALLS);
    t.is(b.calls, CALLS);
    t.is(a.h.jit, null);
    if (slice === 1_000_000) t.true(b.h.jit!.stats.ecalls > 0, 'some ecalls were raised at a translated block\'s exit');
  });
}

test('an ecall from U delegated to S inside the machine: translated and interpreted take the same trap', (t) => {
  const STVEC = BASE + 0x800;
  const run = (jit: boolean) => {
    const ram = new PhysMem(1 << 20);
    const h = new Hart(new Bus(ram), { jit: jit ? { threshold: 2 } : false });
    ram.load(BASE, program());
    // The S-mode handler: for the final ebreak (scause 3) an ebreak in S, which the host sees;
    // for an ecall a0 += 1, sepc += 4, sret.
    const k = new Asm(STVEC);
    k.emit(R.csrr(6, 0x142)); // t1 = scause
    k.emit(R.addi(7, 0, 3));
    k.br(R.beq, 6, 7, 'stop');
    k.emit(R.addi(A0, A0, 1));
    k.emit(R.csrr(5, 0x141)); // t0 = sepc
    k.emit(R.addi(5, 5, 4));
    k.emit(R.csrw(0x141, 5)); // sepc = t0
    k.emit(R.sret());
    k.label('stop');
    k.emit(R.ebreak());
    ram.load(STVEC, k.bytes());
    h.csr.stvec = STVEC;
    h.csr.medeleg = (1 << 8) | (1 << 3); // ecall and breakpoint from U go to S
    h.pc = BASE; h.priv = 0; h.trapToHost = 1 << 1; // traps taken from S come to us
    h.mmu.sync(h);
    let exit: number = RunExit.BUDGET;
    for (let i = 0; i < 10_000 && exit === RunExit.BUDGET; i++) exit = h.run(97);
    return { h, exit };
  };
  const a = run(false), b = run(true);
  t.is(a.exit, RunExit.TRAP);
  t.is(b.exit, RunExit.TRAP);
  t.is(b.h.trapCause, 3, 'the S handler\'s ebreak');
  t.is(b.h.pc, a.h.pc);
  t.is(b.h.instret, a.h.instret);
  t.deepEqual(Array.from(b.h.x), Array.from(a.h.x));
  t.is(b.h.x[2 * S0], 0, 'the loop ran to its end');
  t.true(b.h.jit!.stats.ecalls > 0, 'some ecalls were raised at a translated block\'s exit');
});
