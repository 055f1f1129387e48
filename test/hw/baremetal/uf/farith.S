// rv64uf: single-precision arithmetic with exact fflags: FADD/FSUB/FMUL/FDIV/FSQRT,
// the fused multiply-adds (one rounding), FMIN/FMAX, sign injection, and the
// canonical NaN for invalid operations.
#include "env.h"
#include "macros.h"
RVTEST_CODE_BEGIN
  TEST_FP_S(2, fadd.s fa0 COMMA fa1 COMMA fa2, 0, 3.5, 2.5, 1.0, 0.0)
  TEST_FP_S(3, fadd.s fa0 COMMA fa1 COMMA fa2, FLAG_NX, 3.14159265, 3.14159265, 0.00000001, 0.0)
  TEST_FP_S(4, fsub.s fa0 COMMA fa1 COMMA fa2, FLAG_NX, -1234, -1235.1, -1.1, 0.0)
  TEST_FP_S_BITS(5, fsub.s fa0 COMMA fa1 COMMA fa2, FLAG_NV, 0x7fc00000, inf, inf, 0.0)
  TEST_FP_S(6, fmul.s fa0 COMMA fa1 COMMA fa2, 0, 2500, 2.5, 1000, 0.0)
  TEST_FP_S(7, fmul.s fa0 COMMA fa1 COMMA fa2, FLAG_NX, 1.35861e-07, -1235.1, -1.1e-10, 0.0)
  TEST_FP_S(8, fdiv.s fa0 COMMA fa1 COMMA fa2, FLAG_NX, 1.1557273520668288, 3.14159265, 2.71828182, 0.0)
  TEST_FP_S(9, fdiv.s fa0 COMMA fa1 COMMA fa2, FLAG_DZ, -inf, -1.0, 0.0, 0.0)
  TEST_FP_S(10, fsqrt.s fa0 COMMA fa1, FLAG_NX, 1.7724538498928541, 3.14159265, 0.0, 0.0)
  TEST_FP_S(11, fsqrt.s fa0 COMMA fa1, 0, 100, 10000, 0.0, 0.0)
  TEST_FP_S_BITS(12, fsqrt.s fa0 COMMA fa1, FLAG_NV, 0x7fc00000, -1.0, 0.0, 0.0)
  TEST_FP_S(13, fmadd.s fa0 COMMA fa1 COMMA fa2 COMMA fa3, 0, 3.5, 1.0, 2.5, 1.0)
  TEST_FP_S(14, fmsub.s fa0 COMMA fa1 COMMA fa2 COMMA fa3, 0, 1.5, 1.0, 2.5, 1.0)
  TEST_FP_S(15, fnmadd.s fa0 COMMA fa1 COMMA fa2 COMMA fa3, FLAG_NX, -1236.2, -1.0, -1235.1, 1.1)
  TEST_FP_S(16, fnmsub.s fa0 COMMA fa1 COMMA fa2 COMMA fa3, FLAG_NX, -1234, -1.0, -1235.1, 1.1)
  // Fused: (1+2^-23)^2 - (1+2^-22) = 2^-46 only without an intermediate rounding.
  TEST_FP_S(17, fmadd.s fa0 COMMA fa1 COMMA fa2 COMMA fa3, 0, 1.4210854715202004e-14, 1.00000011920928955, 1.00000011920928955, -1.0000002384185791)
  TEST_FP_S(18, fmin.s fa0 COMMA fa1 COMMA fa2, 0, -1.0, 1.0, -1.0, 0.0)
  TEST_FP_S(19, fmax.s fa0 COMMA fa1 COMMA fa2, 0, 1.0, 1.0, -1.0, 0.0)
  TEST_FP_S_BITS(20, fmin.s fa0 COMMA fa1 COMMA fa2, 0, 0x80000000, 0.0, -0.0, 0.0)
  TEST_FP_S_BITS(21, fmax.s fa0 COMMA fa1 COMMA fa2, 0, 0x00000000, -0.0, 0.0, 0.0)
  TEST_FP_S(22, fmin.s fa0 COMMA fa1 COMMA fa2, 0, 5.0, nan, 5.0, 0.0)       // quiet NaN: the other operand
  TEST_FP_S_BITS(23, fmax.s fa0 COMMA fa1 COMMA fa2, 0, 0x7fc00000, nan, nan, 0.0)
  TEST_FP_S(24, fsgnj.s fa0 COMMA fa1 COMMA fa2, 0, -6.5, 6.5, -1.0, 0.0)
  TEST_FP_S(25, fsgnjn.s fa0 COMMA fa1 COMMA fa2, 0, 6.5, 6.5, -1.0, 0.0)
  TEST_FP_S(26, fsgnjx.s fa0 COMMA fa1 COMMA fa2, 0, 6.5, -6.5, -1.0, 0.0)
  TEST_FP_S(27, fadd.s fa0 COMMA fa1 COMMA fa2, FLAG_OF | FLAG_NX, inf, 3.0e38, 3.0e38, 0.0)
  // Static rounding modes on an inexact sum: 1 + 2^-24 + 2^-25 ... rounds up or down.
  TEST_FP_S(28, fadd.s fa0 COMMA fa1 COMMA fa2 COMMA rtz, FLAG_NX, 1.0, 1.0, 1.0e-7, 0.0)
  TEST_FP_S(29, fadd.s fa0 COMMA fa1 COMMA fa2 COMMA rup, FLAG_NX, 1.00000011920928955, 1.0, 1.0e-9, 0.0)
  TEST_FP_S(30, fadd.s fa0 COMMA fa1 COMMA fa2 COMMA rdn, FLAG_NX, -1.00000011920928955, -1.0, -1.0e-9, 0.0)
  TEST_PASSFAIL
RVTEST_CODE_END
RVTEST_DATA_BEGIN
RVTEST_DATA_END
