// seccomp inside nodix: userland/tests/seccomp.c (glibc). Expected lines are
// Linux's behaviour; qemu-riscv64 cannot serve as the reference here, since
// qemu-user answers seccomp(2) with ENOSYS and ignores PR_SET_SECCOMP (checked
// below, so the test notices if that changes).
import test from 'ava';
import { buildGuest, haveGcc, haveQemu, requireTools, runNodix, runQemu } from '../guest/harness.js';

const skip = (t: { log: (s: string) => void; pass: () => void }): boolean => {
  if (haveGcc) return false;
  if (requireTools) throw new Error('riscv64-linux-gnu-gcc missing');
  t.log('skipped: riscv64-linux-gnu-gcc not installed'); t.pass();
  return true;
};

test('classic filter: EPERM, kill, arch check, inherited by fork and execve; strict mode; action probe', async (t) => {
  if (skip(t)) return;
  const bin = buildGuest('seccomp');
  const r = await runNodix(bin);
  t.is(r.status, 0, r.stderr + r.log.join('\n'));
  const out = r.stdout.replace(/getppid \d+ Success/g, 'getppid N Success');
  t.is(out, [
    'nnp 0',
    'action avail 0',
    'bogus action -1 Operation not supported',
    'set nnp 0, nnp 1',
    'install 0',
    'mode 2',
    'getppid -1 Operation not permitted',
    'getpid ok 1',
    'grandchild getppid -1 Operation not permitted',
    'grandchild: exit 0',
    'after exec: getppid -1 Operation not permitted, mode 2',
    'exec child: exit 3',
    'filtered child: killed by 31',
    'parent getppid ok 1',
    'strict: write ok',
    'strict child: killed by 9',
    '',
  ].join('\n'));
  if (haveQemu) {
    const q = runQemu(bin);
    t.log(q.stdout.includes('install -1') ? 'qemu-riscv64: seccomp unavailable in qemu-user (as expected)' : 'qemu-riscv64 now supports seccomp: compare');
  }
});

test('eBPF seccomp filter (program type 0x10001) through SECCOMP_FILTER_FLAG_NODIX_EBPF', async (t) => {
  if (skip(t)) return;
  const r = await runNodix(buildGuest('seccomp'), ['ebpf']);
  t.is(r.status, 0, r.stderr + r.log.join('\n'));
  t.is(r.stdout, 'ebpf load ok\nebpf install 0\ngetppid -1 Permission denied\ngetpid ok 1\n');
});
