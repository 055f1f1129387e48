// Decoding and dispatch of OP-FP (0x53) and FMADD/FMSUB/FNMSUB/FNMADD
// (0x43/0x47/0x4b/0x4f) for RV64 F and D. Reserved encodings (fmt H/Q, rm 5/6,
// dynamic rm with frm >= 5, unknown funct, non-zero rs2 where it must be zero)
// return FP_ILLEGAL without changing any state.
import { FpRegs, f32BitsOf } from './regs.js';
import { addD, mulD, divD, sqrtD, fmaD } from './f64.js';
import { addS, mulS, divS, sqrtS, fmaS } from './f32.js';
import { cvtToInt, cvtFromInt, cvtSD, cvtDS } from './convert.js';
import { sgnj, minMax, compare, fclass, mvXF, mvFX } from './misc.js';

export const FP_OK = 0, FP_ILLEGAL = 1;

/** Executes one OP-FP or FMA instruction; FP_ILLEGAL for reserved encodings. */
export function execFp(F: FpRegs, insn: number, x: Int32Array): number {
  const opc = insn & 0x7f, rd = (insn >>> 7) & 31, f3 = (insn >>> 12) & 7;
  const rs1 = (insn >>> 15) & 31, rs2 = (insn >>> 20) & 31;
  const fmt = (insn >>> 25) & 3;
  if (fmt > 1) return FP_ILLEGAL;
  const rm = f3 === 7 ? F.frm : f3;   // only meaningful where the field is a rounding mode
  if (opc !== 0x53) {
    if ((opc & 0x73) !== 0x43 || rm > 4) return FP_ILLEGAL;
    const k = (opc >>> 2) & 3;        // 0 fmadd, 1 fmsub, 2 fnmsub, 3 fnmadd
    const rs3 = insn >>> 27, negP = k >= 2, negC = k === 1 || k === 3;
    if (fmt === 1) fmaD(F, rd, rs1, rs2, rs3, negP, negC, rm);
    else fmaS(F, rd, rs1, rs2, rs3, negP, negC, rm);
    return FP_OK;
  }
  switch (insn >>> 27) {
    case 0x00: case 0x01:   // fadd, fsub
      if (rm > 4) return FP_ILLEGAL;
      if (fmt === 1) addD(F, rd, rs1, rs2, (insn >>> 27) === 1, rm);
      else addS(F, rd, rs1, rs2, (insn >>> 27) === 1, rm);
      return FP_OK;
    case 0x02:              // fmul
      if (rm > 4) return FP_ILLEGAL;
      if (fmt === 1) mulD(F, rd, rs1, rs2, rm); else mulS(F, rd, rs1, rs2, rm);
      return FP_OK;
    case 0x03:              // fdiv
      if (rm > 4) return FP_ILLEGAL;
      if (fmt === 1) divD(F, rd, rs1, rs2, rm); else divS(F, rd, rs1, rs2, rm);
      return FP_OK;
    case 0x0b:              // fsqrt
      if (rm > 4 || rs2 !== 0) return FP_ILLEGAL;
      if (fmt === 1) sqrtD(F, rd, rs1, rm); else sqrtS(F, rd, rs1, rm);
      return FP_OK;
    case 0x04:              // fsgnj, fsgnjn, fsgnjx
      if (f3 > 2) return FP_ILLEGAL;
      sgnj(F, fmt, f3, rd, rs1, rs2);
      return FP_OK;
    case 0x05:              // fmin, fmax
      if (f3 > 1) return FP_ILLEGAL;
      minMax(F, fmt, f3 === 1, rd, rs1, rs2);
      return FP_OK;
    case 0x08:              // fcvt.s.d (fmt S, rs2 = 1), fcvt.d.s (fmt D, rs2 = 0)
      if (rm > 4 || rs2 !== 1 - fmt) return FP_ILLEGAL;
      if (fmt === 0) cvtSD(F, rd, rs1, rm); else cvtDS(F, rd, rs1);
      return FP_OK;
    case 0x14:              // fle, flt, feq
      if (f3 > 2) return FP_ILLEGAL;
      compare(F, fmt, f3, x, rd, rs1, rs2);
      return FP_OK;
    case 0x18: {            // fcvt.{w,wu,l,lu}.{s,d}
      if (rm > 4 || rs2 > 3) return FP_ILLEGAL;
      let v: number;
      if (fmt === 1) v = F.f64[rs1];
      else {
        const b = f32BitsOf(F, rs1);
        v = (b & 0x7f800000) === 0x7f800000 && (b & 0x7fffff) !== 0 ? NaN : F.f32[2 * rs1];
      }
      cvtToInt(F, x, rd, v, rs2, rm);
      return FP_OK;
    }
    case 0x1a:              // fcvt.{s,d}.{w,wu,l,lu}
      if (rm > 4 || rs2 > 3) return FP_ILLEGAL;
      cvtFromInt(F, x, rd, rs1, rs2, fmt, rm);
      return FP_OK;
    case 0x1c:              // fmv.x.w / fmv.x.d (f3 0), fclass (f3 1)
      if (rs2 !== 0 || f3 > 1) return FP_ILLEGAL;
      if (f3 === 0) mvXF(F, fmt, x, rd, rs1); else fclass(F, fmt, x, rd, rs1);
      return FP_OK;
    case 0x1e:              // fmv.w.x / fmv.d.x
      if (rs2 !== 0 || f3 !== 0) return FP_ILLEGAL;
      mvFX(F, fmt, x, rd, rs1);
      return FP_OK;
  }
  return FP_ILLEGAL;
}
