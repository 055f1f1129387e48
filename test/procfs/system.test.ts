// System-wide /proc files: layout against proc(5)/proc.rst and the host's
// own files, values against kernel state (memory, counters, mounts, symbols).
import test from 'ava';
import { boot } from '../../core/boot.js';
import { UTS_RELEASE as SYS_RELEASE } from '../../core/syscalls/misc.js';
import { UTS_RELEASE, UTS_VERSION, formatModules, moduleSource } from '../../procfs/system.js';
import { registerKsym } from '../../core/kernel/ksyms.js';
import { EINVAL } from '../../core/abi/errno.js';
import { extraEntries } from '../../procfs/index.js';
import { bootWithSleeper, haveUserland, hostProc, inOrder, keysOf, procError, procText, procWrite } from './helpers.js';

test('meminfo: host keys in host order, "%-16s%8lu kB", MemTotal/MemFree from the frame allocator', (t) => {
  const b = boot({ deterministic: true, memory: 64 << 20 });
  const s = procText(b, '/proc/meminfo');
  const keys = keysOf(s);
  t.deepEqual(keys.slice(0, 3), ['MemTotal', 'MemFree', 'MemAvailable']);
  const host = hostProc('meminfo');
  if (host !== null) t.deepEqual(inOrder(keys, keysOf(host)), []);
  for (const l of s.trimEnd().split('\n')) t.regex(l, /^[A-Za-z_()]+: +\d+( kB)?$/, l);
  for (const l of s.trimEnd().split('\n')) t.is(l.length, l.endsWith('kB') ? 27 : 24, l);
  t.is(Number(/MemTotal: +(\d+)/.exec(s)![1]), b.kernel.frames.usableCount * 4);
  t.is(Number(/MemFree: +(\d+)/.exec(s)![1]), b.kernel.frames.freeCount * 4);
});

test('stat: cpu lines with 10 columns, intr, ctxt, btime, processes, procs_running, procs_blocked, softirq; counters move', async (t) => {
  if (!haveUserland) { t.log('skipped: userland/bin not built'); t.pass(); return; }
  const { b } = await bootWithSleeper();
  const s = procText(b, '/proc/stat');
  const lines = s.trimEnd().split('\n');
  t.deepEqual(lines.map((l) => l.split(' ')[0]), ['cpu', 'cpu0', 'intr', 'ctxt', 'btime', 'processes', 'procs_running', 'procs_blocked', 'softirq']);
  t.regex(lines[0], /^cpu  (\d+ ){9}\d+$/);
  t.regex(lines[1], /^cpu0 (\d+ ){9}\d+$/);
  const host = hostProc('stat');
  if (host !== null) {
    const hw = new Set(host.split('\n').map((l) => l.split(' ')[0]));
    for (const l of lines) t.true(hw.has(l.split(' ')[0]), l);
    t.is(host.split('\n')[0].split(/ +/).length, lines[0].split(/ +/).length);
    t.is(host.split('\n').find((l) => l.startsWith('softirq'))!.split(' ').length, lines[8].split(' ').length);
  }
  t.true(Number(/^ctxt (\d+)$/m.exec(s)![1]) > 0);
  t.is(Number(/^pgfault (\d+)$/m.exec(procText(b, '/proc/vmstat'))![1]), b.kernel.pageFaults);
  t.true(b.kernel.pageFaults > 0);
  t.is(Number(/^btime (\d+)$/m.exec(s)![1]), Math.floor((b.kernel.realtimeNs() - b.kernel.monotonicNs()) / 1e9));
  t.is(Number(/^procs_running (\d+)$/m.exec(s)![1]), 0);
  const intr = /^intr (.*)$/m.exec(s)![1].split(' ').map(Number);
  t.is(intr[0], intr.slice(1).reduce((a, x) => a + x, 0));
});

test('cpuinfo: the riscv layout (processor, hart, isa, mmu, uarch)', (t) => {
  const b = boot({ deterministic: true });
  const s = procText(b, '/proc/cpuinfo');
  t.deepEqual(keysOf(s).map((k) => k.trimEnd()), ['processor', 'hart', 'isa', 'mmu', 'uarch', 'mvendorid', 'marchid', 'mimpid', 'hart isa']);
  t.regex(s, /^processor\t: 0\nhart\t\t: 0\nisa\t\t: rv64imafdc[_a-z]*\nmmu\t\t: sv39\nuarch\t\t: \S+\n/);
  t.true(s.endsWith('\n\n'));
});

