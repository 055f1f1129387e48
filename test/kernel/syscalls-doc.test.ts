// The syscall table is declarative and complete: every asm-generic number is
// named, implemented entries have handlers, and docs/syscalls.md is generated
// from it (set NODIX_UPDATE_DOCS=1 to regenerate the file).
import test from 'ava';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { renderSyscallDocs, syscallTable } from '../../core/syscalls/index.js';
import { root } from '../guest/harness.js';

test('table: numbers unique and sorted, handlers present exactly for non-ENOSYS entries', (t) => {
  const nrs = syscallTable.map((s) => s.nr);
  t.deepEqual(nrs, [...new Set(nrs)].sort((a, b) => a - b));
  for (const s of syscallTable) t.is(s.handler !== null, s.status !== 'enosys', s.name);
  const byName = new Map(syscallTable.map((s) => [s.name, s.nr]));
  t.is(byName.get('getpid'), 172);
  t.is(byName.get('clone3'), 435);
  t.is(byName.get('exit_group'), 94);
  t.is(syscallTable.find((s) => s.nr === 293)?.status, 'enosys', 'rseq stays ENOSYS');
});

test('docs/syscalls.md is up to date with the table', (t) => {
  const file = join(root, 'docs', 'syscalls.md');
  const want = renderSyscallDocs();
  if (process.env.NODIX_UPDATE_DOCS === '1') { mkdirSync(join(root, 'docs'), { recursive: true }); writeFileSync(file, want); }
  t.is(readFileSync(file, 'utf8'), want, 'run NODIX_UPDATE_DOCS=1 npx ava test/kernel/syscalls-doc.test.ts');
});
