// Diagnostics: the log at levels 1 and 2 (instruction lines, register state,
// path starts), the result's code/message/hint, statistics, and the
// complexity limit's message.
import test from 'ava';
import { assemble } from '../../verifier/asm.js';
import { verify } from '../../verifier/verify/index.js';
import { ERRORS } from '../../verifier/verify/errors.js';

const prog = (s: string) => { const a = assemble(s); if (!a.ok) throw new Error(a.error.message); return a.value; };

test('level 2 logs each instruction with the register state after it', (t) => {
  const r = verify(prog('mov %r2, 5\nldxw %r0, [%r1+0]\njgt %r0, %r2, +1\nexit\nmov %r0, 0\nexit'), { progType: 'socket_filter', logLevel: 2 });
  t.true(r.ok);
  if (!r.ok) return;
  const log = r.stats.log;
  t.regex(log, /^0: \(b7\) mov %r2, 5$/m);
  t.regex(log, /; R1=ctx\(\) R2=5 R10=fp0/);
  t.regex(log, /R0=scalar\(smin=0,smax=4294967295,umax=4294967295.*var_off=\(0x0; 0xffffffff\)\)/);
  t.regex(log, /^from \d+ to \d+: /m);
  t.regex(log, /R0=scalar\(smin=6,/);
});

test('level 1 logs instructions but no state lines; level 0 logs nothing', (t) => {
  const p = prog('mov %r0, 0\nexit');
  const l1 = verify(p, { progType: 'socket_filter', logLevel: 1 });
  const l0 = verify(p, { progType: 'socket_filter' });
  t.true(l1.ok && l0.ok);
  if (!l1.ok || !l0.ok) return;
  t.regex(l1.stats.log, /^1: \(95\) exit$/m);
  t.notRegex(l1.stats.log, /;/);
  t.is(l0.stats.log, '');
});

test('a rejection carries the instruction, a stable code, the message, a hint and the log', (t) => {
  const r = verify(prog('mov %r1, %r10\nadd %r1, -8\nldxdw %r0, [%r1+0]\nexit'), { progType: 'socket_filter', logLevel: 1 });
  t.false(r.ok);
  if (r.ok) return;
  t.is(r.insn, 2);
  t.is(r.code, 'E_UNINIT_STACK');
  t.regex(r.message, /invalid read from stack off -8\+0 size 8/);
  t.is(r.hint, ERRORS.E_UNINIT_STACK);
  t.regex(r.log, /2: \(79\) ldxdw %r0, \[%r1\+0\]\ninvalid read/);
});

test('every error code has a one-line hint', (t) => {
  for (const [code, hint] of Object.entries(ERRORS)) {
    t.regex(code, /^E_[A-Z0-9_]+$/);
    t.true(hint.length > 10 && !hint.includes('\n'), code);
  }
});

test('statistics: processed instructions, states, stack depth per function', (t) => {
  const r = verify(prog('stdw [%r10-24], 0\ncall local f\nexit\nf:\nstdw [%r10-8], 0\nmov %r0, 0\nexit'), { progType: 'kprobe' });
  t.true(r.ok);
  if (!r.ok) return;
  t.is(r.stats.processed, 6);
  t.deepEqual(r.stats.stackDepth, [24, 8]);
  t.is(r.stats.subprogs, 2);
});

test('the complexity limit says how many instructions were processed', (t) => {
  const r = verify(prog('call 5\nmov %r1, 0\nl:\nadd %r1, 1\njlt %r1, %r0, l\nmov %r0, 0\nexit'), { progType: 'kprobe', maxInsns: 5000 });
  t.false(r.ok);
  if (r.ok) return;
  t.is(r.code, 'E_TOO_COMPLEX');
  t.regex(r.message, /processed 5000 insns \(limit 5000\)/);
});
