#!/usr/bin/env node
// Entry point of the `nodix` command. Runs, in order of preference:
//  1. dist/nodix.cjs, the whole CLI bundled into one script by bin/build-bundle.js
//     (`npm ci` builds it through the prepare script), compiled through V8's code
//     cache dist/nodix.cjs.cache when present — but only while none of the sources
//     listed in dist/nodix.json is newer than it: an edited checkout runs its sources;
//  2. dist/core/cli/main.js, tsc's output (when the bundle was not built);
//  3. the TypeScript sources through tsx.
// NODIX_ENTRY=bundle|dist|src forces one (tests, benchmarks). NODIX_CODE_CACHE_OUT=FILE
// writes the bundle's code cache after the command (the build's warm-up runs).
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import vm from 'node:vm';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(root, 'dist', 'nodix.cjs');
const built = join(root, 'dist', 'core', 'cli', 'main.js');
const forced = process.env.NODIX_ENTRY;
if (forced !== undefined && !['bundle', 'dist', 'src'].includes(forced)) {
  console.error(`nodix: NODIX_ENTRY must be bundle, dist or src, not '${forced}'`);
  process.exit(2);
}

/** True when the bundle exists and no source it was built from changed since. */
function bundleFresh() {
  let t, inputs;
  try {
    t = statSync(bundle).mtimeMs;
    inputs = JSON.parse(readFileSync(join(root, 'dist', 'nodix.json'), 'utf8')).inputs;
  } catch { return false; }
  for (const f of inputs) {
    try { if (statSync(join(root, f)).mtimeMs > t) return false; } catch { return false; }
  }
  return true;
}

/** Evaluates the CommonJS bundle in this context, with its code cache when V8 accepts it. */
function loadBundle() {
  const src = readFileSync(bundle, 'latin1'); // ASCII only (build-bundle.js)
  // V8 matches a cache to its script by length only: one older than the bundle is not its own.
  let cachedData;
  try {
    if (statSync(`${bundle}.cache`).mtimeMs >= statSync(bundle).mtimeMs) cachedData = readFileSync(`${bundle}.cache`);
  } catch { cachedData = undefined; }
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${src}\n})`,
    { filename: bundle, cachedData });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, dirname(bundle));
  return { mod: module.exports, script };
}

const entry = forced ?? (bundleFresh() ? 'bundle' : existsSync(built) && !existsSync(bundle) ? 'dist' : 'src');
let mod, script = null;
if (entry === 'bundle') ({ mod, script } = loadBundle());
else if (entry === 'dist') mod = await import(pathToFileURL(built).href);
else {
  const { register } = await import('tsx/esm/api');
  register();
  mod = await import(pathToFileURL(join(root, 'core', 'cli', 'main.ts')).href);
}
process.exitCode = await mod.main(process.argv.slice(2));
if (script !== null && process.env.NODIX_CODE_CACHE_OUT) writeFileSync(process.env.NODIX_CODE_CACHE_OUT, script.createCachedData());
