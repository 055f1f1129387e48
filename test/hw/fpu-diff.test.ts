// Differential test of the FPU against qemu-riscv64 (whose softfloat models the
// RISC-V F and D extensions exactly). A small riscv64 program
// (fpu-vectors/oracle.c, built here with riscv64-linux-gnu-gcc -static into
// .cache/) executes every OP-FP/FMA instruction under every static rounding
// mode and the dynamic mode, on edge operands and on thousands of seeded random
// operands per instruction; execFp must produce the same fa0, a0 and fflags.
import test from 'ava';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FpRegs, execFp, disasmFp, FP_OK } from '../../core/hw/fpu/index.js';
import { allOps, type OpDesc } from './fpu-vectors/enc.js';
import { rng, edges, randomOperand, nearOperand, cancellingAddend, randomInt } from './fpu-vectors/gen.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const cache = join(root, '.cache');
const src = join(here, 'fpu-vectors/oracle.c');
const exe = join(cache, 'fpu-oracle');

function have(tool: string): boolean {
  return spawnSync(tool, ['--version'], { stdio: 'ignore' }).status === 0;
}
const tools = ['riscv64-linux-gnu-gcc', 'qemu-riscv64'];
const missing = tools.filter((t) => !have(t));
// NODIX_FPU_CASES (random cases per op and mode) and NODIX_FPU_SEED widen the search when run by hand.
const RANDOM_PER_RM = Number(process.env.NODIX_FPU_CASES ?? 600);

interface Case { op: number; rm: number; frm: number; a: bigint; b: bigint; c: bigint; xa: bigint }

/** Builds the case list: edge x edge operands (one random mode each) plus random operands under every mode. */
function makeCases(ops: OpDesc[]): Case[] {
  const r = rng(Number(process.env.NODIX_FPU_SEED ?? 0x5eed1234));
  const cases: Case[] = [];
  const push = (op: number, rmSel: number, a: bigint, b: bigint, c: bigint, xa: bigint) => {
    const rm = rmSel;  // 0..4 static, 7 dynamic (frm random); frm is ignored by a static mode
    const frm = r() % 5;
    const u = (v: bigint) => BigInt.asUintN(64, v);
    cases.push({ op, rm, frm, a: u(a), b: u(b), c: u(c), xa: u(xa) });
  };
  ops.forEach((d, i) => {
    const E = edges(d.fmt);
    const rms = d.usesRm ? [0, 1, 2, 3, 4, 7] : [0];
    const pickRm = () => (d.usesRm ? rms[r() % rms.length] : 0);
    if (d.inputs === 'x') {
      for (let k = 0; k < 200; k++) push(i, pickRm(), 0n, 0n, 0n, randomInt(r));
    } else if (d.inputs === 'f') {
      for (const a of E) for (const rm of rms) push(i, rm, a, 0n, 0n, 0n);
    } else {
      for (const a of E) for (const b of E) push(i, pickRm(), a, b, E[r() % E.length], 0n);
    }
    const n = d.usesRm ? RANDOM_PER_RM : RANDOM_PER_RM * 3;
    for (const rm of rms) {
      for (let k = 0; k < n; k++) {
        const a = randomOperand(d.fmt, r);
        const b = r() % 3 === 0 ? nearOperand(d.fmt, a, r) : randomOperand(d.fmt, r);
        let c = randomOperand(d.fmt, r);
        if (d.inputs === 'fff') {
          const k = r() % 3;
          const p = cancellingAddend(d.fmt, a, b, r);   // about -(a*b)
          if (p !== null && k === 0) c = p;
          else if (p !== null && k === 1) c = nearOperand(d.fmt, p, r);   // overlapping a*b partly
        }
        push(i, rm, a, b, c, d.inputs === 'x' ? randomInt(r) : 0n);
      }
    }
  });
  return cases;
}

function buildOracle(): string | null {
  mkdirSync(cache, { recursive: true });
  if (existsSync(exe) && statSync(exe).mtimeMs >= statSync(src).mtimeMs) return null;
  const res = spawnSync('riscv64-linux-gnu-gcc', ['-static', '-O2', '-march=rv64gc', '-o', exe, src], { encoding: 'utf8' });
  return res.status === 0 ? null : `oracle build failed: ${res.stderr}`;
}

const hex = (v: bigint) => '0x' + v.toString(16).padStart(16, '0');

