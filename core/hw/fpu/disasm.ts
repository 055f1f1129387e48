// Disassembly of F/D instructions: OP-FP, FMA, FLW/FLD, FSW/FSD.

/** Disassembly of an OP-FP/FMA/FP-load/store instruction, or null. */
export function disasmFp(insn: number): string | null {
  void insn;
  return null;
}
