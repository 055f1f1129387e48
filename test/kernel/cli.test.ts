// `nodix run`: a host program runs with its arguments, environment, working
// directory and mounts, /proc/self/exe names it, and the exit status is the
// program's (128+N when killed by signal N).
import test from 'ava';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildGuest, haveGcc, requireTools, root } from '../guest/harness.js';
import { parseSize } from '../../core/cli/run.js';

const cli = join(root, 'bin', 'nodix.js');
const run = (args: string[], input = '') => spawnSync(process.execPath, [cli, 'run', ...args], { encoding: 'utf8', input, timeout: 60_000 });

function needGcc(t: { log(s: string): void; pass(): void }): boolean {
  if (haveGcc) return true;
  if (requireTools) throw new Error('riscv64-linux-gnu-gcc missing (NODIX_REQUIRE_TOOLS=1)');
  t.log('skipped: riscv64-linux-gnu-gcc not installed');
  t.pass();
  return false;
}

test('runs a host file with arguments and exits with its status', (t) => {
  if (!needGcc(t)) return;
  const bin = buildGuest('args');
  const r = run([bin, 'a b', 'c']);
  t.is(r.stdout, `[${bin}]\n[a b]\n[c]\n`);
  t.is(r.status, 3);
});

test('--env and --cwd reach the program; /proc/self/exe is the host path', (t) => {
  if (!needGcc(t)) return;
  const bin = buildGuest('env');
  const r = run(['--env', 'FOO=bar', '--cwd', '/tmp/work', bin]);
  t.true(r.stdout.includes('env FOO=bar\n'));
  t.true(r.stdout.includes('cwd /tmp/work\n'));
  t.true(r.stdout.includes(`exe ${bin}\n`));
  t.is(r.status, 0);
});

test('a program killed by SIGSEGV exits 139', (t) => {
  if (!needGcc(t)) return;
  const r = run([buildGuest('segv')]);
  t.is(r.status, 139);
  t.is(r.stdout, 'about to fault\n');
});

test('--mount: read-only mounts refuse writes, read-write mounts write through to the host', (t) => {
  if (!needGcc(t)) return;
  const dir = mkdtempSync(join(tmpdir(), 'nodix-mount-'));
  writeFileSync(join(dir, 'hello.txt'), 'from the host\n');
  const cat = buildGuest('cat');
  let r = run(['--mount', `${dir}:/mnt:ro`, cat, '/mnt/hello.txt']);
  t.is(r.stdout, 'from the host\n');
  r = run(['--mount', `${dir}:/mnt:ro`, cat, '-w', '/mnt/new.txt', 'x']);
  t.is(r.stdout, 'open: Read-only file system\n');
  t.is(r.status, 1);
  r = run(['--mount', `${dir}:/mnt`, cat, '-w', '/mnt/new.txt', 'written inside']);
  t.is(r.status, 0);
  t.is(readFileSync(join(dir, 'new.txt'), 'utf8'), 'written inside');
});

test('a missing program exits 127 with a message; bad options exit 2', (t) => {
  const r = run(['/no/such/program']);
  t.is(r.status, 127);
  t.regex(r.stderr, /No such file or directory/);
  t.is(run(['--memory', 'lots', 'x']).status, 2);
  t.is(parseSize('64M'), 64 * 1024 * 1024);
  t.is(parseSize('1G'), 1024 ** 3);
  t.is(parseSize('12'), null);
});

test('a guest that blocks forever with nothing to wake it ends with 125 and a message instead of hanging', (t) => {
  if (!needGcc(t)) return;
  const r = run([buildGuest('deadlock')]);
  t.is(r.status, 125);
  t.regex(r.stderr, /every task is blocked/);
});
