// `npm run bench`: runs every bench/*.bench.ts in turn (or those named on the
// command line) and lets each print its own figures. Benchmarks print numbers;
// they never assert a speed.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)))
  .sort();
for (const f of files) {
  console.log(`\n== ${f.replace(/\.bench\.ts$/, '')} ==`);
  const mod = (await import(pathToFileURL(join(here, f)).href)) as { run?: () => unknown };
  if (typeof mod.run === 'function') await mod.run();
}
