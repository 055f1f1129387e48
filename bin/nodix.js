#!/usr/bin/env node
// Entry point of the `nodix` command. Runs the compiled CLI from dist/ (built by
// `npm ci` through the prepare script); falls back to the TypeScript sources via
// tsx when dist/ is missing, e.g. in a checkout where nobody ran the build yet.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = join(root, 'dist', 'core', 'cli', 'main.js');
let mod;
if (existsSync(built)) {
  mod = await import(pathToFileURL(built).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  mod = await import(pathToFileURL(join(root, 'core', 'cli', 'main.ts')).href);
}
process.exitCode = await mod.main(process.argv.slice(2));
