// Disassembly of F/D instructions (OP-FP, the fused multiply-adds, FLW/FLD,
// FSW/FSD) in the GNU objdump style with ABI register names; a static rounding
// mode is printed as a last operand, the dynamic mode is left implicit.

const XN = ['zero', 'ra', 'sp', 'gp', 'tp', 't0', 't1', 't2', 's0', 's1', 'a0', 'a1', 'a2', 'a3', 'a4', 'a5',
  'a6', 'a7', 's2', 's3', 's4', 's5', 's6', 's7', 's8', 's9', 's10', 's11', 't3', 't4', 't5', 't6'];
const FN = ['ft0', 'ft1', 'ft2', 'ft3', 'ft4', 'ft5', 'ft6', 'ft7', 'fs0', 'fs1', 'fa0', 'fa1', 'fa2', 'fa3', 'fa4', 'fa5',
  'fa6', 'fa7', 'fs2', 'fs3', 'fs4', 'fs5', 'fs6', 'fs7', 'fs8', 'fs9', 'fs10', 'fs11', 'ft8', 'ft9', 'ft10', 'ft11'];
const RM = ['rne', 'rtz', 'rdn', 'rup', 'rmm', null, null, 'dyn'];
const INT = ['w', 'wu', 'l', 'lu'];

/** Disassembly of an OP-FP/FMA/FP-load/store instruction, or null. */
export function disasmFp(insn: number): string | null {
  const opc = insn & 0x7f, rd = (insn >>> 7) & 31, f3 = (insn >>> 12) & 7;
  const rs1 = (insn >>> 15) & 31, rs2 = (insn >>> 20) & 31, fmt = (insn >>> 25) & 3;
  if (opc === 0x07 || opc === 0x27) {
    if (f3 !== 2 && f3 !== 3) return null;
    const name = (opc === 0x07 ? (f3 === 2 ? 'flw' : 'fld') : (f3 === 2 ? 'fsw' : 'fsd'));
    const imm = opc === 0x07 ? insn >> 20 : ((insn >> 25) << 5) | ((insn >>> 7) & 31);
    return `${name} ${FN[opc === 0x07 ? rd : rs2]}, ${imm}(${XN[rs1]})`;
  }
  if (fmt > 1) return null;
  const sfx = fmt === 0 ? 's' : 'd';
  const rmName = RM[f3];
  if ((opc & 0x73) === 0x43 && rmName === null) return null;
  const withRm = (s: string) => (f3 === 7 ? s : `${s}, ${rmName}`);
  if ((opc & 0x73) === 0x43) {
    const name = ['fmadd', 'fmsub', 'fnmsub', 'fnmadd'][(opc >>> 2) & 3];
    return withRm(`${name}.${sfx} ${FN[rd]}, ${FN[rs1]}, ${FN[rs2]}, ${FN[insn >>> 27]}`);
  }
  if (opc !== 0x53) return null;
  const f5 = insn >>> 27;
  switch (f5) {
    case 0x00: case 0x01: case 0x02: case 0x03:
      if (rmName === null) return null;
      return withRm(`${['fadd', 'fsub', 'fmul', 'fdiv'][f5]}.${sfx} ${FN[rd]}, ${FN[rs1]}, ${FN[rs2]}`);
    case 0x0b:
      if (rmName === null || rs2 !== 0) return null;
      return withRm(`fsqrt.${sfx} ${FN[rd]}, ${FN[rs1]}`);
    case 0x04:
      if (f3 > 2) return null;
      return `${['fsgnj', 'fsgnjn', 'fsgnjx'][f3]}.${sfx} ${FN[rd]}, ${FN[rs1]}, ${FN[rs2]}`;
    case 0x05:
      if (f3 > 1) return null;
      return `${f3 ? 'fmax' : 'fmin'}.${sfx} ${FN[rd]}, ${FN[rs1]}, ${FN[rs2]}`;
    case 0x08:
      if (rmName === null || rs2 !== 1 - fmt) return null;
      return withRm(`fcvt.${sfx}.${fmt ? 's' : 'd'} ${FN[rd]}, ${FN[rs1]}`);
    case 0x14:
      if (f3 > 2) return null;
      return `${['fle', 'flt', 'feq'][f3]}.${sfx} ${XN[rd]}, ${FN[rs1]}, ${FN[rs2]}`;
    case 0x18:
      if (rmName === null || rs2 > 3) return null;
      return withRm(`fcvt.${INT[rs2]}.${sfx} ${XN[rd]}, ${FN[rs1]}`);
    case 0x1a:
      if (rmName === null || rs2 > 3) return null;
      return withRm(`fcvt.${sfx}.${INT[rs2]} ${FN[rd]}, ${XN[rs1]}`);
    case 0x1c:
      if (rs2 !== 0 || f3 > 1) return null;
      return f3 ? `fclass.${sfx} ${XN[rd]}, ${FN[rs1]}` : `fmv.x.${fmt ? 'd' : 'w'} ${XN[rd]}, ${FN[rs1]}`;
    case 0x1e:
      if (rs2 !== 0 || f3 !== 0) return null;
      return `fmv.${fmt ? 'd' : 'w'}.x ${FN[rd]}, ${XN[rs1]}`;
  }
  return null;
}
