// The F and D extensions of the hart: the public face of core/hw/fpu. The hart
// decodes opcode 0x53 (OP-FP) and 0x43/0x47/0x4b/0x4f (fused multiply-add) and
// hands the whole instruction word to execFp; FP loads and stores stay in the
// hart, which writes registers through setF32Bits/setF64Bits.
//
// Every result is IEEE 754-2008 exact: JS arithmetic (binary64, round to
// nearest even) serves the common case with the exact error recovered by
// TwoSum/TwoProduct to set NX; other rounding modes, subnormal or overflowing
// results and conversions that need it take an exact BigInt path (round.ts).

export { FpRegs, setF32Bits, setF64Bits } from './regs.js';
export { disasmFp } from './disasm.js';
export { execFp, FP_OK, FP_ILLEGAL } from './exec.js';
