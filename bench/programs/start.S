// Bare-metal start-up for the bench programs: M-mode, stack, FPU on, a trap
// vector that exits with code 3, then main(); main's return value becomes the
// HTIF exit code (tohost = (code << 1) | 1). Runs on nodix and on QEMU's spike.
  .file "start.S"
  .section .text.init
  .globl _start
_start:
  la t0, trap
  csrw mtvec, t0
  li t0, 1 << 13          // mstatus.FS = Initial
  csrs mstatus, t0
  csrwi fcsr, 0
  la sp, stack_top
  call main
  slli a0, a0, 1
  ori a0, a0, 1
exit:
  la t0, tohost
  sd a0, 0(t0)
1: j 1b
  .align 2
trap:
  li a0, (3 << 1) | 1
  j exit

  .section .tohost, "aw", @progbits
  .align 6
  .globl tohost
  .type tohost, @object
  .size tohost, 8
tohost: .dword 0
  .align 6
  .globl fromhost
  .type fromhost, @object
  .size fromhost, 8
fromhost: .dword 0

  .bss
  .align 4
  .skip 65536
stack_top:
