// Differential signal tests: each userland/tests/sig-*.c program runs on
// qemu-riscv64 and on nodix; stdout and exit status must be identical. Where
// qemu-user departs from Linux (SA_NOCLDSTOP is not honoured), nodix is checked
// against Linux's documented result instead.
// Skips (unless NODIX_REQUIRE_TOOLS=1) without riscv64-linux-gnu-gcc/qemu-riscv64.
import test from 'ava';
import { assertSameAsQemu, buildGuest, runNodix, runQemu, skipUnlessTools } from '../guest/harness.js';

const all = ['sig-basic', 'sig-fault', 'sig-restart', 'sig-thread', 'sig-jobctl', 'sig-frame', 'sig-alarm'];
const programs = process.env.NODIX_SIG_ONLY ? process.env.NODIX_SIG_ONLY.split(',') : all;


// qemu-user now and then reports the first CLD_STOPPED SIGCHLD with si_status 0; Linux
// (kernel/signal.c do_notify_parent_cldstop) puts the stop signal there, as nodix does.
// A stack overflow past the stack's limit is SEGV_MAPERR on Linux (the access is below the
// stack VMA and the stack may not grow there: bad_area in arch/riscv/mm/fault.c), as on nodix;
// qemu-user sometimes (depending on the host environment it runs in) lands on the PROT_NONE
// guard page it puts below the guest stack and reports SEGV_ACCERR instead.
const qemuFixes: Record<string, (s: string) => string> = {
  'sig-restart': (s) => s.replace('SIGCHLD stop: sig=17 code=5 status=0 ', 'SIGCHLD stop: sig=17 code=5 status=19 '),
  'sig-fault': (s) => s.replace('overflow: sig=11 code=2 ', 'overflow: sig=11 code=1 '),
};

for (const name of programs) {
  test(`${name}: nodix prints what qemu-riscv64 prints`, async (t) => {
    await assertSameAsQemu(t, name, [], qemuFixes[name]);
  });
}

test('SA_NOCLDSTOP: only the exit is reported to the parent (Linux rule)', async (t) => {
  if (skipUnlessTools(t, false)) return;
  const n = await runNodix(buildGuest('sig-restart'), ['nocldstop']);
  t.regex(n.stdout, /\nNOCLDSTOP: reports=1 code=1 exit=4\n/);
  t.is(n.status, 0);
});

test('deterministic mode (instruction-count time): timers, sleeps and stops behave the same', async (t) => {
  if (skipUnlessTools(t, true)) return;
  for (const name of ['sig-alarm', 'sig-restart']) {
    const bin = buildGuest(name);
    const q = runQemu(bin);
    const n = await runNodix(bin, [], '', { deterministic: true, seed: 7 });
    t.is(n.stdout, (qemuFixes[name] ?? ((x: string) => x))(q.stdout), name);
    t.is(n.status, q.status, name);
  }
});
