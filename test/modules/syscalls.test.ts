// init_module/finit_module/delete_module from a glibc program: the errno
// contract (userland/tests/modinit.c).
import test from 'ava';
import { readFileSync } from 'node:fs';
import { buildGuest, haveGcc, requireTools } from '../guest/harness.js';
import { bootWithModules, dmesg } from './helpers.js';

test('module syscalls: EEXIST, ENOEXEC, EFAULT, EINVAL, EBADF, ENOENT, EPERM', async (t) => {
  if (!haveGcc) { if (requireTools) throw new Error('riscv64-linux-gnu-gcc missing'); t.log('skipped: riscv64-linux-gnu-gcc not installed'); t.pass(); return; }
  const x = bootWithModules();
  x.m.kernel.rootfs.addFile('/bin/modinit', readFileSync(buildGuest('modinit')), 0o755);
  const r = await x.m.runProgram('/bin/modinit', ['modinit']);
  t.deepEqual(r, { status: 0 }, x.host.stderr());
  t.is(x.host.stdout(), [
    'init_module: ok', 'again: File exists', 'garbage: Exec format error', 'bad pointer: Bad address', 'finit bad flags: Invalid argument',
    'finit bad fd: Bad file descriptor', 'delete bad flags: Invalid argument', 'delete: ok', 'delete again: No such file or directory',
    'finit: ok', 'user init: Operation not permitted', 'user delete: Operation not permitted', '',
  ].join('\n'));
  t.regex(dmesg(x), /hello: raw, world/);
  t.regex(dmesg(x), /init_module: invalid module format/);
});
