// rv64mi: machine timer and software interrupts through the CLINT: mtime
// advances, MTIP follows mtime >= mtimecmp, the interrupt is taken only when
// mie.MTIE and mstatus.MIE are set (mcause = 2^63 + 7, mepc = the interrupted
// instruction), WFI wakes on it; msip raises MSIP (mcause = 2^63 + 3).
#include "env.h"
#include "macros.h"
#define CLINT 0x2000000
#define MTIMECMP (CLINT + 0x4000)
#define MTIME (CLINT + 0xbff8)
RVTEST_CODE_BEGIN
  la t0, handler
  csrw mtvec, t0
  li s6, MTIME
  li s7, MTIMECMP
  li t0, -1
  sd t0, 0(s7)
test_2:
  // mtime advances.
  li TESTNUM, 2
  ld a1, 0(s6)
  li t0, 100000
1: addi t0, t0, -1
  bnez t0, 1b
  ld a2, 0(s6)
  bgeu a1, a2, test_fail
test_3:
  // MTIP is visible in mip with interrupts disabled, and nothing is taken.
  li TESTNUM, 3
  li s2, 0
  li t0, 0x80
  csrs mie, t0
  ld a1, 0(s6)
  sd a1, 0(s7)          // mtimecmp = now: pending at once
  li t0, 1000
1: csrr a0, mip
  andi a0, a0, 0x80
  bnez a0, 2f
  addi t0, t0, -1
  bnez t0, 1b
  j test_fail
2: bnez s2, test_fail
test_4:
  // Enabling MIE takes it: handler sees cause 7 with the interrupt bit.
  li TESTNUM, 4
  csrsi mstatus, 8
  nop
  nop
  csrci mstatus, 8
  li t2, 0x8000000000000007
  bne s2, t2, test_fail
  csrr t0, mip
  andi t0, t0, 0x80
  bnez t0, test_fail        // handler pushed mtimecmp away
test_5:
  // WFI waits for a future timer interrupt.
  li TESTNUM, 5
  li s2, 0
  ld a1, 0(s6)
  addi a1, a1, 2000
  sd a1, 0(s7)
  csrsi mstatus, 8
1: wfi
  beqz s2, 1b
  csrci mstatus, 8
  li t2, 0x8000000000000007
  bne s2, t2, test_fail
  ld a2, 0(s6)
  bltu a2, a1, test_fail     // not before its time
test_6:
  // Software interrupt through msip.
  li TESTNUM, 6
  li s2, 0
  li t0, 0x8
  csrs mie, t0
  li t1, CLINT
  li t0, 1
  sw t0, 0(t1)
  csrsi mstatus, 8
  nop
  nop
  csrci mstatus, 8
  li t2, 0x8000000000000003
  bne s2, t2, test_fail
  lw t0, 0(t1)
  bnez t0, test_fail
test_7:
  // mip.MTIP is read-only to software.
  li TESTNUM, 7
  li t0, 0x80
  csrs mip, t0
  csrr a0, mip
  andi a0, a0, 0x80
  bnez a0, test_fail
  csrw mie, zero
  TEST_PASSFAIL

  .align 2
handler:
  csrr s2, mcause
  csrr s3, mepc
  bgez s2, test_fail
  slli t0, s2, 1
  srli t0, t0, 1
  li t1, 7
  bne t0, t1, 1f
  li t0, -1
  sd t0, 0(s7)             // mtimecmp = max: MTIP drops
  mret
1: li t1, 3
  bne t0, t1, test_fail
  li t1, CLINT
  sw zero, 0(t1)
  mret
RVTEST_CODE_END
RVTEST_DATA_BEGIN
RVTEST_DATA_END
