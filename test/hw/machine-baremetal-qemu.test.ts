// Checks the bare-metal suite itself: every program must also exit 0 under
// qemu-system-riscv64 -machine spike -bios none (QEMU's spike board implements
// HTIF through the ELF's tohost symbol), so a passing run on nodix means the
// hart agrees with QEMU, not merely with our own reading of the spec.
// Skipped when QEMU or the cross compiler is absent (NODIX_REQUIRE_TOOLS=1: fail).
import test from 'ava';
import { GROUPS, GCC, build, envsFor, hasTool, programs, requireTools, runOnQemu } from './baremetal/harness.js';

const QEMU = 'qemu-system-riscv64';
const missing = [GCC, QEMU].filter((t) => !hasTool(t));

for (const group of GROUPS) {
  for (const name of programs(group)) {
    for (const env of envsFor(group)) {
      test(`qemu spike: rv64${group}-${env}-${name}`, (t) => {
        if (missing.length > 0) {
          if (requireTools) t.fail(`missing ${missing.join(', ')} (NODIX_REQUIRE_TOOLS=1)`);
          else t.pass(`skipped: missing ${missing.join(', ')}`);
          return;
        }
        const b = build(group, name, env);
        if (!b.ok) { t.fail(b.message); return; }
        t.is(runOnQemu(b.elf), 0, `${group}/${name} (${env}) under QEMU`);
      });
    }
  }
}
