// rv64ud: conversions double <-> integer and double <-> single, FMV.X.D/FMV.D.X,
// FCLASS.D, compares, FLD/FSD.
#include "env.h"
#include "macros.h"
RVTEST_CODE_BEGIN
  TEST_FP_INT_D(2, fcvt.l.d a0 COMMA fa1 COMMA rtz, FLAG_NX, -1, -1.1, 0.0)
  TEST_FP_INT_D(3, fcvt.l.d a0 COMMA fa1 COMMA rtz, FLAG_NV, 0x7fffffffffffffff, 1.0e19, 0.0)
  TEST_FP_INT_D(4, fcvt.l.d a0 COMMA fa1 COMMA rtz, FLAG_NV, 0x8000000000000000, -1.0e19, 0.0)
  TEST_FP_INT_D(5, fcvt.lu.d a0 COMMA fa1 COMMA rtz, FLAG_NV, 0, -3.0, 0.0)
  TEST_FP_INT_D(6, fcvt.lu.d a0 COMMA fa1 COMMA rtz, 0, 0x8000000000000000, 9.223372036854775808e18, 0.0)
  TEST_FP_INT_D(7, fcvt.w.d a0 COMMA fa1 COMMA rtz, FLAG_NV, 0x7fffffff, 3.0e9, 0.0)
  TEST_FP_INT_D(8, fcvt.wu.d a0 COMMA fa1 COMMA rtz, 0, 0xffffffffffffffff, 4294967295.0, 0.0)
  TEST_FP_INT_D(9, fcvt.l.d a0 COMMA fa1 COMMA rtz, FLAG_NV, 0x7fffffffffffffff, nan, 0.0)
  TEST_FP_INT_D(10, fcvt.l.d a0 COMMA fa1 COMMA rne, FLAG_NX, 4, 4.5, 0.0)
  TEST_FP_INT_D(11, fcvt.l.d a0 COMMA fa1 COMMA rmm, FLAG_NX, -5, -4.5, 0.0)
  TEST_FP_FROM_INT_D(12, fcvt.d.l fa0 COMMA a1, 0, -2.0, -2)
  TEST_FP_FROM_INT_D(13, fcvt.d.lu fa0 COMMA a1, FLAG_NX, 1.8446744073709552e19, -1)
  TEST_FP_FROM_INT_D(14, fcvt.d.w fa0 COMMA a1, 0, -2147483648.0, 0xffffffff80000000)
  TEST_FP_FROM_INT_D(15, fcvt.d.wu fa0 COMMA a1, 0, 4294967295.0, -1)
  TEST_FP_FROM_INT_D(16, fcvt.d.l fa0 COMMA a1, FLAG_NX, 9.007199254740992e15, 9007199254740993)
  // double <-> single
  TEST_CASE(17, a0, 0x3ff8000000000000, li a1, 0x3fc00000; fmv.w.x fa1, a1; fcvt.d.s fa0, fa1; fmv.x.d a0, fa0)
  TEST_CASE(18, a0, 0x3eaaaaab, la a1, third; fld fa1, 0(a1); fcvt.s.d fa0, fa1; fmv.x.w a0, fa0)
  TEST_CASE(19, a0, 0x7ff8000000000000, li a1, 0x7f800001; fmv.w.x fa1, a1; fcvt.d.s fa0, fa1; fmv.x.d a0, fa0)  // sNaN -> canonical
  TEST_FP_INT_D(20, feq.d a0 COMMA fa1 COMMA fa2, 0, 1, -1.36, -1.36)
  TEST_FP_INT_D(21, fle.d a0 COMMA fa1 COMMA fa2, FLAG_NV, 0, nan, 0.0)
  TEST_FP_INT_D(22, flt.d a0 COMMA fa1 COMMA fa2, 0, 1, -1.37, -1.36)
  TEST_FP_INT_D(23, fle.d a0 COMMA fa1 COMMA fa2, 0, 1, -0.0, 0.0)
  TEST_FP_INT_D(24, fclass.d a0 COMMA fa1, 0, 1 << 0, -inf, 0.0)
  TEST_FP_INT_D(25, fclass.d a0 COMMA fa1, 0, 1 << 2, -1.0e-310, 0.0)
  TEST_FP_INT_D(26, fclass.d a0 COMMA fa1, 0, 1 << 3, -0.0, 0.0)
  TEST_FP_INT_D(27, fclass.d a0 COMMA fa1, 0, 1 << 6, 1.0, 0.0)
  TEST_FP_INT_D(28, fclass.d a0 COMMA fa1, 0, 1 << 9, nan, 0.0)
  TEST_CASE(29, a0, 0x7ff0000000000001, li a1, 0x7ff0000000000001; fmv.d.x fa1, a1; fclass.d a2, fa1; li t2, 1 << 8; bne a2, t2, test_fail; fmv.x.d a0, fa1)
  TEST_CASE(30, a0, 0x0123456789abcdef, la a1, dbuf; li a2, 0x0123456789abcdef; sd a2, 0(a1); fld fa0, 0(a1); fsd fa0, 8(a1); ld a0, 8(a1))
  TEST_PASSFAIL
RVTEST_CODE_END
RVTEST_DATA_BEGIN
  .align 3
third: .double 0.3333333333333333
dbuf: .dword 0, 0
RVTEST_DATA_END
