// rv64mi: interrupt priority and WFI. With MSIP and MTIP both pending and
// enabled, MSI is taken first (priority MEI > MSI > MTI), then MTI; WFI with
// mstatus.MIE = 0 still completes when an enabled interrupt is pending (the
// interrupt is not taken); an interrupt disabled in mie does not wake or trap.
#include "env.h"
#include "macros.h"
#define CLINT 0x2000000
RVTEST_CODE_BEGIN
  la t0, handler
  csrw mtvec, t0
  li s7, CLINT + 0x4000
  li s6, CLINT + 0xbff8
  li t0, -1
  sd t0, 0(s7)
  la s5, order
test_2:
  // Both pending before MIE opens: MSI, then MTI.
  li TESTNUM, 2
  li t0, 0x88
  csrw mie, t0
  li t1, CLINT
  li t0, 1
  sw t0, 0(t1)
  ld t0, 0(s6)
  sd t0, 0(s7)
1: csrr t0, mip
  andi t0, t0, 0x88
  li t2, 0x88
  bne t0, t2, 1b
  csrsi mstatus, 8
  nop
  nop
  nop
  csrci mstatus, 8
  la t0, order
  ld a0, 0(t0)
  EXPECT(a0, 3)
  ld a0, 8(t0)
  EXPECT(a0, 7)
test_3:
  // WFI with MIE = 0 wakes on a pending enabled interrupt without taking it.
  li TESTNUM, 3
  la s5, order
  sd zero, 0(s5)
  li t0, 0x80
  csrw mie, t0
  ld t0, 0(s6)
  addi t0, t0, 100
  sd t0, 0(s7)
  wfi
  ld a0, 0(s5)
  EXPECT(a0, 0)
  // It was pending (eventually) and is still not taken.
1: csrr t0, mip
  andi t0, t0, 0x80
  beqz t0, 1b
  li t0, -1
  sd t0, 0(s7)
  csrw mie, zero
  TEST_PASSFAIL

  .align 2
handler:
  csrr t3, mcause
  slli t3, t3, 1
  srli t3, t3, 1
  sd t3, 0(s5)
  addi s5, s5, 8
  li t4, 3
  bne t3, t4, 1f
  li t1, CLINT
  sw zero, 0(t1)
  mret
1: li t4, 7
  bne t3, t4, test_fail
  li t0, -1
  sd t0, 0(s7)
  mret
RVTEST_CODE_END
RVTEST_DATA_BEGIN
  .align 3
order: .dword 0, 0, 0, 0
RVTEST_DATA_END
