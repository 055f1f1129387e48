// rv64ui: register-register and immediate arithmetic and logic (ADD, SUB, ADDI,
// AND, OR, XOR and their immediate forms, SLT/SLTU/SLTI/SLTIU, LUI, AUIPC).
#include "env.h"
#include "macros.h"
RVTEST_CODE_BEGIN
  TEST_RR(2, add, 0, 0, 0)
  TEST_RR(3, add, 2, 1, 1)
  TEST_RR(4, add, 0xffffffff80000000 + 0xffffffffffff8000, 0xffffffff80000000, 0xffffffffffff8000)
  TEST_RR(5, add, 0x8000000000000000, 0x7fffffffffffffff, 1)
  TEST_RR(6, add, 0, -1, 1)
  TEST_RR_SRC1_EQ_DEST(7, add, 24, 13, 11)
  TEST_RR_SRC2_EQ_DEST(8, add, 25, 14, 11)
  TEST_RR_SRC12_EQ_DEST(9, add, 26, 13)
  TEST_RR_ZERODEST(10, add, 16, 30)
  TEST_RR(11, sub, 0xfffffffffffffffe, 0, 2)
  TEST_RR(12, sub, 0x7fffffffffffffff, 0x8000000000000000, 1)
  TEST_RR(13, sub, 0, 0x123456789, 0x123456789)
  TEST_RI(14, addi, 0x7ff, 0, 0x7ff)
  TEST_RI(15, addi, -2048, 0, -2048)
  TEST_RI(16, addi, 0x80000000, 0x7fffffff, 1)
  TEST_RI(17, addi, -1, 0, -1)
  TEST_RI_SRC1_EQ_DEST(18, addi, 24, 13, 11)
  TEST_RR(19, and, 0x0f000f00, 0xff00ff00, 0x0f0f0f0f)
  TEST_RR(20, or, 0xff0fff0f, 0xff00ff00, 0x0f0f0f0f)
  TEST_RR(21, xor, 0xf00ff00f, 0xff00ff00, 0x0f0f0f0f)
  TEST_RI(22, andi, 0xff00ff00 & 0x70f, 0xff00ff00, 0x70f)
  TEST_RI(23, andi, 0xffffffffff00ff00, 0xffffffffff00ff00, -1)
  TEST_RI(24, ori, 0xffffffffffffffff, 0x00ff00ff, -241)
  TEST_RI(25, xori, 0xffffffffff00f00f, 0x00ff0f00, -241)
  TEST_RR(26, slt, 1, -1, 0)
  TEST_RR(27, slt, 0, 0, -1)
  TEST_RR(28, slt, 1, 0x8000000000000000, 0x7fffffffffffffff)
  TEST_RR(29, sltu, 0, -1, 0)
  TEST_RR(30, sltu, 1, 0, -1)
  TEST_RR(31, sltu, 0, 5, 5)
  TEST_RI(32, slti, 1, -5, -4)
  TEST_RI(33, slti, 0, 0x7ff, -1)
  TEST_RI(34, sltiu, 1, 5, -1)   // -1 sign-extends to the largest unsigned
  TEST_RI(35, sltiu, 1, 0, 1)    // seqz
  TEST_RI(36, sltiu, 0, 7, 1)
  TEST_CASE(37, a0, 0xffffffff80000000, lui a0, 0x80000)
  TEST_CASE(38, a0, 0x7ffff000, lui a0, 0x7ffff)
  TEST_CASE(39, a0, 0x12345000 - 0x800, lui a0, 0x12345; addi a0, a0, -0x800)
  TEST_CASE(40, a0, 8, 1: auipc a0, 0; auipc a1, 0; sub a0, a1, a0; addi a0, a0, 4)
  TEST_CASE(41, a0, 0x1000, auipc a0, 1; 2: auipc a1, 0; sub a0, a0, a1; addi a0, a0, 4)
  TEST_CASE(42, a0, 0, li a0, 77; add x0, a0, a0; mv a0, x0)
  TEST_PASSFAIL
RVTEST_CODE_END
RVTEST_DATA_BEGIN
RVTEST_DATA_END
