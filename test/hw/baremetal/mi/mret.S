// rv64mi: MRET into U-mode (MPP = U, MIE <- MPIE, MPIE <- 1, MPP <- U), an ECALL
// from U (mcause 8, MPP = U in the handler), U-mode access to an M CSR and to a
// counter disabled in mcounteren (illegal, mcause 2), WFI from U with
// mstatus.TW = 1 (illegal), and MRET back to M with MPP = M.
#include "env.h"
#include "macros.h"
RVTEST_CODE_BEGIN
  la t0, handler
  csrw mtvec, t0
  // MPP = U, MPIE = 1, MIE = 0 (no interrupt enabled in mie anyway).
test_2:
  li TESTNUM, 2
  li t0, 3 << 11
  csrc mstatus, t0
  li t0, 1 << 7
  csrs mstatus, t0
  la t0, user1
  csrw mepc, t0
  li s2, 0
  mret
user1:
  // In U-mode now: an ecall traps to M.
u_ecall: ecall
  // Back here after the handler returned to U.
  li t2, 8
  bne s2, t2, test_fail_u
  la t2, u_ecall
  bne s3, t2, test_fail_u
  // MPP seen by the handler was U; MPIE was set by mret (MPIE <- 1) and MIE was MPIE = 1.
  srli t0, s5, 11
  andi t0, t0, 3
  bnez t0, test_fail_u
  andi t0, s5, 0x80
  beqz t0, test_fail_u
test_3:
  li TESTNUM, 3
  li s2, 0
u_csr: csrr a0, mstatus
  li t2, 2
  bne s2, t2, test_fail_u
  la t2, u_csr
  bne s3, t2, test_fail_u
test_4:
  li TESTNUM, 4
  li s2, 0
u_mret: mret
  li t2, 2
  bne s2, t2, test_fail_u
test_5:
  // cycle is enabled in mcounteren by the env; turn it off (via an ecall service) and read it.
  li TESTNUM, 5
  li a7, 1             // service 1: clear mcounteren
  ecall
  li s2, 0
u_cyc: rdcycle a0
  li t2, 2
  bne s2, t2, test_fail_u
test_6:
  li TESTNUM, 6
  li a7, 2             // service 2: set mstatus.TW
  ecall
  li s2, 0
u_wfi: wfi
  li t2, 2
  bne s2, t2, test_fail_u
  // Service 3: return to M-mode at the pass label.
  li a7, 3
  ecall
  j test_fail_u

test_fail_u:
  li a7, 4
  ecall
  j test_fail_u

  .align 2
handler:
  csrr s2, mcause
  csrr s3, mepc
  csrr s4, mtval
  csrr s5, mstatus
  li t0, 8
  bne s2, t0, skip
  // ecall from U: services by a7.
  li t0, 1
  bne a7, t0, 1f
  csrw mcounteren, zero
  j skip
1: li t0, 2
  bne a7, t0, 1f
  li t0, 1 << 21
  csrs mstatus, t0
  j skip
1: li t0, 3
  bne a7, t0, 1f
  // Return to M at test_pass: MPP = M.
  li t0, 3 << 11
  csrs mstatus, t0
  la t0, back_in_m
  csrw mepc, t0
  mret
1: li t0, 4
  bne a7, t0, skip
  j test_fail
skip:
  csrr t2, mepc
  lhu t0, 0(t2)
  andi t0, t0, 3
  li t1, 3
  beq t0, t1, 1f
  addi t2, t2, 2
  j 2f
1: addi t2, t2, 4
2: csrw mepc, t2
  mret

back_in_m:
  // mret to M with MPP = M: MPP becomes U (least privileged) afterwards.
  csrr t0, mstatus
  srli t0, t0, 11
  andi t0, t0, 3
  bnez t0, test_fail
  li t0, 1 << 21
  csrc mstatus, t0
  TEST_PASSFAIL
RVTEST_CODE_END
RVTEST_DATA_BEGIN
RVTEST_DATA_END
