// eBPF programs attached to the probe registry's tracepoints (fork, exec, exit,
// sched_switch, user page faults, sys_exit, signal delivery of SIGUSR1; a default-ignored SIGCHLD is dropped at send, as Linux) and to a kprobe on a kernel symbol
// (__riscv_sys_getppid, its first argument read from pt_regs), from a guest
// program (userland/tests/bpf-trace.c); closing the links detaches them, and
// once the program has exited no probe, program or map is left in the kernel.
import test from 'ava';
import { readFileSync } from 'node:fs';
import { boot } from '../../core/boot.js';
import { MemoryHost } from '../../core/kernel/host.js';
import { listProbes } from '../../core/kernel/module/hooks.js';
import { bpfState } from '../../core/kernel/bpf/objects.js';
import { buildGuest, haveGcc, requireTools } from '../guest/harness.js';

test('tracepoints and a kprobe count what the guest does; nothing is left after exit', async (t) => {
  if (!haveGcc) { if (requireTools) throw new Error('riscv64-linux-gnu-gcc missing'); t.log('skipped: riscv64-linux-gnu-gcc not installed'); t.pass(); return; }
  const host = new MemoryHost('');
  const b = boot({ host, files: { '/bin/bpf-trace': readFileSync(buildGuest('bpf-trace')) } });
  const r = await b.runProgram('/bin/bpf-trace', ['/bin/bpf-trace'], { envp: ['PATH=/bin'] });
  t.deepEqual(r, { status: 0 }, host.stderr() + b.kernel.log.join('\n'));
  t.is(host.stdout(), 'fork 1 exec 1 exit 1 switch>0 1 faults>=16 1 sys_exit>10 1 signals 1 handled 1 getppid 1 arg 4242\ndetached yes\n');
  t.deepEqual(listProbes(b.kernel).filter((p) => p.owner === 'bpf'), []);
  const s = bpfState(b.kernel);
  t.is(s.progs.size, 0);
  t.is(s.maps.size, 0);
});
