// The hart's translated code (core/hw/jit/) keeps the interpreter's precise
// semantics: self-modifying code (a store into the translated block being run,
// and fence.i), a page fault in the middle of a translated block (pc, tval,
// registers and instret as the interpreter has them), an interrupt arriving
// while a long loop runs translated, a changed satp / remapped code page, and
// step() executing exactly one instruction after translation.
import test from 'ava';
import * as R from './rvasm.js';
import { Asm } from './rvasm.js';
import { PhysMem } from '../../core/hw/memory.js';
import { Bus } from '../../core/hw/bus.js';
import type { MmioDevice } from '../../core/hw/bus.js';
import { Hart, RunExit } from '../../core/hw/hart.js';
import { setCsr } from '../../core/hw/csr.js';

const { A0, A1, A2, S0, S1, T0, T1, T2 } = R;
const BASE = 0x8000_0000;

function mk(jit: boolean): { h: Hart; ram: PhysMem; bus: Bus } {
  const ram = new PhysMem(4 << 20);
  const bus = new Bus(ram);
  const h = new Hart(bus, { jit: jit ? { threshold: 0 } : false });
  return { h, ram, bus };
}
const xr = (h: Hart, i: number) => (BigInt(h.x[2 * i + 1] >>> 0) << 32n) | BigInt(h.x[2 * i] >>> 0);

function runToTrap(h: Hart, slice = 100_000, max = 100): number {
  let r: number = RunExit.BUDGET;
  for (let k = 0; k < max && r === RunExit.BUDGET; k++) r = h.run(slice);
  return r;
}

test('self-modifying code: a store into the running translated loop takes effect on the next iteration', (t) => {
  const build = () => {
    const a = new Asm(BASE);
    a.li(S0, 0); a.li(A0, 0); a.la(S1, 'patch'); a.li(T2, R.addi(A0, A0, 100));
    a.label('loop');
    a.label('patch'); a.emit(R.addi(A0, A0, 1));
    a.emit(R.addi(S0, S0, 1));
    a.li(T0, 100);
    a.br(R.bne, S0, T0, 'skip');
    a.emit(R.sw(T2, S1, 0));
    a.label('skip');
    a.li(T0, 200);
    a.br(R.blt, S0, T0, 'loop');
    a.emit(R.ebreak());
    return a.bytes();
  };
  for (const jit of [false, true]) {
    const { h, ram } = mk(jit);
    ram.load(BASE, build());
    h.pc = BASE; h.trapToHost = 1 << 3;
    t.is(runToTrap(h, 37), RunExit.TRAP);
    t.is(h.trapCause, 3);
    t.is(xr(h, A0), 100n + 100n * 100n, `jit ${jit}`);
    if (jit) {
      t.true(h.jit!.stats.jitInsns > 0);
      t.true(h.jit!.stats.invalidations > 0);
    }
  }
});

test('fence.i after the host rewrites translated code: the new code runs', (t) => {
  const { h, ram } = mk(true);
  const a = new Asm(BASE);
  a.li(A0, 0); a.li(S0, 500);
  a.label('loop'); a.label('body'); a.emit(R.addi(A0, A0, 1)); a.emit(R.addi(S0, S0, -1)); a.bnez(S0, 'loop');
  a.emit(R.ebreak());
  a.emit(R.fence_i()); a.j('loop');
  const code = a.bytes();
  ram.load(BASE, code);
  h.pc = BASE; h.trapToHost = 1 << 3;
  t.is(runToTrap(h), RunExit.TRAP);
  t.is(xr(h, A0), 500n);
  t.true(h.jit!.stats.translations > 0);
  // The host patches the loop body behind the hart's back (no invalidateRange), then the guest runs fence.i.
  ram.write32(a.addr('body'), R.addi(A0, A0, 3));
  h.x[2 * S0] = 500;
  h.pc = h.trapPc + 4; // the fence.i after the ebreak
  t.is(runToTrap(h), RunExit.TRAP);
  t.is(xr(h, A0), 500n + 1500n);
});

// Sv39: RAM identity-mapped for S; a user data page at 0x10000 and user code at 0x20000.
const V = 1n, RR = 2n, W = 4n, X = 8n, U = 16n, A = 64n, D = 128n;
const pte = (pa: number, flags: bigint) => (BigInt(pa) >> 12n) << 10n | flags;
function tables(ram: PhysMem, root: number, codePa: number): void {
  const l1 = root + 0x1000, l0 = root + 0x2000;
  const put = (at: number, v: bigint) => ram.view.setBigUint64(at - ram.base, v, true);
  put(root + 8 * 2, pte(0x8000_0000, V | RR | W | X | A | D));
  put(root, pte(l1, V));
  put(l1, pte(l0, V));
  put(l0 + 8 * 0x10, pte(BASE + 0x10_0000, V | RR | W | U | A | D));
  put(l0 + 8 * 0x20, pte(codePa, V | RR | X | U | A));
}
function enterUser(h: Hart, root: number, pc: number): void {
  setCsr(h, 0x180, (8n << 60n) | (BigInt(root) >> 12n));
  h.priv = 0; h.mmu.sync(h);
  h.pc = pc;
  h.trapToHost = 1 << 0;
}

