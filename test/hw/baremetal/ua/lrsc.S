// rv64ua: LR/SC. A store-conditional after a matching load-reserved succeeds
// (rd = 0) and writes; one without a reservation, or to another address after
// the reservation was consumed, fails (rd != 0) and does not write.
#include "env.h"
#include "macros.h"
RVTEST_CODE_BEGIN
  // Success.
  TEST_CASE(2, a4, 0x55, la a1, lrbuf; li a2, 0x44; sd a2, 0(a1); lr.d a0, (a1); li a3, 0x55; sc.d a5, a3, (a1); bnez a5, test_fail; ld a4, 0(a1))
  TEST_CASE(3, a0, 0x44, la a1, lrbuf; li a2, 0x44; sd a2, 0(a1); lr.d a0, (a1); li a3, 0x55; sc.d a5, a3, (a1))
  // A second SC without a new LR fails and leaves memory alone.
  TEST_CASE(4, a4, 0x55, la a1, lrbuf; li a3, 0x66; sc.d a5, a3, (a1); beqz a5, test_fail; ld a4, 0(a1))
  // W form sign-extends the loaded value.
  TEST_CASE(5, a0, 0xffffffff80000001, la a1, lrbuf; li a2, 0x80000001; sw a2, 0(a1); lr.w a0, (a1); sc.w a5, a0, (a1); bnez a5, test_fail)
  // An SC to a different address than the reservation fails.
  TEST_CASE(6, a4, 0x77, la a1, lrbuf; li a2, 0x77; sd a2, 8(a1); lr.d a0, (a1); li a3, 0x99; addi a6, a1, 8; sc.d a5, a3, (a6); beqz a5, test_fail; ld a4, 8(a1))
  // A counter incremented with an LR/SC retry loop.
test_7:
  li TESTNUM, 7
  la a1, lrbuf
  sd zero, 16(a1)
  addi a1, a1, 16
  li a2, 100
1: lr.d a0, (a1)
  addi a0, a0, 1
  sc.d a3, a0, (a1)
  bnez a3, 1b
  addi a2, a2, -1
  bnez a2, 1b
  ld a0, 0(a1)
  EXPECT(a0, 100)
  TEST_PASSFAIL
RVTEST_CODE_END
RVTEST_DATA_BEGIN
  .align 4
lrbuf: .dword 0, 0, 0, 0
RVTEST_DATA_END
