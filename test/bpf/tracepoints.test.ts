// eBPF programs attached to the probe registry's tracepoints (fork, exec, exit,
// sched_switch, user page faults, sys_exit) and to a kprobe on a kernel symbol
// (__riscv_sys_getppid, its first argument read from pt_regs), from a guest
// program (userland/tests/bpf-trace.c); closing the links detaches them.
import test from 'ava';
import { buildGuest, haveGcc, requireTools, runNodix } from '../guest/harness.js';

test('tracepoints and a kprobe count what the guest does', async (t) => {
  if (!haveGcc) { if (requireTools) throw new Error('riscv64-linux-gnu-gcc missing'); t.log('skipped: riscv64-linux-gnu-gcc not installed'); t.pass(); return; }
  const r = await runNodix(buildGuest('bpf-trace'));
  t.is(r.status, 0, r.stderr + r.log.join('\n'));
  t.is(r.stdout, 'fork 1 exec 1 exit 1 switch>0 1 faults>=16 1 sys_exit>10 1 getppid 1 arg 4242\ndetached yes\n');
});
