// rv64si: Sv39 from S-mode. The M-mode prologue builds page tables: RAM
// identity-mapped with 4 KiB pages (R W X, no U), a test window at 0x4000_0000
// with a read-write page, a read-only page, a hole, a U page, an execute-only
// page and a W-without-R page; a 2 MiB megapage and a misaligned one; a 1 GiB
// gigapage aliasing RAM. S-mode then checks values through every mapping and
// that each bad access faults with the right scause (12/13/15, delegated) and
// the faulting address in stval; SUM and MXR; SFENCE.VMA after a PTE change.
#include "env.h"
#include "macros.h"
#include "sdefs.h"
#define V 1
#define R 2
#define W 4
#define X 8
#define U 16
#define A 64
#define D 128
#define WIN 0x40000000
// dst = PTE for the physical address in pa with flags.
#define MKPTE(dst, pa, flags) srli dst, pa, 12; slli dst, dst, 10; ori dst, dst, flags
// Expect the last access to have faulted with cause and stval = addr.
#define EXPECT_FAULT(cause, addr) li t2, cause; bne s2, t2, test_fail; li t2, addr; bne s4, t2, test_fail;
RVTEST_CODE_BEGIN
  la t0, shandler
  csrw stvec, t0
  la t0, mreturn
  csrw mtvec, t0
  li t0, (1 << 12) | (1 << 13) | (1 << 15)
  csrw medeleg, t0
  la s10, pt2
  // pt2[2] -> pt1a -> pt0a: identity 4 KiB pages over the first 2 MiB of RAM.
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
  // pt2[1] -> pt1b; pt1b[0] -> pt0b (the test window).
  la a1, pt1b
  MKPTE(t0, a1, V)
  sd t0, 8(s10)
  la a2, pt0b
  MKPTE(t0, a2, V)
  sd t0, 0(a1)
  la a3, pdata
  MKPTE(t0, a3, V|R|W|A|D)
  sd t0, 0(a2)             // WIN+0x0000: read-write
  MKPTE(t0, a3, V|R|A)
  sd t0, 8(a2)             // WIN+0x1000: read-only
  sd zero, 16(a2)          // WIN+0x2000: hole
  MKPTE(t0, a3, V|R|W|U|A|D)
  sd t0, 24(a2)            // WIN+0x3000: user page
  MKPTE(t0, a3, V|X|A)
  sd t0, 32(a2)            // WIN+0x4000: execute-only
  MKPTE(t0, a3, V|W|A|D)
  sd t0, 48(a2)            // WIN+0x6000: W without R (reserved)
  // pt1b[1]: 2 MiB leaf at RAM start; pt1b[2]: a leaf whose PPN is not 2 MiB aligned.
  li a3, 0x80000000
  MKPTE(t0, a3, V|R|W|A|D)
  sd t0, 8(a1)
  li a3, 0x80001000
  MKPTE(t0, a3, V|R|W|A|D)
  sd t0, 16(a1)
  // pt2[3]: 1 GiB leaf at 0x8000_0000, seen at VA 0xc000_0000.
  li a3, 0x80000000
  MKPTE(t0, a3, V|R|W|A|D)
  sd t0, 24(s10)
  // satp = Sv39 | root.
  srli t0, s10, 12
  li t1, 8 << 60
  or t0, t0, t1
  csrw satp, t0
  sfence.vma
  // Known data.
  la a3, pdata
  li t0, 0x1122334455667788
  sd t0, 0(a3)
  la a3, pdata2
  li t0, 0x0badc0de0badc0de
  sd t0, 0(a3)
  ENTER_MODE(1, smode)

smode:
  li s11, WIN
  TEST_CASE(2, a0, 0x1122334455667788, li s2, 0; ld a0, 0(s11))
  TEST_CASE(3, a0, 0x99, li s2, 0; li a1, 0x99; sd a1, 8(s11); ld a0, 8(s11))
test_4:
  li TESTNUM, 4
  li s2, 0
  li a1, WIN + 0x1000
  sd zero, 16(a1)
  EXPECT_FAULT(15, WIN + 0x1010)
  // The read-only alias still reads.
  TEST_CASE(5, a0, 0x1122334455667788, li s2, 0; li a1, WIN + 0x1000; ld a0, 0(a1))
