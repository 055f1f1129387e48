// Real programs: every C file under test/verifier/progs is compiled with
// `clang -target bpf -O2 -c` into .cache/verifier-progs, read by the ELF
// reader, and every program in it (one per section, typed by its section name)
// must be accepted. Skips when clang is absent unless NODIX_REQUIRE_TOOLS=1.
import test from 'ava';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readElf } from '../../verifier/elf.js';
import { progTypeForSection } from '../../verifier/progtypes.js';
import { BPF_F_RDONLY_PROG } from '../../verifier/maps/types.js';
import { verify } from '../../verifier/verify/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const src = join(here, 'progs');
const out = join(here, '../../.cache/verifier-progs');

function haveClang(): boolean {
  try { execFileSync('clang', ['--version'], { stdio: 'pipe' }); return true; } catch { return false; }
}

const files = readdirSync(src).filter((f) => f.endsWith('.c')).sort();
const clang = haveClang();

test('there is a C program for every program type', (t) => {
  for (const ty of ['socket_filter', 'kprobe', 'tracepoint', 'raw_tracepoint', 'perf_event', 'xdp', 'sched_cls', 'cgroup_skb', 'seccomp']) {
    t.true(files.includes(`${ty}.c`), ty);
  }
});

for (const f of files) {
  test(`clang-built ${f}: every program is accepted`, (t) => {
    if (!clang) {
      if (process.env.NODIX_REQUIRE_TOOLS === '1') t.fail('clang is required (NODIX_REQUIRE_TOOLS=1)');
      else t.log('skipped: clang not found');
      t.pass();
      return;
    }
    mkdirSync(out, { recursive: true });
    const obj = join(out, f.replace(/\.c$/, '.o'));
    // BTF-defined maps (section ".maps") need the BTF that -g emits.
    const g = readFileSync(join(src, f), 'utf8').includes('".maps"') ? ['-g'] : [];
    execFileSync('clang', ['-target', 'bpf', '-O2', ...g, '-c', join(src, f), '-o', obj], { stdio: 'pipe' });
    const elf = readElf(new Uint8Array(readFileSync(obj)));
    if (!elf.ok) { t.fail(`ELF: ${elf.error}`); return; }
    const maps = elf.value.maps.map((m) => ({
      ...m, flags: (m.flags ?? 0) | (m.readonly === true ? BPF_F_RDONLY_PROG : 0), frozen: m.readonly === true ? m.initial : undefined,
    }));
    t.true(elf.value.programs.length > 0);
    for (const p of elf.value.programs) {
      const type = progTypeForSection(p.section);
      if (type === undefined) { t.fail(`no program type for section ${p.section}`); continue; }
      const r = verify(p.bytes, { progType: type, maps, logLevel: 1 });
      t.true(r.ok, r.ok ? '' : `${p.section}: rejected at insn ${r.insn}: ${r.code} ${r.message}\n${r.log.split('\n').slice(-30).join('\n')}`);
    }
  });
}
