// rv64uc: compressed-instruction corners: largest offsets of the sp-relative
// loads/stores, c.addi16sp/c.addi4spn extremes, compressed branches and jumps
// near their range limits, c.add/c.mv with sp, and a 32-bit instruction that
// starts 2 bytes before a 4 KiB page boundary (fetched from two pages).
#include "env.h"
#include "macros.h"
RVTEST_CODE_BEGIN
  .option push
  .option rvc
  TEST_CASE(2, a0, 0x1122334455667788, mv t0, sp; la sp, cbuf; li a1, 0x1122334455667788; c.sdsp a1, 504(sp); c.ldsp a0, 504(sp); mv sp, t0)
  TEST_CASE(3, a0, 0x55667788, mv t0, sp; la sp, cbuf; li a1, 0x55667788; c.swsp a1, 252(sp); c.lwsp a0, 252(sp); mv sp, t0)
  TEST_CASE(4, a0, 496, mv t0, sp; c.li sp, 0; c.addi16sp sp, 496; mv a0, sp; mv sp, t0)
  TEST_CASE(5, a0, 4, mv t0, sp; c.li sp, 0; c.addi4spn a0, sp, 4; mv sp, t0)
  TEST_CASE(6, a0, 0xfffffffffffff000, c.li a0, 0; c.lui a0, 0xfffff)
  TEST_CASE(7, a0, 0x3, c.li a0, 0x1f; c.srli a0, 3)
  TEST_CASE(8, a0, 0xfffffffffffffffe, c.li a0, -32; c.srai a0, 4)
  TEST_CASE(9, a0, 0xffffffffffffffe0, c.li a0, -1; c.andi a0, -32)
  TEST_CASE(10, a0, 0xfffffffffffffffe, c.li a0, 0; c.addiw a0, -2)
  TEST_CASE(11, a0, 1, mv t0, sp; c.mv a0, sp; c.add a0, sp; sub a0, a0, sp; sub a0, a0, sp; addi a0, a0, 1; mv sp, t0)
  // A compressed branch to a target about 250 bytes away, and back.
test_12:
  li TESTNUM, 12
  c.li a0, 0
  c.beqz a0, 1f
  j test_fail
  .rept 60
  c.nop
  .endr
  .rept 30
  c.addi a0, 1
  .endr
1: c.bnez a0, test_fail
  // A 32-bit instruction spanning two pages.
test_13:
  li TESTNUM, 13
  c.li a0, 0
  jal ra, straddle_entry
  EXPECT(a0, 0x7ff)
  .option pop
  TEST_PASSFAIL

  .align 12
  .option push
  .option rvc
straddle_page:
  .rept 2046
  c.nop
  .endr
straddle_entry:
  c.nop                          // at 0xffc
  .option norvc
  addi a0, a0, 0x7ff             // at 0xffe: crosses into the next page
  .option rvc
  c.jr ra
  .option pop
RVTEST_CODE_END
RVTEST_DATA_BEGIN
  .align 4
cbuf: .skip 1024
RVTEST_DATA_END