test('a page fault in the middle of a translated block: pc, tval, registers and instret as in the interpreter', (t) => {
  const a = new Asm(0x20000);
  a.li(A0, 0x10000); a.li(A2, 0x40000); a.li(S0, 0); a.li(S1, 0); a.li(T2, 300);
  a.label('loop');
  a.emit(R.addi(S0, S0, 1), R.xor(S1, S1, S0));
  a.br(R.bne, S0, T2, 'ok');
  a.emit(R.addi(A0, A2, 0));
  a.label('ok');
  a.emit(R.addi(S1, S1, 3));
  a.label('load'); a.emit(R.ld(T1, A0, 8));
  a.emit(R.add(S1, S1, T1));
  a.j('loop');
  const code = a.bytes();
  const res = [false, true].map((jit) => {
    const { h, ram } = mk(jit);
    tables(ram, BASE + 0x20_0000, BASE + 0x5000);
    ram.load(BASE + 0x5000, code);
    ram.write64(BASE + 0x10_0008, 7, 0);
    enterUser(h, BASE + 0x20_0000, 0x20000);
    const r = runToTrap(h, 97);
    return { h, r };
  });
  const [i, j] = res;
  t.is(j.r, RunExit.TRAP);
  t.is(j.h.trapCause, 13);
  t.is(j.h.trapTval, 0x40008);
  t.is(j.h.trapPc, a.addr('load'));
  t.is(j.h.pc, a.addr('load'));
  t.is(j.h.instret, i.h.instret);
  t.deepEqual(Array.from(j.h.x), Array.from(i.h.x));
  t.is(xr(j.h, S0), 300n);
  t.true(j.h.jit!.stats.jitInsns > 1000, 'the loop ran translated');
});

test('after satp changes to tables mapping other code at the same virtual page, that code runs', (t) => {
  const { h, ram } = mk(true);
  const rootA = BASE + 0x20_0000, rootB = BASE + 0x30_0000;
  tables(ram, rootA, BASE + 0x5000);
  tables(ram, rootB, BASE + 0x6000);
  const prog = (step: number) => {
    const a = new Asm(0x20000);
    a.li(A0, 0); a.li(S0, 1000);
    a.label('l'); a.emit(R.addi(A0, A0, step), R.addi(S0, S0, -1)); a.bnez(S0, 'l');
    a.emit(R.ecall());
    return a.bytes();
  };
  ram.load(BASE + 0x5000, prog(1));
  ram.load(BASE + 0x6000, prog(2));
  enterUser(h, rootA, 0x20000);
  t.is(runToTrap(h, 333), RunExit.TRAP);
  t.is(h.trapCause, 8);
  t.is(xr(h, A0), 1000n);
  enterUser(h, rootB, 0x20000);
  t.is(runToTrap(h, 333), RunExit.TRAP);
  t.is(xr(h, A0), 2000n);
  enterUser(h, rootA, 0x20000);
  t.is(runToTrap(h, 333), RunExit.TRAP);
  t.is(xr(h, A0), 1000n);
  t.true(h.jit!.stats.translations >= 2);
  t.true(h.jit!.stats.jitInsns > 2000);
});

test('an interrupt raised during a long translated loop is taken at the next instruction boundary', (t) => {
  const { h, ram, bus } = mk(true);
  // A device whose write raises MSIP: the loop writes it after 20000 iterations.
  const dev: MmioDevice = { name: 'irq', base: 0x1000_0000, size: 4096, read: () => 0, write: () => h.setPending(3, true) };
  bus.attach(dev);
  const a = new Asm(BASE);
  a.li(A0, 0); a.li(A1, 20000); a.li(A2, 0x1000_0000);
  a.label('loop'); a.emit(R.addi(A0, A0, 1)); a.br(R.bne, A0, A1, 'loop');
  a.label('poke'); a.emit(R.sw(A0, A2, 0));
  a.label('spin'); a.emit(R.addi(A0, A0, 1)); a.j('spin');
  ram.load(BASE, a.bytes());
  h.pc = BASE; h.trapToHost = 1 << 3;
  setCsr(h, 0x304, 1n << 3n); // mie.MSIE
  setCsr(h, 0x300, 1n << 3n); // mstatus.MIE
  const r = h.run(10_000_000);
  t.is(r, RunExit.TRAP);
  t.true(h.trapIsInterrupt);
  t.is(h.trapCause, 3);
  t.is(h.trapPc, a.addr('poke') + 4);
  t.is(xr(h, A0), 20000n);
  t.true(h.jit!.stats.jitInsns > 30000);
  // Raised by the embedder between run() calls, while the spin loop runs translated: no instruction runs first.
  const { h: h2, ram: ram2 } = mk(true);
  ram2.load(BASE, a.bytes());
  h2.pc = a.addr('spin'); h2.trapToHost = 1 << 3;
  setCsr(h2, 0x304, 1n << 7n); // mie.MTIE
  setCsr(h2, 0x300, 1n << 3n);
  t.is(h2.run(50_000), RunExit.BUDGET);
  t.true(h2.jit!.stats.jitInsns > 40_000);
  const before = h2.instret;
  h2.setPending(7, true);
  t.is(h2.run(50_000), RunExit.TRAP);
  t.is(h2.trapCause, 7);
  t.is(h2.instret, before);
});

test('step() interprets exactly one instruction on a translated page', (t) => {
  const { h, ram } = mk(true);
  const a = new Asm(BASE);
  a.li(A0, 0);
  a.label('l'); a.emit(R.addi(A0, A0, 1), R.addi(A0, A0, 2)); a.j('l');
  ram.load(BASE, a.bytes());
  h.pc = BASE;
  t.is(h.run(10_000), RunExit.BUDGET);
  t.true(h.jit!.stats.jitInsns > 5000);
  const i0 = h.instret, v0 = xr(h, A0), pc0 = h.pc;
  t.is(h.step(), RunExit.BUDGET);
  t.is(h.instret, i0 + 1);
  t.is(h.pc === pc0 + 4 || h.pc === a.addr('l'), true);
  t.true(xr(h, A0) - v0 <= 2n);
});
