// rv64mi: mtvec in vectored mode: interrupts go to BASE + 4 * cause, exceptions
// to BASE. Uses the CLINT's msip (cause 3) and mtimecmp (cause 7), and an ecall.
#include "env.h"
#include "macros.h"
#define CLINT 0x2000000
RVTEST_CODE_BEGIN
  la t0, vtable
  ori t0, t0, 1
  csrw mtvec, t0
  li s7, CLINT + 0x4000
  li t0, -1
  sd t0, 0(s7)
test_2:
  li TESTNUM, 2
  li s2, 0
  li t0, 0x8
  csrw mie, t0
  li t1, CLINT
  li t0, 1
  sw t0, 0(t1)
  csrsi mstatus, 8
  nop
  csrci mstatus, 8
  li t2, 3
  bne s2, t2, test_fail
test_3:
  li TESTNUM, 3
  li s2, 0
  li t0, 0x80
  csrw mie, t0
  li t0, CLINT + 0xbff8
  ld t0, 0(t0)
  sd t0, 0(s7)
  csrsi mstatus, 8
  nop
  csrci mstatus, 8
  li t2, 7
  bne s2, t2, test_fail
test_4:
  li TESTNUM, 4
  li s2, 0
  ecall
  li t2, 100
  bne s2, t2, test_fail
  csrw mie, zero
  TEST_PASSFAIL

  .align 8
  .option push
  .option norvc
vtable:
  j vec_exc        // 0: exceptions
  j test_fail      // 1
  j test_fail      // 2
  j vec_msi        // 3
  j test_fail      // 4
  j test_fail      // 5
  j test_fail      // 6
  j vec_mti        // 7
  j test_fail
  j test_fail
  j test_fail
  j test_fail
  .option pop
vec_exc:
  li s2, 100
  csrr t0, mepc
  addi t0, t0, 4
  csrw mepc, t0
  mret
vec_msi:
  li s2, 3
  li t1, CLINT
  sw zero, 0(t1)
  mret
vec_mti:
  li s2, 7
  li t0, -1
  sd t0, 0(s7)
  mret
RVTEST_CODE_END
RVTEST_DATA_BEGIN
RVTEST_DATA_END
