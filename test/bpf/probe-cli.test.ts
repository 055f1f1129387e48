// `nodix bpf probe FILE -o DIR`: a probe script becomes raw program files and the
// bpftool commands that load and attach them; a bad script names its line.
import test from 'ava';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { verify } from '../../verifier/index.js';
import { root } from '../guest/harness.js';

function nodix(...args: string[]) {
  const boot = `const m = await import(${JSON.stringify(join(root, 'core/cli/main.ts'))}); process.exitCode = await m.main(process.argv.slice(1));`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', boot, 'bpf', ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('nodix bpf probe writes the programs and the bpftool commands', (t) => {
  const dir = join(root, '.cache', 'test-bpf-probe');
  rmSync(dir, { recursive: true, force: true }); mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'count.js'), "const counts = map('hash', 64);\nprobe('sys_enter', (ctx) => { counts[ctx.args[0]] += 1; });\n");
  const r = nodix('probe', join(dir, 'count.js'), '-o', join(dir, 'out'));
  t.is(r.status, 0, r.stderr);
  t.is(r.stdout, [
    'bpftool map create /pin/counts type hash key 8 value 8 entries 64 name counts',
    'bpftool prog load 0-sys_enter.bin /pin/p0 type raw_tracepoint map idx 0 pinned /pin/counts',
    'bpftool prog attach pinned /pin/p0 tp sys_enter /pin/l0',
    '',
  ].join('\n'));
  const bytes = new Uint8Array(readFileSync(join(dir, 'out', '0-sys_enter.bin')));
  t.true(verify(bytes, { progType: 'raw_tracepoint', maps: [{ type: 1, keySize: 8, valueSize: 8, maxEntries: 64 }] }).ok);
  writeFileSync(join(dir, 'bad.js'), "probe('x', (ctx) => {\n  nope();\n});\n");
  const b = nodix('probe', join(dir, 'bad.js'));
  t.is(b.status, 1);
  t.regex(b.stderr, /bad\.js:2: unknown function 'nope'/);
});
