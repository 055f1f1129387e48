// rv64ua: every AMO in W and D widths: the old value lands in rd, memory gets
// op(old, rs2); W forms sign-extend the old value; min/max signed and unsigned.
#include "env.h"
#include "macros.h"
#define TEST_AMO(n, inst, ld, old, src, newv) \
  TEST_CASE(n, a0, old, la a1, amobuf; li a2, old; sd a2, 0(a1); li a3, src; inst a0, a3, (a1); ld a4, 0(a1); li t2, newv; bne a4, t2, test_fail)
RVTEST_CODE_BEGIN
  TEST_AMO(2, amoadd.d, ld, 0xffffffff80000000, 0xfffffffffffff800, 0xffffffff7ffff800)
  TEST_AMO(3, amoswap.d, ld, 0x1234, 0xfffffffffffff800, 0xfffffffffffff800)
  TEST_AMO(4, amoand.d, ld, 0xffffffff80000000, 0xfffffffffffff800, 0xffffffff80000000)
  TEST_AMO(5, amoor.d, ld, 0xffffffff80000000, 0xfffffffffffff800, 0xfffffffffffff800)
  TEST_AMO(6, amoxor.d, ld, 0xffffffff80000000, 0xfffffffffffff800, 0x000000007ffff800)
  TEST_AMO(7, amomin.d, ld, 0xffffffff80000000, 0xfffffffffffff800, 0xffffffff80000000)
  TEST_AMO(8, amomax.d, ld, 0xffffffff80000000, 0xfffffffffffff800, 0xfffffffffffff800)
  TEST_AMO(9, amominu.d, ld, 0xffffffff80000000, 0x1, 0x1)
  TEST_AMO(10, amomaxu.d, ld, 0xffffffff80000000, 0x1, 0xffffffff80000000)
  TEST_AMO(11, amomin.d, ld, 5, -1, -1)
  TEST_AMO(12, amomaxu.d, ld, 5, -1, -1)
  // W forms: 32-bit memory word, old value sign-extended.
  TEST_AMO(13, amoadd.w, lw, 0xffffffff80000000, 0xfffffffffffff800, 0x000000007ffff800)
  TEST_AMO(14, amoswap.w, lw, 0x7fffffff, 0xfffffffffffff800, 0xfffffffffffff800)
  TEST_AMO(15, amoand.w, lw, 0xffffffff80000000, 0xfffffffffffff800, 0xffffffff80000000)
  TEST_AMO(16, amoor.w, lw, 0xffffffff80000000, 0x00000000000007ff, 0xffffffff800007ff)
  TEST_AMO(17, amoxor.w, lw, 0xffffffffc0000000, 0x0000000040000000, 0xffffffff80000000)
  TEST_AMO(18, amomin.w, lw, 0x7fffffff, 0x80000000, 0xffffffff80000000)
  TEST_AMO(19, amomax.w, lw, 0x7fffffff, 0x80000000, 0x7fffffff)
  TEST_AMO(20, amominu.w, lw, 0x7fffffff, 0x80000000, 0x7fffffff)
  TEST_AMO(21, amomaxu.w, lw, 0x7fffffff, 0x80000000, 0xffffffff80000000)
  // The upper word of a W AMO's doubleword stays untouched.
  TEST_CASE(22, a4, 0x1111111100000003, la a1, amobuf; li a2, 0x1111111100000001; sd a2, 0(a1); li a3, 2; amoadd.w.aqrl a0, a3, (a1); ld a4, 0(a1))
  TEST_PASSFAIL
RVTEST_CODE_END
RVTEST_DATA_BEGIN
  .align 3
amobuf: .dword 0, 0
RVTEST_DATA_END
