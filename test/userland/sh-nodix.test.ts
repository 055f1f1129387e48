// The shell corpus inside nodix: each test/userland/sh/*.sh runs under our sh
// on the TypeScript kernel (`nodix run`, with the corpus mounted at /t and our
// userland as /bin) and must print what the host's dash prints, with the same
// exit status; and the libc unit test program passes there too. Skips with a
// message while `nodix run` is unavailable.
import test from 'ava';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { bin, host, root, scratch, testWith } from './harness.js';

const t = testWith('dash');
const dir = join(root, 'test', 'userland', 'sh');
const scripts = readdirSync(dir).filter((f) => f.endsWith('.sh')).sort();

function nodix(...args: string[]) {
  const boot = `const m = await import(${JSON.stringify(join(root, 'core/cli/main.ts'))}); process.exitCode = await m.main(process.argv.slice(1));`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', boot, 'run', ...args],
    { cwd: root, encoding: 'utf8', timeout: 240_000 });
  return { status: r.status ?? -1, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

const probe = nodix(join(bin, 'true'));
const available = probe.status === 0;
if (!available) console.log(`sh-nodix tests skipped: nodix run is not usable yet (${(probe.stderr || probe.stdout).trim().split('\n')[0]})`);
const tn = available ? t : (test.skip as unknown as typeof test);

for (const name of scripts) {
  tn(`inside nodix: sh ${name} matches dash`, (tt) => {
    const ours = nodix('--mount', `${dir}:/t:ro`, join(bin, 'sh'), `/t/${name}`);
    const ref = host('dash', [join(dir, name)], { cwd: scratch('dash') });
    tt.is(ours.stdout, ref.stdout, `stderr:\n${ours.stderr}`);
    tt.is(ours.status, ref.status);
  });
}

tn('inside nodix: the libc unit tests pass', (tt) => {
  const r = nodix(join(bin, 'tests', 'libctest'));
  tt.regex(r.stdout, /^\d+ checks, 0 failed$/m, r.stdout);
  tt.is(r.status, 0);
});
