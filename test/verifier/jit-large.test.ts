// The JIT on programs larger than the tables WebAssembly engines limit: more
// basic blocks than a br_table may hold (65520 in V8), and many loops.
import test from 'ava';
import { insn, type Insn } from '../../verifier/isa.js';
import { prepare } from '../../verifier/program.js';
import { compile } from '../../verifier/jit.js';
import { interpret } from '../../verifier/interp.js';
import { AddressSpace } from '../../verifier/memory.js';

function agree(t: { true: (v: boolean, m?: string) => void; is: (a: unknown, b: unknown) => void; fail: (m: string) => void }, p: Insn[]): void {
  const pr = prepare(p);
  if (!pr.ok) { t.fail(pr.error.message); return; }
  const j = compile(pr.value);
  if (!j.ok) { t.fail(j.error); return; }
  const a = interpret(pr.value, new AddressSpace()), b = j.value.run(new AddressSpace());
  t.true(a.ok && b.ok);
  if (a.ok && b.ok) t.is(b.r0, a.r0);
}

test('70k basic blocks of forward branches', (t) => {
  const p: Insn[] = [insn(0xb7, 0, 0, 0, 0)];
  for (let k = 0; k < 35_000; k++) p.push(insn(0x07, 0, 0, 0, 1), insn(0x25, 0, 0, 1, 1 << 30), insn(0x07, 0, 0, 0, 2));
  p.push(insn(0x95));
  agree(t, p);
});

test('a thousand small loops', (t) => {
  const p: Insn[] = [insn(0xb7, 0, 0, 0, 0)];
  for (let k = 0; k < 1000; k++) {
    p.push(insn(0xb7, 1, 0, 0, 3), insn(0x07, 0, 0, 0, k), insn(0x17, 1, 0, 0, 1), insn(0x55, 1, 0, -3, 0));
  }
  p.push(insn(0x95));
  agree(t, p);
});
