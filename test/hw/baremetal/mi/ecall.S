// rv64mi: ECALL from M (mcause 11), EBREAK and C.EBREAK (mcause 3, mtval = pc
// or 0), with mepc at the trapping instruction and mstatus.MPP = M, MPIE = old MIE.
#include "env.h"
#include "macros.h"
RVTEST_CODE_BEGIN
  la t0, handler
  csrw mtvec, t0
test_2:
  li TESTNUM, 2
  li s2, 0
t2_insn: ecall
  li t2, 11
  bne s2, t2, test_fail
  la t2, t2_insn
  bne s3, t2, test_fail
  // MPP = 3 after a trap from M.
  srli t0, s5, 11
  andi t0, t0, 3
  li t2, 3
  bne t0, t2, test_fail
test_3:
  li TESTNUM, 3
  li s2, 0
t3_insn: ebreak
  li t2, 3
  bne s2, t2, test_fail
  la t2, t3_insn
  bne s3, t2, test_fail
  beqz s4, 1f
  bne s4, t2, test_fail
1:
test_4:
  li TESTNUM, 4
  li s2, 0
  .option push
  .option rvc
t4_insn: c.ebreak
  .option pop
  li t2, 3
  bne s2, t2, test_fail
  la t2, t4_insn
  bne s3, t2, test_fail
  // MIE=1 before the trap: MPIE=1 and MIE=0 inside the handler, MIE=1 again after mret.
test_5:
  li TESTNUM, 5
  csrwi mie, 0
  csrsi mstatus, 8
t5_insn: ecall
  andi t0, s5, 8
  bnez t0, test_fail
  andi t0, s5, 0x80
  beqz t0, test_fail
  csrr t0, mstatus
  andi t0, t0, 8
  beqz t0, test_fail
  csrci mstatus, 8
  TEST_PASSFAIL

  .align 2
handler:
  csrr s2, mcause
  csrr s3, mepc
  csrr s4, mtval
  csrr s5, mstatus
  lhu t0, 0(s3)
  andi t0, t0, 3
  li t1, 3
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
