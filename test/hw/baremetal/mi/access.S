// rv64mi: access faults on physical addresses where nothing is mapped: a load
// (mcause 5), a store (7), and an instruction fetch (1), each with the address
// in mtval; mepc is the faulting load/store, or the jump target for the fetch.
#include "env.h"
#include "macros.h"
#define HOLE 0x00000100
RVTEST_CODE_BEGIN
  la t0, handler
  csrw mtvec, t0
test_2:
  li TESTNUM, 2
  li s2, 0
  li a1, HOLE
t2_insn: ld a0, 8(a1)
  li t2, 5
  bne s2, t2, test_fail
  li t2, HOLE + 8
  bne s4, t2, test_fail
  la t2, t2_insn
  bne s3, t2, test_fail
test_3:
  li TESTNUM, 3
  li s2, 0
  li a1, HOLE
  sw a1, 0(a1)
  li t2, 7
  bne s2, t2, test_fail
  li t2, HOLE
  bne s4, t2, test_fail
test_4:
  li TESTNUM, 4
  li s2, 0
  li a1, HOLE
  jalr ra, 0(a1)
  li t2, 1
  bne s2, t2, test_fail
  li t2, HOLE
  bne s3, t2, test_fail
  beqz s4, 1f                 // mtval may be 0 ... or the address
  bne s4, t2, test_fail
1:
test_5:
  // A load straddling the end of RAM is not possible here; a load from the
  // top of the 32-bit space is a hole as well.
  li TESTNUM, 5
  li s2, 0
  li a1, 0xfffff000
  lw a0, 0(a1)
  li t2, 5
  bne s2, t2, test_fail
  TEST_PASSFAIL

  .align 2
handler:
  csrr s2, mcause
  csrr s3, mepc
  csrr s4, mtval
  li t0, 1
  bne s2, t0, 1f
  csrw mepc, ra               // fetch fault: resume after the jalr
  mret
1: csrr t2, mepc
  lhu t0, 0(t2)
  andi t0, t0, 3
  li t1, 3
  beq t0, t1, 2f
  addi t2, t2, 2
  j 3f
2: addi t2, t2, 4
3: csrw mepc, t2
  mret
RVTEST_CODE_END
RVTEST_DATA_BEGIN
RVTEST_DATA_END
