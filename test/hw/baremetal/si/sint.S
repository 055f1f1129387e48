// rv64si: supervisor interrupts. With mideleg.SSIP/STIP, a supervisor software
// interrupt raised through sip.SSIP traps to S (scause = 2^63 + 1) once
// sstatus.SIE and sie.SSIE allow it; a machine timer interrupt from the CLINT
// is taken in M even while in S with mstatus.MIE = 0 (M interrupts are always
// enabled below M), and the M handler forwards it as STIP, which S takes as
// scause = 2^63 + 5. Delegated interrupts are not taken in S with SIE = 0.
#include "env.h"
#include "macros.h"
#include "sdefs.h"
#define CLINT 0x2000000
RVTEST_CODE_BEGIN
  la t0, mhandler
  csrw mtvec, t0
  la t0, shandler
  csrw stvec, t0
  li t0, (1 << 1) | (1 << 5)
  csrw mideleg, t0
  li s7, CLINT + 0x4000
  li t0, -1
  sd t0, 0(s7)
  li t0, (1 << 1) | (1 << 5) | (1 << 7)
  csrw mie, t0
  ENTER_MODE(1, smode)
smode:
test_2:
  // SSIP pending but SIE = 0: not taken.
  li TESTNUM, 2
  li s2, 0
  csrsi sip, 2
  nop
  nop
  bnez s2, test_fail_s
  csrr a0, sip
  andi a0, a0, 2
  beqz a0, test_fail_s
test_3:
  // SIE = 1: taken; the handler clears sip.SSIP.
  li TESTNUM, 3
  csrsi sstatus, 2
  nop
  nop
  csrci sstatus, 2
  li t2, 0x8000000000000001
  bne s2, t2, test_fail_s
test_4:
  // Machine timer while in S (mstatus.MIE = 0): M takes it, forwards STIP; S takes STI.
  li TESTNUM, 4
  li s2, 0
  li s8, 0
  li t0, CLINT + 0xbff8
  ld t0, 0(t0)
  addi t0, t0, 100
  sd t0, 0(s7)
  csrsi sstatus, 2
1: beqz s2, 1b
  csrci sstatus, 2
  li t2, 0x8000000000000007
  bne s8, t2, test_fail_s
  li t2, 0x8000000000000005
  bne s2, t2, test_fail_s
  // Done: ecall to M (cause 9) passes.
  li a7, 1
  ecall
test_fail_s:
  li a7, 2
  ecall

  .align 2
shandler:
  csrr s2, scause
  csrr s3, sepc
  li t0, 0x8000000000000001
  bne s2, t0, 1f
  csrci sip, 2
  sret
1: li t0, 0x8000000000000005
  bne s2, t0, test_fail_s
  // STIP is cleared by M: ask through an ecall (a7 = 3).
  li a7, 3
  ecall
  sret

  .align 2
mhandler:
  csrr t3, mcause
  bgez t3, 1f
  mv s8, t3
  // Timer: silence the CLINT, raise STIP for S.
  li t0, -1
  sd t0, 0(s7)
  li t0, 1 << 5
  csrs mip, t0
  mret
1: li t0, 9
  bne t3, t0, test_fail
  li t0, 3
  bne a7, t0, 2f
  li t0, 1 << 5
  csrc mip, t0
  SKIP_EPC(mepc)
  mret
2: li t0, 1
  bne a7, t0, test_fail
  csrw mie, zero
  csrw mideleg, zero
  li t0, 3 << 11
  csrs mstatus, t0
  la t0, m_done
  csrw mepc, t0
  mret
m_done:
  TEST_PASSFAIL
RVTEST_CODE_END
RVTEST_DATA_BEGIN
RVTEST_DATA_END
