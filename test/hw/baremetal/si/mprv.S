// rv64si: mstatus.MPRV. In M-mode with MPRV = 1, loads and stores are
// translated and checked as if at privilege MPP (fetches are not): with MPP = U
// a U page reads fine and a supervisor page faults (load page fault, mcause 13,
// mtval = the address); with MPP = S and SUM = 0 the U page faults; MPRV = 0
// goes back to physical addressing.
#include "env.h"
#include "macros.h"
#define V 1
#define R 2
#define W 4
#define X 8
#define U 16
#define A 64
#define D 128
#define WIN 0x40000000
#define MKPTE(dst, pa, flags) srli dst, pa, 12; slli dst, dst, 10; ori dst, dst, flags
// A failing check must leave MPRV before reporting (the report is a store to tohost).
#define test_fail mprv_fail
RVTEST_CODE_BEGIN
  la t0, handler
  csrw mtvec, t0
  la s10, pt2
  la a1, pt1
  MKPTE(t0, a1, V)
  sd t0, 8(s10)
  la a2, pt0
  MKPTE(t0, a2, V)
  sd t0, 0(a1)
  la a3, udata
  MKPTE(t0, a3, V|R|W|U|A|D)
  sd t0, 0(a2)              // WIN: user page -> udata
  la a3, sdata
  MKPTE(t0, a3, V|R|W|A|D)
  sd t0, 8(a2)              // WIN + 0x1000: supervisor page -> sdata
  srli t0, s10, 12
  li t1, 8 << 60
  or t0, t0, t1
  csrw satp, t0
  sfence.vma
  la a3, udata
  li t0, 0x1111
  sd t0, 0(a3)
  la a3, sdata
  li t0, 0x2222
  sd t0, 0(a3)
  li s11, WIN
  // MPP = U, MPRV = 1.
  li t0, 3 << 11
  csrc mstatus, t0
  li t0, 1 << 17
  csrs mstatus, t0
  TEST_CASE(2, a0, 0x1111, li s2, 0; ld a0, 0(s11))
test_3:
  li TESTNUM, 3
  li s2, 0
  li a1, WIN + 0x1000
  ld a0, 0(a1)
  li t2, 13
  bne s2, t2, test_fail
  bne s4, a1, test_fail
  // MPP = S: the supervisor page reads, the user page faults without SUM.
  li t0, 1 << 11
  csrs mstatus, t0
  TEST_CASE(4, a0, 0x2222, li s2, 0; li a1, WIN + 0x1000; ld a0, 0(a1))
test_5:
  li TESTNUM, 5
  li s2, 0
  ld a0, 0(s11)
  li t2, 13
  bne s2, t2, test_fail
  // A store through MPRV with MPP = S (the trap above reset MPP to U: set S again),
  // checked physically with MPRV off.
test_6:
  li TESTNUM, 6
  li t0, 1 << 11
  csrs mstatus, t0
  li s2, 0
  li a1, WIN + 0x1000
  li a2, 0x3333
  sd a2, 8(a1)
  bnez s2, test_fail
  li t0, 1 << 17
  csrc mstatus, t0
  la a3, sdata
  ld a0, 8(a3)
  EXPECT(a0, 0x3333)
  // MPRV = 0: physical again (WIN is a hole physically -> access fault).
test_7:
  li TESTNUM, 7
  li s2, 0
  ld a0, 0(s11)
  li t2, 5
  bne s2, t2, test_fail
  csrw satp, zero
  TEST_PASSFAIL

  .align 2
handler:
  csrr s2, mcause
  csrr s4, mtval
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
#undef test_fail
mprv_fail:
  li t0, 1 << 17
  csrc mstatus, t0
  j test_fail
RVTEST_CODE_END
RVTEST_DATA_BEGIN
  .align 12
udata: .dword 0, 0
  .align 12
sdata: .dword 0, 0
  .align 12
pt2: .skip 4096
pt1: .skip 4096
pt0: .skip 4096
RVTEST_DATA_END
