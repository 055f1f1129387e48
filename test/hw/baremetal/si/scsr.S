// rv64si: supervisor CSRs and traps of the privileged controls: sstatus is a
// view of mstatus; sie/sip show only delegated bits; M CSRs are illegal from S;
// mstatus.TVM makes satp and sfence.vma illegal in S; mstatus.TSR makes sret
// illegal in S; mstatus.TW makes wfi illegal in S; scounteren gates U's counters.
#include "env.h"
#include "macros.h"
#include "sdefs.h"
// In S: run insn, expect an illegal-instruction trap to M (recorded in s8).
#define EXPECT_ILLEGAL(n, insn...) \
test_##n: li TESTNUM, n; li s8, 0; insn; li t2, 2; bne s8, t2, test_fail_s;
RVTEST_CODE_BEGIN
  la t0, mhandler
  csrw mtvec, t0
  li t0, 1 << 1
  csrw mideleg, t0
  li t0, (1 << 1) | (1 << 3)
  csrw mie, t0
  ENTER_MODE(1, smode)
smode:
  // sstatus.SUM set from S shows in mstatus (read back by M at the end).
  TEST_CASE(2, a0, 1 << 18, li t0, 1 << 18; csrs sstatus, t0; csrr a0, sstatus; li t0, 1 << 18; and a0, a0, t0)
  // sstatus hides MPP/MIE.
  TEST_CASE(3, a0, 0, csrr a0, sstatus; li t0, (3 << 11) | 8 | 0x80; and a0, a0, t0)
  // sie shows only the delegated SSIE: MTIE/MSIE stay invisible.
  TEST_CASE(4, a0, 2, li t0, -1; csrw sie, t0; csrr a0, sie; li t0, 0xaaa; and a0, a0, t0)
  EXPECT_ILLEGAL(5, csrr a0, mstatus)
  EXPECT_ILLEGAL(6, csrw mscratch, zero)
  EXPECT_ILLEGAL(7, mret)
  // satp is fine without TVM.
  TEST_CASE(8, a0, 0, csrw satp, zero; csrr a0, satp)
  // TVM, TSR, TW set through an M service.
  li a7, 1
  ecall
  EXPECT_ILLEGAL(9, csrr a0, satp)
  EXPECT_ILLEGAL(10, sfence.vma)
  EXPECT_ILLEGAL(11, sret)
  EXPECT_ILLEGAL(12, wfi)
  li a7, 2                 // clear them again
  ecall
  // U counters: scounteren = 0 makes rdcycle illegal in U (trap to M: not delegated).
  li TESTNUM, 13
  csrw scounteren, zero
  SRET_TO_U(umode)
umode:
  li s8, 0
  rdcycle a0
  li t2, 2
  bne s8, t2, test_fail_s
  li a7, 3                 // done
  ecall
test_fail_s:
  li a7, 4
  ecall
  j test_fail_s

  .align 2
mhandler:
  csrr s8, mcause
  li t0, 9
  beq s8, t0, 1f
  li t0, 8
  beq s8, t0, 1f
  SKIP_EPC(mepc)
  mret
1: li t0, 1
  bne a7, t0, 2f
  li t0, (1 << 20) | (1 << 21) | (1 << 22)
  csrs mstatus, t0
  j 9f
2: li t0, 2
  bne a7, t0, 3f
  li t0, (1 << 20) | (1 << 21) | (1 << 22)
  csrc mstatus, t0
  j 9f
3: li t0, 3
  bne a7, t0, test_fail
  csrr t0, mstatus
  li t1, 1 << 18
  and t0, t0, t1
  beqz t0, test_fail         // SUM set from S is in mstatus
  csrc mstatus, t1
  csrw mideleg, zero
  csrw mie, zero
  li t0, 3 << 11
  csrs mstatus, t0
  la t0, m_done
  csrw mepc, t0
  mret
9: SKIP_EPC(mepc)
  mret
m_done:
  TEST_PASSFAIL
RVTEST_CODE_END
RVTEST_DATA_BEGIN
RVTEST_DATA_END
