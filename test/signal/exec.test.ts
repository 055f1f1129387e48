// execve and signal state (Linux's flush_signal_handlers): checked against
// Linux's rules on nodix alone, since qemu-user cannot execve a riscv64 image.
import test from 'ava';
import { buildGuest, haveGcc, requireTools, runNodix } from '../guest/harness.js';

test('exec resets caught signals, keeps ignored ones, the mask and pending signals; drops the alternate stack', async (t) => {
  if (!haveGcc) {
    if (requireTools) throw new Error('riscv64-linux-gnu-gcc missing (NODIX_REQUIRE_TOOLS=1)');
    t.log('skipped: riscv64-linux-gnu-gcc not installed'); t.pass(); return;
  }
  const n = await runNodix(buildGuest('sig-exec'));
  t.is(n.stdout, 'USR1 default=1 flags=0\nUSR2 ignored=1\nHUP blocked=1 pending=1\naltstack disabled=1\n');
  t.is(n.status, 0);
});
