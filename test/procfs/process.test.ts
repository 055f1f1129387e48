// /proc/[pid] files: each file's layout (field order, separators, padding,
// units) against proc(5)/Documentation/filesystems/proc.rst and against the
// host's own /proc file of the same name, and its values against kernel state.
import test from 'ava';
import { bootWithSleeper, haveUserland, hostProc, inOrder, keysOf, procBytes, procError, procText, userlandFiles } from './helpers.js';
import { boot } from '../../core/boot.js';
import { MemoryHost } from '../../core/kernel/host.js';
import { requireTools } from '../guest/harness.js';

const skip = (t: { log(s: string): void; pass(): void }): boolean => {
  if (haveUserland) return false;
  if (requireTools) throw new Error('userland/bin missing');
  t.log('skipped: userland/bin/sleep not built'); t.pass(); return true;
};

test('status: keys in Linux order, tab separators, Vm lines "%8lu kB", values from the kernel', async (t) => {
  if (skip(t)) return;
  const { b, pid } = await bootWithSleeper();
  const s = procText(b, `/proc/${pid}/status`);
  const keys = keysOf(s);
  // Documented order (fs/proc/array.c), riscv64: no x86-only lines.
  const doc = ['Name', 'Umask', 'State', 'Tgid', 'Ngid', 'Pid', 'PPid', 'TracerPid', 'Uid', 'Gid', 'FDSize', 'Groups', 'NStgid', 'NSpid', 'NSpgid', 'NSsid',
    'Kthread', 'VmPeak', 'VmSize', 'VmLck', 'VmPin', 'VmHWM', 'VmRSS', 'RssAnon', 'RssFile', 'RssShmem', 'VmData', 'VmStk', 'VmExe', 'VmLib', 'VmPTE',
    'VmSwap', 'HugetlbPages', 'CoreDumping', 'THP_enabled', 'Threads', 'SigQ', 'SigPnd', 'ShdPnd', 'SigBlk', 'SigIgn', 'SigCgt', 'CapInh', 'CapPrm',
    'CapEff', 'CapBnd', 'CapAmb', 'NoNewPrivs', 'Seccomp', 'Seccomp_filters', 'Speculation_Store_Bypass', 'SpeculationIndirectBranch',
    'Cpus_allowed', 'Cpus_allowed_list', 'Mems_allowed', 'Mems_allowed_list', 'voluntary_ctxt_switches', 'nonvoluntary_ctxt_switches'];
  t.deepEqual(keys, doc);
  const host = hostProc('self/status');
  if (host !== null) t.deepEqual(inOrder(keys, keysOf(host)), [], 'every key exists on the host, in the same order');
  for (const line of s.trimEnd().split('\n')) t.regex(line, /^[A-Za-z_]+:\t/, line);
  t.regex(s, /^Name:\tsleep\n/);
  t.regex(s, /\nState:\tS \(sleeping\)\n/);
  t.regex(s, new RegExp(`\\nTgid:\\t${pid}\\nNgid:\\t0\\nPid:\\t${pid}\\nPPid:\\t0\\n`));
  t.regex(s, /\nUid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\n/);
  t.regex(s, /\nVmRSS:\t {0,7}\d{1,8} kB\n/);
  const vmsize = Number(/VmSize:\s+(\d+) kB/.exec(s)![1]);
  t.is(vmsize * 1024, b.kernel.procs.get(pid)!.mm.totalVm);
  const rss = Number(/VmRSS:\s+(\d+) kB/.exec(s)![1]);
  t.is(rss, b.kernel.procs.get(pid)!.mm.rss * 4);
  t.regex(s, /\nSigBlk:\t[0-9a-f]{16}\n/);
  t.regex(s, /\nThreads:\t1\n/);
});

