#!/usr/bin/env node
// Build step of the fast `nodix` start (run by `npm run build`, hence by `npm ci`
// through the prepare script, after tsc has written dist/):
//  1. esbuild bundles core/cli/main.ts and everything it imports into one
//     CommonJS script, dist/nodix.cjs (acorn included; `typescript` stays in
//     node_modules, required only when a module is compiled). Importing ~170
//     separate ES modules cost ~80 ms of resolving, reading and compiling at
//     every start; one script costs a fraction of that.
//  2. dist/nodix.json lists the bundle's source files: bin/nodix.js ignores a
//     bundle older than any of them (an edited checkout runs its sources).
//  3. It runs the bundle once (`nodix run /bin/true`, then a scripted
//     `nodix boot`) with NODIX_CODE_CACHE_OUT set, so that bin/nodix.js
//     records V8's code cache for the functions those runs compiled:
//     dist/nodix.cjs.cache. A later start deserializes that instead of parsing
//     and compiling (V8 checks its version, its flags and the source's length,
//     not its text: the old cache is deleted before the new bundle is written,
//     and bin/nodix.js ignores a cache older than the bundle).
// Without esbuild (a production install) it prints why and exits 0: bin/nodix.js
// then falls back to dist/ or to the sources through tsx.
import { spawnSync } from 'node:child_process';
import { renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const out = join(dist, 'nodix.cjs');
const manifest = join(dist, 'nodix.json');
const cache = `${out}.cache`;

let esbuild;
try {
  esbuild = await import('esbuild');
} catch {
  console.log('build-bundle: esbuild is not installed; nodix will start from dist/ (slower)');
  process.exit(0);
}

rmSync(cache, { force: true });
const t0 = performance.now();
const result = await esbuild.build({
  absWorkingDir: root,
  entryPoints: ['core/cli/main.ts'],
  outfile: out,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // Required lazily by core/host/sandbox.ts (createRequire), never bundled.
  external: ['typescript'],
  // ES module semantics inside the CommonJS wrapper: strict mode and import.meta.
  banner: { js: '"use strict";\nvar __nodix_import_meta_url = require("node:url").pathToFileURL(__filename).href;' },
  define: { 'import.meta.url': '__nodix_import_meta_url', 'import.meta.dirname': '__dirname' },
  metafile: true,
  sourcemap: 'linked',
  logLevel: 'warning',
  write: false,
});
// Each file appears whole (written aside, then renamed): a nodix starting meanwhile reads the
// old bundle or the new one, never half of one.
const put = (file, data) => { writeFileSync(`${file}.tmp`, data); renameSync(`${file}.tmp`, file); };
for (const f of result.outputFiles) {
  // esbuild escapes non-ASCII characters in code but copies comments as they are: an ASCII-only
  // script is a one-byte string for V8 (read as latin1, half the memory, faster to hash and scan).
  put(f.path, f.path === out ? f.text.replace(/[^\x00-\x7f]/g, '?') : f.contents);
}
const inputs = Object.keys(result.metafile.inputs)
  .filter((p) => !p.startsWith('node_modules/') && !p.startsWith('..'));
put(manifest, JSON.stringify({ inputs }, null, 1) + '\n');
const bytes = statSync(out).size;
const t1 = performance.now();

// Record the code cache: the same node binary and flags as a person's `nodix` (V8 rejects a
// cache made under other flags), the bundle forced so that a stale-input check cannot skip it.
const nodix = join(root, 'bin', 'nodix.js');
const env = { ...process.env, NODIX_ENTRY: 'bundle', NODIX_CODE_CACHE_OUT: cache };
const warm = [
  { args: ['run', '/bin/true'], input: '' },
  { args: ['boot'], input: 'true | cat\nexit\n' },
];
// Each run starts from the cache the previous one wrote and adds what it compiled; a run that is
// killed writes nothing. A failing warm-up is worth a look (the tests will tell) but not a failed install.
for (const w of warm) {
  const r = spawnSync(process.execPath, [nodix, ...w.args], { cwd: root, env, input: w.input, stdio: ['pipe', 'ignore', 'inherit'], timeout: 60_000, killSignal: 'SIGKILL' });
  if (r.status !== 0) console.log(`build-bundle: warning: warm-up 'nodix ${w.args.join(' ')}' exited ${r.status ?? r.signal}`);
}
const kb = (n) => `${Math.round(n / 1024)} KiB`;
let cacheSize = 0;
try { cacheSize = statSync(cache).size; } catch { /* no cache */ }
console.log(`build-bundle: dist/nodix.cjs ${kb(bytes)} from ${inputs.length} files in ${Math.round(t1 - t0)} ms; ` +
  (cacheSize > 0 ? `code cache ${kb(cacheSize)} in ${Math.round(performance.now() - t1)} ms` : 'no code cache'));
