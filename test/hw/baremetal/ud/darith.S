// rv64ud: double-precision arithmetic with exact fflags, fused multiply-add,
// min/max with signed zeros and NaNs, sign injection, rounding modes.
#include "env.h"
#include "macros.h"
RVTEST_CODE_BEGIN
  TEST_FP_D(2, fadd.d fa0 COMMA fa1 COMMA fa2, 0, 3.5, 2.5, 1.0, 0.0)
  TEST_FP_D(3, fadd.d fa0 COMMA fa1 COMMA fa2, FLAG_NX, 1.0, 1.0, 1.0e-17, 0.0)
  TEST_FP_D(4, fsub.d fa0 COMMA fa1 COMMA fa2, FLAG_NX, -1234.0, -1235.1, -1.1, 0.0)
  TEST_FP_D_BITS(5, fsub.d fa0 COMMA fa1 COMMA fa2, FLAG_NV, 0x7ff8000000000000, inf, inf, 0.0)
  TEST_FP_D(6, fmul.d fa0 COMMA fa1 COMMA fa2, 0, 2500, 2.5, 1000, 0.0)
  TEST_FP_D(7, fmul.d fa0 COMMA fa1 COMMA fa2, FLAG_NX, 0.30000000000000004, 0.1, 3.0, 0.0)
  TEST_FP_D(8, fdiv.d fa0 COMMA fa1 COMMA fa2, FLAG_NX, 0.3333333333333333, 1.0, 3.0, 0.0)
  TEST_FP_D(9, fdiv.d fa0 COMMA fa1 COMMA fa2, FLAG_DZ, inf, 1.0, 0.0, 0.0)
  TEST_FP_D_BITS(10, fdiv.d fa0 COMMA fa1 COMMA fa2, FLAG_NV, 0x7ff8000000000000, 0.0, 0.0, 0.0)
  TEST_FP_D(11, fsqrt.d fa0 COMMA fa1, FLAG_NX, 1.4142135623730951, 2.0, 0.0, 0.0)
  TEST_FP_D(12, fsqrt.d fa0 COMMA fa1, 0, 1.0e10, 1.0e20, 0.0, 0.0)
  TEST_FP_D_BITS(13, fsqrt.d fa0 COMMA fa1, FLAG_NV, 0x7ff8000000000000, -4.0, 0.0, 0.0)
  TEST_FP_D(14, fmadd.d fa0 COMMA fa1 COMMA fa2 COMMA fa3, 0, 3.5, 1.0, 2.5, 1.0)
  TEST_FP_D(15, fmsub.d fa0 COMMA fa1 COMMA fa2 COMMA fa3, 0, 1.5, 1.0, 2.5, 1.0)
  TEST_FP_D(16, fnmadd.d fa0 COMMA fa1 COMMA fa2 COMMA fa3, 0, -3.5, 1.0, 2.5, 1.0)
  TEST_FP_D(17, fnmsub.d fa0 COMMA fa1 COMMA fa2 COMMA fa3, 0, -1.5, 1.0, 2.5, 1.0)
  // Fused: (1+2^-52)^2 - (1+2^-51) = 2^-104 exactly, only without intermediate rounding.
  TEST_FP_D(18, fmadd.d fa0 COMMA fa1 COMMA fa2 COMMA fa3, 0, 4.930380657631324e-32, 1.0000000000000002, 1.0000000000000002, -1.0000000000000004)
  TEST_FP_D(19, fmin.d fa0 COMMA fa1 COMMA fa2, 0, -1.0, 1.0, -1.0, 0.0)
  TEST_FP_D(20, fmax.d fa0 COMMA fa1 COMMA fa2, 0, 1.0, 1.0, -1.0, 0.0)
  TEST_FP_D_BITS(21, fmin.d fa0 COMMA fa1 COMMA fa2, 0, 0x8000000000000000, 0.0, -0.0, 0.0)
  TEST_FP_D_BITS(22, fmax.d fa0 COMMA fa1 COMMA fa2, 0, 0x0000000000000000, -0.0, 0.0, 0.0)
  TEST_FP_D(23, fmax.d fa0 COMMA fa1 COMMA fa2, 0, 7.0, nan, 7.0, 0.0)
  TEST_FP_D(24, fsgnj.d fa0 COMMA fa1 COMMA fa2, 0, -6.5, 6.5, -1.0, 0.0)
  TEST_FP_D(25, fsgnjn.d fa0 COMMA fa1 COMMA fa2, 0, -6.5, 6.5, 1.0, 0.0)
  TEST_FP_D(26, fsgnjx.d fa0 COMMA fa1 COMMA fa2, 0, 6.5, -6.5, -1.0, 0.0)
  TEST_FP_D(27, fmul.d fa0 COMMA fa1 COMMA fa2, FLAG_OF | FLAG_NX, inf, 1.0e300, 1.0e300, 0.0)
  TEST_FP_D(28, fmul.d fa0 COMMA fa1 COMMA fa2, FLAG_UF | FLAG_NX, 0.0, 1.0e-300, 1.0e-300, 0.0)
  TEST_FP_D(29, fadd.d fa0 COMMA fa1 COMMA fa2 COMMA rup, FLAG_NX, 1.0000000000000002, 1.0, 1.0e-20, 0.0)
  TEST_FP_D(30, fadd.d fa0 COMMA fa1 COMMA fa2 COMMA rtz, FLAG_NX, -1.0, -1.0, -1.0e-20, 0.0)
  TEST_PASSFAIL
RVTEST_CODE_END
RVTEST_DATA_BEGIN
RVTEST_DATA_END
