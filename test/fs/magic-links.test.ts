// /proc/[pid]/fd/N as Linux's magic links: opening one (or /dev/stdin,
// /dev/fd/N) reopens the open file itself — a pipe, the console, a deleted
// file — instead of resolving its name; readlink still gives the name. A
// process's exe/cwd/root/fd links are refused (EACCES) to another user, on
// readlink and on open alike. Runs our sh and coreutils (userland/bin).
import test from 'ava';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { boot } from '../../core/boot.js';
import { MemoryHost } from '../../core/kernel/host.js';
import { Errno } from '../../core/abi/errno.js';
import { root } from '../guest/harness.js';

const binDir = join(root, 'userland', 'bin');
const have = existsSync(join(binDir, 'sh')) && existsSync(join(binDir, 'readlink'));

function files(): Record<string, Uint8Array> {
  const f: Record<string, Uint8Array> = {};
  for (const n of readdirSync(binDir)) { try { f[`/bin/${n}`] = readFileSync(join(binDir, n)); } catch { /* a directory */ } }
  return f;
}

async function sh(script: string, stdin = '', uid?: number): Promise<{ status: number | undefined; out: string; err: string; b: ReturnType<typeof boot> }> {
  const host = new MemoryHost(stdin);
  const b = boot({ host, files: files(), deterministic: true });
  const r = await b.runProgram('/bin/sh', ['sh', '-c', script], { envp: ['PATH=/bin'], uid, gid: uid });
  return { status: (r as { status?: number }).status, out: host.stdout(), err: host.stderr(), b };
}

test('a pipe, the console and a deleted file reopen through /proc/self/fd, /dev/stdin and /dev/fd', async (t) => {
  if (!have) { t.log('userland/bin not built'); t.pass(); return; }
  const r = await sh([
    'echo hi | cat /dev/stdin',
    'echo two | cat /proc/self/fd/0',
    'echo three | cat /dev/fd/0',
    'echo out > /dev/stdout | cat',
    'echo data > /tmp/f; exec 3< /tmp/f; rm /tmp/f; cat /proc/self/fd/3',
    'readlink /proc/self/fd/3',
    'cat /dev/stdin',
    'echo x | readlink /proc/self/fd/0 | sed "s/[0-9]//g"',
    'readlink /dev/stdin /dev/fd',
    'cat /proc/self/fd/9 2>/dev/null || echo "no fd 9: $?"',
  ].join('\n'), 'from-console\n');
  t.is(r.out, 'hi\ntwo\nthree\nout\ndata\n/tmp/f (deleted)\nfrom-console\npipe:[]\n/proc/self/fd/0\n/proc/self/fd\nno fd 9: 1\n', r.err);
  t.is(r.status, 0);
});

test('the reopened pipe is another end of the same pipe (fstat, /proc/self/fd names)', async (t) => {
  if (!have) { t.pass(); return; }
  // cat's stdin and the file it opens are the same pipe: the same pipe:[N] name in fd/.
  const r = await sh('echo z | (exec 5</dev/stdin; ls -l /proc/self/fd/ | sed -n "s/.* \\([05]\\) -> /\\1 /p")');
  const lines = r.out.trim().split('\n');
  t.is(lines.length, 2, r.out + r.err);
  t.regex(lines[0], /^0 pipe:\[\d+\]$/);
  t.is(lines[1].slice(2), lines[0].slice(2));
});

test("another user's exe, cwd, root and fd links: EACCES on readlink and open", async (t) => {
  if (!have) { t.pass(); return; }
  const host = new MemoryHost('');
  const b = boot({ host, files: files(), deterministic: true });
  const pid = b.spawn('/bin/sleep', ['sleep', '1000'], { envp: ['PATH=/bin'] });
  if (pid instanceof Errno) { t.fail(pid.name); return; }
  const r = await b.runProgram('/bin/sh', ['sh', '-c', [
    `for l in exe cwd root; do readlink -v /proc/${pid}/$l; done`,
    `cat /proc/${pid}/exe > /dev/null`,
    `cat /proc/${pid}/fd/0`,
    'readlink /proc/self/cwd',
  ].join('\n')], { envp: ['PATH=/bin'], uid: 1000, gid: 1000 });
  t.is(host.stdout(), '/\n');
  const err = host.stderr();
  for (const l of ['exe', 'cwd', 'root']) t.true(err.includes(`readlink: /proc/${pid}/${l}: Permission denied`), err);
  t.regex(err, new RegExp(`cat: /proc/${pid}/exe: Permission denied`));
  t.regex(err, new RegExp(`cat: /proc/${pid}/fd/0: Permission denied`));
  t.deepEqual(r, { status: 0 });
});
