// rv64uf: moves and NaN-boxing for single precision: FMV.W.X/FMV.X.W keep any
// bit pattern (signalling NaNs too), FSGNJ family on NaN-boxed values and on a
// double register that is not a valid boxed single (read as the canonical NaN),
// FLW writes a boxed value (upper 32 bits all ones), FSW stores the low word.
#include "env.h"
#include "macros.h"
RVTEST_CODE_BEGIN
  TEST_CASE(2, a0, 0x7f800001, li a1, 0x7f800001; fmv.w.x fa0, a1; fmv.x.w a0, fa0)
  TEST_CASE(3, a0, 0xffffffffff800001, li a1, 0xff800001; fmv.w.x fa0, a1; fmv.x.w a0, fa0)
  TEST_CASE(4, a0, 0xffffffff3f800000, li a1, 0x3f800000; fmv.w.x fa0, a1; fmv.x.d a0, fa0; srai t0, a0, 32; li t2, -1; bne t0, t2, test_fail)
  TEST_CASE(5, a0, 0xffffffffbf800000, li a1, 0x3f800000; fmv.w.x fa1, a1; fsgnjn.s fa0, fa1, fa1; fmv.x.w a0, fa0)
  TEST_CASE(6, a0, 0x7f800001, li a1, 0xff800001; fmv.w.x fa1, a1; fabs.s fa0, fa1; fmv.x.w a0, fa0)
  TEST_CASE(7, a0, 0xffffffff80000000, li a1, 0; fmv.w.x fa1, a1; fneg.s fa0, fa1; fmv.x.w a0, fa0)
  // Not NaN-boxed: reads as the canonical NaN (0x7fc00000) for sign injection and arithmetic.
  TEST_CASE(8, a0, 0xffffffffffc00000, li a1, 0x123456783f800000; fmv.d.x fa1, a1; li a2, 0xbf800000; fmv.w.x fa2, a2; fsgnj.s fa0, fa1, fa2; fmv.x.w a0, fa0)
  TEST_CASE(9, a0, 0x7fc00000, li a1, 0x000000003f800000; fmv.d.x fa1, a1; fadd.s fa0, fa1, fa1; fmv.x.w a0, fa0)
  // flw boxes.
  TEST_CASE(10, a0, -1, la a1, fdat; flw fa0, 0(a1); fmv.x.d a0, fa0; srai a0, a0, 32)
  TEST_CASE(11, a0, 0x40490fdb, la a1, fdat; flw fa0, 0(a1); fsw fa0, 8(a1); lwu a0, 8(a1))
  // fsgnjx with negative sign on both.
  TEST_CASE(12, a0, 0x40000000, li a1, 0xc0000000; fmv.w.x fa1, a1; li a2, 0x80000000; fmv.w.x fa2, a2; fsgnjx.s fa0, fa1, fa2; fmv.x.w a0, fa0)
  // fmv.s (fsgnj with itself) keeps a signalling NaN's payload and raises no flag.
  TEST_CASE(13, a4, 0, li a1, 0x7f800001; fmv.w.x fa1, a1; csrwi fflags, 0; fmv.s fa0, fa1; csrr a4, fflags; fmv.x.w a0, fa0; li t2, 0x7f800001; bne a0, t2, test_fail)
  TEST_PASSFAIL
RVTEST_CODE_END
RVTEST_DATA_BEGIN
  .align 3
fdat: .float 3.14159265
  .word 0
  .dword 0
RVTEST_DATA_END