if (missing.length > 0) {
  if (process.env.NODIX_REQUIRE_TOOLS === '1') {
    test('fpu differential test against qemu-riscv64', (t) => { t.fail(`required tools missing: ${missing.join(', ')}`); });
  } else {
    test.skip(`fpu differential test against qemu-riscv64 (skipped: ${missing.join(', ')} not installed)`, () => {});
  }
} else {
  test('execFp matches qemu-riscv64 on edge and random operands, every op and rounding mode', (t) => {
    const err = buildOracle();
    if (err) { t.fail(err); return; }
    const ops = allOps();
    const cases = makeCases(ops);
    // Instruction slots: one per (op, rm).
    const slotOf = new Map<number, number>();
    const insns: number[] = [];
    const insnOf = (c: Case) => ops[c.op].insn(c.rm);
    for (const c of cases) {
      const w = insnOf(c);
      if (!slotOf.has(w)) { slotOf.set(w, insns.length); insns.push(w); }
    }
    const REC = 40;
    const buf = Buffer.alloc(4 + 4 * insns.length + REC * cases.length);
    buf.writeUInt32LE(insns.length, 0);
    insns.forEach((w, i) => buf.writeUInt32LE(w, 4 + 4 * i));
    let off = 4 + 4 * insns.length;
    for (const c of cases) {
      buf.writeUInt32LE(slotOf.get(insnOf(c))!, off);
      buf.writeUInt32LE(c.frm, off + 4);
      buf.writeBigUInt64LE(c.a, off + 8);
      buf.writeBigUInt64LE(c.b, off + 16);
      buf.writeBigUInt64LE(c.c, off + 24);
      buf.writeBigUInt64LE(c.xa, off + 32);
      off += REC;
    }
    const inFile = join(cache, `fpu-oracle-${process.pid}.in`), outFile = join(cache, `fpu-oracle-${process.pid}.out`);
    writeFileSync(inFile, buf);
    const run = spawnSync('qemu-riscv64', [exe, inFile, outFile], { encoding: 'utf8' });
    const out = run.status === 0 ? readFileSync(outFile) : null;
    rmSync(inFile, { force: true }); rmSync(outFile, { force: true });
    if (!out) { t.fail(`qemu-riscv64 failed: ${run.status} ${run.stderr}`); return; }
    t.is(out.length, 24 * cases.length, 'oracle produced one result per case');

    const F = new FpRegs();
    const x = new Int32Array(64);
    const perOp = new Map<string, { n: number; bad: number }>();
    const failures: string[] = [];
    cases.forEach((c, i) => {
      const d = ops[c.op];
      const w = insnOf(c);
      const set = (reg: number, v: bigint) => { F.i32[2 * reg] = Number(v & 0xffffffffn) | 0; F.i32[2 * reg + 1] = Number(v >> 32n) | 0; };
      set(10, c.a); set(11, c.b); set(12, c.c);
      x[20] = Number(c.xa & 0xffffffffn) | 0; x[21] = Number(c.xa >> 32n) | 0;
      F.frm = c.frm; F.fflags = 0;
      const rc = execFp(F, w, x);
      const gotF = (BigInt(F.i32[21] >>> 0) << 32n) | BigInt(F.i32[20] >>> 0);
      const gotX = (BigInt(x[21] >>> 0) << 32n) | BigInt(x[20] >>> 0);
      const expF = out.readBigUInt64LE(24 * i), expX = out.readBigUInt64LE(24 * i + 8), expFl = Number(out.readBigUInt64LE(24 * i + 16));
      const s = perOp.get(d.name) ?? { n: 0, bad: 0 };
      s.n++;
      if (rc !== FP_OK || gotF !== expF || gotX !== expX || F.fflags !== expFl) {
        s.bad++;
        if (failures.length < 25) {
          failures.push(`${disasmFp(w)} frm=${c.frm} a=${hex(c.a)} b=${hex(c.b)} c=${hex(c.c)} x=${hex(c.xa)}: ` +
            `want f=${hex(expF)} x=${hex(expX)} fl=${expFl}, got rc=${rc} f=${hex(gotF)} x=${hex(gotX)} fl=${F.fflags}`);
        }
      }
      perOp.set(d.name, s);
    });
    const bad = [...perOp].filter(([, s]) => s.bad > 0).map(([n, s]) => `${n}: ${s.bad}/${s.n}`);
    t.log(`${cases.length} cases over ${ops.length} instructions x rounding modes (${insns.length} encodings)`);
    if (bad.length) t.log(`mismatching ops: ${bad.join(', ')}`);
    for (const f of failures) t.log(f);
    t.is(failures.length, 0);
  });
}