test('uptime, loadavg, version, cmdline, swaps, filesystems, devices, interrupts, vmstat: layouts', (t) => {
  const b = boot({ deterministic: true });
  t.regex(procText(b, '/proc/uptime'), /^\d+\.\d\d \d+\.\d\d\n$/);
  t.regex(procText(b, '/proc/loadavg'), /^\d+\.\d\d \d+\.\d\d \d+\.\d\d \d+\/\d+ \d+\n$/);
  const hl = hostProc('loadavg');
  if (hl !== null) t.regex(hl, /^\d+\.\d\d \d+\.\d\d \d+\.\d\d \d+\/\d+ \d+\n$/);
  t.regex(procText(b, '/proc/version'), /^Linux version \S+ \(\S+@\S+\) \(.*\) #1 .*\n$/);
  t.true(procText(b, '/proc/cmdline').endsWith('\n'));
  const sw = procText(b, '/proc/swaps');
  const hs = hostProc('swaps');
  t.is(sw, 'Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n');
  if (hs !== null) t.is(hs.split('\n')[0] + '\n', sw);
  const fs = procText(b, '/proc/filesystems');
  t.regex(fs, /^nodev\ttmpfs\n/m);
  t.regex(fs, /^nodev\tproc\n/m);
  for (const l of fs.trimEnd().split('\n')) t.regex(l, /^(nodev)?\t\S+$/);
  t.regex(procText(b, '/proc/devices'), /^Character devices:\n {2}1 mem\n(.*\n)*\nBlock devices:\n$/);
  const intr = procText(b, '/proc/interrupts');
  t.regex(intr, /^ {11}CPU0 {7}\n/);
  t.regex(intr, /^ {2}5: +\d+ +RISC-V INTC +5 Edge +riscv-timer$/m);
  t.regex(intr, /^ 10: +\d+ +SiFive PLIC +10 Edge +ttyS0$/m);
  t.regex(intr, /^IPI0: +\d+ +Rescheduling interrupts$/m);
  const vm = procText(b, '/proc/vmstat');
  for (const l of vm.trimEnd().split('\n')) t.regex(l, /^[a-z_]+ \d+$/);
  const hv = hostProc('vmstat');
  if (hv !== null) t.deepEqual(inOrder(vm.trimEnd().split('\n').map((l) => l.split(' ')[0]), hv.split('\n').map((l) => l.split(' ')[0])), []);
  t.is(procText(b, '/proc/modules'), '');
});

test('sys/kernel, sys/vm, sys/fs: values as uname reports them, file-nr three tab-separated numbers', (t) => {
  const b = boot({ deterministic: true });
  t.is(procText(b, '/proc/sys/kernel/ostype'), 'Linux\n');
  t.is(UTS_RELEASE, SYS_RELEASE);
  t.is(procText(b, '/proc/sys/kernel/osrelease'), `${UTS_RELEASE}\n`);
  t.is(procText(b, '/proc/sys/kernel/version'), `${UTS_VERSION}\n`);
  t.is(procText(b, '/proc/sys/kernel/hostname'), 'nodix\n');
  t.is(procText(b, '/proc/sys/kernel/pid_max'), '4194304\n');
  t.is(procText(b, '/proc/sys/kernel/randomize_va_space'), '0\n'); // deterministic boot: ASLR off
  t.is(procText(boot({}), '/proc/sys/kernel/randomize_va_space'), '2\n');
  t.is(procText(b, '/proc/sys/kernel/tainted'), '0\n');
  t.regex(procText(b, '/proc/sys/kernel/threads-max'), /^\d+\n$/);
  t.is(procText(b, '/proc/sys/vm/overcommit_memory'), '0\n');
  t.is(procText(b, '/proc/sys/vm/max_map_count'), '65530\n');
  t.regex(procText(b, '/proc/sys/fs/file-nr'), /^\d+\t0\t\d+\n$/);
  const h = hostProc('sys/fs/file-nr');
  if (h !== null) t.regex(h, /^\d+\t0\t\d+\n$/);
  t.is(procError(b, '/proc/sys/kernel/nope'), 'ENOENT');
});

test('kallsyms: "%016lx T name" sorted by address in the kernel half, syscalls and registered symbols', (t) => {
  const b = boot({ deterministic: true });
  const addr = registerKsym(b.kernel, 'my_probe_target', 'T', 'demo');
  const s = procText(b, '/proc/kallsyms');
  const lines = s.trimEnd().split('\n');
  for (const l of lines) t.regex(l, /^ffffffff[0-9a-f]{8} [TtDd] \S+(\t\[\S+\])?$/, l);
  const addrs = lines.map((l) => BigInt('0x' + l.slice(0, 16)));
  t.deepEqual([...addrs].sort((a, c) => (a < c ? -1 : a > c ? 1 : 0)), addrs);
  t.true(lines.includes(`${addr.toString(16)} T my_probe_target\t[demo]`));
  t.true(lines.some((l) => l.endsWith(' T __riscv_sys_read')));
  t.true(lines.some((l) => l.endsWith(' T schedule')));
});

test('the /proc root lists the system files, self, thread-self and one directory per process', async (t) => {
  if (!haveUserland) { t.log('skipped: userland/bin not built'); t.pass(); return; }
  const { b, host, pid } = await bootWithSleeper();
  const r = await b.runProgram('/bin/ls', ['ls', '/proc']);
  t.deepEqual(r, { status: 0 });
  const names = host.stdout().split(/\s+/);
  for (const n of ['meminfo', 'cpuinfo', 'stat', 'self', 'thread-self', 'sys', 'kallsyms', String(pid)]) t.true(names.includes(n), n);
  t.is(procError(b, `/proc/${pid}`), 'EINVAL'); // a directory has no read
});

test('modules: Linux\'s m_show layout; addresses hidden from non-root; the loader\'s list is shown', (t) => {
  const mods = [
    { name: 'hello', size: 4096, refcount: 1, deps: ['user'], state: 'live', address: 0xffffffffc0000000n, taints: 'OE' },
    { name: 'user', size: 8192, refcount: 0, deps: [], state: 'live', address: 0xffffffffc0002000n, taints: '' },
  ];
  t.is(formatModules(mods, true), 'hello 4096 1 user, Live 0xffffffffc0000000 (OE)\nuser 8192 0 - Live 0xffffffffc0002000\n');
  t.is(formatModules(mods, false), 'hello 4096 1 user, Live 0x0000000000000000 (OE)\nuser 8192 0 - Live 0x0000000000000000\n');
  const host = hostProc('modules');
  if (host !== null && host.length > 0) t.regex(host.split('\n')[0], /^\S+ \d+ \d+ (-|(\S+,)+) (Live|Loading|Unloading) 0x[0-9a-f]+( \(\w+\))?$/);
  const b = boot({ deterministic: true });
  const saved = moduleSource.list;
  moduleSource.list = () => mods.slice(1);
  try { t.is(procText(b, '/proc/modules'), 'user 8192 0 - Live 0xffffffffc0002000\n'); } finally { moduleSource.list = saved; }
});

test('entries a module adds at the root are listed, read and written through its functions', (t) => {
  const b = boot({ deterministic: true });
  let value = 'one';
  const table = new Map([['hello', { read: () => `${value}\n`, write: (s: string) => { if (!/^\w+\n?$/.test(s)) return EINVAL; value = s.trim(); return 0 as const; } }]]);
  const saved = extraEntries.table;
  extraEntries.table = () => table;
  try {
    t.is(procText(b, '/proc/hello'), 'one\n');
    t.is(procWrite(b, '/proc/hello', 'two\n'), 4);
    t.is(procText(b, '/proc/hello'), 'two\n');
    t.is(procWrite(b, '/proc/hello', '!!'), 'EINVAL');
    t.is(value, 'two');
  } finally { extraEntries.table = saved; }
  t.is(procError(b, '/proc/hello'), 'ENOENT');
});
