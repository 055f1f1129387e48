// userland strace (userland/src/strace.c, the committed userland/bin/strace)
// inside nodix. The host's strace cannot trace riscv binaries, so the expected
// lines are written from strace's documented output format: name(args) = ret,
// strings escaped and cut at 32 bytes with "...", flag names, "-1 ENOENT (...)",
// "--- SIGxxx {...} ---", "[pid N]" under -f, "+++ exited with N +++".
// Addresses vary with ASLR and are compared as 0xADDR.
import test from 'ava';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { boot } from '../../core/boot.js';
import { MemoryHost } from '../../core/kernel/host.js';
import { buildGuest, haveGcc, requireTools, root } from '../guest/harness.js';

const BIN = ['strace', 'echo', 'cat', 'sh', 'true'];

async function run(argv: string[], extra: Record<string, Uint8Array> = {}): Promise<{ stdout: string; stderr: string; status: number; log: string[] }> {
  const host = new MemoryHost('');
  const files: Record<string, Uint8Array> = { ...extra };
  for (const n of BIN) files['/bin/' + n] = readFileSync(join(root, 'userland', 'bin', n));
  const b = boot({ host, files });
  const r = await b.runProgram('/bin/' + argv[0], argv, { envp: ['PATH=/bin'] });
  if ('error' in r) throw new Error(`exec: ${r.error.name}`);
  return { stdout: host.stdout(), stderr: host.stderr(), status: r.status, log: b.kernel.log };
}

const addr = (s: string): string[] => s.replace(/0x[0-9a-f]{5,}/g, '0xADDR').split('\n').slice(0, -1);

test('strace echo: execve with argv and envp count, ioctl TCGETS with an errno, write, exit_group', async (t) => {
  const r = await run(['strace', 'echo', 'hi']);
  t.is(r.stdout, 'hi\n');
  t.deepEqual(addr(r.stderr), [
    'execve("/bin/echo", ["echo", "hi"], 0xADDR /* 1 var */) = 0',
    'ioctl(1, TCGETS, 0xADDR) = -1 ENOTTY (Inappropriate ioctl for device)',
    'write(1, "hi\\n", 3) = 3',
    'exit_group(0) = ?',
    '+++ exited with 0 +++',
  ]);
  t.is(r.status, 0);
});

test('strace -e trace=openat: ENOENT with its message, the exit status passed on', async (t) => {
  const r = await run(['strace', '-e', 'trace=openat', 'cat', '/nonexistent']);
  t.deepEqual(addr(r.stderr).filter((l) => !l.startsWith('cat:')), [
    'openat(AT_FDCWD, "/nonexistent", O_RDONLY) = -1 ENOENT (No such file or directory)',
    '+++ exited with 1 +++',
  ]);
  t.is(r.status, 1 << 8);
});

test('strace -f -o FILE: children with [pid N], SIGCHLD, exits of both', async (t) => {
  const r = await run(['sh', '-c', 'strace -f -o /tmp/log -e trace=execve,clone,exit_group sh -c "/bin/true; exit 3"; echo status $?; cat /tmp/log']);
  const lines = addr(r.stdout);
  t.is(lines[0], 'status 3');
  const m = /^\[pid +(\d+)\] clone\(child_stack=NULL, flags=SIGCHLD\) = (\d+)$/.exec(lines[2]);
  t.truthy(m, lines[2]);
  const [p, c] = [m![1], m![2]].map((s) => s.padStart(5));
  t.deepEqual(lines.slice(1), [
    'execve("/bin/sh", ["sh", "-c", "/bin/true; exit 3"], 0xADDR /* 2 vars */) = 0',
    `[pid ${p}] clone(child_stack=NULL, flags=SIGCHLD) = ${m![2]}`,
    `[pid ${c}] execve("/bin/true", ["/bin/true"], 0xADDR /* 2 vars */) = 0`,
    `[pid ${c}] exit_group(0) = ?`,
    `[pid ${c}] +++ exited with 0 +++`,
    `--- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=${m![2]}, si_uid=0, si_status=0, si_utime=0, si_stime=0} ---`,
    'exit_group(3) = ?',
    '+++ exited with 3 +++',
  ]);
});

test('strace -e trace=kill: a fatal signal is shown and ends the trace', async (t) => {
  const r = await run(['strace', '-e', 'trace=kill', 'sh', '-c', 'kill -USR1 $$']);
  const lines = addr(r.stderr);
  const pid = /^kill\((\d+), SIGUSR1\) = 0$/.exec(lines[0])?.[1];
  t.truthy(pid, lines[0]);
  t.deepEqual(lines, [
    `kill(${pid}, SIGUSR1) = 0`,
    `--- SIGUSR1 {si_signo=SIGUSR1, si_code=SI_USER, si_pid=${pid}, si_uid=0} ---`,
    '+++ killed by SIGUSR1 +++',
  ]);
});

test('strace on a glibc program: mmap/mprotect/openat flags, mode, 32-byte string cut with escapes, caught signal, ERESTARTSYS and the restart', async (t) => {
  if (!haveGcc) {
    if (requireTools) throw new Error('riscv64-linux-gnu-gcc missing (NODIX_REQUIRE_TOOLS=1)');
    t.log('skipped: riscv64-linux-gnu-gcc not installed'); t.pass(); return;
  }
  const r = await run(['strace', '-e', 'trace=mmap,mprotect,openat,write,kill,read,pipe2', 'target'], { '/bin/target': readFileSync(buildGuest('ptrace-strace')) });
  const lines = addr(r.stderr);
  const at = lines.indexOf('mmap(NULL, 8192, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0xADDR');
  t.true(at >= 0, r.stderr);
  const pid = /^kill\((\d+), SIGUSR1\) = 0$/.exec(lines[at + 4])?.[1];
  t.deepEqual(lines.slice(at + 1), [
    'mprotect(0xADDR, 4096, PROT_READ) = 0',
    'openat(AT_FDCWD, "/nonexistent/x", O_WRONLY|O_CREAT|O_TRUNC|O_CLOEXEC, 0644) = -1 ENOENT (No such file or directory)',
    'write(1, "\\33[1mtab\\there\\1x\\n0123456789abcdefg"..., 52) = 52',
    `kill(${pid}, SIGUSR1) = 0`,
    `--- SIGUSR1 {si_signo=SIGUSR1, si_code=SI_USER, si_pid=${pid}, si_uid=0} ---`,
    'pipe2([3, 4], 0) = 0',
    'read(3, 0xADDR, 1) = ? ERESTARTSYS (To be restarted if SA_RESTART is set)',
    '--- SIGALRM {si_signo=SIGALRM, si_code=SI_KERNEL} ---',
    'write(4, "x", 1) = 1',
    'read(3, "x", 1) = 1',
    '+++ exited with 5 +++',
  ]);
  t.is(r.status, 5 << 8);
});
