// rv64mi: illegal-instruction exceptions (mcause 2): a reserved opcode, c.illegal
// (mepc then points at a 16-bit instruction), a write to a read-only CSR, an
// unimplemented CSR, an FP instruction with mstatus.FS = Off; mtval is either 0
// or the instruction bits. The handler records cause, epc and tval and skips
// the faulting instruction.
#include "env.h"
#include "macros.h"
#define EXPECT_TRAP(n, code, label, insn...) \
test_##n: li TESTNUM, n; li s2, 0; label: insn; \
  li t2, code; bne s2, t2, test_fail; la t2, label; bne s3, t2, test_fail;
RVTEST_CODE_BEGIN
  la t0, handler
  csrw mtvec, t0
  EXPECT_TRAP(2, 2, t2_insn, .word 0x0000000b)      // custom-0: reserved here
  // mtval: 0 or the instruction bits.
  beqz s4, 1f
  li t2, 0x0000000b
  bne s4, t2, test_fail
1:
  EXPECT_TRAP(3, 2, t3_insn, .half 0x0000)           // c.illegal
  EXPECT_TRAP(4, 2, t4_insn, csrw mvendorid, a0)     // read-only CSR
  EXPECT_TRAP(5, 2, t5_insn, csrw mhartid, zero)
  EXPECT_TRAP(6, 2, t6_insn, csrr a0, 0x7ff)         // unimplemented
  // FP with FS = Off.
  li a0, 3 << 13
  csrc mstatus, a0
  EXPECT_TRAP(7, 2, t7_insn, fadd.d fa0, fa1, fa2)
  EXPECT_TRAP(8, 2, t8_insn, fmv.x.d a0, fa0)
  EXPECT_TRAP(9, 2, t9_insn, csrr a0, fcsr)
  li a0, 1 << 13
  csrs mstatus, a0
  // With FS on again, the same instruction runs.
  TEST_CASE(10, s2, 0, li s2, 0; fmv.x.d a0, fa0)
  // A reserved rounding mode (5) is illegal.
  EXPECT_TRAP(11, 2, t11_insn, .word 0x02c5d553)      // fadd.d fa0, fa1, fa2 with rm = 5
  // mret/sret/wfi are legal in M-mode; sfence.vma too.
  TEST_CASE(12, s2, 0, li s2, 0; sfence.vma; wfi_skip: nop)
  TEST_PASSFAIL

  .align 2
handler:
  csrr s2, mcause
  csrr s3, mepc
  csrr s4, mtval
  lhu t0, 0(s3)
  andi t0, t0, 3
  li t1, 3
  addi s3, s3, 0
  csrr t2, mepc
  beq t0, t1, 1f
  addi t2, t2, 2
  j 2f
1: addi t2, t2, 4
2: csrw mepc, t2
  mret
RVTEST_CODE_END
RVTEST_DATA_BEGIN
RVTEST_DATA_END
