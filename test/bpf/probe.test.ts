// The probe language (verifier/probe.ts): scripts compile to programs the
// verifier accepts, and run inside nodix through bpftool (the map made with the
// script's definition, the program loaded with "map idx 0"), counting by key
// and printing through trace_printk. Errors name the line.
import test from 'ava';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { boot } from '../../core/boot.js';
import { MemoryHost } from '../../core/kernel/host.js';
import { compileProbes, verify, disassembleBytes } from '../../verifier/index.js';
import { haveGcc, requireTools, root } from '../guest/harness.js';

const SCRIPT = `
const counts = map('hash', 64);
const totals = map('array', 4);
probe('sys_enter', (ctx) => {
  const nr = ctx.args[0];
  counts[nr] += 1;
  totals[1] += nr + 2;
  if (nr == 0 && pid() > 0) printk("nr %d seen by %d", nr, pid());
  else { let x = 3; x *= 7; totals[2] = x; }
  return !(nr != 0) || ktime() < 0;
});
`;

test('a probe script compiles to programs the verifier accepts', (t) => {
  const r = compileProbes(SCRIPT);
  if (!r.ok) { t.fail(`${r.error.line}: ${r.error.message}`); return; }
  t.deepEqual(r.value.maps.map((m) => [m.name, m.def.type, m.def.keySize, m.def.valueSize, m.def.maxEntries]), [['counts', 1, 8, 8, 64], ['totals', 2, 4, 8, 4]]);
  t.is(r.value.probes.length, 1);
  t.is(r.value.probes[0].point, 'sys_enter');
  const v = verify(r.value.probes[0].bytes, { progType: 'raw_tracepoint', maps: r.value.maps.map((m) => m.def) });
  t.true(v.ok, v.ok ? '' : `${v.log}\n${disassembleBytes(r.value.probes[0].bytes)}`);
});

test('probe script errors carry the line', (t) => {
  const bad = compileProbes("const m = map('hash', 8);\nprobe('x', (ctx) => {\n  y += 1;\n});\n");
  t.deepEqual(bad, { ok: false, error: { line: 3, message: "unknown name 'y'" } });
  const syntax = compileProbes('probe(');
  t.false(syntax.ok);
  const notMap = compileProbes("probe('x', (c) => { c[1] = 2; });");
  t.deepEqual(notMap, { ok: false, error: { line: 1, message: "'c' is not a map" } });
});

test('a compiled probe runs inside nodix through bpftool', async (t) => {
  if (!haveGcc) { if (requireTools) throw new Error('riscv64-linux-gnu-gcc missing'); t.log('skipped: riscv64-linux-gnu-gcc not installed'); t.pass(); return; }
  const r = compileProbes(SCRIPT);
  if (!r.ok) { t.fail(r.error.message); return; }
  const dir = join(root, '.cache', 'bpf'); mkdirSync(dir, { recursive: true });
  const bin = join(dir, 'bpftool-probe');
  execFileSync('riscv64-linux-gnu-gcc', ['-static', '-O2', '-o', bin, join(root, 'userland/src/bpftool.c')]);
  if (!existsSync(join(root, 'userland/bin/sh'))) { t.log('skipped: userland/bin/sh not built'); t.pass(); return; }
  const script = [
    'bpftool map create /pin/counts type hash key 8 value 8 entries 64 name counts',
    'bpftool map create /pin/totals type array key 4 value 8 entries 4 name totals',
    'bpftool prog load /probe.bin /pin/probe type raw_tracepoint map idx 0 pinned /pin/counts map idx 1 pinned /pin/totals',
    'bpftool prog run pinned /pin/probe repeat 5',
    'bpftool map dump pinned /pin/counts',
    'bpftool map dump pinned /pin/totals',
    'bpftool prog tracelog -n',
  ].join('\n') + '\n';
  const host = new MemoryHost('');
  const b = boot({
    host,
    files: { '/bin/sh': readFileSync(join(root, 'userland/bin/sh')), '/bin/bpftool': readFileSync(bin), '/probe.bin': r.value.probes[0].bytes, '/s.sh': new TextEncoder().encode(script) },
  });
  const res = await b.runProgram('/bin/sh', ['sh', '/s.sh'], { envp: ['PATH=/bin'] });
  t.log(host.stdout()); t.log(host.stderr());
  t.deepEqual(res, { status: 0 });
  const lines = host.stdout().split('\n');
  t.deepEqual(lines.slice(0, 8), [
    'Return value: 1',
    'key: 00 00 00 00 00 00 00 00  value: 05 00 00 00 00 00 00 00',
    'Found 1 element',
    'key: 00 00 00 00  value: 00 00 00 00 00 00 00 00',
    'key: 01 00 00 00  value: 0a 00 00 00 00 00 00 00',
    'key: 02 00 00 00  value: 00 00 00 00 00 00 00 00',
    'key: 03 00 00 00  value: 00 00 00 00 00 00 00 00',
    'Found 4 elements',
  ]);
  const trace = lines.slice(8).filter((l) => l.includes('bpf_trace_printk'));
  t.is(trace.length, 5);
  t.regex(trace[0], /bpf_trace_printk: nr 0 seen by \d+$/);
});
