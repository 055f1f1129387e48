// rv64um: multiply and divide inside loops: 20! by repeated MUL, then divided
// back by DIVU down to 1; a GCD by REMU; 17! in 32 bits (MULW wraps and sign-extends);
// MUL/DIV writing x0; and the high half of a square by MULHU.
#include "env.h"
#include "macros.h"
RVTEST_CODE_BEGIN
  TEST_CASE(2, a0, 2432902008176640000, li a0, 1; li a1, 1; li a2, 21; 1: mul a0, a0, a1; addi a1, a1, 1; bne a1, a2, 1b)
  TEST_CASE(3, a0, 1, li a1, 20; 1: divu a0, a0, a1; addi a1, a1, -1; bnez a1, 1b)
  TEST_CASE(4, a0, 21, li a0, 1071; li a1, 462; 1: remu a2, a0, a1; mv a0, a1; mv a1, a2; bnez a1, 1b)
  TEST_CASE(5, a0, 0xffffffffeecd8000, li a0, 1; li a1, 1; li a2, 18; 1: mulw a0, a0, a1; addi a1, a1, 1; bne a1, a2, 1b)
  TEST_CASE(6, x0, 0, li a1, 7; li a2, 6; mul x0, a1, a2; div x0, a1, a2)
  TEST_CASE(7, a0, 0xfffffffffffffffe, li a1, -1; mulhu a0, a1, a1)
  TEST_CASE(8, a0, 1, li a1, -1; mul a0, a1, a1)
  TEST_CASE(9, a0, 0x7fffffffffffffff, li a1, -1; li a2, 2; divu a0, a1, a2)
  TEST_PASSFAIL
RVTEST_CODE_END
RVTEST_DATA_BEGIN
RVTEST_DATA_END
