// eBPF engine speed: instructions per second of the interpreter and the
// WebAssembly JIT on an ALU loop, a stack load/store loop and a helper-call
// loop (ns per helper call), next to the same ALU loop as the JavaScript a JS
// backend would emit (int32 register pairs, as the interpreter) — the
// measurement behind choosing WebAssembly. With UBPF_PATH set to a uBPF build
// (a directory containing ubpf_plugin, or the plugin itself), the same
// programs run on uBPF through its conformance plugin (process time included).
// "wasm JIT" is the configuration for verified programs (no step budget);
// "JIT+budget" counts backward jumps and calls, as `nodix bpf run` does.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  AddressSpace, assembleBytes, compile, conformanceHelpers, interpret, load, toHex, type ExecResult, type Program,
} from '../verifier/index.js';

const ALU = (n: number) => `
mov %r0, 0
lddw %r1, ${n}
loop:
add %r0, %r1
xor %r2, %r0
lsh %r2, 1
sub %r1, 1
jne %r1, 0, loop
exit`;

const STACK = (n: number) => `
mov %r0, 0
lddw %r1, ${n}
stdw [%r10-8], 0
stdw [%r10-16], 7
loop:
ldxdw %r2, [%r10-8]
add %r2, 1
stxdw [%r10-8], %r2
ldxw %r3, [%r10-16]
stxw [%r10-12], %r3
sub %r1, 1
jne %r1, 0, loop
ldxdw %r0, [%r10-8]
exit`;

const HELPER = (n: number) => `
lddw %r6, ${n}
loop:
mov %r1, %r6
call 2
sub %r6, 1
jne %r6, 0, loop
exit`;

function prog(text: string): Program {
  const b = assembleBytes(text);
  if (!b.ok) throw new Error(b.error.message);
  const p = load(b.value);
  if (!p.ok) throw new Error(p.error);
  return p.value;
}

/** Instructions executed, counted by the interpreter on a small run and scaled (the loops are linear). */
function stepsFor(make: (n: number) => string, n: number): number {
  const small = (k: number) => {
    const r = interpret(prog(make(k)), new AddressSpace(), { helpers: conformanceHelpers() });
    if (!r.ok) throw new Error(r.error.message);
    return r.steps;
  };
  const a = small(10), b = small(20);
  return a + ((b - a) / 10) * (n - 10);
}

/**
 * Seconds of CPU time (user + system) that f takes: on a machine shared with
 * other jobs, CPU time tracks the engine's speed far better than wall time.
 */
let lastWall = 0;
function time(f: () => ExecResult): number {
  const c0 = process.cpuUsage();
  const w0 = process.hrtime.bigint();
  const r = f();
  const c = process.cpuUsage(c0);
  lastWall = Number(process.hrtime.bigint() - w0) / 1e9;
  if (!r.ok) throw new Error(r.error.message);
  return (c.user + c.system) / 1e6;
}

/** Best CPU time of `runs` runs; bestWall is the wall time of that run. */
let bestWall = 0;
function best(runs: number, f: () => number): number {
  let m = Infinity;
  for (let k = 0; k < runs; k++) {
    const x = f();
    if (x < m) { m = x; bestWall = lastWall; }
  }
  return m;
}

const fmt = (x: number) => (x >= 1e9 ? `${(x / 1e9).toFixed(2)} G` : `${(x / 1e6).toFixed(1)} M`);

/** The ALU loop as a JavaScript backend would emit it: registers as int32 pairs, one statement group per insn. */
function jsAluLoop(n: number): () => bigint {
  return new Function('n', `
    let r0l = 0, r0h = 0, r1l = n | 0, r1h = Math.floor(n / 4294967296) | 0, r2l = 0, r2h = 0, t = 0;
    for (;;) {
      t = (r0l >>> 0) + (r1l >>> 0); r0h = (r0h + r1h + (t >= 4294967296 ? 1 : 0)) | 0; r0l = t | 0;
      r2l ^= r0l; r2h ^= r0h;
      r2h = (r2h << 1) | (r2l >>> 31); r2l <<= 1;
      t = (r1l >>> 0) - 1; r1h = (r1h - (t < 0 ? 1 : 0)) | 0; r1l = t | 0;
      if (r1l === 0 && r1h === 0) break;
    }
    return (BigInt(r0h >>> 0) << 32n) | BigInt(r0l >>> 0);
  `).bind(null, n) as () => bigint;
}