test('stat: 52 fields like the host, comm in parentheses, state, ppid, times in ticks, vsize and rss', async (t) => {
  if (skip(t)) return;
  const { b, pid } = await bootWithSleeper();
  const s = procText(b, `/proc/${pid}/stat`);
  t.true(s.endsWith('\n'));
  const m = /^(\d+) \((.*)\) (.*)\n$/.exec(s)!;
  t.is(Number(m[1]), pid);
  t.is(m[2], 'sleep');
  const f = m[3].split(' ');
  t.is(f.length + 2, 52);
  const host = hostProc('self/stat');
  if (host !== null) t.is(host.slice(host.lastIndexOf(')') + 2).trim().split(' ').length, f.length);
  t.is(f[0], 'S');
  t.is(f[1], '0'); // ppid: spawned by the embedder
  t.is(Number(f[20]), b.kernel.procs.get(pid)!.mm.totalVm); // vsize (field 23)
  t.is(Number(f[21]), b.kernel.procs.get(pid)!.mm.rss); // rss pages (24)
  t.is(f[22], '18446744073709551615'); // rsslim
  t.is(f[35], '17'); // exit_signal (38)
  t.is(f[17], '1'); // num_threads (20)
  t.is(f[16], '0'); // nice (19)
  t.is(f[15], '20'); // priority (18)
  t.true(Number(f[25]) > 0); // startstack (28)
});

test('statm: seven page counts; size and resident match the kernel', async (t) => {
  if (skip(t)) return;
  const { b, pid } = await bootWithSleeper();
  const s = procText(b, `/proc/${pid}/statm`);
  t.regex(s, /^\d+ \d+ \d+ \d+ 0 \d+ 0\n$/);
  const host = hostProc('self/statm');
  if (host !== null) t.is(host.trim().split(' ').length, 7);
  const [size, res] = s.split(' ').map(Number);
  t.is(size * 4096, b.kernel.procs.get(pid)!.mm.totalVm);
  t.is(res, b.kernel.procs.get(pid)!.mm.rss);
});

test('maps: "%08lx-%08lx perms offset dev inode", names at column 73, one line per VMA', async (t) => {
  if (skip(t)) return;
  const { b, pid } = await bootWithSleeper();
  const s = procText(b, `/proc/${pid}/maps`);
  const lines = s.trimEnd().split('\n');
  t.is(lines.length, b.kernel.procs.get(pid)!.mm.snapshot().length);
  for (const l of lines) {
    t.regex(l, /^[0-9a-f]{8,}-[0-9a-f]{8,} [r-][w-][x-][ps] [0-9a-f]{8} [0-9a-f]{2}:[0-9a-f]{2} \d+ /, l);
    if (!l.endsWith(' ')) t.is(l.indexOf(l.split(/ +/)[5]), 73, l);
  }
  t.true(lines.some((l) => / r-xp 00000000 00:[0-9a-f]{2} [1-9]\d* +\/bin\/sleep$/.test(l)), 'the text of /bin/sleep with its inode');
  t.true(lines.some((l) => / rw-p 00000000 00:00 0 +\[stack\]$/.test(l)));
  t.true(lines.some((l) => /\[vdso\]$/.test(l)));
  const host = hostProc('self/maps');
  if (host !== null) {
    const named = host.split('\n').find((l) => l.includes('/'))!;
    t.is(named.indexOf('/'), 73, 'the host pads to the same column');
  }
});

test('smaps and smaps_rollup: the host\'s keys, "%-16s%8lu kB", Rss sums to VmRSS', async (t) => {
  if (skip(t)) return;
  const { b, pid } = await bootWithSleeper();
  const s = procText(b, `/proc/${pid}/smaps`);
  const blocks = s.split(/\n(?=[0-9a-f]+-)/);
  t.is(blocks.length, b.kernel.procs.get(pid)!.mm.snapshot().length);
  const keys = keysOf(blocks[0].split('\n').slice(1).join('\n'));
  const host = hostProc('self/smaps');
  if (host !== null) {
    const hb = host.split(/\n(?=[0-9a-f]+-)/)[0];
    t.deepEqual(inOrder(keys, keysOf(hb.split('\n').slice(1).join('\n'))), []);
  }
  for (const l of blocks[0].split('\n').slice(1)) if (l.endsWith(' kB')) t.regex(l, /^[A-Za-z_]+: {1,}\d+ kB$/);
  for (const l of blocks[0].split('\n').slice(1)) if (l.endsWith(' kB')) t.is(l.length, 27, l);
  t.regex(blocks[0], /\nVmFlags:( [a-z]{2})+ \n?$/);
  t.regex(blocks[0], /\nTHPeligible: {11}0\n/);
  if (host !== null) t.regex(host, /\nTHPeligible: {11}[01]\n/);
  const rss = [...s.matchAll(/^Rss: +(\d+) kB$/gm)].reduce((a, m) => a + Number(m[1]), 0);
  t.is(rss, b.kernel.procs.get(pid)!.mm.rss * 4);
  const r = procText(b, `/proc/${pid}/smaps_rollup`);
  t.regex(r, /^[0-9a-f]+-[0-9a-f]+ ---p 00000000 00:00 0 +\[rollup\]\n/);
  t.is(Number(/^Rss: +(\d+) kB$/m.exec(r)![1]), rss);
  const hr = hostProc('self/smaps_rollup');
  if (hr !== null) t.deepEqual(keysOf(r.split('\n').slice(1).join('\n')), keysOf(hr.split('\n').slice(1).join('\n')));
});

