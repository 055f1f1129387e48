// verifier/elf.ts: an lddw relocated against a function (a bpf_loop callback
// written in C) becomes BPF_PSEUDO_FUNC with a relative target, as libbpf
// makes it, so the verifier accepts the program. Built by clang -target bpf.
import test from 'ava';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BPF_PSEUDO_FUNC, LDDW, decodeProgram, readElf, verify } from '../../verifier/index.js';
import { root } from '../guest/harness.js';

function haveClang(): boolean {
  try { execFileSync('clang', ['--version'], { stdio: 'ignore' }); return true; } catch { return false; }
}

test('bpf_loop callbacks in C load as BPF_PSEUDO_FUNC and verify', (t) => {
  if (!haveClang()) { if (process.env.NODIX_REQUIRE_TOOLS === '1') t.fail('clang missing'); else { t.log('skipped: clang not found'); t.pass(); } return; }
  const dir = join(root, '.cache', 'bpf'); mkdirSync(dir, { recursive: true });
  const obj = join(dir, 'loop.o');
  execFileSync('clang', ['-target', 'bpf', '-O2', '-c', join(root, 'test/bpf/data/loop.c'), '-o', obj]);
  const e = readElf(new Uint8Array(readFileSync(obj)));
  if (!e.ok) { t.fail(e.error); return; }
  const p = e.value.programs.find((x) => x.section === 'raw_tracepoint/sys_enter')!;
  const d = decodeProgram(p.bytes);
  if (!d.ok) { t.fail('decode'); return; }
  const funcs = d.value.map((i, pc) => ({ i, pc })).filter(({ i }) => i.opcode === LDDW && i.src === BPF_PSEUDO_FUNC);
  t.is(funcs.length, 2);
  // Each target is the entry of a function the ELF names (add_index, stop_at_five).
  const entries = new Set(p.functions.map((f) => f.index));
  for (const { i, pc } of funcs) t.true(entries.has(pc + 1 + i.imm), `lddw at ${pc} -> ${pc + 1 + i.imm}`);
  const v = verify(p.bytes, { progType: 'raw_tracepoint' });
  t.true(v.ok, v.ok ? '' : v.log);
});
