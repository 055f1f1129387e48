// The execution API around both engines: the address space (regions,
// permissions, reset), helpers (arguments, r0, stop, failure, unknown id),
// budgets, read-only regions, lddw resolvers and function addresses, and the
// typed errors (never host exceptions) for every fault.
import test from 'ava';
import { assembleBytes } from '../../verifier/asm.js';
import { compile } from '../../verifier/jit.js';
import { interpret } from '../../verifier/interp.js';
import {
  AddressSpace, PROT_READ, PROT_WRITE, STACK_BASE, STACK_TOP, regGet, regSet,
} from '../../verifier/memory.js';
import { HELPER_OK, HELPER_STOP, load, prepare, type ExecOptions, type ExecResult, type Helper } from '../../verifier/program.js';
import { decodeProgram } from '../../verifier/isa.js';

function prog(text: string) {
  const b = assembleBytes(text);
  if (!b.ok) throw new Error(`${b.error.line}: ${b.error.message}`);
  const p = load(b.value);
  if (!p.ok) throw new Error(p.error);
  return p.value;
}

/** Runs on both engines (fresh address spaces set up by `setup`) and checks they agree. */
function both(t: { is: (a: unknown, b: unknown, m?: string) => void }, text: string, opts: ExecOptions = {},
  setup: (as: AddressSpace) => void = () => {}): ExecResult {
  const p = prog(text);
  const a1 = new AddressSpace(); setup(a1);
  const a2 = new AddressSpace(); setup(a2);
  const r1 = interpret(p, a1, opts);
  const j = compile(p);
  if (!j.ok) throw new Error(j.error);
  const r2 = j.value.run(a2, opts);
  const s = (r: ExecResult) => (r.ok ? `ok ${r.r0}` : `${r.error.kind}@${r.error.pc}`);
  t.is(s(r2), s(r1), 'engines agree');
  return r1;
}

test('address space: regions, permissions, reset', (t) => {
  const as = new AddressSpace();
  t.true(as.check(STACK_BASE, STACK_TOP - STACK_BASE, PROT_READ | PROT_WRITE));
  t.false(as.check(0, 1, PROT_READ), 'address 0 is never mapped');
  t.false(as.check(STACK_TOP, 1, PROT_READ));
  const ro = as.map(new Uint8Array([1, 2, 3]), PROT_READ, 'ro');
  t.true(as.check(ro.start, 3, PROT_READ));
  t.false(as.check(ro.start, 3, PROT_WRITE));
  t.false(as.check(ro.start, 4, PROT_READ), 'one past the end');
  t.deepEqual(as.read(ro.start, 3), new Uint8Array([1, 2, 3]));
  t.false(as.write(ro.start, new Uint8Array([9])));
  const big = as.alloc(200_000, PROT_READ | PROT_WRITE, 'big'); // grows the memory
  t.true(as.write(big.start + 199_999, new Uint8Array([7])));
  t.is(as.u8[big.start + 199_999], 7);
  as.reset();
  t.is(as.mapped.length, 1);
  t.false(as.check(ro.start, 1, PROT_READ));
  regSet(as.regs, 3, -2n);
  t.is(regGet(as.regs, 3), 0xfffffffffffffffen);
});

test('helpers get r1..r5 and set r0; results of both engines agree', (t) => {
  const seen: bigint[][] = [];
  const sum: Helper = (r) => {
    const args = [1, 2, 3, 4, 5].map((k) => regGet(r, k));
    seen.push(args);
    regSet(r, 0, args.reduce((a, b) => a + b, 0n));
    return HELPER_OK;
  };
  const res = both(t, 'mov %r1, 1\nlddw %r2, 0x100000000\nmov %r3, -1\nmov %r4, 4\nmov %r5, 5\ncall 7\nexit', { helpers: { 7: sum } as unknown as Helper[] });
  t.true(res.ok);
  if (res.ok) t.is(res.r0, BigInt.asUintN(64, 1n + 0x100000000n + 0xffffffffffffffffn + 9n));
  t.deepEqual(seen[0], [1n, 0x100000000n, 0xffffffffffffffffn, 4n, 5n]);
});

test('helper stop, failure and unknown ids are typed results', (t) => {
  const stop: Helper = (r) => { regSet(r, 0, 77n); return HELPER_STOP; };
  const failing: Helper = () => -5;
  let r = both(t, 'call 1\nmov %r0, 1\nexit', { helpers: [undefined, stop] });
  t.true(r.ok && r.r0 === 77n);
  r = both(t, 'mov %r0, 0\ncall 1\nexit', { helpers: [undefined, failing] });
  t.true(!r.ok && r.error.kind === 'helper-failed' && r.error.pc === 1);
  r = both(t, 'mov %r0, 0\ncall 3\nexit', { helpers: [] });
  t.true(!r.ok && r.error.kind === 'unknown-helper' && r.error.pc === 1);
  r = both(t, 'mov %r2, 3\ncallx %r2\nexit', { helpers: [] });
  t.true(!r.ok && r.error.kind === 'unknown-helper');
});

test('a helper that writes memory is seen by the program', (t) => {
  const fill: Helper = (r, as) => {
    const p = r[2] >>> 0;
    if (!as.check(p, 8, PROT_WRITE)) return -1;
    as.view.setUint32(p, 0xdeadbeef, true);
    regSet(r, 0, 0n);
    return HELPER_OK;
  };
  const r = both(t, 'mov %r1, %r10\nsub %r1, 8\ncall 1\nldxw %r0, [%r10-8]\nexit', { helpers: [undefined, fill] });
  t.true(r.ok && r.r0 === 0xdeadbeefn);
});

