// Instruction encoders and the table of F/D operations shared by the FPU tests
// (test/hw/fpu-*.test.ts). Operands follow one fixed convention: rd = 10,
// rs1 = 10, rs2 = 11, rs3 = 12 (fa0..fa2 / a0), as the qemu oracle expects.

export const S = 0, D = 1;

export function opfp(f5: number, fmt: number, rs2: number, rs1: number, rm: number, rd: number): number {
  return ((f5 << 27) | (fmt << 25) | (rs2 << 20) | (rs1 << 15) | (rm << 12) | (rd << 7) | 0x53) >>> 0;
}

export function fmaInsn(opc: number, fmt: number, rs3: number, rs2: number, rs1: number, rm: number, rd: number): number {
  return ((rs3 << 27) | (fmt << 25) | (rs2 << 20) | (rs1 << 15) | (rm << 12) | (rd << 7) | opc) >>> 0;
}

/** What an operation reads: 1, 2 or 3 float operands, or the integer a0. */
export type Inputs = 'f' | 'ff' | 'fff' | 'x';

export interface OpDesc {
  name: string;       // e.g. "fadd.d"
  fmt: number;        // format of the float operands (the source format for fcvt.s.d/fcvt.d.s)
  inputs: Inputs;
  usesRm: boolean;
  /** Integer source/destination kind for fcvt to/from integer: 0 w, 1 wu, 2 l, 3 lu. */
  intKind?: number;
  insn(rm: number): number;
}

const R = 10, R2 = 11, R3 = 12;

/** Every OP-FP and FMA instruction of RV64 F and D. */
export function allOps(): OpDesc[] {
  const ops: OpDesc[] = [];
  for (const fmt of [S, D]) {
    const sx = fmt === S ? 's' : 'd';
    ['fadd', 'fsub', 'fmul', 'fdiv'].forEach((n, f5) =>
      ops.push({ name: `${n}.${sx}`, fmt, inputs: 'ff', usesRm: true, insn: (rm) => opfp(f5, fmt, R2, R, rm, R) }));
    ops.push({ name: `fsqrt.${sx}`, fmt, inputs: 'f', usesRm: true, insn: (rm) => opfp(0x0b, fmt, 0, R, rm, R) });
    ['fmadd', 'fmsub', 'fnmsub', 'fnmadd'].forEach((n, k) =>
      ops.push({ name: `${n}.${sx}`, fmt, inputs: 'fff', usesRm: true, insn: (rm) => fmaInsn(0x43 | (k << 2), fmt, R3, R2, R, rm, R) }));
    ['fsgnj', 'fsgnjn', 'fsgnjx'].forEach((n, f3) =>
      ops.push({ name: `${n}.${sx}`, fmt, inputs: 'ff', usesRm: false, insn: () => opfp(0x04, fmt, R2, R, f3, R) }));
    ['fmin', 'fmax'].forEach((n, f3) =>
      ops.push({ name: `${n}.${sx}`, fmt, inputs: 'ff', usesRm: false, insn: () => opfp(0x05, fmt, R2, R, f3, R) }));
    ['fle', 'flt', 'feq'].forEach((n, f3) =>
      ops.push({ name: `${n}.${sx}`, fmt, inputs: 'ff', usesRm: false, insn: () => opfp(0x14, fmt, R2, R, f3, R) }));
    ops.push({ name: `fclass.${sx}`, fmt, inputs: 'f', usesRm: false, insn: () => opfp(0x1c, fmt, 0, R, 1, R) });
    ops.push({ name: `fmv.x.${fmt === S ? 'w' : 'd'}`, fmt, inputs: 'f', usesRm: false, insn: () => opfp(0x1c, fmt, 0, R, 0, R) });
    ops.push({ name: `fmv.${fmt === S ? 'w' : 'd'}.x`, fmt, inputs: 'x', usesRm: false, insn: () => opfp(0x1e, fmt, 0, R, 0, R) });
    ['w', 'wu', 'l', 'lu'].forEach((k, kind) => {
      ops.push({ name: `fcvt.${k}.${sx}`, fmt, inputs: 'f', usesRm: true, intKind: kind, insn: (rm) => opfp(0x18, fmt, kind, R, rm, R) });
      ops.push({ name: `fcvt.${sx}.${k}`, fmt, inputs: 'x', usesRm: true, intKind: kind, insn: (rm) => opfp(0x1a, fmt, kind, R, rm, R) });
    });
  }
  ops.push({ name: 'fcvt.s.d', fmt: D, inputs: 'f', usesRm: true, insn: (rm) => opfp(0x08, S, 1, R, rm, R) });
  ops.push({ name: 'fcvt.d.s', fmt: S, inputs: 'f', usesRm: true, insn: (rm) => opfp(0x08, D, 0, R, rm, R) });
  return ops;
}
