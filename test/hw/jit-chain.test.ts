// Chained calls between translated pages (core/hw/jit/translate.ts emitChain): a page function
// leaving by a jump calls the target page's function itself when the target is in the fetch TLB
// and in the chain cache. The embedder must see what the interpreter-only hart shows (registers,
// pc, instret, every ecall's trap) under odd budgets; a virtual page remapped between runs must
// reach the new physical page, never the old translation; code rewritten in a callee's page must
// run as rewritten.
import test from 'ava';
import * as R from './rvasm.js';
import { Asm } from './rvasm.js';
import { PhysMem } from '../../core/hw/memory.js';
import { Bus } from '../../core/hw/bus.js';
import { Hart, RunExit } from '../../core/hw/hart.js';
import { setCsr } from '../../core/hw/csr.js';
import { BASE, assertSameEnd, runServingEcalls } from './jit-compare.js';

const { A0, A7, S0, S1, S2, T0, T1, RA } = R;
const CALLS = 400;

/**
 * Three pages: a loop in page 0 calls f (page 1), which jumps (jal x0) to a tail in page 1's last
 * bytes that falls through into page 2, and calls g (page 2: an ecall, then ret). Every page
 * change is a call, a return, a cross-page jump or a fall-through at the page end.
 */
function program(): Uint8Array {
  const a = new Asm(BASE);
  a.li(S0, CALLS);
  a.label('loop');
  a.call('f');
  a.emit(R.add(S1, S1, A0));
  a.call('g');
  a.emit(R.xor(S2, S2, A0), R.addi(S0, S0, -1));
  a.bnez(S0, 'loop');
  a.emit(R.ebreak());
  a.org(BASE + 0x1000);
  a.label('f');
  a.emit(R.addi(A0, S1, 3), R.slli(T0, A0, 3), R.add(A0, A0, T0));
  a.j('tail');
  a.org(BASE + 0x2000 - 8);
  a.label('tail');
  a.emit(R.addi(A0, A0, 5), R.xori(A0, A0, 0x55)); // falls through into page 2
  a.emit(R.addi(A0, A0, 1), R.ret());
  a.label('g');
  a.emit(R.addi(A7, 0, 172), R.add(A0, S2, 0), R.ecall(), R.addi(A0, A0, 7), R.ret());
  return a.bytes();
}

/** Runs in U-mode (no paging) in slices of `slice`; each ecall: a0 += instret % 7 (what an interpreter run sees too). */
function runProgram(jit: boolean, slice: number) {
  const trace: number[] = [];
  const r = runServingEcalls(program(), {
    jit, slice, maxRuns: 1_000_000,
    onEcall: (h) => { trace.push(h.trapPc, h.instret); h.x[2 * A0] = (h.x[2 * A0] + (h.instret % 7)) | 0; h.pc = h.trapPc + 4; },
  });
  return { ...r, trace };
}

for (const slice of [1_000_000, 997, 61, 7, 3, 1]) {
  test(`budget ${slice}: chained calls between pages retire exactly what the interpreter does`, (t) => {
    const a = runProgram(false, slice);
    const b = runProgram(true, slice);
    assertSameEnd(t, a, b);
    t.is(b.h.trapCause, 3, 'the run ends at the ebreak');
    t.is(a.calls, CALLS);
    t.is(b.calls, CALLS);
    t.deepEqual(b.trace, a.trace, 'every ecall at the same pc and instret');
    if (slice >= 61) {
      const st = b.h.jit!.stats;
      t.true(st.chains > CALLS, `page functions called each other (${st.chains} chains)`);
      t.true(st.calls < st.chains, 'most page changes did not return to the dispatcher');
    }
  });
}

// Sv39 for the remap test: VA 0x20000 = the loop, VA 0x21000 = the callee's page (remapped).
const V = 1, RR = 2, W = 4, X = 8, U = 16, A = 64, D = 128;
const pte = (pa: number, f: number) => (BigInt(pa) >> 12n << 10n) | BigInt(f);
const ROOT = BASE + 0x20_0000, L1 = ROOT + 0x1000, L0 = ROOT + 0x2000;
const LOOP_PA = BASE + 0x5000, F1_PA = BASE + 0x6000, F2_PA = BASE + 0x7000;

