// rv64si: exception delegation. With medeleg bits set, an ECALL from U and an
// illegal instruction in U trap to S (scause, sepc, stval, sstatus.SPP = U,
// SPIE = old SIE, SIE = 0), not to M; an ECALL from S is never delegable by
// this test's setup and traps to M (mcause 9). SRET returns to U (SPP) and
// restores SIE from SPIE. Undelegated exceptions from U go to M.
#include "env.h"
#include "macros.h"
#include "sdefs.h"
RVTEST_CODE_BEGIN
  la t0, mhandler
  csrw mtvec, t0
  la t0, shandler
  csrw stvec, t0
  li t0, (1 << 8) | (1 << 2)     // ecall from U, illegal instruction
  csrw medeleg, t0
  ENTER_MODE(1, smode)
smode:
test_2:
  // S-mode: sret into U with SPIE = 1.
  li TESTNUM, 2
  li t0, 1 << 5
  csrs sstatus, t0
  SRET_TO_U(umode)
umode:
  li s2, 0
u_ecall: ecall
  li t2, 8
  bne s2, t2, ufail
  la t2, u_ecall
  bne s3, t2, ufail
  // In the S handler: SPP was U, SPIE was 1 (the SIE sret restored), SIE 0.
  andi t0, s5, 1 << 8
  bnez t0, ufail
  andi t0, s5, 1 << 5
  beqz t0, ufail
  andi t0, s5, 1 << 1
  bnez t0, ufail
test_3:
  li TESTNUM, 3
  li s2, 0
u_ill: csrr a0, sstatus          // S CSR from U: illegal, delegated
  li t2, 2
  bne s2, t2, ufail
  la t2, u_ill
  bne s3, t2, ufail
test_4:
  // A breakpoint is not delegated: it goes to M (mcause 3).
  li TESTNUM, 4
  li s8, 0
u_brk: ebreak
  li t2, 3
  bne s8, t2, ufail
test_5:
  // Back to S via a service ecall (a7 = 1), then ecall from S goes to M.
  li TESTNUM, 5
  li a7, 1
  ecall
  j ufail
s_again:
  li s8, 0
s_ecall: ecall
  li t2, 9
  bne s8, t2, test_fail_s
  la t2, s_ecall
  bne s9, t2, test_fail_s
  // Service: M returns to M-mode pass.
  li a7, 2
  ecall
test_fail_s:
  li a7, 3
  ecall
ufail:
  li a7, 4
  ecall
  j ufail

  .align 2
shandler:
  csrr s2, scause
  csrr s3, sepc
  csrr s4, stval
  csrr s5, sstatus
  li t0, 8
  bne s2, t0, 1f
  li t0, 1
  beq a7, t0, to_s_again
  li t0, 4
  beq a7, t0, to_mfail
1: SKIP_EPC(sepc)
  sret
to_s_again:
  li t0, 1 << 8
  csrs sstatus, t0            // SPP = S
  la t0, s_again
  csrw sepc, t0
  li a7, 0
  sret
to_mfail:
  li a7, 3
  ecall                       // from S: to M

  .align 2
mhandler:
  csrr s8, mcause
  csrr s9, mepc
  li t0, 9
  bne s8, t0, 1f
  li t0, 2
  beq a7, t0, m_pass
  li t0, 3
  beq a7, t0, test_fail
1: SKIP_EPC(mepc)
  mret
m_pass:
  li t0, 3 << 11
  csrs mstatus, t0
  la t0, m_done
  csrw mepc, t0
  mret
m_done:
  csrw medeleg, zero
  TEST_PASSFAIL
RVTEST_CODE_END
RVTEST_DATA_BEGIN
RVTEST_DATA_END
