// Differential fuzzing of the JIT against the interpreter: seeded random
// programs (ALU of both widths with edge-biased operands, div/mod signed and
// unsigned, movsx, byte swaps, loads/stores/atomics on the stack and a memory
// region — some out of bounds —, forward conditional jumps, bounded loops,
// helper and local calls, legacy packet loads) must give the same r0, the same
// memory and the same error (kind and instruction) on both engines.
import test from 'ava';
import { encodeSlots, insn, type Insn } from '../../verifier/isa.js';
import { interpret } from '../../verifier/interp.js';
import { compile } from '../../verifier/jit.js';
import { AddressSpace, PROT_READ, PROT_WRITE, STACK_BASE, STACK_TOP } from '../../verifier/memory.js';
import { prepare, type ExecResult } from '../../verifier/program.js';
import { conformanceHelpers } from '../../verifier/conformance.js';
import { decodeProgram, toHex } from '../../verifier/isa.js';
import { disassemble } from '../../verifier/disasm.js';

class Rng {
  constructor(private s: number) {}
  next(): number { let x = this.s; x ^= x << 13; x ^= x >>> 17; x ^= x << 5; this.s = x; return x >>> 0; }
  int(n: number): number { return this.next() % n; }
  pick<T>(a: readonly T[]): T { return a[this.int(a.length)]; }
}

const EDGE32 = [0, 1, -1, 2, 7, -7, 31, 32, 33, 63, 64, 65, 0x7fffffff, -0x80000000, 0xff, 0x8000, 0x12345678];
const EDGE64 = [0n, 1n, -1n, 0x7fffffffffffffffn, -0x8000000000000000n, 0xffffffffn, 0x100000000n, 0x80000000n,
  0x123456789abcdef0n, -2n, 3n, 0xfedcba9876543210n];

function imm(r: Rng): number { return r.int(3) === 0 ? (r.next() | 0) : r.pick(EDGE32); }

/** A unit is one instruction (or an lddw pair) plus an optional forward jump target (unit index). */
interface Unit { insns: Insn[]; jumpTo?: number; field?: 'off' | 'imm' }

function genProgram(r: Rng, memLen: number): Insn[] {
  const units: Unit[] = [];
  const u = (...i: Insn[]) => units.push({ insns: i });
  u(insn(0xbf, 9, 1)); // r9 = memory pointer (never written again)
  for (let k = 0; k <= 8; k++) {
    const v = BigInt.asUintN(64, r.int(4) === 0 ? BigInt(r.next()) << 32n | BigInt(r.next()) : r.pick(EDGE64));
    u(insn(0x18, k, 0, 0, Number(BigInt.asIntN(32, v)), Number(BigInt.asIntN(32, v >> 32n))));
  }
  const body = 20 + r.int(40);
  const dreg = () => r.int(9); // r0..r8
  const sreg = () => r.int(10); // r0..r9
  const aluOps = [0x00, 0x10, 0x20, 0x30, 0x40, 0x50, 0x60, 0x70, 0x90, 0xa0, 0xb0, 0xc0];
  const memBase = (len: number): [number, number] => r.int(2) === 0
    ? [9, r.int(memLen + 8) - 4 - (r.int(8) === 0 ? len : 0)]
    : [10, -8 * (1 + r.int(8)) + (r.int(6) === 0 ? 8 : 0)];
  const sizes = [[0x00, 4], [0x08, 2], [0x10, 1], [0x18, 8]] as const;
  let hasSub = false;
  const insideLoop = new Set<number>(); // units a forward jump must not land on (they would skip the loop's counter set-up)
  for (let n = 0; n < body; n++) {
    const kind = r.int(20);
    if (kind < 8) { // ALU
      const cls = r.int(2) === 0 ? 0x07 : 0x04;
      const op = r.pick(aluOps);
      const x = r.int(2) === 0;
      let off = 0;
      if (op === 0x30 || op === 0x90) off = r.int(2);
      if (op === 0xb0 && x && r.int(3) === 0) off = r.pick(cls === 0x07 ? [8, 16, 32] : [8, 16]);
      const k = op === 0x30 || op === 0x90 ? r.pick([0, -1, -1, 1, -2, 3, imm(r)]) : imm(r); // divisor edges
      u(x ? insn(cls | op | 0x08, dreg(), sreg(), off) : insn(cls | op, dreg(), 0, off, k));
    } else if (kind === 8) {
      u(insn(r.pick([0x87, 0x84]), dreg()));
    } else if (kind === 9) {
      u(insn(r.pick([0xd4, 0xdc, 0xd7]), dreg(), 0, 0, r.pick([16, 32, 64])));
    } else if (kind === 10) { // load
      const [sz, len] = r.pick(sizes);
      const [b, off] = memBase(len);
      const sx = sz !== 0x18 && r.int(3) === 0;
      u(insn((sx ? 0x81 : 0x61) | sz, dreg(), b, off));
    } else if (kind === 11) { // store
      const [sz, len] = r.pick(sizes);
      const [b, off] = memBase(len);
      u(r.int(2) === 0 ? insn(0x63 | sz, b, sreg(), off) : insn(0x62 | sz, b, 0, off, imm(r)));
    } else if (kind === 12) { // atomic
      const wide = r.int(2) === 0;
      const [b, off] = memBase(wide ? 8 : 4);
      const code = r.pick([0x00, 0x01, 0x40, 0x41, 0x50, 0x51, 0xa0, 0xa1, 0xe1, 0xf1]);
      u(insn(wide ? 0xdb : 0xc3, b, r.int(9), off & ~(wide ? 7 : 3), code));
    } else if (kind < 16) { // forward conditional jump
      const cls = r.int(2) === 0 ? 0x05 : 0x06;
      const op = r.pick([0x10, 0x20, 0x30, 0x40, 0x50, 0x60, 0x70, 0xa0, 0xb0, 0xc0, 0xd0]);
      const x = r.int(2) === 0;
      units.push({ insns: [x ? insn(cls | op | 0x08, dreg(), sreg()) : insn(cls | op, dreg(), 0, 0, imm(r))], jumpTo: units.length + 1 + r.int(5), field: 'off' });
    } else if (kind === 16) { // bounded loop on r8
      const iters = 1 + r.int(5);
      u(insn(0xb7, 8, 0, 0, iters));
      const start = units.length;
      u(insn(r.pick([0x0f, 0xaf, 0x2f, 0x1c]), r.int(8), r.int(8)));
      u(insn(0x17, 8, 0, 0, 1));
      units.push({ insns: [insn(0x55, 8, 0, 0, 0)], jumpTo: start, field: 'off' });
      for (let q = start; q < units.length; q++) insideLoop.add(q);
    } else if (kind === 17) {
      u(insn(0x85, 0, 0, 0, r.pick([0, 2, 3])));
    } else if (kind === 18) {
      hasSub = true;
      units.push({ insns: [insn(0x85, 0, 1, 0, 0)], jumpTo: -1, field: 'imm' });
    } else {
      u(r.int(2) === 0 ? insn(r.pick([0x20, 0x28, 0x30]), 0, 0, 0, r.int(memLen + 4)) : insn(r.pick([0x40, 0x48, 0x50]), 0, sreg(), 0, r.int(8)));
    }
  }
  const exitUnit = units.length;
  for (let k = 1; k <= 8; k++) { u(insn(0x27, 0, 0, 0, 31)); u(insn(0x0f, 0, k)); } // fold r1..r8 into r0
  u(insn(0x95));
  const subUnit = units.length;
  if (hasSub) {
    for (let k = 0; k < 3; k++) u(insn(r.pick([0x07, 0x27, 0xa7, 0x04]), r.int(6), 0, 0, imm(r)));
    u(insn(0x7b, 10, 1, -8));
    u(insn(0x95));
  }
  // lay out slots and resolve jumps
  const slot: number[] = [];
  let at = 0;
  for (const un of units) { slot.push(at); at += un.insns.length; }
  slot.push(at);
  const out: Insn[] = [];
  units.forEach((un, k) => {
    const first = { ...un.insns[0] };
    if (un.jumpTo !== undefined) {
      let target = un.jumpTo === -1 ? subUnit : Math.min(un.jumpTo, exitUnit);
      while (target > k && insideLoop.has(target)) target++;
      const rel = slot[target] - slot[k] - 1;
      if (un.field === 'off') first.off = rel; else first.imm = rel;
    }
    out.push(first);
    if (first.opcode === 0x18) out.push(insn(0, 0, 0, 0, first.imm2));
  });
  return out;
}