test('a callee page remapped between runs: the caller chains to the new physical page, not the old translation', (t) => {
  const ram = new PhysMem(4 << 20);
  const h = new Hart(new Bus(ram), { jit: { threshold: 0 } });
  const put = (at: number, v: bigint) => ram.view.setBigUint64(at - ram.base, v, true);
  put(ROOT, pte(L1, V));
  put(L1, pte(L0, V));
  put(L0 + 8 * 0x20, pte(LOOP_PA, V | RR | X | U | A));
  const mapCallee = (pa: number) => put(L0 + 8 * 0x21, pte(pa, V | RR | X | U | A));
  const loop = new Asm(0x20000);
  loop.li(A0, 0); loop.li(S0, 1000); loop.li(T1, 0x21000);
  // A warm-up loop longer than an interpreter slice: after the MMU flush the dispatcher enters the
  // translated loop page before anything has fetched from the callee's page again, so the first
  // chain finds the callee's fetch TLB slot empty (a chain that skipped the TLB would reach the old page).
  loop.li(T0, 200);
  loop.label('w'); loop.emit(R.addi(T0, T0, -1)); loop.bnez(T0, 'w');
  loop.label('l'); loop.emit(R.jalr(RA, T1, 0), R.addi(S0, S0, -1)); loop.bnez(S0, 'l');
  loop.emit(R.ecall());
  ram.load(LOOP_PA, loop.bytes());
  const callee = (step: number) => { const c = new Asm(0x21000); c.emit(R.addi(A0, A0, step), R.ret()); return c.bytes(); };
  ram.load(F1_PA, callee(1));
  ram.load(F2_PA, callee(2));
  const runOnce = (): bigint => {
    setCsr(h, 0x180, (8n << 60n) | (BigInt(ROOT) >> 12n));
    h.priv = 0; h.mmu.sync(h); h.pc = 0x20000; h.trapToHost = 1;
    let r: number = RunExit.BUDGET;
    for (let k = 0; k < 1000 && r === RunExit.BUDGET; k++) r = h.run(333);
    t.is(r, RunExit.TRAP);
    t.is(h.trapCause, 8);
    return BigInt(h.x[2 * A0] >>> 0);
  };
  mapCallee(F1_PA);
  t.is(runOnce(), 1000n);
  const c1 = h.jit!.stats.chains;
  t.true(c1 > 500, `the loop and the callee chained (${c1})`);
  // Remap the callee's virtual page (an sfence.vma by the kernel: the embedder flushes the MMU).
  mapCallee(F2_PA);
  h.mmu.flush();
  t.is(runOnce(), 2000n, 'the new page\'s code ran');
  t.true(h.jit!.stats.chains - c1 > 500, 'and was chained to again');
  mapCallee(F1_PA);
  h.mmu.flush();
  t.is(runOnce(), 1000n);
});

test('a callee rewritten by the guest while its caller chains into it runs as rewritten, as in the interpreter', (t) => {
  const build = () => {
    const a = new Asm(BASE);
    a.li(S0, 300); a.li(S1, 0); a.li(A0, 0);
    a.la(T1, 'f'); a.li(S2, R.addi(A0, A0, 100));
    a.label('loop');
    a.call('f');
    a.emit(R.addi(S1, S1, 1), R.addi(T0, 0, 150));
    a.br(R.bne, S1, T0, 'skip');
    a.emit(R.sw(S2, T1, 0)); // rewrite f's first instruction
    a.label('skip');
    a.emit(R.addi(S0, S0, -1));
    a.bnez(S0, 'loop');
    a.emit(R.ebreak());
    a.org(BASE + 0x1000);
    a.label('f');
    a.emit(R.addi(A0, A0, 1), R.ret());
    return a.bytes();
  };
  const run = (jit: boolean) => {
    const ram = new PhysMem(1 << 20);
    const h = new Hart(new Bus(ram), { jit: jit ? { threshold: 0 } : false });
    ram.load(BASE, build());
    h.pc = BASE; h.trapToHost = 1 << 3;
    let r: number = RunExit.BUDGET;
    for (let k = 0; k < 10_000 && r === RunExit.BUDGET; k++) r = h.run(101);
    return { h, r };
  };
  const a = run(false), b = run(true);
  t.is(a.r, RunExit.TRAP);
  t.is(b.r, RunExit.TRAP);
  t.is(b.h.x[2 * A0], 150 + 150 * 100);
  t.is(b.h.pc, a.h.pc);
  t.is(b.h.instret, a.h.instret);
  t.deepEqual(Array.from(b.h.x), Array.from(a.h.x));
  t.true(b.h.jit!.stats.chains > 200, 'the calls were chained');
  t.true(b.h.jit!.stats.invalidations > 0, 'the store dropped the callee\'s translation');
});
