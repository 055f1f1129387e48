// The translator's default hotness (HOT_THRESHOLD): a page is translated after 1024 interpreter
// slices seen on it, so a short program (a few hundred slices on a page, as most of a shell's
// pages) never pays WebAssembly compile time, while a hot loop still gets translated.
import test from 'ava';
import * as R from './rvasm.js';
import { Asm } from './rvasm.js';
import { PhysMem } from '../../core/hw/memory.js';
import { Bus } from '../../core/hw/bus.js';
import { Hart, RunExit } from '../../core/hw/hart.js';
import { HOT_THRESHOLD } from '../../core/hw/jit/index.js';

const BASE = 0x8000_0000;

/** Runs `addi t0,t0,-1; bnez t0` for `iters` iterations on a hart with the default JIT options. */
function loop(iters: number): Hart {
  const a = new Asm();
  a.label('loop');
  a.emit(R.addi(5, 5, -1));
  a.bnez(5, 'loop');
  a.emit(R.ebreak());
  const ram = new PhysMem(1 << 20);
  const h = new Hart(new Bus(ram), { jit: {} });
  ram.load(BASE, a.bytes());
  h.x[10] = iters;
  h.pc = BASE;
  h.trapToHost = 1 << 3;
  let exit: number = RunExit.BUDGET;
  for (let k = 0; k < 10_000 && exit === RunExit.BUDGET; k++) exit = h.run(1_000_000);
  if (exit !== RunExit.TRAP || h.x[10] !== 0) throw new Error(`loop did not finish (exit ${exit})`);
  return h;
}

test('default threshold: 1024 page visits', (t) => {
  t.is(HOT_THRESHOLD, 1024);
  if (new PhysMem(1 << 20).wasmMemory === null) { t.pass('no WebAssembly RAM (NODIX_JIT=0): nothing is translated'); return; }
  t.is(new Hart(new Bus(new PhysMem(1 << 20)), { jit: {} }).jit!.threshold, 1024);
});

test('a short loop (~310 slices) stays interpreted; a long one (~3,100 slices) is translated', (t) => {
  if (new PhysMem(1 << 20).wasmMemory === null) { t.pass('no WebAssembly RAM (NODIX_JIT=0)'); return; }
  const short = loop(20_000);
  t.is(short.jit!.stats.translations, 0, 'short run: no translation');
  t.is(short.jit!.stats.jitInsns, 0);
  const long = loop(200_000);
  t.true(long.jit!.stats.translations >= 1, 'long run: the loop page was translated');
  t.true(long.jit!.stats.jitInsns > 0);
});
