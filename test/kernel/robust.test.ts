// Robustness and determinism: the OOM killer kills the biggest process and
// the kernel goes on; a host exception in a syscall is an oops (task killed,
// kernel alive); deterministic mode reproduces times, randomness and layout.
import test from 'ava';
import { readFileSync } from 'node:fs';
import { boot } from '../../core/boot.js';
import { MemoryHost } from '../../core/kernel/host.js';
import { buildGuest, haveGcc, requireTools } from '../guest/harness.js';

function needGcc(t: { log(s: string): void; pass(): void }): boolean {
  if (haveGcc) return true;
  if (requireTools) throw new Error('riscv64-linux-gnu-gcc missing (NODIX_REQUIRE_TOOLS=1)');
  t.log('skipped: riscv64-linux-gnu-gcc not installed');
  t.pass();
  return false;
}

test('OOM: the largest process is killed with SIGKILL and the kernel keeps running', async (t) => {
  if (!needGcc(t)) return;
  const host = new MemoryHost();
  const b = boot({ host, memory: 32 * 1024 * 1024, files: { '/bin/hog': readFileSync(buildGuest('hog')), '/bin/args': readFileSync(buildGuest('args')) } });
  const r = await b.runProgram('/bin/hog', ['hog']);
  t.deepEqual(r, { status: 9 });
  t.true(b.kernel.log.some((l) => l.includes('Out of memory: Killed process')));
  const free = b.kernel.frames.freeCount;
  t.true(free > b.kernel.frames.usableCount / 2, 'the victim’s memory came back');
  const r2 = await b.runProgram('/bin/args', ['args', 'after']);
  t.deepEqual(r2, { status: 2 << 8 });
  t.true(host.stdout().endsWith('[args]\n[after]\n'));
});

test('oops: a host exception inside a syscall kills the task with SIGKILL, logs, and the kernel lives on', async (t) => {
  if (!needGcc(t)) return;
  const host = new MemoryHost();
  const b = boot({ host, files: { '/bin/getpid': readFileSync(buildGuest('bench_getpid')), '/bin/args': readFileSync(buildGuest('args')) } });
  const k = b.kernel;
  const orig = k.syscalls[172]!;
  k.syscalls[172] = { ...orig, handler: () => { throw new TypeError('injected bug'); } };
  const r = await b.runProgram('/bin/getpid', ['getpid', '10']);
  t.deepEqual(r, { status: 9 });
  t.true(k.log.some((l) => l.includes('Oops: syscall getpid: injected bug')));
  t.true(k.log.some((l) => /PID: \d+ Comm: getpid/.test(l)));
  k.syscalls[172] = orig;
  t.deepEqual(await b.runProgram('/bin/getpid', ['getpid', '10']), { status: 0 });
});

test('deterministic mode: the same seed gives the same times, random bytes and addresses; another seed differs', async (t) => {
  if (!needGcc(t)) return;
  const bin = readFileSync(buildGuest('det'));
  const once = async (seed: number, aslr: boolean) => {
    const host = new MemoryHost();
    const b = boot({ host, deterministic: true, seed, aslr, files: { '/bin/det': bin } });
    await b.runProgram('/bin/det', ['det']);
    return host.stdout();
  };
  const a = await once(5, true), b2 = await once(5, true), c = await once(6, true);
  t.is(a, b2);
  t.not(a.split(' ')[2], c.split(' ')[2], 'random bytes follow the seed');
  t.regex(a, /^\d+\.\d{9} 1700000000 [0-9a-f]{16} 0x[0-9a-f]+ 0x[0-9a-f]+\n$/);
  const n1 = await once(5, false), n2 = await once(6, false);
  t.is(n1.split(' ').slice(3).join(' '), n2.split(' ').slice(3).join(' '), 'without ASLR the layout does not depend on the seed');
});

