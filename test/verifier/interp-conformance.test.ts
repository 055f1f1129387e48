// Runs every conformance-style case under test/verifier/data/*.data through
// the interpreter and the JIT: each must give the expected r0 (or fail with the
// expected kind of error), and both engines must agree.
import test from 'ava';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assembleBytes } from '../../verifier/asm.js';
import { parseDataFile, runConformance, type Engine } from '../../verifier/conformance.js';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'data');
const files = readdirSync(dir).filter((f) => f.endsWith('.data')).sort();

test('there are conformance cases', (t) => {
  t.true(files.length >= 150);
});

for (const f of files) {
  test(`conformance ${f}`, (t) => {
    const c = parseDataFile(readFileSync(join(dir, f), 'utf8'));
    const bytes = assembleBytes(c.asm);
    if (!bytes.ok) { t.fail(`line ${bytes.error.line}: ${bytes.error.message}`); return; }
    const seen: string[] = [];
    for (const engine of ['interpret', 'jit'] as Engine[]) {
      const r = runConformance(bytes.value, c.mem, engine);
      if (c.error !== null) {
        t.false(r.ok, `${engine}: expected error ${c.error}`);
        if (!r.ok) t.true(r.error.kind === c.error || r.error.message.includes(c.error), `${engine}: ${r.error.kind}: ${r.error.message}`);
        seen.push(r.ok ? `ok ${r.r0}` : `${r.error.kind}@${r.error.pc}`);
      } else {
        t.true(r.ok, `${engine}: ${r.ok ? '' : r.error.message}`);
        if (r.ok) t.is(r.r0, c.result as bigint, `${engine}: r0`);
        seen.push(r.ok ? `ok ${r.r0}` : r.error.kind);
      }
    }
    t.is(seen[0], seen[1], 'interpreter and JIT agree');
  });
}
