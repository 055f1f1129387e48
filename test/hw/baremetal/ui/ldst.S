// rv64ui: loads with sign/zero extension, stores of every width, offsets of both signs,
// and misaligned accesses (which complete here rather than trap).
#include "env.h"
#include "macros.h"
RVTEST_CODE_BEGIN
  TEST_LOAD(2, lb, 0xffffffffffffff88, 0, dat)
  TEST_LOAD(3, lbu, 0x88, 0, dat)
  TEST_LOAD(4, lh, 0xffffffffffff8788, 0, dat)
  TEST_LOAD(5, lhu, 0x8788, 0, dat)
  TEST_LOAD(6, lw, 0xffffffff85868788, 0, dat)
  TEST_LOAD(7, lwu, 0x85868788, 0, dat)
  TEST_LOAD(8, ld, 0x0102030485868788, 0, dat)
  TEST_LOAD(9, lb, 0x01, 7, dat)
  TEST_LOAD(10, ld, 0x0102030485868788, -8, dat + 8)
  TEST_LOAD(11, lw, 0x01020304, 4, dat)
  TEST_STORE(12, sb, lbu, 0xaa, 1, buf)
  TEST_STORE(13, sh, lhu, 0xbeef, 2, buf)
  TEST_STORE(14, sw, lwu, 0xdeadbeef, 4, buf)
  TEST_STORE(15, sd, ld, 0x0123456789abcdef, 8, buf)
  TEST_STORE(16, sd, ld, 0xfedcba9876543210, -8, buf + 16)
  // A byte store leaves its neighbours alone.
  TEST_CASE(17, a0, 0x11ff3344, la a1, buf; li a2, 0x11223344; sw a2, 0(a1); li a2, -1; sb a2, 2(a1); lwu a0, 0(a1))
  // Misaligned load and store.
  TEST_LOAD(18, lw, 0x04858687, 1, dat)
  TEST_LOAD(19, ld, 0xff01020304858687, 1, dat)
  TEST_STORE(20, sd, ld, 0x1122334455667788, 3, buf)
  TEST_STORE(21, sw, lw, 0xffffffffcafebabe, 6, buf)
  // Loading into x0 has no effect.
  TEST_CASE(22, x0, 0, la a1, dat; ld x0, 0(a1))
  TEST_PASSFAIL
RVTEST_CODE_END
RVTEST_DATA_BEGIN
  .align 3
dat: .dword 0x0102030485868788
     .dword 0xffffffffffffffff
buf: .dword 0, 0, 0, 0
RVTEST_DATA_END
