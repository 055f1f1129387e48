// bpf(2) from inside nodix: userland/tests/bpf-basic.c (glibc, <linux/bpf.h>)
// exercises maps, PROG_LOAD with the verifier log, PROG_TEST_RUN, trace_pipe,
// object info, ids, freeze, sys_enter attachment and the fd/refcount lifecycle.
import test from 'ava';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildGuest, haveGcc, requireTools, root, runNodix } from '../guest/harness.js';

test('bpf(2): maps, load/verify/log, test run, trace_pipe, ids, attach, lifecycle', async (t) => {
  if (!haveGcc) { if (requireTools) throw new Error('riscv64-linux-gnu-gcc missing'); t.log('skipped: riscv64-linux-gnu-gcc not installed'); t.pass(); return; }
  const r = await runNodix(buildGuest('bpf-basic'));
  t.log(r.stdout);
  t.is(r.status, 0, r.stderr + r.log.join('\n'));
  const lines = r.stdout.split('\n');
  const want = [
    'array create ok', 'update 0', 'lookup 42', 'lookup 9: -1 No such file or directory', 'array keys 4',
    'hash update 0', 'hash noexist again -1 File exists', 'hash delete 0', 'hash lookup deleted -1 No such file or directory',
    "load ok, log has 'processed': yes", 'test_run 0 retval 7 counts[0] 3',
    'prog info 0 type 17 name count insns 12 maps 1', 'map info 0 type 2 key 4 value 8 max 4 name counts',
  ];
  t.deepEqual(lines.slice(0, want.length), want);
  const rest = lines.slice(want.length);
  t.is(rest[0], 'bad load -1 Permission denied, log: 0: (95) exit');
  t.regex(rest[1], /R0 !read_ok/);
  t.true(rest.includes('small log -1 Invalid argument'));
  t.true(rest.includes('printk load ok run 0'));
  t.true(rest.includes('trace_pipe: hello 1234'));
  t.true(rest.includes('prog ids 2'));
  t.true(rest.includes('fd by id ok'));
  t.true(rest.includes('attach ok'));
  // The registry's syscall-entry firing site is wired into trap.ts by MODULES; once it is, the count must be seen.
  const fired = readFileSync(join(root, 'core/kernel/trap.ts'), 'utf8').includes('fireSyscallEnter');
  t.true(rest.includes(`sys_enter count ${fired ? '>=10' : '<10'}, stopped after detach yes`));
  t.true(rest.includes('globals load ok run 0 retval 5 data 10'));
  t.true(rest.includes('store to rodata -1 Permission denied'));
  t.true(rest.includes('freeze 0'));
  t.true(rest.includes('update frozen -1 Operation not permitted'));
  t.true(rest.includes('cycles failed 0, prog ids left 1'));
  t.true(rest.includes('map ids 2 then 0'));
});
