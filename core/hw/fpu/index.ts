// The F and D extensions of the hart: the public face of core/hw/fpu. The hart
// decodes opcode 0x53 (OP-FP) and 0x43/0x47/0x4b/0x4f (fused multiply-add) and
// hands the whole instruction word to execFp; FP loads and stores stay in the
// hart, which writes registers through setF32Bits/setF64Bits.
//
// How results stay exact (IEEE 754-2008, RISC-V flags and NaN rules):
// - f64.ts/f32.ts: JS binary64 arithmetic gives the round-to-nearest-even result;
//   the exact error (TwoSum, Dekker's TwoProduct, residues a - q*b and a - r*r)
//   gives NX and, for RTZ/RDN/RUP, the direction of a one-ulp correction. The
//   FMA is Boldo & Melquiond's RN(th + RO(tl + ul)); singles round through
//   binary64 (53 >= 2*24 + 2) or through round-to-odd. No allocation, no BigInt.
// - round.ts: everything else (RMM, NaN/infinite operands, results that are tiny
//   or overflow, extreme exponents) is computed exactly with BigInt significands
//   and rounded once, with tininess detected after rounding.
// Both paths are checked against each other (test/hw/fpu-paths.test.ts) and
// against qemu-riscv64's softfloat (test/hw/fpu-diff.test.ts).
//
// Files: regs.ts (register file, NaN-boxing), exec.ts (decode and dispatch),
// f64.ts, f32.ts, round.ts, convert.ts (fcvt), misc.ts (sgnj, min/max, compare,
// fclass, moves), disasm.ts.

export { FpRegs, setF32Bits, setF64Bits } from './regs.js';
export { disasmFp } from './disasm.js';
export { execFp, FP_OK, FP_ILLEGAL } from './exec.js';
