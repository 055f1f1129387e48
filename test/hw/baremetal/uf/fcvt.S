// rv64uf: conversions between single and integers (saturating, NV/NX flags),
// FMV between registers (NaN-boxing), FCLASS, compares (FEQ quiet, FLT/FLE
// signalling), FLW/FSW and the fcsr/frm/fflags CSRs.
#include "env.h"
#include "macros.h"
RVTEST_CODE_BEGIN
  TEST_FP_INT_S(2, fcvt.w.s a0 COMMA fa1 COMMA rtz, FLAG_NX, -1, -1.1, 0.0)
  TEST_FP_INT_S(3, fcvt.w.s a0 COMMA fa1 COMMA rne, 0, 3, 3.0, 0.0)
  TEST_FP_INT_S(4, fcvt.w.s a0 COMMA fa1 COMMA rtz, FLAG_NV, 0x7fffffff, 3.0e9, 0.0)
  TEST_FP_INT_S(5, fcvt.w.s a0 COMMA fa1 COMMA rtz, FLAG_NV, 0xffffffff80000000, -3.0e9, 0.0)
  TEST_FP_INT_S(6, fcvt.w.s a0 COMMA fa1 COMMA rtz, FLAG_NV, 0x7fffffff, nan, 0.0)
  TEST_FP_INT_S(7, fcvt.wu.s a0 COMMA fa1 COMMA rtz, FLAG_NV, 0, -3.0, 0.0)
  TEST_FP_INT_S(8, fcvt.wu.s a0 COMMA fa1 COMMA rtz, 0, 0xffffffffffffff00, 4294967040.0, 0.0) // sign-extended
  TEST_FP_INT_S(9, fcvt.l.s a0 COMMA fa1 COMMA rtz, FLAG_NV, 0x7fffffffffffffff, 1.0e19, 0.0)
  TEST_FP_INT_S(10, fcvt.lu.s a0 COMMA fa1 COMMA rtz, FLAG_NX, 0, -0.5, 0.0)
  TEST_FP_INT_S(11, fcvt.w.s a0 COMMA fa1 COMMA rne, FLAG_NX, 2, 2.5, 0.0)
  TEST_FP_INT_S(12, fcvt.w.s a0 COMMA fa1 COMMA rmm, FLAG_NX, 3, 2.5, 0.0)
  TEST_FP_INT_S(13, fcvt.w.s a0 COMMA fa1 COMMA rdn, FLAG_NX, -3, -2.5, 0.0)
  TEST_FP_INT_S(14, fcvt.w.s a0 COMMA fa1 COMMA rup, FLAG_NX, -2, -2.5, 0.0)
  TEST_FP_FROM_INT_S(15, fcvt.s.w fa0 COMMA a1, 0, -2.0, -2)
  TEST_FP_FROM_INT_S(16, fcvt.s.wu fa0 COMMA a1, FLAG_NX, 4294967296.0, -2)
  TEST_FP_FROM_INT_S(17, fcvt.s.l fa0 COMMA a1, FLAG_NX, 9.223372036854775807e18, 0x7fffffffffffffff)
  TEST_FP_FROM_INT_S(18, fcvt.s.lu fa0 COMMA a1, FLAG_NX, 1.8446744073709552e19, -1)
  TEST_FP_INT_S(19, feq.s a0 COMMA fa1 COMMA fa2, 0, 1, -1.36, -1.36)
  TEST_FP_INT_S(20, feq.s a0 COMMA fa1 COMMA fa2, 0, 0, nan, 0.0)
  TEST_FP_INT_S(21, flt.s a0 COMMA fa1 COMMA fa2, FLAG_NV, 0, nan, 0.0)
  TEST_FP_INT_S(22, fle.s a0 COMMA fa1 COMMA fa2, 0, 1, -1.37, -1.36)
  TEST_FP_INT_S(23, flt.s a0 COMMA fa1 COMMA fa2, 0, 0, -0.0, 0.0)
  TEST_FP_INT_S(24, fclass.s a0 COMMA fa1, 0, 1 << 0, -inf, 0.0)
  TEST_FP_INT_S(25, fclass.s a0 COMMA fa1, 0, 1 << 1, -1.0, 0.0)
  TEST_FP_INT_S(26, fclass.s a0 COMMA fa1, 0, 1 << 3, -0.0, 0.0)
  TEST_FP_INT_S(27, fclass.s a0 COMMA fa1, 0, 1 << 4, 0.0, 0.0)
  TEST_FP_INT_S(28, fclass.s a0 COMMA fa1, 0, 1 << 6, 1.0, 0.0)
  TEST_FP_INT_S(29, fclass.s a0 COMMA fa1, 0, 1 << 7, inf, 0.0)
  TEST_FP_INT_S(30, fclass.s a0 COMMA fa1, 0, 1 << 9, nan, 0.0)
  TEST_FP_INT_S(31, fclass.s a0 COMMA fa1, 0, 1 << 5, 1.0e-40, 0.0)
  // fmv.x.w sign-extends; fmv.w.x NaN-boxes; a single not properly boxed reads as the canonical NaN.
  TEST_CASE(32, a0, 0xffffffff80000001, li a1, 0x80000001; fmv.w.x fa0, a1; fmv.x.w a0, fa0)
  TEST_CASE(33, a0, 0xffffffff00000001, li a1, 0x80000001; fmv.w.x fa0, a1; fmv.x.d a0, fa0; srli a0, a0, 32; slli a0, a0, 32; ori a0, a0, 1)
  TEST_CASE(34, a0, 0x7fc00000, li a1, 0x3f800000; fmv.d.x fa1, a1; fsgnj.s fa0, fa1, fa1; fmv.x.w a0, fa0)
  // frm/fflags/fcsr.
  TEST_CASE(35, a0, 0x87, csrwi fcsr, 0; csrwi frm, 4; csrwi fflags, 7; csrr a0, fcsr)
  TEST_CASE(36, a0, 0x1f, li a1, 0xff; csrw fflags, a1; csrr a0, fflags; csrwi fcsr, 0)
  // flw/fsw keep the bits.
  TEST_CASE(37, a0, 0xffffffffdeadbeef, la a1, fbuf; li a2, 0xdeadbeef; sw a2, 0(a1); flw fa0, 0(a1); fsw fa0, 4(a1); lw a0, 4(a1))
  // Dynamic rounding mode from frm.
  TEST_CASE(38, a0, 3, li a1, 0x40200000; fmv.w.x fa1, a1; csrwi frm, 3; fcvt.w.s a0, fa1, dyn; csrwi fcsr, 0)
  TEST_PASSFAIL
RVTEST_CODE_END
RVTEST_DATA_BEGIN
fbuf: .word 0, 0
RVTEST_DATA_END
