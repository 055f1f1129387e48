// Runs our bare-metal suite (test/hw/baremetal: groups ui um ua uf ud uc mi si,
// environments p and v) through the Machine: each program must exit 0 through
// HTIF tohost. A failing program exits with the number of the failing case
// (or 0x400 + mcause for an unexpected trap), which the message shows.
import test from 'ava';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GROUPS, GCC, build, buildFile, cacheDir, envsFor, hasTool, programs, requireTools, runOnMachine } from './baremetal/harness.js';

const haveGcc = hasTool(GCC);

for (const group of GROUPS) {
  for (const name of programs(group)) {
    for (const env of envsFor(group)) {
      test(`baremetal rv64${group}-${env}-${name}`, (t) => {
        if (!haveGcc) {
          if (requireTools) t.fail(`${GCC} not found (NODIX_REQUIRE_TOOLS=1)`);
          else t.pass(`skipped: ${GCC} not found`);
          return;
        }
        const b = build(group, name, env);
        if (!b.ok) { t.fail(b.message); return; }
        const r = runOnMachine(b.elf);
        const code = r.status.kind === 'exit' ? r.status.code : -1;
        const why = code >= 0x400 ? `unexpected trap, cause ${code - 0x400}` : `failed case ${code}`;
        t.deepEqual(r.status, { kind: 'exit', code: 0 }, `${group}/${name} (${env}): ${r.status.kind === 'exit' ? why : JSON.stringify(r.status)}`);
      });
    }
  }
}

for (const env of ['p', 'v'] as const) {
  test(`baremetal: a failing case reports its number through tohost (${env})`, (t) => {
    if (!haveGcc) { if (requireTools) t.fail(`${GCC} not found`); else t.pass(`skipped: ${GCC} not found`); return; }
    mkdirSync(cacheDir, { recursive: true });
    const src = join(cacheDir, `fail-case-${env}.S`);
    writeFileSync(src, [
      '#include "env.h"', '#include "macros.h"', 'RVTEST_CODE_BEGIN',
      '  TEST_RR(2, add, 3, 1, 2)', '  TEST_RR(7, add, 4, 1, 2)', '  TEST_PASSFAIL',
      'RVTEST_CODE_END', 'RVTEST_DATA_BEGIN', 'RVTEST_DATA_END', ''].join('\n'));
    const b = buildFile(src, env, join(cacheDir, `fail-case-${env}`));
    if (!b.ok) { t.fail(b.message); return; }
    t.deepEqual(runOnMachine(b.elf).status, { kind: 'exit', code: 7 });
  });
}

test('baremetal: deterministic mode repeats a timer-driven run instruction for instruction', (t) => {
  if (!haveGcc) { if (requireTools) t.fail(`${GCC} not found`); else t.pass(`skipped: ${GCC} not found`); return; }
  for (const [group, name] of [['mi', 'timer'], ['si', 'sint']] as const) {
    const b = build(group, name, 'p');
    if (!b.ok) { t.fail(b.message); return; }
    const first = runOnMachine(b.elf), second = runOnMachine(b.elf);
    t.deepEqual(first.status, { kind: 'exit', code: 0 });
    t.is(first.instret, second.instret, `${group}/${name}`);
  }
});
