// Differential tests of the hart's translated code (core/hw/jit/) against the
// interpreter: random RV64IM programs (ALU, multiply/divide with the special
// operands, loads and stores of every width including misaligned ones,
// forward branches, compressed forms) run in a loop so that they get
// translated, under odd run() budgets so that translated calls stop mid-way;
// registers, memory and instret must match the interpreter's exactly.
import test from 'ava';
import * as R from './rvasm.js';
import { Asm } from './rvasm.js';
import { type Hart, RunExit } from '../../core/hw/hart.js';
import { BASE, DATA, assertSameEnd, runOne as runCompare, type Ran } from './jit-compare.js';

const LOOP = 26, DBASE = 27; // s10 loop counter, s11 data base: never written by random ops

/** A small deterministic PRNG (xorshift32). */
function rng(seed: number): () => number {
  let s = seed | 0 || 1;
  return () => { s ^= s << 13; s ^= s >>> 17; s ^= s << 5; return s >>> 0; };
}

const R3 = [R.add, R.sub, R.sll, R.slt, R.sltu, R.xor, R.srl, R.sra, R.or, R.and, R.addw, R.subw, R.sllw, R.srlw, R.sraw,
  R.mul, R.mulh, R.mulhsu, R.mulhu, R.div, R.divu, R.rem, R.remu, R.mulw, R.divw, R.divuw, R.remw, R.remuw];
const RI = [R.addi, R.slti, R.sltiu, R.xori, R.ori, R.andi];
const SH = [R.slli, R.srli, R.srai];
const SHW = [R.slliw, R.srliw, R.sraiw];
const LD = [R.lb, R.lh, R.lw, R.ld, R.lbu, R.lhu, R.lwu];
const ST = [R.sb, R.sh, R.sw, R.sd];
const BR = [R.beq, R.bne, R.blt, R.bge, R.bltu, R.bgeu];
const SPECIAL = [0n, 1n, -1n, -(1n << 63n), (1n << 63n) - 1n, 0xffffffffn, -(1n << 31n), 0x80000000n];

function program(seed: number): { code: Uint8Array; init: bigint[] } {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[r() % xs.length];
  const reg = () => 1 + (r() % 25); // x1..x25
  const a = new Asm(BASE);
  a.li(LOOP, 40);
  a.li(DBASE, DATA);
  a.label('loop');
  let lbl = 0;
  const n = 30 + (r() % 40);
  for (let i = 0; i < n; i++) {
    const k = r() % 100;
    if (k < 35) a.emit(pick(R3)(reg(), reg(), reg()));
    else if (k < 50) a.emit(pick(RI)(reg(), reg(), ((r() % 4096) - 2048)));
    else if (k < 55) a.emit(pick(SH)(reg(), reg(), r() % 64));
    else if (k < 60) a.emit(pick(SHW)(reg(), reg(), r() % 32));
    else if (k < 63) a.emit(R.addiw(reg(), reg(), (r() % 4096) - 2048));
    else if (k < 66) a.emit(R.lui(reg(), (r() % 0x100000) - 0x80000));
    else if (k < 68) a.emit(R.auipc(reg(), (r() % 0x100000) - 0x80000));
    else if (k < 78) a.emit(pick(LD)(reg(), DBASE, r() % 2040));
    else if (k < 86) a.emit(pick(ST)(reg(), DBASE, r() % 2040));
    else if (k < 92) {
      const l = `f${lbl++}`;
      a.br(pick(BR), reg(), reg(), l);
      for (let j = r() % 3; j >= 0; j--) a.emit(pick(R3)(reg(), reg(), reg()));
      a.label(l);
    } else if (k < 96) a.c(R.c_add(reg(), reg()));
    else a.c(R.c_mv(reg(), reg()));
  }
  a.emit(R.addi(LOOP, LOOP, -1));
  a.bnez(LOOP, 'loop');
  a.emit(R.ebreak());
  const init: bigint[] = [0n];
  for (let i = 1; i < 32; i++) {
    init.push(r() % 3 === 0 ? SPECIAL[r() % SPECIAL.length] : (BigInt(r()) << 32n) | BigInt(r()));
  }
  return { code: a.bytes(), init };
}

function runOne(code: Uint8Array, init: bigint[], jit: boolean, slice: number): Ran {
  const regs = (h: Hart) => {
    for (let i = 1; i < 32; i++) {
      const u = BigInt.asUintN(64, init[i]);
      h.x[2 * i] = Number(u & 0xffffffffn) | 0; h.x[2 * i + 1] = Number(u >> 32n) | 0;
    }
  };
  return runCompare(code, { jit, slice, dataSeed: 1, maxRuns: 10_000, regs });
}

test('random programs: translated code matches the interpreter (registers, memory, instret)', (t) => {
  let translated = 0;
  for (let seed = 1; seed <= 40; seed++) {
    const { code, init } = program(seed * 7919);
    const slice = [1_000_000, 997, 61, 5][seed % 4];
    const a = runOne(code, init, false, slice);
    const b = runOne(code, init, true, slice);
    assertSameEnd(t, a, b, `seed ${seed}: `);
    t.deepEqual(b.ram.slice(DATA, 4096), a.ram.slice(DATA, 4096), `seed ${seed}: memory`);
    translated += b.h.jit!.stats.jitInsns;
  }
  t.true(translated > 0, 'some of it ran translated');
});

test('without a WebAssembly RAM or with jit: false the hart only interprets', (t) => {
  const { code, init } = program(5);
  const a = runOne(code, init, false, 1_000_000);
  t.is(a.h.jit, null);
  t.is(a.exit, RunExit.TRAP);
});