function runOn(engine: 'interp' | 'jit', insns: Insn[], mem: Uint8Array): { res: ExecResult; stack: string; mem: string } {
  const as = new AddressSpace();
  const region = as.map(mem, PROT_READ | PROT_WRITE, 'mem');
  as.regs.fill(0);
  as.regs[2] = region.start;
  as.regs[4] = mem.length;
  const p = prepare(insns);
  if (!p.ok) throw new Error(p.error.message);
  const opts = { helpers: conformanceHelpers(), maxSteps: 1_000_000 };
  let res: ExecResult;
  if (engine === 'interp') res = interpret(p.value, as, opts);
  else {
    const j = compile(p.value);
    if (!j.ok) throw new Error(j.error);
    res = j.value.run(as, opts);
  }
  return { res, stack: toHex(as.u8.slice(STACK_BASE, STACK_TOP)), mem: toHex(as.u8.slice(region.start, region.start + mem.length)) };
}

const summary = (r: ExecResult) => (r.ok ? `ok r0=${r.r0.toString(16)}` : `${r.error.kind}@${r.error.pc}`);

test('JIT agrees with the interpreter on 600 random programs', (t) => {
  const rng = new Rng(0x9e3779b9);
  let faults = 0, oks = 0;
  for (let k = 0; k < 600; k++) {
    const mem = new Uint8Array(32 + rng.int(32));
    for (let j = 0; j < mem.length; j++) mem[j] = rng.int(256);
    const prog = genProgram(rng, mem.length);
    const check = decodeProgram(encodeSlots(prog));
    if (!check.ok) { t.fail(`generator made an invalid program: ${check.error.message}\n${disassemble(prog)}`); return; }
    const a = runOn('interp', prog, mem), b = runOn('jit', prog, mem);
    const same = summary(a.res) === summary(b.res) && a.stack === b.stack && a.mem === b.mem;
    if (!same) {
      t.fail(`program ${k}: interpreter ${summary(a.res)}, JIT ${summary(b.res)}` +
        `${a.mem !== b.mem ? ' (memory differs)' : ''}${a.stack !== b.stack ? ' (stack differs)' : ''}\n${disassemble(prog)}`);
      return;
    }
    if (a.res.ok) oks++; else faults++;
  }
  // both outcomes must be exercised for the comparison to mean something
  t.true(oks > 50, `ok runs: ${oks}`);
  t.true(faults > 20, `faulting runs: ${faults}`);
});
