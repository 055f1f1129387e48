// rv64ud: fused multiply-add details and double <-> single conversion flags:
// the sign of an exact zero result (x*y + (-x*y) is +0, or -0 in RDN), NV for
// inf * 0 + c, overflow and underflow through fcvt.s.d, and inexact
// narrowing, with explicit rounding modes.
#include "env.h"
#include "macros.h"
RVTEST_CODE_BEGIN
  TEST_FP_D_BITS(2, fmadd.d fa0 COMMA fa1 COMMA fa2 COMMA fa3, 0, 0x0000000000000000, 2.0, 3.0, -6.0)
  TEST_FP_D_BITS(3, fmadd.d fa0 COMMA fa1 COMMA fa2 COMMA fa3 COMMA rdn, 0, 0x8000000000000000, 2.0, 3.0, -6.0)
  TEST_FP_D_BITS(4, fmadd.d fa0 COMMA fa1 COMMA fa2 COMMA fa3, FLAG_NV, 0x7ff8000000000000, inf, 0.0, 1.0)
  TEST_FP_D_BITS(5, fnmsub.d fa0 COMMA fa1 COMMA fa2 COMMA fa3, 0, 0x0000000000000000, 0.0, 5.0, 0.0)  // -(0*5) + 0 = -0 + 0 = +0
  TEST_FP_D(6, fmsub.d fa0 COMMA fa1 COMMA fa2 COMMA fa3 COMMA rup, FLAG_NX, 1.0000000000000002, 1.0, 1.0, -1.0e-30)
  TEST_FP_D(7, fmsub.d fa0 COMMA fa1 COMMA fa2 COMMA fa3 COMMA rtz, FLAG_NX, 0.9999999999999999, 1.0, 1.0, 1.0e-30)
  // fcvt.s.d: exact, inexact, overflow, underflow.
  TEST_CASE(8, a0, 0x3fc00000, li a1, 0x3ff8000000000000; fmv.d.x fa1, a1; csrwi fflags, 0; fcvt.s.d fa0, fa1; csrr a4, fflags; bnez a4, test_fail; fmv.x.w a0, fa0)
  TEST_CASE(9, a4, FLAG_OF | FLAG_NX, li a1, 0x7fefffffffffffff; fmv.d.x fa1, a1; csrwi fflags, 0; fcvt.s.d fa0, fa1; csrr a4, fflags; fmv.x.w a0, fa0; li t2, 0x7f800000; bne a0, t2, test_fail)
  TEST_CASE(10, a4, FLAG_UF | FLAG_NX, li a1, 0x3690000000000001; fmv.d.x fa1, a1; csrwi fflags, 0; fcvt.s.d fa0, fa1; csrr a4, fflags)
  TEST_CASE(11, a0, 0x7f7fffff, li a1, 0x7fefffffffffffff; fmv.d.x fa1, a1; fcvt.s.d fa0, fa1, rtz; fmv.x.w a0, fa0)
  TEST_CASE(12, a4, FLAG_NX, li a1, 0x3fb999999999999a; fmv.d.x fa1, a1; csrwi fflags, 0; fcvt.s.d fa0, fa1; csrr a4, fflags; fmv.x.w a0, fa0; li t2, 0x3dcccccd; bne a0, t2, test_fail)
  // fcvt.d.s of a subnormal single is exact.
  TEST_CASE(13, a0, 0x36a0000000000000, li a1, 1; fmv.w.x fa1, a1; csrwi fflags, 0; fcvt.d.s fa0, fa1; csrr a4, fflags; bnez a4, test_fail; fmv.x.d a0, fa0)
  TEST_PASSFAIL
RVTEST_CODE_END
RVTEST_DATA_BEGIN
RVTEST_DATA_END
