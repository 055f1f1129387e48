// rv64ui: shifts (SLL, SRL, SRA and immediate forms; shift amounts use 6 bits).
#include "env.h"
#include "macros.h"
RVTEST_CODE_BEGIN
  TEST_RR(2, sll, 0x0000000000000001, 1, 0)
  TEST_RR(3, sll, 0x8000000000000000, 1, 63)
  TEST_RR(4, sll, 0xffffffffffffff80, -1, 7)
  TEST_RR(5, sll, 0x4242424200000000, 0x21212121, 33)
  TEST_RR(6, sll, 0x0000000000000002, 1, 65)        // only rs2[5:0] counts
  TEST_RR(7, srl, 0x0000000000000001, 0x8000000000000000, 63)
  TEST_RR(8, srl, 0x00ffffffffffffff, -1, 8)
  TEST_RR(9, srl, 0x7fffffffffffffff, -1, 0xc1)
  TEST_RR(10, sra, 0xffffffffffffffff, 0x8000000000000000, 63)
  TEST_RR(11, sra, 0xff80000000000000, 0x8000000000000000, 8)
  TEST_RR(12, sra, 0x0000000000000001, 0x7fffffffffffffff, 62)
  TEST_RI(13, slli, 0x0000000100000000, 1, 32)
  TEST_RI(14, slli, 0x8000000000000000, 0x3, 63)
  TEST_RI(15, srli, 0x00000000ffffffff, -1, 32)
  TEST_RI(16, srai, 0xffffffffffffffff, 0x8000000000000000, 63)
  TEST_RI(17, srai, 0xfffffffff8000000, 0xffffffff80000000, 4)
  TEST_RI_SRC1_EQ_DEST(18, srai, 0x0000000012345678, 0x123456780, 4)
  TEST_RR_SRC12_EQ_DEST(19, sll, 0x0000000000000800, 8)
  TEST_PASSFAIL
RVTEST_CODE_END
RVTEST_DATA_BEGIN
RVTEST_DATA_END
