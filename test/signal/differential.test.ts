// Differential signal tests: each userland/tests/sig-*.c program runs on
// qemu-riscv64 and on nodix; stdout and exit status must be identical.
// Skips (unless NODIX_REQUIRE_TOOLS=1) without riscv64-linux-gnu-gcc/qemu-riscv64.
import test from 'ava';
import { buildGuest, haveGcc, haveQemu, requireTools, runNodix, runQemu } from '../guest/harness.js';

const programs = (process.env.NODIX_SIG_ONLY ?? 'sig-basic').split(',');

for (const name of programs) {
  test(`${name}: nodix prints what qemu-riscv64 prints`, async (t) => {
    if (!haveGcc || !haveQemu) {
      const msg = 'skipped: riscv64-linux-gnu-gcc or qemu-riscv64 not installed';
      if (requireTools) throw new Error(msg + ' (NODIX_REQUIRE_TOOLS=1)');
      t.log(msg); t.pass(); return;
    }
    const bin = buildGuest(name);
    const q = runQemu(bin);
    const n = await runNodix(bin);
    t.is(n.stdout, q.stdout);
    t.is(n.status, q.status);
    t.deepEqual(n.log.filter((l) => l.includes('Oops')), []);
  });
}
