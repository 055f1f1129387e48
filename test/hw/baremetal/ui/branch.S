// rv64ui: conditional branches (taken and not, signed and unsigned), JAL and JALR
// (link value, jalr clears bit 0 of the target, rd == rs1).
#include "env.h"
#include "macros.h"
RVTEST_CODE_BEGIN
  TEST_BR_TAKEN(2, beq, 5, 5)
  TEST_BR_NOT_TAKEN(3, beq, 5, 6)
  TEST_BR_TAKEN(4, bne, 0, -1)
  TEST_BR_NOT_TAKEN(5, bne, -1, -1)
  TEST_BR_TAKEN(6, blt, -1, 0)
  TEST_BR_NOT_TAKEN(7, blt, 0, -1)
  TEST_BR_NOT_TAKEN(8, blt, 3, 3)
  TEST_BR_TAKEN(9, bge, 3, 3)
  TEST_BR_TAKEN(10, bge, 0x7fffffffffffffff, 0x8000000000000000)
  TEST_BR_NOT_TAKEN(11, bge, -2, -1)
  TEST_BR_TAKEN(12, bltu, 0, -1)
  TEST_BR_NOT_TAKEN(13, bltu, -1, 0)
  TEST_BR_TAKEN(14, bgeu, -1, 0x7fffffffffffffff)
  TEST_BR_NOT_TAKEN(15, bgeu, 1, 2)
  // jal links pc+4 and jumps.
  TEST_CASE(16, a0, 0, li a0, 1; jal ra, 1f; li a0, 2; 1: la a1, 1b; addi a1, a1, 0; auipc a2, 0; li a0, 0)
test_17:
  li TESTNUM, 17
  jal ra, 2f
3: j test_fail
2: la a1, 3b
  bne ra, a1, test_fail
  // jalr to an odd address: bit 0 is cleared.
test_18:
  li TESTNUM, 18
  la a1, 4f
  addi a1, a1, 1
  jalr t0, 0(a1)
7: j test_fail
4: la a2, 7b
  bne t0, a2, test_fail
  // jalr with a negative offset and rd == rs1.
test_19:
  li TESTNUM, 19
  la a1, 5f
  addi a1, a1, 16
  jalr a1, -16(a1)
8: j test_fail
5: la a2, 8b
  bne a1, a2, test_fail
  // Backward branch loop.
  TEST_CASE(20, a0, 55, li a0, 0; li a1, 10; 6: add a0, a0, a1; addi a1, a1, -1; bnez a1, 6b)
  TEST_PASSFAIL
RVTEST_CODE_END
RVTEST_DATA_BEGIN
RVTEST_DATA_END