test_6:
  li TESTNUM, 6
  li s2, 0
  li a1, WIN + 0x2000
  ld a0, 8(a1)
  EXPECT_FAULT(13, WIN + 0x2008)
test_7:
  // U page from S without SUM: fault; with SUM: allowed.
  li TESTNUM, 7
  li s2, 0
  li a1, WIN + 0x3000
  ld a0, 0(a1)
  EXPECT_FAULT(13, WIN + 0x3000)
  TEST_CASE(8, a0, 0x1122334455667788, li s2, 0; li t0, 1 << 18; csrs sstatus, t0; li a1, WIN + 0x3000; ld a0, 0(a1); li t0, 1 << 18; csrc sstatus, t0)
test_9:
  // Execute-only page: load faults without MXR, reads with it.
  li TESTNUM, 9
  li s2, 0
  li a1, WIN + 0x4000
  ld a0, 0(a1)
  EXPECT_FAULT(13, WIN + 0x4000)
  TEST_CASE(10, a0, 0x1122334455667788, li s2, 0; li t0, 1 << 19; csrs sstatus, t0; li a1, WIN + 0x4000; ld a0, 0(a1); li t0, 1 << 19; csrc sstatus, t0)
test_11:
  // Fetch from a non-executable page: instruction page fault, stval = target.
  li TESTNUM, 11
  li s2, 0
  li a1, WIN
  jalr ra, 0(a1)
  EXPECT_FAULT(12, WIN)
test_12:
  // Fetch from a hole.
  li TESTNUM, 12
  li s2, 0
  li a1, WIN + 0x2000
  jalr ra, 0(a1)
  EXPECT_FAULT(12, WIN + 0x2000)
  // Megapage and gigapage aliases of pdata.
  TEST_CASE(13, a0, 0x1122334455667788, la a1, pdata; li t0, 0x80000000; sub a1, a1, t0; li t0, WIN + 0x200000; add a1, a1, t0; ld a0, 0(a1))
  TEST_CASE(14, a0, 0x1122334455667788, la a1, pdata; li t0, 0x80000000; sub a1, a1, t0; li t0, 0xc0000000; add a1, a1, t0; ld a0, 0(a1))
test_15:
  // A misaligned megapage is a page fault.
  li TESTNUM, 15
  li s2, 0
  li a1, WIN + 0x400000
  ld a0, 0(a1)
  EXPECT_FAULT(13, WIN + 0x400000)
test_16:
  // W without R is reserved: page fault for a load and a store.
  li TESTNUM, 16
  li s2, 0
  li a1, WIN + 0x6000
  ld a0, 0(a1)
  EXPECT_FAULT(13, WIN + 0x6000)
  li s2, 0
  sd zero, 0(a1)
  EXPECT_FAULT(15, WIN + 0x6000)
test_17:
  // Remap WIN+0 to pdata2; after sfence.vma the new mapping is seen.
  li TESTNUM, 17
  ld a0, 0(s11)              // warm the TLB with the old mapping
  la a2, pt0b
  la a3, pdata2
  MKPTE(t0, a3, V|R|W|A|D)
  sd t0, 0(a2)
  sfence.vma
  ld a0, 0(s11)
  li t2, 0x0badc0de0badc0de
  bne a0, t2, test_fail
  // An address that is not sign-extended from bit 38 faults.
test_18:
  li TESTNUM, 18
  li s2, 0
  li a1, 0x0000008000000000
  ld a0, 0(a1)
  li t2, 13
  bne s2, t2, test_fail
  // Done: back to M by an ecall from S (not delegated).
  ecall

  .align 2
shandler:
  csrr s2, scause
  csrr s3, sepc
  csrr s4, stval
  li t0, 12
  bne s2, t0, 1f
  csrw sepc, ra               // fetch fault: resume after the jalr
  sret
1: SKIP_EPC(sepc)
  sret

  .align 2
mreturn:
  csrr t0, mcause
  li t1, 9
  bne t0, t1, test_fail
  csrw satp, zero
  csrw medeleg, zero
  TEST_PASSFAIL
RVTEST_CODE_END
RVTEST_DATA_BEGIN
  .align 12
pdata: .dword 0
  .align 12
pdata2: .dword 0
  .align 12
pt2: .skip 4096
pt1a: .skip 4096
pt0a: .skip 4096
pt1b: .skip 4096
pt0b: .skip 4096
RVTEST_DATA_END
