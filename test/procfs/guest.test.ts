// /proc seen from guest programs: userland/tests/proc-self.c (glibc stdio on
// /proc/self/status and maps, writable files, access checks as uid 1000),
// and the userland tools that parse /proc (ps, top, free, uptime, pgrep).
import test from 'ava';
import { buildGuest, haveGcc, requireTools, runNodix } from '../guest/harness.js';
import { bootWithSleeper, haveUserland } from './helpers.js';

test('proc-self: a glibc program checks its Name, Pid, PPid, mappings, VmRSS, writable files and permissions', async (t) => {
  if (!haveGcc) { if (requireTools) throw new Error('riscv64-linux-gnu-gcc missing'); t.log('skipped: riscv64-linux-gnu-gcc not installed'); t.pass(); return; }
  const n = await runNodix(buildGuest('proc-self'));
  const fails = n.stdout.split('\n').filter((l) => l.startsWith('FAIL'));
  t.deepEqual(fails, []);
  t.true(n.stdout.includes('ok status Pid\n'));
  t.true(n.stdout.includes('ok maps lists a file mapping r--s at offset 0x1000 with its path\n'));
  t.true(n.stdout.includes('ok VmRSS grows by the 2 MiB touched\n'));
  t.true(n.stdout.includes('ok a child blocked in read is S (sleeping)\n'));
  t.true(n.stdout.includes('ok task/ lists both threads\n'));
  t.true(n.stdout.includes('ok status NoNewPrivs, Seccomp and Seccomp_filters follow prctl\n'));
  t.true(n.stdout.includes('ok task/<tid>/stat shows the thread\'s tid, comm and state\n'));
  t.true(n.stdout.endsWith('PASSED\n'));
  t.is(n.status, 0);
  t.deepEqual(n.log.filter((l) => l.includes('Oops')), []);
});

async function tool(argv: string[]): Promise<{ out: string; pid: number; status: unknown }> {
  const { b, host, pid } = await bootWithSleeper();
  const r = await b.runProgram(`/bin/${argv[0]}`, argv, { envp: ['PATH=/bin', 'TERM=dumb', 'COLUMNS=120'] });
  return { out: host.stdout(), pid, status: r };
}

const noUserland = (t: { log(s: string): void; pass(): void }): boolean => {
  if (haveUserland) return false;
  t.log('skipped: userland/bin not built'); t.pass(); return true;
};

test('ps and ps aux list the sleeping process with its state, size and command line', async (t) => {
  if (noUserland(t)) return;
  let r = await tool(['ps']);
  t.deepEqual(r.status, { status: 0 });
  t.regex(r.out, new RegExp(`^ +${r.pid} \\? +00:00:00 sleep$`, 'm'));
  r = await tool(['ps', 'aux']);
  t.regex(r.out, /^USER +PID %CPU %MEM +VSZ +RSS TTY +STAT START +TIME COMMAND$/m);
  t.regex(r.out, new RegExp(`^root +${r.pid} +\\d+\\.\\d +\\d+\\.\\d +[1-9]\\d* +[1-9]\\d* \\? +S\\S* .* sleep 1000$`, 'm'));
  t.regex(r.out, /^root +\d+ .* R\S* .* ps aux$/m);
});

test('free reports MemTotal and MemFree from /proc/meminfo', async (t) => {
  if (noUserland(t)) return;
  const r = await tool(['free']);
  t.deepEqual(r.status, { status: 0 });
  const m = /^Mem: +(\d+) +(\d+) +(\d+)/m.exec(r.out);
  t.truthy(m);
  t.is(Number(m![1]), 262144);
  t.is(Number(m![1]), Number(m![2]) + Number(m![3]));
});

test('uptime, pgrep and top -b parse /proc', async (t) => {
  if (noUserland(t)) return;
  let r = await tool(['uptime']);
  t.regex(r.out, /up .*load average: \d+\.\d\d, \d+\.\d\d, \d+\.\d\d\n$/);
  r = await tool(['pgrep', 'sleep']);
  t.is(r.out, `${r.pid}\n`);
  r = await tool(['top', '-b', '-n', '1']);
  t.regex(r.out, /^Tasks: +2 total, +1 running, +1 sleeping, +0 stopped, +0 zombie$/m);
  t.regex(r.out, new RegExp(`^ +${r.pid} root +20 +0 +\\d+ +\\d+ S .* sleep$`, 'm'));
});
