// The shell corpus (test/userland/sh/*.sh): each script must print the same
// standard output and exit with the same status under our sh (riscv64, run by
// qemu-riscv64) as under the host's dash. Each script runs in its own scratch
// directory.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { guest, host, root, scratch, testWith } from './harness.js';

const t = testWith('qemu-riscv64', 'dash');
const dir = join(root, 'test', 'userland', 'sh');
const scripts = readdirSync(dir).filter((f) => f.endsWith('.sh')).sort();

for (const name of scripts) {
  t(`sh ${name} matches dash`, (tt) => {
    const file = join(dir, name);
    const ours = guest('sh', [file], { cwd: scratch('sh') });
    const ref = host('dash', [file], { cwd: scratch('dash') });
    tt.is(ours.stdout, ref.stdout, `stdout differs; our stderr:\n${ours.stderr}`);
    tt.is(ours.status, ref.status);
    tt.true(ref.stdout.length > 0, 'the script prints something');
  });
}

t('sh -c runs a command string with positional parameters', (tt) => {
  const r = guest('sh', ['-c', 'echo "$0:$1:$#"; exit 3', 'name', 'a', 'b']);
  tt.is(r.stdout, 'name:a:2\n');
  tt.is(r.status, 3);
});

t('sh reads commands from standard input', (tt) => {
  const r = guest('sh', [], { input: 'x=4\necho $((x * x))\nfalse\n' });
  tt.is(r.stdout, '16\n');
  tt.is(r.status, 1);
});

t('sh reports a missing command with status 127 and a syntax error with status 2', (tt) => {
  const nf = guest('sh', ['-c', 'no_such_command_q']);
  tt.is(nf.status, 127);
  tt.regex(nf.stderr, /no_such_command_q: not found/);
  const syn = guest('sh', ['-c', 'if then fi']);
  tt.is(syn.status, 2);
  tt.regex(syn.stderr, /Syntax error/);
});

t('sh on a missing script file fails with 127', (tt) => {
  const r = guest('sh', ['/nonexistent/script.sh']);
  tt.is(r.status, 127);
  tt.regex(r.stderr, /cannot open \/nonexistent\/script.sh/);
});
