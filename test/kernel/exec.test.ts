// exec: the initial stack and auxv as Linux lays them out, #! scripts, and
// the errors execve returns (ENOENT, EACCES, ENOEXEC, E2BIG).
import test from 'ava';
import { mkdirSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { boot } from '../../core/boot.js';
import { MemoryHost } from '../../core/kernel/host.js';
import { Errno, E2BIG, EACCES, ENOENT, ENOEXEC } from '../../core/abi/errno.js';
import { copyIn, copyInString } from '../../core/kernel/mm/uaccess.js';
import { AT_ENTRY, AT_EXECFN, AT_PAGESZ, AT_PHDR, AT_PHNUM, AT_RANDOM, AT_SYSINFO_EHDR, AT_HWCAP, AT_PHENT, AT_MINSIGSTKSZ } from '../../core/abi/linux.js';
import { buildGuest, haveGcc, requireTools, root } from '../guest/harness.js';
import { ELF_ET_DYN_BASE } from '../../core/kernel/exec/loader.js';
import { parseElf } from '../../core/lib/elf.js';
import { listProcesses, processSnapshot, systemSnapshot } from '../../core/kernel/snapshot.js';

function needGcc(t: { log(s: string): void; pass(): void }): boolean {
  if (haveGcc) return true;
  if (requireTools) throw new Error('riscv64-linux-gnu-gcc missing (NODIX_REQUIRE_TOOLS=1)');
  t.log('skipped: riscv64-linux-gnu-gcc not installed');
  t.pass();
  return false;
}

const u64 = (b: Uint8Array, off: number) => new DataView(b.buffer, b.byteOffset).getUint32(off + 4, true) * 2 ** 32 + new DataView(b.buffer, b.byteOffset).getUint32(off, true);

test('initial stack: argc, argv, envp, auxv exactly as Linux builds them', (t) => {
  if (!needGcc(t)) return;
  const bytes = readFileSync(buildGuest('args'));
  const b = boot({ files: { '/bin/args': bytes }, aslr: false });
  const pid = b.spawn('/bin/args', ['args', 'one', 'two three'], { envp: ['A=1', 'B=two'] });
  t.is(typeof pid, 'number');
  const task = b.kernel.tasks.get(pid as number)!;
  const mm = task.mm;
  const sp = task.regs[5] * 2 ** 32 + (task.regs[4] >>> 0);
  t.is(sp % 16, 0, 'sp 16-byte aligned');
  const block = copyIn(mm, sp, mm.stackTop - sp) as Uint8Array;
  t.is(u64(block, 0), 3);
  const str = (va: number) => copyInString(mm, va, 256) as string;
  t.deepEqual([1, 2, 3].map((i) => str(u64(block, i * 8))), ['args', 'one', 'two three']);
  t.is(u64(block, 32), 0);
  t.deepEqual([5, 6].map((i) => str(u64(block, i * 8))), ['A=1', 'B=two']);
  t.is(u64(block, 56), 0);
  const aux = new Map<number, number>();
  const order: number[] = [];
  for (let o = 64; ; o += 16) {
    const k = u64(block, o);
    if (k === 0) break;
    aux.set(k, u64(block, o + 8));
    order.push(k);
  }
  const elf = parseElf(bytes);
  if (!elf.ok) { t.fail(); return; }
  t.is(aux.get(AT_ENTRY), elf.elf.header.entry);
  t.is(aux.get(AT_PHNUM), elf.elf.header.phnum);
  t.is(aux.get(AT_PHENT), 56);
  t.is(aux.get(AT_PAGESZ), 4096);
  t.is(aux.get(AT_HWCAP), 0x112d, 'rv64imafdc');
  t.true((aux.get(AT_MINSIGSTKSZ) ?? 0) > 0);
  const phdr = copyIn(mm, aux.get(AT_PHDR)!, 56) as Uint8Array;
  t.deepEqual([...phdr], [...bytes.subarray(elf.elf.header.phoff, elf.elf.header.phoff + 56)], 'AT_PHDR points at the program headers');
  t.is(str(aux.get(AT_EXECFN)!), '/bin/args');
  const rnd = aux.get(AT_RANDOM)!;
  t.true(rnd > sp && rnd < mm.stackTop);
  const vdso = copyIn(mm, aux.get(AT_SYSINFO_EHDR)!, 4) as Uint8Array;
  t.deepEqual([...vdso], [0x7f, 0x45, 0x4c, 0x46], 'AT_SYSINFO_EHDR is an ELF image');
  t.true(b.kernel.vdso.symbols.has('__vdso_clock_gettime') && b.kernel.vdso.sigreturnOffset > 0, 'vDSO exports its entry points');
  t.is(order[0], AT_SYSINFO_EHDR, 'ARCH_DLINFO comes first as on riscv Linux');
  t.is(order[order.length - 1], AT_EXECFN);
  // The strings sit above the auxv, execfn highest, then env, then args.
  t.true(aux.get(AT_EXECFN)! > u64(block, 40) && u64(block, 40) > u64(block, 8));
});

test('execve errors: ENOENT, EACCES for a directory or a non-executable file, ENOEXEC for garbage, E2BIG for huge arguments', (t) => {
  const b = boot({ files: { '/bin/junk': new Uint8Array([1, 2, 3, 4]) } });
  b.kernel.rootfs.addFile('/bin/noexec', new Uint8Array([0x7f, 0x45, 0x4c, 0x46]), 0o644);
  t.is(b.spawn('/bin/missing', ['x']), ENOENT);
  t.is(b.spawn('/bin', ['x']), EACCES);
  t.is(b.spawn('/bin/noexec', ['x']), EACCES);
  t.is(b.spawn('/bin/junk', ['x']), ENOEXEC);
  t.is(b.spawn('/bin/junk', ['x', 'a'.repeat(200_000)]), E2BIG);
  t.is(b.kernel.procs.size, 0, 'failed spawns leave nothing behind');
});

test('execve reads only the headers: a binary cut after its last segment (no section headers) runs, as on Linux', async (t) => {
  const full = readFileSync(join(root, 'userland', 'bin', 'true'));
  const pr = parseElf(full);
  if (!pr.ok) { t.fail(pr.error.message); return; }
  const loads = pr.elf.programHeaders.filter((p) => p.type === 1);
  const end = Math.max(...loads.map((p) => p.offset + p.filesz));
  t.true(pr.elf.header.shoff >= end, 'the section headers follow the segments');
  const host = new MemoryHost();
  const b = boot({ host, files: { '/bin/cut': full.slice(0, end), '/bin/short': full.slice(0, end - 1) } });
  t.deepEqual(await b.runProgram('/bin/cut', ['cut']), { status: 0 });
  t.is(b.spawn('/bin/short', ['short']), ENOEXEC, 'a segment past the end of the file');
});

test('#! scripts run their interpreter with the script path and arguments', async (t) => {
  if (!needGcc(t)) return;
  const host = new MemoryHost();
  const b = boot({ host, files: { '/bin/args': readFileSync(buildGuest('args')), '/bin/script': new TextEncoder().encode('#!/bin/args -x\nignored\n') } });
  const r = await b.runProgram('/bin/script', ['script', 'arg1']);
  t.deepEqual(r, { status: 4 << 8 });
  t.is(host.stdout(), '[/bin/args]\n[-x]\n[/bin/script]\n[arg1]\n');
});

test('a spawn error is a typed Errno', (t) => {
  const b = boot();
  t.true(b.spawn('/nope', []) instanceof Errno);
});

test('snapshots for procfs: identity, argv, VMAs, layout, auxv, fds and system counters', async (t) => {
  if (!needGcc(t)) return;
  const b = boot({ files: { '/bin/args': readFileSync(buildGuest('args')) } });
  const pid = b.spawn('/bin/args', ['args', 'x'], { envp: ['E=1'] }) as number;
  const s = processSnapshot(b.kernel, b.kernel.procs.get(pid)!);
  t.is(s.pid, pid);
  t.is(s.comm, 'args');
  t.is(s.exe, '/bin/args');
  t.deepEqual(s.argv, ['args', 'x']);
  t.deepEqual(s.envp, ['E=1']);
  t.is(s.threads[0].state, 'R');
  const names = s.vm.vmas.map((v) => v.name);
  t.true(names.includes('[stack]') && names.includes('[vdso]') && names.includes('/bin/args'));
  t.true(s.vm.layout.argStart < s.vm.layout.argEnd && s.vm.layout.argEnd <= s.vm.layout.envStart);
  t.true(s.vm.layout.startCode > 0 && s.vm.layout.endCode > s.vm.layout.startCode);
  t.true(s.vm.auxv.some(([k]) => k === AT_ENTRY));
  t.deepEqual(s.fds.map((f) => f.fd), [0, 1, 2]);
  t.true(s.vm.rssPages > 0);
  await b.wait(pid);
  const sys = systemSnapshot(b.kernel);
  t.true(sys.syscalls > 0 && sys.memFreeBytes < sys.memTotalBytes);
  t.deepEqual(listProcesses(b.kernel), []);
});

test('static-PIE (ET_DYN without PT_INTERP) is loaded at ELF_ET_DYN_BASE and runs', async (t) => {
  if (!needGcc(t)) return;
  const out = join(root, '.cache', 'guest', 'pie');
  mkdirSync(dirname(out), { recursive: true });
  execFileSync('riscv64-linux-gnu-gcc', ['-nostdlib', '-fPIE', '-pie', '-Wl,--no-dynamic-linker', '-o', out, join(root, 'userland', 'tests', 'pie.S')]);
  const host = new MemoryHost();
  const b = boot({ host, aslr: false, files: { '/bin/pie': readFileSync(out) } });
  const pid = b.spawn('/bin/pie', ['pie']) as number;
  t.is(b.kernel.tasks.get(pid)!.pc, ELF_ET_DYN_BASE + (parseElf(readFileSync(out)) as { elf: { header: { entry: number } } }).elf.header.entry);
  t.is(await b.wait(pid), 7 << 8);
  t.is(host.stdout(), 'static pie\n\0');
});

test('vDSO: glibc\'s clock_gettime (MONOTONIC, REALTIME) and gettimeofday run in user mode and agree with the syscalls', async (t) => {
  if (!needGcc(t)) return;
  const host = new MemoryHost();
  const b = boot({ host, files: { '/bin/vdso': readFileSync(buildGuest('vdso')) } });
  const r = await b.runProgram('/bin/vdso', ['vdso']);
  t.deepEqual(r, { status: 0 });
  t.is(host.stdout(), 'monotonic consistent: 1\nrealtime consistent: 1\ngettimeofday consistent: 1 sane: 1\n');
  t.true(b.kernel.syscallCount < 2000 + 100, `${b.kernel.syscallCount} syscalls: only the raw ones trapped`);
});
