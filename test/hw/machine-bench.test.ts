// The bench program (bench/programs/mix.elf) as a test subject, in a tiny size:
// it runs to exit 0 on the Machine and prints its checksum through HTIF; the
// checksum matches QEMU's spike machine when QEMU is installed; and
// bench/programs/build.sh rebuilds the committed ELF byte for byte when the
// cross compiler is installed. No timing is asserted.
import test from 'ava';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MIX_ELF, patchRounds, runOnMachine, runOnQemu } from '../../bench/machine.bench.js';
import { GCC, hasTool, requireTools } from './baremetal/harness.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dir = join(root, '.cache', 'test-bench');
mkdirSync(dir, { recursive: true });

const tiny = patchRounds(readFileSync(MIX_ELF), 1);

test('the bench program runs a tiny size on the Machine', (t) => {
  if (tiny === null) { t.fail('no bench_rounds symbol'); return; }
  const r = runOnMachine(tiny, 50_000_000);
  t.deepEqual(r.status, { kind: 'exit', code: 0 });
  t.regex(r.output, /^checksum [0-9a-f]{16}\n$/);
  t.true(r.instret > 500_000, `instret ${r.instret}`);
  // The size really is the patched word: two rounds take about twice as long.
  const two = runOnMachine(patchRounds(readFileSync(MIX_ELF), 2) ?? tiny, 50_000_000);
  t.true(two.instret > 1.8 * r.instret && two.instret < 2.2 * r.instret, `${two.instret} vs ${r.instret}`);
  t.not(two.output, r.output);
});

test('the checksum agrees with qemu-system-riscv64 -machine spike', (t) => {
  if (tiny === null) { t.fail('no bench_rounds symbol'); return; }
  const path = join(dir, 'mix-tiny.elf');
  writeFileSync(path, tiny);
  const q = runOnQemu(path);
  if (q === null) {
    if (requireTools) t.fail('qemu-system-riscv64 not found (NODIX_REQUIRE_TOOLS=1)');
    else t.pass('skipped: qemu-system-riscv64 not found');
    return;
  }
  t.is(q.status, 0);
  t.is(q.output, runOnMachine(tiny, 50_000_000).output);
});

test('bench/programs/build.sh reproduces the committed mix.elf', (t) => {
  if (!hasTool(GCC)) {
    if (requireTools) t.fail(`${GCC} not found (NODIX_REQUIRE_TOOLS=1)`);
    else t.pass(`skipped: ${GCC} not found`);
    return;
  }
  const out = join(dir, 'rebuild');
  const r = spawnSync('sh', [join(root, 'bench/programs/build.sh'), out], { encoding: 'utf8' });
  t.is(r.status, 0, r.stderr);
  t.deepEqual(readFileSync(join(out, 'mix.elf')), readFileSync(MIX_ELF));
});
