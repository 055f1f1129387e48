/* The nodix vDSO: a tiny shared object mapped into every process.
 * __vdso_rt_sigreturn is the signal return trampoline (RISC-V has no
 * SA_RESTORER). clock_gettime answers the monotonic clocks in user mode from
 * the time CSR (rdtime: the CLINT's mtime, 10 MHz, which the kernel keeps equal
 * to CLOCK_MONOTONIC / 100 ns); everything else makes the syscall. */
	.text
	.globl __vdso_rt_sigreturn, __vdso_clock_gettime, __vdso_gettimeofday, __vdso_clock_getres, __vdso_getcpu, __vdso_flush_icache
	.type __vdso_rt_sigreturn, @function
__vdso_rt_sigreturn:
	.cfi_startproc
	.cfi_signal_frame
	li a7, 139
	ecall
	.cfi_endproc
	.size __vdso_rt_sigreturn, .-__vdso_rt_sigreturn
	.type __vdso_clock_gettime, @function
__vdso_clock_gettime:
	beqz a1, 9f
	li t0, 1			/* CLOCK_MONOTONIC */
	beq a0, t0, 1f
	li t0, 4			/* CLOCK_MONOTONIC_RAW */
	beq a0, t0, 1f
	li t0, 7			/* CLOCK_BOOTTIME */
	beq a0, t0, 1f
9:	li a7, 113
	ecall
	ret
1:	rdtime t1
	li t2, 100
	mul t1, t1, t2			/* ns */
	li t2, 1000000000
	divu t3, t1, t2
	remu t4, t1, t2
	sd t3, 0(a1)
	sd t4, 8(a1)
	li a0, 0
	ret
	.size __vdso_clock_gettime, .-__vdso_clock_gettime
	.type __vdso_gettimeofday, @function
__vdso_gettimeofday:
	li a7, 169
	ecall
	ret
	.size __vdso_gettimeofday, .-__vdso_gettimeofday
	.type __vdso_clock_getres, @function
__vdso_clock_getres:
	li a7, 114
	ecall
	ret
	.size __vdso_clock_getres, .-__vdso_clock_getres
	.type __vdso_getcpu, @function
__vdso_getcpu:
	li a7, 168
	ecall
	ret
	.size __vdso_getcpu, .-__vdso_getcpu
	.type __vdso_flush_icache, @function
__vdso_flush_icache:
	li a7, 259
	ecall
	ret
	.size __vdso_flush_icache, .-__vdso_flush_icache
