// rv64ui: FENCE.I and self-modifying code. A function runs once (so any decode
// cache holds it), its first instruction is overwritten by a store, and after
// FENCE.I the new instruction runs. Also a 16-bit instruction replaced by a
// different 16-bit one, and code written into a fresh data page and executed.
#include "env.h"
#include "macros.h"
RVTEST_CODE_BEGIN
test_2:
  li TESTNUM, 2
  jal ra, smc_func
  EXPECT(a0, 1)
  la a1, smc_func
  li a2, 0x02a00513            // addi a0, zero, 42
  sw a2, 0(a1)
  fence.i
  jal ra, smc_func
  EXPECT(a0, 42)
test_3:
  li TESTNUM, 3
  jal ra, smc_c_func
  EXPECT(a0, 5)
  la a1, smc_c_func
  li a2, 0x4525                // c.li a0, 9
  sh a2, 0(a1)
  fence.i
  jal ra, smc_c_func
  EXPECT(a0, 9)
test_4:
  // Copy a two-instruction function into the code buffer and call it.
  li TESTNUM, 4
  la a1, codebuf
  li a2, 0x07b00513            // addi a0, zero, 123
  sw a2, 0(a1)
  li a2, 0x00008067            // ret
  sw a2, 4(a1)
  fence.i
  jalr ra, 0(a1)
  EXPECT(a0, 123)
  // Rewrite it in place and call again.
  li a2, 0x1c800513            // addi a0, zero, 456
  sw a2, 0(a1)
  fence.i
  jalr ra, 0(a1)
  EXPECT(a0, 456)
  TEST_PASSFAIL

  .option push
  .option norvc
  .align 2
smc_func:
  addi a0, zero, 1
  ret
  .option pop
  .option push
  .option rvc
  .align 2
smc_c_func:
  c.li a0, 5
  ret
  .option pop
RVTEST_CODE_END
RVTEST_DATA_BEGIN
  .align 12
codebuf: .skip 64
RVTEST_DATA_END
