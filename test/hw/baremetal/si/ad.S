// rv64si: the accessed and dirty bits. The spec lets an implementation either
// set A/D in the PTE itself or raise a page fault; this test accepts both but
// checks consistency: a load through a PTE with A = 0 either faults (13) or
// succeeds and leaves A set; a store through a PTE with D = 0 either faults (15)
// or succeeds and leaves A and D set; a load never sets D.
#include "env.h"
#include "macros.h"
#include "sdefs.h"
#define V 1
#define R 2
#define W 4
#define X 8
#define A 64
#define D 128
#define WIN 0x40000000
#define MKPTE(dst, pa, flags) srli dst, pa, 12; slli dst, dst, 10; ori dst, dst, flags
RVTEST_CODE_BEGIN
  la t0, shandler
  csrw stvec, t0
  la t0, mreturn
  csrw mtvec, t0
  li t0, (1 << 13) | (1 << 15)
  csrw medeleg, t0
  la s10, pt2
  la a1, pt1a
  MKPTE(t0, a1, V)
  sd t0, 16(s10)
  la a2, pt0a
  MKPTE(t0, a2, V)
  sd t0, 0(a1)
  li a3, 0x80000000
  li t4, 512
1: MKPTE(t0, a3, V|R|W|X|A|D)
  sd t0, 0(a2)
  li t1, 4096
  add a3, a3, t1
  addi a2, a2, 8
  addi t4, t4, -1
  bnez t4, 1b
  la a1, pt1b
  MKPTE(t0, a1, V)
  sd t0, 8(s10)
  la a2, pt0b
  MKPTE(t0, a2, V)
  sd t0, 0(a1)
  la a3, pdata
  MKPTE(t0, a3, V|R|W)
  sd t0, 0(a2)             // WIN+0: A = 0, D = 0
  MKPTE(t0, a3, V|R|W|A)
  sd t0, 8(a2)             // WIN+0x1000: A = 1, D = 0
  srli t0, s10, 12
  li t1, 8 << 60
  or t0, t0, t1
  csrw satp, t0
  sfence.vma
  ENTER_MODE(1, smode)

smode:
  la s9, pt0b
test_2:
  li TESTNUM, 2
  li s2, 0
  li a1, WIN
  ld a0, 0(a1)
  ld t0, 0(s9)
  bnez s2, 1f
  andi t1, t0, A           // succeeded: A must now be set, D not
  beqz t1, test_fail_s
  andi t1, t0, D
  bnez t1, test_fail_s
  j 2f
1: li t2, 13
  bne s2, t2, test_fail_s
  andi t1, t0, A           // faulted: the PTE is unchanged
  bnez t1, test_fail_s
2:
test_3:
  li TESTNUM, 3
  li s2, 0
  li a1, WIN + 0x1000
  sd zero, 8(a1)
  ld t0, 8(s9)
  bnez s2, 1f
  andi t1, t0, D
  beqz t1, test_fail_s
  andi t1, t0, A
  beqz t1, test_fail_s
  j 2f
1: li t2, 15
  bne s2, t2, test_fail_s
  andi t1, t0, D
  bnez t1, test_fail_s
2:
  li a7, 1
  ecall
test_fail_s:
  li a7, 2
  ecall

  .align 2
shandler:
  csrr s2, scause
  SKIP_EPC(sepc)
  sret

  .align 2
mreturn:
  csrr t0, mcause
  li t1, 9
  bne t0, t1, test_fail
  li t1, 1
  bne a7, t1, test_fail
  csrw satp, zero
  csrw medeleg, zero
  TEST_PASSFAIL
RVTEST_CODE_END
RVTEST_DATA_BEGIN
  .align 12
pdata: .dword 0
  .align 12
pt2: .skip 4096
pt1a: .skip 4096
pt0a: .skip 4096
pt1b: .skip 4096
pt0b: .skip 4096
RVTEST_DATA_END
