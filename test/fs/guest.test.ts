// Differential tests of the files issue: userland/tests/fs-*.c run under
// qemu-riscv64 (host Linux files in a scratch dir under /tmp) and under nodix
// (tmpfs); their transcripts must be identical.
import test from 'ava';
import { assertSameAsQemu, buildGuest, haveGcc, requireTools, runNodix } from '../guest/harness.js';


for (const name of ['fs-io', 'fs-path', 'fs-perm', 'fs-pipe', 'fs-attr']) {
  test(`${name}: nodix prints what qemu-riscv64 prints`, async (t) => {
    await assertSameAsQemu(t, name);
  });
}

test('fs-dup: dup/dup3/fcntl, record locks between processes, close-on-exec across execve (golden)', async (t) => {
  if (!haveGcc) { if (requireTools) throw new Error('riscv64-linux-gnu-gcc missing'); t.log('skipped: riscv64-linux-gnu-gcc not installed'); t.pass(); return; }
  const n = await runNodix(buildGuest('fs-dup'));
  t.is(n.stdout, [
    'dup2 to 5: 5', 'dup3 cloexec to 6: 6', 'fcntl dupfd_cloexec 7: 7', 'getfd 6: 1', 'getfd 5: 0', 'dup3 same: EINVAL',
    'dup2 same: 5', 'dup3 bad flag: EINVAL', 'dup bad: EBADF', 'close bad: EBADF', 'getfl: 2', 'getfl after setfl: 3074',
    'setlk: OK', 'child setlk conflict: EAGAIN', 'getlk type 1 start 0 len 2 pid-is-parent 1', 'child setlk free range: OK',
    'child setlkw waits: OK', 'close_range cloexec: 0', 'after exec: fd5 open fd6 EBADF fd7 EBADF', 'fd5 reads [data]', '',
  ].join('\n'));
  t.is(n.status, 0);
});
