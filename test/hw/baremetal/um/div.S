// rv64um: DIV, DIVU, REM, REMU and the W forms, including division by zero
// (quotient all ones, remainder the dividend) and signed overflow.
#include "env.h"
#include "macros.h"
RVTEST_CODE_BEGIN
  TEST_RR(2, div, 3, 20, 6)
  TEST_RR(3, div, -3, -20, 6)
  TEST_RR(4, div, -3, 20, -6)
  TEST_RR(5, div, 3, -20, -6)
  TEST_RR(6, div, 0x8000000000000000, 0x8000000000000000, -1)
  TEST_RR(7, div, -1, 7, 0)
  TEST_RR(8, divu, 3, 20, 6)
  TEST_RR(9, divu, 0x2aaaaaaaaaaaaaa7, -20, 6)
  TEST_RR(10, divu, -1, 123, 0)
  TEST_RR(11, rem, 2, 20, 6)
  TEST_RR(12, rem, -2, -20, 6)
  TEST_RR(13, rem, 2, 20, -6)
  TEST_RR(14, rem, 0, 0x8000000000000000, -1)
  TEST_RR(15, rem, -7, -7, 0)
  TEST_RR(16, remu, 2, 20, 6)
  TEST_RR(17, remu, 2, -20, 6)
  TEST_RR(18, remu, -7, -7, 0)
  TEST_RR(19, divw, -3, 0xffffffec, 6)           // -20 as a word
  TEST_RR(20, divw, 0xffffffff80000000, 0x80000000, -1)
  TEST_RR(21, divw, -1, 5, 0)
  TEST_RR(22, divuw, 0x2aaaaaa7, 0xffffffec, 6)
  TEST_RR(23, divuw, -1, 5, 0x100000000)        // divisor's word is zero
  TEST_RR(24, remw, -2, 0xffffffec, 6)
  TEST_RR(25, remw, 0, 0x80000000, -1)
  TEST_RR(26, remw, 0xffffffff80000001, 0x80000001, 0)
  TEST_RR(27, remuw, 2, 0xffffffec, 6)
  TEST_RR(28, remuw, 0xffffffff80000001, 0x80000001, 0)
  TEST_RR(29, div, 0x0000000000000004, 0x123456789abcdef0, 0x48d159e26af37bc0 - 0x48d159e26af37bc0 + 0x48d159e26af37bc)
  TEST_PASSFAIL
RVTEST_CODE_END
RVTEST_DATA_BEGIN
RVTEST_DATA_END