test('two programs waited for concurrently both complete (one shared driver)', async (t) => {
  if (!needGcc(t)) return;
  const host = new MemoryHost();
  const b = boot({ host, files: { '/bin/args': readFileSync(buildGuest('args')), '/bin/clocks': readFileSync(buildGuest('clocks')) } });
  const p1 = b.spawn('/bin/clocks', ['clocks']) as number;
  const p2 = b.spawn('/bin/args', ['args', 'x']) as number;
  const [s1, s2] = await Promise.all([b.wait(p1), b.wait(p2)]);
  t.is(s1, 0);
  t.is(s2, 2 << 8);
  t.true(host.stdout().includes('[x]\n') && host.stdout().includes('monotonic: 1\n'));
});

test('preemption comes from the CLINT timer interrupt (and still works with budget slices only)', async (t) => {
  if (!needGcc(t)) return;
  const bin = readFileSync(buildGuest('preempt'));
  for (const timer of [true, false]) {
    const host = new MemoryHost();
    const b = boot({ host, timer, files: { '/bin/preempt': bin } });
    t.deepEqual(await b.runProgram('/bin/preempt', ['preempt']), { status: 0 });
    t.is(host.stdout(), 'parent saw the flag after spinning: 1\nkilled spinner: 9\n');
    if (timer) t.true(b.kernel.timerInterrupts > 0, 'slices ended by the timer interrupt');
    else t.is(b.kernel.timerInterrupts, 0);
  }
});

test('deterministic mode: sleeps skip virtual time instead of waiting, and clocks stay consistent', async (t) => {
  if (!needGcc(t)) return;
  const host = new MemoryHost();
  const b = boot({ host, deterministic: true, files: { '/bin/clocks': readFileSync(buildGuest('clocks')) } });
  const t0 = Date.now();
  t.deepEqual(await b.runProgram('/bin/clocks', ['clocks']), { status: 0 });
  t.is(host.stdout(), 'monotonic: 1\nslept >= 30ms: 1\nabs sleep: 1\ngetres: 1\nrealtime sane: 1\ncputime advances: 1\n');
  t.true(b.kernel.monotonicNs() >= 50e6, 'virtual time covers both sleeps');
  t.log(`host time ${Date.now() - t0} ms`);
});

test('deterministic mode: the seed drives the interleaving of competing processes, reproducibly', async (t) => {
  if (!needGcc(t)) return;
  const bin = readFileSync(buildGuest('interleave'));
  const once = async (seed: number) => {
    const host = new MemoryHost();
    const b = boot({ host, deterministic: true, seed, files: { '/bin/interleave': bin } });
    t.deepEqual(await b.runProgram('/bin/interleave', ['interleave']), { status: 0 });
    return host.stdout();
  };
  const a = await once(1), a2 = await once(1);
  t.is(a, a2, 'same seed, same interleaving');
  const others = await Promise.all([2, 3, 4, 5].map(once));
  t.true(others.some((o) => o !== a), 'some other seed interleaves differently');
});

test('an exception out of the hart is contained like an oops: the task dies, the kernel goes on', async (t) => {
  if (!needGcc(t)) return;
  const host = new MemoryHost();
  const b = boot({ host, files: { '/bin/args': readFileSync(buildGuest('args')) } });
  const hart = b.hart as unknown as { run(n: number): number };
  const real = hart.run.bind(hart);
  let armed = true;
  hart.run = (n: number) => { if (armed) { armed = false; throw new Error('emulator bug'); } return real(n); };
  t.deepEqual(await b.runProgram('/bin/args', ['args']), { status: 9 });
  t.true(b.kernel.log.some((l) => l.includes('Oops: hart: emulator bug')));
  t.deepEqual(await b.runProgram('/bin/args', ['args', 'ok']), { status: 2 << 8 });
});

test('OOM inside a syscall (read into untouched memory) also runs the OOM killer', async (t) => {
  if (!needGcc(t)) return;
  const host = new MemoryHost();
  const b = boot({ host, memory: 32 * 1024 * 1024, files: { '/bin/hog': readFileSync(buildGuest('hog_read')) } });
  t.deepEqual(await b.runProgram('/bin/hog', ['hog']), { status: 9 });
  t.true(b.kernel.log.some((l) => l.includes('Out of memory: Killed process')));
  t.is(host.stdout(), '');
});
