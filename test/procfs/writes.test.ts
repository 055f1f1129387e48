// Writable /proc files: a valid value is applied, garbage is rejected with
// EINVAL and nothing changes; read-only files refuse writes.
import test from 'ava';
import { boot } from '../../core/boot.js';
import { writeProcFile } from '../../procfs/index.js';
import { bootWithSleeper, haveUserland, procText, procWrite, userlandFiles } from './helpers.js';
import { MemoryHost } from '../../core/kernel/host.js';

const skipNoUserland = (t: { log(s: string): void; pass(): void }): boolean => {
  if (haveUserland) return false;
  t.log('skipped: userland/bin not built'); t.pass(); return true;
};

test('oom_score_adj: -1000..1000 with surrounding white space; garbage is EINVAL and changes nothing', async (t) => {
  if (skipNoUserland(t)) return;
  const { b, pid } = await bootWithSleeper();
  const f = `/proc/${pid}/oom_score_adj`;
  for (const g of ['', 'abc', '1001', '-1001', '1e3', '0x10', '5 5', '5x', '\0', '99999999999999999999', '+', '--1']) {
    t.is(procWrite(b, f, g), 'EINVAL', JSON.stringify(g));
    t.is(procText(b, f), '0\n');
  }
  t.is(procWrite(b, f, ' 300\n'), 5);
  t.is(procText(b, f), '300\n');
  t.is(b.kernel.procs.get(pid)!.oomScoreAdj, 300);
  t.is(procWrite(b, f, '-1000'), 5);
  t.is(procText(b, `/proc/${pid}/oom_score`), '0\n');
});

test('randomize_va_space: 0, 1, 2 switch ASLR; anything else is EINVAL and leaves it', (t) => {
  const b = boot({});
  const f = '/proc/sys/kernel/randomize_va_space';
  t.true(b.kernel.aslr);
  for (const g of ['', '3', '-1', 'two', '1.5', '0 1', '0x0', '\n']) {
    t.is(procWrite(b, f, g), 'EINVAL', JSON.stringify(g));
    t.true(b.kernel.aslr);
    t.is(procText(b, f), '2\n');
  }
  t.is(procWrite(b, f, '0\n'), 2);
  t.false(b.kernel.aslr);
  t.is(procText(b, f), '0\n');
  t.is(procWrite(b, f, '1'), 1);
  t.true(b.kernel.aslr);
  t.is(procText(b, f), '1\n');
});

test('hostname: the first line, up to 64 bytes; longer, NUL or invalid UTF-8 is EINVAL', (t) => {
  const b = boot({ deterministic: true });
  const f = '/proc/sys/kernel/hostname';
  for (const g of ['h'.repeat(65), 'a\0b']) {
    t.is(procWrite(b, f, g), 'EINVAL');
    t.is(b.kernel.hostname, 'nodix');
  }
  t.is((writeProcFile(b.kernel, f, new Uint8Array([0xff, 0xfe])) as { name?: string }).name, 'EINVAL');
  t.is(b.kernel.hostname, 'nodix');
  t.is(procWrite(b, f, 'box\n'), 4);
  t.is(b.kernel.hostname, 'box');
  t.is(procText(b, f), 'box\n');
  t.is(procWrite(b, f, 'h'.repeat(64)), 64);
  t.is(b.kernel.hostname.length, 64);
});

test('comm: cut to 15 bytes, per thread under task/', async (t) => {
  if (skipNoUserland(t)) return;
  const { b, pid } = await bootWithSleeper();
  t.is(procWrite(b, `/proc/${pid}/comm`, 'abcdefghijklmnopqrstuvwxyz'), 26);
  t.is(procText(b, `/proc/${pid}/comm`), 'abcdefghijklmno\n');
  t.regex(procText(b, `/proc/${pid}/stat`), /^\d+ \(abcdefghijklmno\) S /);
  t.is(procWrite(b, `/proc/${pid}/task/${pid}/comm`, 'worker'), 6);
  t.is(procText(b, `/proc/${pid}/comm`), 'worker\n');
});

test('mem: a write to an unmapped address is EIO; read-only files refuse writes with EINVAL', async (t) => {
  if (skipNoUserland(t)) return;
  const { b, pid } = await bootWithSleeper();
  for (const f of [`/proc/${pid}/status`, `/proc/${pid}/stat`, `/proc/${pid}/maps`, '/proc/meminfo', '/proc/sys/kernel/ostype', '/proc/sys/kernel/pid_max', '/proc/uptime']) {
    t.is(procWrite(b, f, '1'), 'EINVAL', f);
  }
  const before = procText(b, `/proc/${pid}/status`);
  t.is(procWrite(b, `/proc/${pid}/mem`, 'x'), 'EIO'); // offset 0 is never mapped
  t.is(procText(b, `/proc/${pid}/status`).split('\n')[0], before.split('\n')[0]);
});

test('sh: echo of a bad value into randomize_va_space fails with the error and status 1; the text never reaches the terminal', async (t) => {
  if (skipNoUserland(t)) return;
  const host = new MemoryHost('');
  const b = boot({ host, files: userlandFiles(), deterministic: true });
  const r = await b.runProgram('/bin/sh', ['sh', '-c', 'echo 5 > /proc/sys/kernel/randomize_va_space; echo "st=$?"; cat /proc/sys/kernel/randomize_va_space'], { envp: ['PATH=/bin'] });
  t.deepEqual(r, { status: 0 });
  t.is(host.stdout(), 'st=1\n0\n');
  t.is(host.stderr(), 'sh: 1: echo: echo: I/O error\n'); // dash's wording
});
