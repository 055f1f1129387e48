// The `nodix` entry point (bin/nodix.js) through each of its ways to start:
// the esbuild bundle with its code cache (dist/nodix.cjs, built by `npm ci`),
// tsc's dist/, and the TypeScript sources through tsx. Each must run a guest
// program to its exit status, and `nodix run /bin/true` must mean the guest's
// /bin/true even though the host has one too. The choice between them is
// checked on a stub package: the bundle while fresh, the sources once one of
// them is newer, dist/ when no bundle was built.
import test from 'ava';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, copyFileSync, statSync, symlinkSync, utimesSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

test('bin/nodix.js picks the fresh bundle, the sources when a bundle input is newer, dist/ without a bundle; writes the code cache on request', (t) => {
  const pkg = mkdtempSync(join(tmpdir(), 'nodix-entry-'));
  try {
    mkdirSync(join(pkg, 'bin'));
    copyFileSync(nodix, join(pkg, 'bin', 'nodix.js'));
    writeFileSync(join(pkg, 'package.json'), '{"type":"module"}\n');
    symlinkSync(join(root, 'node_modules'), join(pkg, 'node_modules'));
    mkdirSync(join(pkg, 'core', 'cli'), { recursive: true });
    writeFileSync(join(pkg, 'core', 'cli', 'main.ts'), 'export function main(): number { return 7; }\n');
    mkdirSync(join(pkg, 'dist', 'core', 'cli'), { recursive: true });
    writeFileSync(join(pkg, 'dist', 'core', 'cli', 'main.js'), 'export function main() { return 5; }\n');
    writeFileSync(join(pkg, 'dist', 'nodix.cjs'), '"use strict";\nmodule.exports = { main: (argv) => 40 + argv.length };\n');
    writeFileSync(join(pkg, 'dist', 'nodix.json'), JSON.stringify({ inputs: ['core/cli/main.ts'] }));
    const past = new Date(Date.now() - 60_000);
    utimesSync(join(pkg, 'core', 'cli', 'main.ts'), past, past);
    const start = (env: Record<string, string> = {}) => {
      const e: NodeJS.ProcessEnv = { ...process.env, ...env };
      if (env.NODIX_ENTRY === undefined) delete e.NODIX_ENTRY;
      return spawnSync(process.execPath, [join(pkg, 'bin', 'nodix.js'), 'a', 'b'], { env: e, encoding: 'utf8', timeout: 60_000 }).status;
    };
    t.is(start(), 42, 'the fresh bundle, called with the arguments');
    const cache = join(pkg, 'dist', 'nodix.cjs.cache');
    t.is(start({ NODIX_CODE_CACHE_OUT: cache }), 42);
    t.true(existsSync(cache) && statSync(cache).size > 0, 'code cache written');
    t.is(start(), 42, 'still the bundle with a code cache next to it');
    utimesSync(join(pkg, 'core', 'cli', 'main.ts'), new Date(), new Date(Date.now() + 60_000));
    t.is(start(), 7, 'a source newer than the bundle: the sources through tsx');
    t.is(start({ NODIX_ENTRY: 'bundle' }), 42, 'NODIX_ENTRY forces the bundle');
    t.is(start({ NODIX_ENTRY: 'dist' }), 5, 'NODIX_ENTRY forces dist/');
    rmSync(join(pkg, 'dist', 'nodix.cjs'));
    t.is(start(), 5, 'no bundle: dist/');
  } finally { rmSync(pkg, { recursive: true, force: true }); }
});
