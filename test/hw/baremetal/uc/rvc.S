// rv64uc: every RV64 compressed form written out explicitly (c.* mnemonics), so
// the 16-bit encodings are what runs: arithmetic, loads/stores (sp-relative and
// register-relative, integer and double), jumps, branches, and mixing 16- and
// 32-bit instructions at 2-byte alignment.
#include "env.h"
#include "macros.h"
RVTEST_CODE_BEGIN
  .option push
  .option rvc
  TEST_CASE(2, a0, 31, c.li a0, 31)
  TEST_CASE(3, a0, -32, c.li a0, -32)
  TEST_CASE(4, a0, 0xfffffffffffe0000, c.lui a0, 0xfffe0)
  TEST_CASE(5, a0, 0x1f000, c.lui a0, 0x1f)
  TEST_CASE(6, a0, 10, c.li a0, 15; c.addi a0, -5)
  TEST_CASE(7, a0, 0xffffffff80000000, li a0, 0x7fffffff; c.addiw a0, 1)
  TEST_CASE(8, a0, 0x000000007fffffff, li a0, 0x17fffffff; c.addiw a0, 0)   // sext.w
  TEST_CASE(9, a0, 0x40, mv t0, sp; c.li sp, 0; c.addi16sp sp, 64; mv a0, sp; mv sp, t0)
  TEST_CASE(10, a0, -512, mv t0, sp; c.li sp, 0; c.addi16sp sp, -512; mv a0, sp; mv sp, t0)
  TEST_CASE(11, a0, 1020, mv t0, sp; c.li sp, 0; c.addi4spn a0, sp, 1020; mv sp, t0)
  TEST_CASE(12, a0, 0x8000000000000000, c.li a0, 1; c.slli a0, 63)
  TEST_CASE(13, a0, 0x0000000000000001, li a0, 0x8000000000000000; c.srli a0, 63)
  TEST_CASE(14, a0, 0xffffffffffffffff, li a0, 0x8000000000000000; c.srai a0, 63)
  TEST_CASE(15, a0, 0x10, c.li a0, 0x1f; c.andi a0, -16)
  TEST_CASE(16, a0, 0x1234, li a1, 0x1234; c.mv a0, a1)
  TEST_CASE(17, a0, 30, c.li a0, 10; c.li a1, 20; c.add a0, a1)
  TEST_CASE(18, a0, -10, c.li a0, 10; c.li a1, 20; c.sub a0, a1)
  TEST_CASE(19, a0, 0x6, c.li a0, 0x5; c.li a1, 0x3; c.xor a0, a1)
  TEST_CASE(20, a0, 0x7, c.li a0, 0x5; c.li a1, 0x3; c.or a0, a1)
  TEST_CASE(21, a0, 0x1, c.li a0, 0x5; c.li a1, 0x3; c.and a0, a1)
  TEST_CASE(22, a0, 0xffffffff80000000, li a0, 0x7fffffff; c.li a1, -1; c.subw a0, a1)
  TEST_CASE(23, a0, 0xffffffff80000000, li a0, 0x7fffffff; c.li a1, 1; c.addw a0, a1)
  // Loads and stores relative to s0 (x8).
  TEST_CASE(24, a0, 0xffffffff89abcdef, la s0, cbuf; li a1, 0x0123456789abcdef; c.sd a1, 8(s0); c.lw a0, 8(s0))
  TEST_CASE(25, a0, 0x0123456789abcdef, la s0, cbuf; c.ld a0, 8(s0))
  TEST_CASE(26, a0, 0x55, la s0, cbuf; c.li a1, 0x15; addi a1, a1, 0x40; c.sw a1, 124(s0); c.lw a0, 124(s0))
  // sp-relative.
  TEST_CASE(27, a0, 0x1122334455667788, mv t0, sp; la sp, cbuf; li a1, 0x1122334455667788; c.sdsp a1, 16(sp); c.ldsp a0, 16(sp); mv sp, t0)
  TEST_CASE(28, a0, 0xffffffffaabbccdd, mv t0, sp; la sp, cbuf; li a1, 0xaabbccdd; c.swsp a1, 252(sp); c.lwsp a0, 252(sp); mv sp, t0)
  // Double loads/stores.
  TEST_CASE(29, a0, 0x400921fb54442d18, la s0, cbuf; li a1, 0x400921fb54442d18; sd a1, 32(s0); c.fld fa0, 32(s0); c.fsd fa0, 40(s0); ld a0, 40(s0))
  TEST_CASE(30, a0, 0x400921fb54442d18, mv t0, sp; la sp, cbuf; c.fldsp fa1, 32(sp); c.fsdsp fa1, 48(sp); ld a0, 48(sp); mv sp, t0)
  // Control flow.
  TEST_CASE(31, a0, 1, c.li a0, 0; c.j 1f; c.li a0, 2; 1: c.addi a0, 1)
  TEST_CASE(32, a0, 3, c.li a0, 3; c.beqz a0, test_fail; c.li a1, 0; c.bnez a1, test_fail)
  TEST_CASE(33, a0, 7, c.li a1, 0; c.li a0, 7; c.beqz a1, 2f; c.li a0, 9; 2:)
test_34:
  li TESTNUM, 34
  la a1, 3f
  c.jalr a1          // ra = pc + 2
4: j test_fail
3: la a2, 4b
  bne ra, a2, test_fail
test_35:
  li TESTNUM, 35
  la a1, 5f
  c.jr a1
  j test_fail
5: c.nop
  // c.jal does not exist in RV64; c.addiw took its encoding (test 7).
  // A loop mixing 16- and 32-bit instructions.
  TEST_CASE(36, a0, 5050, c.li a0, 0; li a1, 100; 6: c.add a0, a1; addi a1, a1, -1; c.bnez a1, 6b)
  .option pop
  TEST_PASSFAIL
RVTEST_CODE_END
RVTEST_DATA_BEGIN
  .align 4
cbuf: .skip 512
RVTEST_DATA_END
