// The official riscv-tests ISA suites, when someone has built them: with
// NODIX_RISCV_TESTS pointing at a directory of riscv-tests binaries (names like
// rv64ui-p-add, as isa/Makefile writes them), every rv64{ui,um,ua,uf,ud,uc,mi,si}-
// {p,v}-* program runs on the Machine twice, interpreter only and with every
// page translated on first sight, and must exit 0 through HTIF tohost (a
// failing riscv-test exits with its case number). riscv-tests are not a Debian
// package, so without the variable one test says so and passes, even under
// NODIX_REQUIRE_TOOLS=1. test/hw/riscv-tests.md says how to build them.
import test from 'ava';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Machine } from '../../core/hw/machine.js';
import type { MachineStatus } from '../../core/hw/machine.js';

const dir = process.env.NODIX_RISCV_TESTS;
const NAME = /^rv64(ui|um|ua|uf|ud|uc|mi|si)-(p|v)-[A-Za-z0-9_-]+$/;
/** Tests excused with a reason (none at present; see test/hw/riscv-tests.md). */
const EXCUSED = new Map<string, string>();

function binaries(d: string): string[] {
  return readdirSync(d).filter((f) => NAME.test(f) && statSync(join(d, f)).isFile()).sort();
}

/** Runs one binary; jitInsns counts instructions executed by translated code (0 without a translator). */
function run(elf: string, jit: false | { threshold: number }): { status: MachineStatus; console: string; jitInsns: number } {
  let out = '';
  const m = new Machine({ deterministic: true, ramSize: 64 * 1024 * 1024, jit, console: (b) => { out += String.fromCharCode(b); } });
  const loaded = m.loadElfBytes(readFileSync(elf));
  if (!loaded.ok) throw new Error(`${elf}: ${loaded.message}`);
  const status = m.runSync({ maxInsns: 50_000_000 });
  return { status, console: out, jitInsns: m.hart.jit?.stats.jitInsns ?? 0 };
}

/** Whether this host gives the Machine WebAssembly RAM (else the JIT cannot exist: NODIX_JIT=0). */
const jitAvailable = (() => new Machine({ ramSize: 1 << 20 }).hart.jit !== null)();

if (dir === undefined || dir === '') {
  test('riscv-tests: skipped (set NODIX_RISCV_TESTS to a directory of built riscv-tests ISA binaries)', (t) => {
    t.log('NODIX_RISCV_TESTS is not set: the official riscv-tests are not run (they are not a Debian package; see test/hw/riscv-tests.md)');
    t.pass();
  });
} else {
  const names = existsSync(dir) ? binaries(dir) : [];
  test('riscv-tests: the directory holds riscv-tests binaries', (t) => {
    t.true(names.length > 0, `no rv64*-p-*/rv64*-v-* binaries in ${dir}`);
  });
  for (const name of names) {
    for (const [mode, jit] of [['interp', false], ['jit', { threshold: 0 }]] as const) {
      test(`riscv-tests ${name} (${mode})`, (t) => {
        const r = run(join(dir, name), jit);
        const excuse = EXCUSED.get(name);
        if (excuse !== undefined) { t.log(`excused: ${excuse}`); t.pass(); return; }
        const what = r.status.kind === 'exit' ? `failed case ${r.status.code}` : JSON.stringify(r.status);
        t.deepEqual(r.status, { kind: 'exit', code: 0 }, `${name}: ${what}${r.console === '' ? '' : `; console: ${r.console.trim()}`}`);
        if (jit === false) t.is(r.jitInsns, 0, 'interpreter-only run executed translated code');
        else if (jitAvailable) t.true(r.jitInsns > 0, 'JIT run never executed translated code');
      });
    }
  }
}
