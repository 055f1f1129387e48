/* Process entry: the kernel leaves argc, argv[], envp[], auxv[] on the stack at sp. */
  .section .text._start
  .globl _start
  .type _start, @function
_start:
  .option push
  .option norelax
  la gp, __global_pointer$
  .option pop
  mv a0, sp
  andi sp, sp, -16
  li ra, 0
  call __libc_start
1: j 1b
  .size _start, .-_start
