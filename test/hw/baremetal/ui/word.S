// rv64ui: the 32-bit W operations; results are sign-extended from bit 31.
#include "env.h"
#include "macros.h"
RVTEST_CODE_BEGIN
  TEST_RR(2, addw, 0xffffffff80000000, 0x7fffffff, 1)
  TEST_RR(3, addw, 0, 0xffffffff00000000, 0)      // upper bits ignored
  TEST_RR(4, addw, 0x0000000000000002, 0x1234567800000001, 1)
  TEST_RR(5, subw, 0x000000007fffffff, 0x80000000, 1)
  TEST_RR(6, subw, 0xffffffffffffffff, 0, 1)
  TEST_RI(7, addiw, 0xffffffff80000000, 0x7fffffff, 1)
  TEST_RI(8, addiw, 0x000000007ffffff0, 0x17ffffff0, 0)  // sext.w
  TEST_RI(9, addiw, 0xffffffffffffffff, 0, -1)
  TEST_RR(10, sllw, 0xffffffff80000000, 1, 31)
  TEST_RR(11, sllw, 0x0000000000000001, 1, 32)    // rs2[4:0]
  TEST_RR(12, srlw, 0x0000000000000001, 0x80000000, 31)
  TEST_RR(13, srlw, 0x000000007fffffff, 0xffffffffffffffff, 1)
  TEST_RR(14, sraw, 0xffffffffffffffff, 0x80000000, 31)
  TEST_RR(15, sraw, 0x0000000000000000, 0xffffffff7fffffff, 31)
  TEST_RI(16, slliw, 0xffffffff80000000, 0x1, 31)
  TEST_RI(17, srliw, 0x0000000000ffffff, 0xffffffffffffffff, 8)
  TEST_RI(18, sraiw, 0xffffffffffff8000, 0x80000000, 16)
  TEST_RI(19, sraiw, 0x0000000000000123, 0xfffffffe00001230, 4)
  TEST_PASSFAIL
RVTEST_CODE_END
RVTEST_DATA_BEGIN
RVTEST_DATA_END
