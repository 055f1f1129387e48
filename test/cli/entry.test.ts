// The `nodix` entry point (bin/nodix.js) through each of its ways to start:
// the esbuild bundle with its code cache (dist/nodix.cjs, built by `npm ci`),
// tsc's dist/, and the TypeScript sources through tsx. Each must run a guest
// program to its exit status, and `nodix run /bin/true` must mean the guest's
// /bin/true even though the host has one too.
import test from 'ava';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { root } from '../guest/harness.js';

const nodix = join(root, 'bin', 'nodix.js');
const bundle = join(root, 'dist', 'nodix.cjs');

function nodixRun(entry: string | undefined, args: string[]) {
  const env = { ...process.env };
  if (entry === undefined) delete env.NODIX_ENTRY; else env.NODIX_ENTRY = entry;
  return spawnSync(process.execPath, [nodix, ...args], { cwd: root, env, encoding: 'utf8', timeout: 120_000 });
}

/** The bundle is only worth testing as built from the sources in this tree. */
function bundleFresh(): boolean {
  if (!existsSync(bundle)) return false;
  const t = statSync(bundle).mtimeMs;
  const inputs = (JSON.parse(readFileSync(join(root, 'dist', 'nodix.json'), 'utf8')) as { inputs: string[] }).inputs;
  return inputs.length > 0 && inputs.every((f) => existsSync(join(root, f)) && statSync(join(root, f)).mtimeMs <= t);
}

/** tsc's dist/ as built from this tree: no TypeScript source newer than its CLI. */
function distFresh(): boolean {
  const main = join(root, 'dist', 'core', 'cli', 'main.js');
  if (!existsSync(main)) return false;
  const t = statSync(main).mtimeMs;
  const newer = (dir: string): boolean => readdirSync(dir, { withFileTypes: true }).some((d) =>
    d.isDirectory() ? newer(join(dir, d.name)) : d.name.endsWith('.ts') && statSync(join(dir, d.name)).mtimeMs > t);
  return !['core', 'procfs', 'modules', 'verifier'].some((d) => newer(join(root, d)));
}

const entries: { name: string; available: () => string | null }[] = [
  { name: 'bundle', available: () => (bundleFresh() ? null : 'dist/nodix.cjs missing or older than its sources (npm run build)') },
  { name: 'dist', available: () => (distFresh() ? null : 'dist/ missing or older than its sources (npm run build)') },
  { name: 'src', available: () => null },
];

for (const e of entries) {
  test(`NODIX_ENTRY=${e.name}: run /bin/true exits 0, /bin/false 1, echo prints its arguments`, (t) => {
    const why = e.available();
    if (why !== null) { t.log(`skipped: ${why}`); t.pass(); return; }
    const ok = nodixRun(e.name, ['run', '/bin/true']);
    t.is(ok.status, 0, ok.stderr);
    t.is(nodixRun(e.name, ['run', '/bin/false']).status, 1);
    const echo = nodixRun(e.name, ['run', '/bin/echo', 'hello', 'guest']);
    t.is(echo.stdout, 'hello guest\n');
  });
}

test('without NODIX_ENTRY the command runs (whichever entry is usable); a bad NODIX_ENTRY is refused', (t) => {
  const r = nodixRun(undefined, ['run', '/bin/true']);
  t.is(r.status, 0, r.stderr);
  const bad = nodixRun('fast', ['run', '/bin/true']);
  t.is(bad.status, 2);
  t.regex(bad.stderr, /NODIX_ENTRY must be bundle, dist or src/);
});

test('nodix with no command prints the usage and exits 2; an unknown command exits 2', (t) => {
  const r = nodixRun(undefined, []);
  t.is(r.status, 2);
  t.regex(r.stdout, /usage: nodix COMMAND/);
  t.is(nodixRun(undefined, ['frobnicate']).status, 2);
});