function ubpfPlugin(): string | null {
  const p = process.env.UBPF_PATH;
  if (!p) return null;
  for (const c of [p, join(p, 'ubpf_plugin'), join(p, 'bin', 'ubpf_plugin'), join(p, 'ubpf_plugin', 'ubpf_plugin')]) {
    if (existsSync(c) && statSync(c).isFile()) return c;
  }
  console.log(`UBPF_PATH=${p}: no ubpf_plugin found there`);
  return null;
}

function ubpfRate(plugin: string, text: string, steps: number, jit: boolean): number {
  const b = assembleBytes(text);
  if (!b.ok) throw new Error(b.error.message);
  const dt = best(2, () => {
    const t = process.hrtime.bigint();
    const r = spawnSync(plugin, jit ? ['--jit'] : ['--interpret'], { input: toHex(b.value) + '\n', encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`ubpf_plugin: ${r.stderr}`);
    return Number(process.hrtime.bigint() - t) / 1e9;
  });
  return steps / dt;
}

export function run(): void {
  const helpers = conformanceHelpers();
  helpers[2] = (r) => { r[0] = r[2]; r[1] = r[3]; return 0; };
  const cases: [string, (n: number) => string, number, number][] = [
    ['ALU loop', ALU, 5_000_000, 100_000_000],
    ['stack load/store loop', STACK, 3_000_000, 30_000_000],
    ['helper-call loop', HELPER, 2_000_000, 10_000_000],
  ];
  const plugin = ubpfPlugin();
  console.log('engine        program                 insn/s      ns/iteration   insn/s by wall clock');
  console.log('(insn/s and ns/iteration by CPU time, best of several runs; the machine may be shared)');
  for (const [name, make, nInterp, nJit] of cases) {
    for (const engine of ['interpreter', 'wasm JIT', 'JIT+budget'] as const) {
      const n = engine === 'interpreter' ? nInterp : nJit;
      const p = prog(make(n));
      const steps = stepsFor(make, n);
      const as = new AddressSpace();
      let dt: number;
      if (engine === 'interpreter') {
        interpret(p, as, { helpers }); // warm up: let V8 optimise the dispatch loop
        dt = best(4, () => time(() => interpret(p, as, { helpers })));
      }
      else {
        const j = compile(p, { budget: engine === 'JIT+budget' });
        if (!j.ok) throw new Error(j.error);
        j.value.run(as, { helpers });
        dt = best(3, () => time(() => j.value.run(as, { helpers })));
      }
      console.log(`${engine.padEnd(13)} ${name.padEnd(23)} ${fmt(steps / dt).padEnd(11)} ${((dt / n) * 1e9).toFixed(2).padEnd(14)} ${fmt(steps / bestWall)}`);
    }
    if (plugin !== null) {
      const n = nJit;
      const steps = stepsFor(make, n);
      for (const jit of [false, true]) {
        const rate = ubpfRate(plugin, make(n), steps, jit);
        console.log(`${(jit ? 'uBPF JIT' : 'uBPF interp').padEnd(13)} ${name.padEnd(23)} ${fmt(rate).padEnd(11)} ${((steps / rate / n) * 1e9).toFixed(2)}`);
      }
    }
  }
  // The backend decision: the same ALU loop as JavaScript (int32 pairs) against the wasm JIT.
  const n = 100_000_000;
  const steps = stepsFor(ALU, n);
  const js = jsAluLoop(n);
  js();
  const jsDt = best(3, () => time(() => ({ ok: true, r0: js(), steps: 0 })));
  console.log(`${'JS backend'.padEnd(13)} ${'ALU loop (hand-emitted)'.padEnd(23)} ${fmt(steps / jsDt).padEnd(11)} ${((jsDt / n) * 1e9).toFixed(2).padEnd(14)} ${fmt(steps / bestWall)}`);
  if (plugin === null) console.log('(set UBPF_PATH to a uBPF build to compare with uBPF)');
}
