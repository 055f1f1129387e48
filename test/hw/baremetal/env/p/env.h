// Environment "p" of our bare-metal suite: physical addresses, the test body
// runs in M-mode. reset clears the hart's trap and paging state, opens PMP for
// the lower modes, turns on the FPU (mstatus.FS) and the counters, and installs
// env_trap as mtvec: any trap the test did not expect fails the test with code
// 0x400 + mcause (exceptions) or 0x600 + cause (interrupts). Tests that take
// traps on purpose point mtvec at their own handler. PASS writes 1 to tohost;
// FAIL writes (TESTNUM << 1) | 1. Our own design, in the spirit of riscv-tests.
#ifndef NODIX_ENV_H
#define NODIX_ENV_H
#define ENV_P 1
#define TESTNUM gp

#define RVTEST_CODE_BEGIN                 \
  .section .text.init;                    \
  .align 6;                               \
  .globl _start;                          \
_start:                                   \
  j env_reset;                            \
  .align 2;                               \
env_trap:                                 \
  csrr t5, mcause;                        \
  bltz t5, 1f;                            \
  addi t5, t5, 0x400;                     \
  j env_fail_code;                        \
1:slli t5, t5, 1;                         \
  srli t5, t5, 1;                         \
  addi t5, t5, 0x600;                     \
env_fail_code:                            \
  slli t5, t5, 1;                         \
  ori t5, t5, 1;                          \
  la t6, tohost;                          \
  sd t5, 0(t6);                           \
  j env_fail_code;                        \
env_reset:                                \
  la t0, env_trap;                        \
  csrw mtvec, t0;                         \
  csrwi mie, 0;                           \
  csrwi mip, 0;                           \
  csrwi medeleg, 0;                       \
  csrwi mideleg, 0;                       \
  csrwi satp, 0;                          \
  li t0, -1;                              \
  csrw pmpaddr0, t0;                      \
  li t0, 0x1f;                            \
  csrw pmpcfg0, t0;                       \
  li t0, -1;                              \
  csrw mcounteren, t0;                    \
  csrw mstatus, zero;                     \
  li t0, (1 << 13);                       \
  csrs mstatus, t0;                       \
  csrwi fcsr, 0;                          \
  li TESTNUM, 0;                          \
  la sp, env_stack_top;                   \
  j test_body;                            \
  .text;                                  \
test_body:

#define RVTEST_PASS                       \
  fence;                                  \
  li t0, 1;                               \
  la t1, tohost;                          \
1:sd t0, 0(t1);                           \
  j 1b;

#define RVTEST_FAIL                       \
  fence;                                  \
  bnez TESTNUM, 1f;                       \
  li TESTNUM, 0x3ff;                      \
1:slli t0, TESTNUM, 1;                    \
  ori t0, t0, 1;                          \
  la t1, tohost;                          \
2:sd t0, 0(t1);                           \
  j 2b;

#define RVTEST_CODE_END                   \
test_fail: RVTEST_FAIL                    \
test_pass: RVTEST_PASS

#define RVTEST_DATA_BEGIN                 \
  .pushsection .tohost, "aw", @progbits;  \
  .align 6; .globl tohost; .type tohost, @object; .size tohost, 8; tohost: .dword 0; \
  .align 6; .globl fromhost; .type fromhost, @object; .size fromhost, 8; fromhost: .dword 0; \
  .popsection;                            \
  .bss; .align 4; .skip 4096; env_stack_top: \
  .data; .align 4;

#define RVTEST_DATA_END

#endif
