// Environment "v" of our bare-metal suite: the same test bodies as "p", run in
// U-mode under Sv39 translation. reset (in M-mode) builds a three-level page
// table that maps the first 2 MiB of RAM (0x8000_0000..) with 4 KiB pages,
// identity-mapped, V R W X U A D, points satp at it, opens PMP and the counters,
// enables the FPU, and mrets into the body at U-mode. The body reports through
// ecall (a0 = the tohost value); the M-mode handler writes tohost. Any other
// trap fails with code 0x400 + mcause (exceptions) or 0x600 + cause (interrupts).
#ifndef NODIX_ENV_H
#define NODIX_ENV_H
#define ENV_V 1
#define TESTNUM gp

#define PTE_FLAGS_URWX 0xdf  /* V R W X U - A D */

#define RVTEST_CODE_BEGIN                 \
  .section .text.init;                    \
  .align 6;                               \
  .globl _start;                          \
_start:                                   \
  j env_reset;                            \
  .align 2;                               \
env_trap:                                 \
  csrr t5, mcause;                        \
  li t6, 8;                               \
  beq t5, t6, env_ecall;                  \
  bltz t5, 1f;                            \
  addi t5, t5, 0x400;                     \
  j env_fail_code;                        \
1:slli t5, t5, 1;                         \
  srli t5, t5, 1;                         \
  addi t5, t5, 0x600;                     \
env_fail_code:                            \
  slli t5, t5, 1;                         \
  ori a0, t5, 1;                          \
env_ecall:                                \
  la t6, tohost;                          \
1:sd a0, 0(t6);                           \
  j 1b;                                   \
env_reset:                                \
  la t0, env_trap;                        \
  csrw mtvec, t0;                         \
  csrwi mie, 0;                           \
  csrwi mip, 0;                           \
  csrwi medeleg, 0;                       \
  csrwi mideleg, 0;                       \
  li t0, -1;                              \
  csrw pmpaddr0, t0;                      \
  li t0, 0x1f;                            \
  csrw pmpcfg0, t0;                       \
  li t0, -1;                              \
  csrw mcounteren, t0;                    \
  csrw scounteren, t0;                    \
  la t0, env_pt2;                         \
  la t1, env_pt1;                         \
  la t2, env_pt0;                         \
  srli t3, t1, 12;                        \
  slli t3, t3, 10;                        \
  ori t3, t3, 1;                          \
  sd t3, 16(t0);                          \
  srli t3, t2, 12;                        \
  slli t3, t3, 10;                        \
  ori t3, t3, 1;                          \
  sd t3, 0(t1);                           \
  li t3, (0x80000000 >> 12) << 10;        \
  ori t3, t3, PTE_FLAGS_URWX;             \
  li t4, 512;                             \
  li t5, 1 << 10;                         \
2:sd t3, 0(t2);                           \
  add t3, t3, t5;                         \
  addi t2, t2, 8;                         \
  addi t4, t4, -1;                        \
  bnez t4, 2b;                            \
  srli t0, t0, 12;                        \
  li t1, 8 << 60;                         \
  or t0, t0, t1;                          \
  sfence.vma;                             \
  csrw satp, t0;                          \
  sfence.vma;                             \
  csrw mstatus, zero;                     \
  li t0, (1 << 13);                       \
  csrs mstatus, t0;                       \
  csrwi fcsr, 0;                          \
  li TESTNUM, 0;                          \
  la sp, env_stack_top;                   \
  la t0, test_body;                       \
  csrw mepc, t0;                          \
  mret;                                   \
  .text;                                  \
test_body:

#define RVTEST_PASS                       \
  fence;                                  \
  li a0, 1;                               \
  ecall;                                  \
1:j 1b;

#define RVTEST_FAIL                       \
  fence;                                  \
  bnez TESTNUM, 1f;                       \
  li TESTNUM, 0x3ff;                      \
1:slli a0, TESTNUM, 1;                    \
  ori a0, a0, 1;                          \
  ecall;                                  \
2:j 2b;

#define RVTEST_CODE_END                   \
test_fail: RVTEST_FAIL                    \
test_pass: RVTEST_PASS

#define RVTEST_DATA_BEGIN                 \
  .pushsection .tohost, "aw", @progbits;  \
  .align 6; .globl tohost; .type tohost, @object; .size tohost, 8; tohost: .dword 0; \
  .align 6; .globl fromhost; .type fromhost, @object; .size fromhost, 8; fromhost: .dword 0; \
  .popsection;                            \
  .bss; .align 12;                        \
  env_pt2: .skip 4096;                    \
  env_pt1: .skip 4096;                    \
  env_pt0: .skip 4096;                    \
  .skip 4096; env_stack_top:              \
  .data; .align 4;

#define RVTEST_DATA_END

#endif
