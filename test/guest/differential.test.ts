// Differential guest tests: each userland/tests program runs on qemu-riscv64
// and on nodix (boot() in-process); stdout and exit status must match.
// execve is checked against a golden transcript because qemu-user cannot
// execve a riscv64 binary without binfmt_misc.
import test from 'ava';
import { assertSameAsQemu, buildGuest, runNodix, runQemu, skipUnlessTools } from './harness.js';

const programs = ['hello', 'threads', 'fork_wait', 'cow', 'shared_mmap', 'mprotect_fault', 'brk', 'futex', 'clocks', 'pipe', 'mmap_misc', 'preempt', 'files', 'sync', 'poll_pipe', 'futex2'];


for (const name of programs) {
  test(`${name}: nodix prints what qemu-riscv64 prints`, async (t) => {
    await assertSameAsQemu(t, name);
  });
}

test('execve: argv and envp reach the new image (golden transcript)', async (t) => {
  if (skipUnlessTools(t, false)) return;
  const n = await runNodix(buildGuest('execve'));
  t.is(n.stdout, [
    'child argc=5', 'argv[1]=child', 'argv[2]=two words', 'argv[3]=', 'argv[4]=last',
    'env FOO=bar', 'env EMPTY=', 'env X=1=2', 'FOO=bar', 'exec child exit 5', 'missing: -1 ENOENT', '',
  ].join('\n'));
  t.is(n.status, 0);
});

test('a program killed by SIGSEGV reports 128+11 like qemu', async (t) => {
  if (skipUnlessTools(t, true)) return;
  const bin = buildGuest('segv');
  const q = runQemu(bin);
  const n = await runNodix(bin);
  t.is(q.status, 139);
  t.is(n.status, 139);
  t.is(n.stdout, q.stdout);
});

test('garbage arguments to every syscall give errno values, never an oops', async (t) => {
  if (skipUnlessTools(t, false)) return;
  const n = await runNodix(buildGuest('garbage'));
  t.deepEqual(n.log.filter((l) => l.includes('Oops')), []);
  t.regex(n.stdout, /done \d+ calls, errors seen/);
  t.is(n.status, 0);
});

test('stdin: console input reaches a reader line by line, then EOF (same as qemu)', async (t) => {
  if (skipUnlessTools(t, true)) return;
  const bin = buildGuest('stdin');
  const input = 'hello\nsecond line\nlast without newline';
  const q = runQemu(bin, [], input);
  const n = await runNodix(bin, [], input);
  t.is(n.stdout, q.stdout);
  t.is(n.status, q.status);
});

test('vfork shares memory until _exit; posix_spawn runs a child and reports ENOENT (golden: qemu-user fakes vfork with fork)', async (t) => {
  if (skipUnlessTools(t, false)) return;
  const n = await runNodix(buildGuest('spawn'));
  t.is(n.stdout, 'spawned child says hi\nvfork: exit 4, parent sees 2\nposix_spawn: exit 7\nposix_spawn missing: 2\n');
});

test('orphans are reparented to init (pid 1) and reaped by it', async (t) => {
  if (skipUnlessTools(t, false)) return;
  const n = await runNodix(buildGuest('orphan'));
  t.is(n.stdout, 'i am pid 1\norphan ppid=1\nreaped orphan: 1\n');
});

test('fork and execve from a multi-threaded process (golden)', async (t) => {
  if (skipUnlessTools(t, false)) return;
  const n = await runNodix(buildGuest('mtexec'));
  t.is(n.stdout, 'forked child alone\nchild exit 6\nnew image, pid same: 1\n');
  t.is(n.status, 0);
});

test('robust mutexes: the kernel marks a dead owner\'s futex OWNER_DIED (golden: qemu-user has no robust lists)', async (t) => {
  if (skipUnlessTools(t, false)) return;
  const n = await runNodix(buildGuest('robust_mutex'));
  t.is(n.stdout, 'lock after owner died: EOWNERDEAD\nrelock: 0\n');
});

test('execve from a non-main thread: other threads die, the caller becomes the leader (golden)', async (t) => {
  if (skipUnlessTools(t, false)) return;
  const n = await runNodix(buildGuest('thread_exec'));
  t.is(n.stdout, 'new image: tid == pid: 1\n');
  t.is(n.status, 3);
});

test('re-executing /proc/self/exe repeatedly keeps naming the real file', async (t) => {
  if (skipUnlessTools(t, false)) return;
  const n = await runNodix(buildGuest('bench_exec'), ['3']);
  t.regex(n.stdout, /^\d+\.\d\n$/);
  t.is(n.status, 0);
});