test('stores to a read-only region fault on both engines', (t) => {
  const setup = (as: AddressSpace) => {
    const ro = as.map(new Uint8Array(8), PROT_READ, 'ro');
    as.regs[2] = ro.start; // r1
  };
  let r = both(t, 'ldxdw %r0, [%r1+0]\nexit', {}, setup);
  t.true(r.ok);
  r = both(t, 'stw [%r1+0], 1\nexit', {}, setup);
  t.true(!r.ok && r.error.kind === 'out-of-bounds' && r.error.pc === 0);
  r = both(t, 'mov %r2, 1\nlock add [%r1+0], %r2\nexit', {}, setup);
  t.true(!r.ok && r.error.kind === 'out-of-bounds' && r.error.pc === 1);
});

test('budgets stop endless loops on both engines', (t) => {
  const p = prog('mov %r0, 0\nloop:\nadd %r0, 1\nja loop');
  const r1 = interpret(p, new AddressSpace(), { maxSteps: 1000 });
  t.true(!r1.ok && r1.error.kind === 'budget');
  const j = compile(p);
  if (!j.ok) { t.fail(j.error); return; }
  const r2 = j.value.run(new AddressSpace(), { maxSteps: 1000 });
  t.true(!r2.ok && r2.error.kind === 'budget');
  // recursion without end: the call depth runs out first
  const rec = both(t, 'call local f\nexit\nf:\ncall local f\nexit');
  t.true(!rec.ok && rec.error.kind === 'call-depth');
});

test('running off the end of the program is an error', (t) => {
  const r = both(t, 'mov %r0, 1\njeq %r0, 1, +1\nexit\nmov %r0, 3');
  t.true(!r.ok && r.error.kind === 'bad-program');
});

test('lddw map references go through the resolver; without one the program is refused', (t) => {
  const b = assembleBytes('lddw %r1, map_idx:0\nlddw %r2, map_idx_value:0:4\nmov %r0, %r2\nsub %r0, %r1\nexit');
  if (!b.ok) { t.fail(b.error.message); return; }
  const d = decodeProgram(b.value);
  if (!d.ok) { t.fail(d.error.message); return; }
  const refused = prepare(d.value);
  t.false(refused.ok);
  const p = prepare(d.value, (_pc, src, imm, imm2) => (src === 5 ? 0x10000n + BigInt(imm) : src === 6 ? 0x10000n + BigInt(imm2) : null));
  if (!p.ok) { t.fail(p.error.message); return; }
  const r = interpret(p.value, new AddressSpace());
  t.true(r.ok && r.r0 === 4n);
});

test('callx to a function address, and to an address that is not a function entry', (t) => {
  let r = both(t, 'lddw %r6, func:f\ncallx %r6\nexit\nf:\nmov %r0, 5\nexit');
  t.true(r.ok && r.r0 === 5n);
  r = both(t, 'lddw %r6, func:f\nadd %r6, 1\ncallx %r6\nexit\nf:\nmov %r0, 5\nexit');
  t.true(!r.ok && r.error.kind === 'bad-callx' && r.error.pc === 3);
});

test('one compiled program runs on several address spaces', (t) => {
  const p = prog('ldxdw %r0, [%r1+0]\nexit');
  const j = compile(p);
  if (!j.ok) { t.fail(j.error); return; }
  for (const v of [1n, 2n, 0xffffffffffffffffn]) {
    const as = new AddressSpace();
    const m = as.alloc(8, PROT_READ, 'ctx');
    as.view.setBigUint64(m.start, v, true);
    as.regs[2] = m.start;
    const r = j.value.run(as);
    t.true(r.ok && r.r0 === v);
  }
});

test('a helper that grows the memory keeps both engines working', (t) => {
  const grow: Helper = (_r, as) => {
    const m = as.alloc(300_000, PROT_READ | PROT_WRITE, 'grown'); // beyond the initial pages
    as.view.setUint32(m.start, 41, true);
    as.regs[0] = m.start; as.regs[1] = 0;
    return HELPER_OK;
  };
  const r = both(t, 'call 1\nldxw %r0, [%r0+0]\nadd %r0, 1\nstdw [%r10-8], 5\nexit', { helpers: [undefined, grow] });
  t.true(r.ok && r.r0 === 42n);
});

test('the JIT budget is shared across calls', (t) => {
  // each call runs a loop of 10 backward jumps; 30 calls need about 330 ticks
  const p = prog('mov %r6, 30\nagain:\ncall local f\nsub %r6, 1\njne %r6, 0, again\nexit\nf:\nmov %r1, 10\nl:\nsub %r1, 1\njne %r1, 0, l\nexit');
  const j = compile(p);
  if (!j.ok) { t.fail(j.error); return; }
  const tight = j.value.run(new AddressSpace(), { maxSteps: 200 });
  t.true(!tight.ok && tight.error.kind === 'budget');
  const enough = j.value.run(new AddressSpace(), { maxSteps: 400 });
  t.true(enough.ok);
  const free = compile(p, { budget: false });
  t.true(free.ok && free.value.run(new AddressSpace(), { maxSteps: 1 }).ok, 'compiled without a budget');
});