test('limits: the host\'s header and row names, columns at 26/47/68', async (t) => {
  if (skip(t)) return;
  const { b, pid } = await bootWithSleeper();
  const s = procText(b, `/proc/${pid}/limits`);
  const lines = s.trimEnd().split('\n');
  t.is(lines.length, 17);
  t.is(lines[0], 'Limit                     Soft Limit           Hard Limit           Units     ');
  t.regex(s, /\nMax stack size {12}8388608 {14}unlimited {12}bytes {5}\n/);
  t.regex(s, /\nMax open files {12}1024 {17}4096 {17}files {5}\n/);
  const host = hostProc('self/limits');
  if (host !== null) {
    const hl = host.trimEnd().split('\n');
    t.is(hl[0], lines[0]);
    t.deepEqual(lines.map((l) => l.slice(0, 25)), hl.map((l) => l.slice(0, 25)));
  }
});

test('io, cgroup, schedstat, wchan, syscall, oom_score, oom_score_adj, cmdline, environ, comm, auxv', async (t) => {
  if (skip(t)) return;
  const { b, pid } = await bootWithSleeper();
  const io = procText(b, `/proc/${pid}/io`);
  t.regex(io, /^rchar: \d+\nwchar: \d+\nsyscr: \d+\nsyscw: \d+\nread_bytes: 0\nwrite_bytes: 0\ncancelled_write_bytes: 0\n$/);
  const hio = hostProc('self/io');
  if (hio !== null) t.deepEqual(keysOf(io), keysOf(hio));
  t.is(procText(b, `/proc/${pid}/cgroup`), '0::/\n');
  t.regex(procText(b, `/proc/${pid}/schedstat`), /^[1-9]\d* 0 [1-9]\d*\n$/);
  const hss = hostProc('self/schedstat');
  if (hss !== null) t.is(hss.trim().split(' ').length, 3);
  t.is(procText(b, `/proc/${pid}/wchan`), 'hrtimer_nanosleep');
  t.regex(procText(b, `/proc/${pid}/syscall`), /^101 0x[0-9a-f]+ 0x[0-9a-f]+ 0x[0-9a-f]+ 0x[0-9a-f]+ 0x[0-9a-f]+ 0x[0-9a-f]+ 0x[0-9a-f]+ 0x[0-9a-f]+\n$/);
  t.regex(procText(b, `/proc/${pid}/oom_score`), /^\d+\n$/);
  t.is(procText(b, `/proc/${pid}/oom_score_adj`), '0\n');
  t.is(procText(b, `/proc/${pid}/cmdline`), 'sleep\x001000\x00');
  t.is(procText(b, `/proc/${pid}/environ`), 'PATH=/bin\x00HOME=/root\x00');
  t.is(procText(b, `/proc/${pid}/comm`), 'sleep\n');
  const auxv = procBytes(b, `/proc/${pid}/auxv`);
  t.is(auxv.length % 16, 0);
  const v = new DataView(auxv.buffer, auxv.byteOffset, auxv.length);
  const pairs = new Map<bigint, bigint>();
  for (let o = 0; o < auxv.length; o += 16) pairs.set(v.getBigUint64(o, true), v.getBigUint64(o + 8, true));
  t.is(pairs.get(6n), 4096n); // AT_PAGESZ
  t.is(v.getBigUint64(auxv.length - 16, true), 0n); // AT_NULL last
});

