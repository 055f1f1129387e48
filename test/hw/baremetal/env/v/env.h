// Environment "v" of our bare-metal suite: the same test bodies as "p", run in
// U-mode under Sv39 translation. reset (in M-mode) copies the first 2 MiB of
// RAM (the image, page by page, in reverse page order; not the tohost page,
// which QEMU backs with its HTIF device) to 0x8020_0000 and
// builds a three-level page table that maps the image's addresses
// (0x8000_0000..) onto those copies with 4 KiB pages, V R W X U A D, so virtual
// and physical addresses differ in every page; it points satp at the table,
// opens PMP and the counters, enables the FPU, and mrets into the body at
// U-mode (running from the copy). The original code and data are then erased,
// so a hart that ignored translation would fail at once. The body reports through
// ecall (a0 = the tohost value); the M-mode handler writes tohost. Any other
// trap fails with code 0x400 + mcause (exceptions) or 0x600 + cause (interrupts).
#ifndef NODIX_ENV_H
#define NODIX_ENV_H
#define ENV_V 1
#define TESTNUM gp

#define PTE_FLAGS_URWX 0xdf  /* V R W X U - A D */
/* Physical home of the copy the body runs from: page i of the image sits at ENV_COPY + (511 - i) * 4 KiB. */
#define ENV_COPY 0x80200000

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
  li t3, 0x80000000;                    \
  li t4, ENV_COPY + 511 * 4096;         \
  li t5, 512;                           \
2:srli t6, t4, 12;                      \
  slli t6, t6, 10;                      \
  ori t6, t6, PTE_FLAGS_URWX;           \
  sd t6, 0(t2);                         \
  la a0, tohost;                        \
  srli a0, a0, 12;                      \
  slli a0, a0, 12;                      \
  bne a0, t3, 4f;                       \
  li t6, 4096;                          \
  add t3, t3, t6;                       \
  add t4, t4, t6;                       \
  j 5f;                                 \
4:li t6, 512;                           \
3:ld a0, 0(t3);                         \
  sd a0, 0(t4);                         \
  addi t3, t3, 8;                       \
  addi t4, t4, 8;                       \
  addi t6, t6, -1;                      \
  bnez t6, 3b;                          \
5:li t6, 8192;                          \
  sub t4, t4, t6;                       \
  addi t2, t2, 8;                       \
  addi t5, t5, -1;                      \
  bnez t5, 2b;                          \
  la t3, _body_start;                   \
  la t4, _body_end;                     \
6:sd zero, 0(t3);                       \
  addi t3, t3, 8;                       \
  bltu t3, t4, 6b;                      \
  li a0, 0;                             \
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
