/* A freestanding static-PIE (ET_DYN, no interpreter): writes a line and exits 7 with a value read PC-relatively. */
	.globl _start
_start:
	li a0, 1
	lla a1, msg
	li a2, 12
	li a7, 64
	ecall
	lla t0, var
	ld a0, 0(t0)
	li a7, 93
	ecall
	.data
var: .dword 7
msg: .ascii "static pie\n\0"