test('fd/, fdinfo/, exe, cwd, root, task/, mounts, mountinfo', async (t) => {
  if (skip(t)) return;
  const { b, pid } = await bootWithSleeper();
  const vfs = b.kernel.vfs;
  const link = (p: string): string => { const r = vfs.lookup(p, '/', false); return r instanceof Object && 'target' in r ? r.target : String(r); };
  t.is(link(`/proc/${pid}/exe`), '/bin/sleep');
  t.is(link(`/proc/${pid}/cwd`), '/');
  t.is(link(`/proc/${pid}/root`), '/');
  t.regex(link(`/proc/${pid}/fd/0`), /^\/dev\/|^[a-z]+:\[/);
  t.regex(procText(b, `/proc/${pid}/fdinfo/0`), /^pos:\t\d+\nflags:\t0[0-7]+\nmnt_id:\t\d+\nino:\t\d+\n$/);
  const hfi = hostProc('self/fdinfo/0');
  if (hfi !== null) t.deepEqual(inOrder(keysOf(procText(b, `/proc/${pid}/fdinfo/0`)), keysOf(hfi)), []);
  t.is(procError(b, `/proc/${pid}/fd/77`), 'ENOENT');
  t.is(procText(b, `/proc/${pid}/task/${pid}/comm`), 'sleep\n');
  t.is(procError(b, `/proc/${pid}/task/${pid + 100}/comm`), 'ENOENT');
  const mi = procText(b, `/proc/${pid}/mountinfo`);
  for (const l of mi.trimEnd().split('\n')) t.regex(l, /^\d+ \d+ \d+:\d+ \/\S* \/\S* (rw|ro),\S* - \S+ \S+ (rw|ro)\S*$/, l);
  t.regex(mi, / \/proc rw,relatime - proc proc rw\n/);
  t.regex(procText(b, `/proc/${pid}/mounts`), /^rootfs \/ tmpfs rw,relatime 0 0\n/m);
  t.regex(procText(b, `/proc/${pid}/mounts`), /^proc \/proc proc rw,relatime 0 0$/m);
  // /dev is a devtmpfs, as on Linux (its filesystem type, not tmpfs)
  t.regex(procText(b, `/proc/${pid}/mounts`), /^devtmpfs \/dev devtmpfs rw/m);
  t.regex(mi, / \/dev rw,\S* - devtmpfs devtmpfs rw/);
});

test('a process that is gone: its directory disappears', async (t) => {
  if (skip(t)) return;
  const { b, pid } = await bootWithSleeper();
  t.is(procError(b, `/proc/${pid + 50}/status`), 'ENOENT');
  t.is(procError(b, `/proc/abc`), 'ENOENT');
  const r = await b.runProgram('/bin/true', ['true']);
  t.deepEqual(r, { status: 0 });
  t.is(procError(b, `/proc/${pid + 1}/status`), 'ENOENT');
  t.is(procError(b, `/proc/${pid}/status`), null);
});

test('stat tty_nr and tpgid come from the controlling terminal; ps shows the TTY', async (t) => {
  if (skip(t)) return;
  const host = new MemoryHost('', true);
  const b = boot({ host, files: userlandFiles(), deterministic: true });
  // The shell is a session leader; writing to the console makes it the controlling terminal.
  const r = await b.runProgram('/bin/sh', ['sh', '-c', 'echo go; cat /proc/$$/stat; ps'], { envp: ['PATH=/bin'] });
  t.deepEqual(r, { status: 0 });
  const out = host.stdout().split('\n');
  const f = out[1].replace(/^.*\) /, '').split(' ');
  t.is(Number(f[4]), (5 << 8) | 1, 'tty_nr is /dev/console (5,1) in new_encode_dev');
  t.is(Number(f[5]), Number(f[2]), 'tpgid is the foreground group (the shell\'s, no job control under -c)');
  t.regex(host.stdout(), /^\s+\d+ console\s+\d\d:\d\d:\d\d sh$/m);
  t.regex(host.stdout(), /^\s+\d+ console\s+\d\d:\d\d:\d\d ps$/m);
  // Without a terminal: 0 and -1, as for a daemon on Linux.
  const { b: b2, pid } = await bootWithSleeper();
  const g = procText(b2, `/proc/${pid}/stat`).replace(/^.*\) /, '').split(' ');
  t.deepEqual([g[4], g[5]], ['0', '-1']);
  t.regex(procText(b2, `/proc/${pid}/status`), /^TracerPid:\t0$/m);
});
