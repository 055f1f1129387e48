// Decoding and dispatch of OP-FP and FMA instructions (RV64 F and D).
import { FpRegs } from './regs.js';

export const FP_OK = 0, FP_ILLEGAL = 1;

/** Executes one OP-FP or FMA instruction; FP_ILLEGAL for reserved encodings. */
export function execFp(F: FpRegs, insn: number, x: Int32Array): number {
  void F; void insn; void x;
  return FP_ILLEGAL;
}
