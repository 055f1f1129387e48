// Runs one F/D instruction on a fresh register file for the hand-written FPU
// tests: operands in fa0/fa1/fa2 (64-bit patterns) and a0, results read back
// as 64-bit patterns.
import { FpRegs, execFp } from '../../../core/hw/fpu/index.js';
import { allOps } from './enc.js';

const byName = new Map(allOps().map((d) => [d.name, d]));

export interface Result { rc: number; f: bigint; x: bigint; fl: number }

export function setReg(F: FpRegs, r: number, v: bigint): void {
  v = BigInt.asUintN(64, v);
  F.i32[2 * r] = Number(v & 0xffffffffn) | 0;
  F.i32[2 * r + 1] = Number(v >> 32n) | 0;
}

export function getReg(F: FpRegs, r: number): bigint {
  return (BigInt(F.i32[2 * r + 1] >>> 0) << 32n) | BigInt(F.i32[2 * r] >>> 0);
}

/** Executes `insn` (a word, or an op name from enc.ts with a rounding mode) on the given operands. */
export function runInsn(insn: number | string, rm: number, ops: { a?: bigint; b?: bigint; c?: bigint; xa?: bigint; frm?: number }): Result {
  let w: number;
  if (typeof insn === 'number') w = insn;
  else {
    const d = byName.get(insn);
    if (!d) throw new Error(`unknown op ${insn}`);
    w = d.insn(rm);
  }
  const F = new FpRegs();
  const x = new Int32Array(64);
  setReg(F, 10, ops.a ?? 0n); setReg(F, 11, ops.b ?? 0n); setReg(F, 12, ops.c ?? 0n);
  const xa = BigInt.asUintN(64, ops.xa ?? 0n);
  x[20] = Number(xa & 0xffffffffn) | 0; x[21] = Number(xa >> 32n) | 0;
  F.frm = ops.frm ?? 0;
  const rc = execFp(F, w, x);
  return { rc, f: getReg(F, 10), x: (BigInt(x[21] >>> 0) << 32n) | BigInt(x[20] >>> 0), fl: F.fflags };
}
