// rv64ua: AMO operand corner cases: rd = x0 (memory still updated), rd = rs2,
// W AMOs on the upper word of a doubleword, the aq/rl variants, a second SC
// after a successful one (fails: the reservation is consumed), unsigned and
// signed max/min with the top bit set.
#include "env.h"
#include "macros.h"
RVTEST_CODE_BEGIN
  TEST_CASE(2, a4, 0x77, la a1, abuf; sd zero, 0(a1); li a2, 0x77; amoswap.d x0, a2, (a1); ld a4, 0(a1))
  TEST_CASE(3, a2, 0x77, la a1, abuf; li a2, 5; amoadd.d a2, a2, (a1); ld a4, 0(a1); li t2, 0x7c; bne a4, t2, test_fail)
  TEST_CASE(4, a4, 0x0000000500000003, la a1, abuf; li a2, 0x0000000400000003; sd a2, 0(a1); li a3, 1; addi a5, a1, 4; amoadd.w.aq a0, a3, (a5); ld a4, 0(a1))
  TEST_CASE(5, a0, 4, la a1, abuf; li a2, 0x0000000400000003; sd a2, 0(a1); addi a5, a1, 4; li a3, 1; amoadd.w.rl a0, a3, (a5))
  TEST_CASE(6, a0, 0xffffffff80000000, la a1, abuf; li a2, 0x80000000; sw a2, 0(a1); li a3, 0; amoor.w.aqrl a0, a3, (a1))
  // A store between LR and SC to the reserved address makes the SC fail (on a single hart the
  // spec allows either outcome for a regular store; an SC after another SC always fails).
  TEST_CASE(7, a5, 1, la a1, abuf; lr.d a0, (a1); sc.d a5, a0, (a1); bnez a5, test_fail; sc.d a5, a0, (a1); snez a5, a5)
  // amomaxu.d/amominu.d with the top bit set.
  TEST_CASE(8, a4, 0x8000000000000000, la a1, abuf; li a2, 0x8000000000000000; sd a2, 0(a1); li a3, 0x7fffffffffffffff; amomaxu.d a0, a3, (a1); ld a4, 0(a1))
  TEST_CASE(9, a4, 0x8000000000000000, la a1, abuf; li a3, 0x7fffffffffffffff; amomin.d a0, a3, (a1); ld a4, 0(a1))
  TEST_PASSFAIL
RVTEST_CODE_END
RVTEST_DATA_BEGIN
  .align 3
abuf: .dword 0, 0
RVTEST_DATA_END
