/* The nodix vDSO: a tiny shared object mapped into every process.
 * __vdso_rt_sigreturn is the signal return trampoline (RISC-V has no
 * SA_RESTORER). clock_gettime and gettimeofday answer in user mode from the
 * time CSR (rdtime: the CLINT's mtime, 10 MHz, which the kernel keeps equal to
 * CLOCK_MONOTONIC / 100 ns) plus, for CLOCK_REALTIME, the offset the kernel
 * stores at offset 0 of the data page that follows the code (__vdso_data);
 * other clocks make the syscall. */
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
	li t5, 0			/* offset to add: 0 for the monotonic clocks */
	li t0, 1			/* CLOCK_MONOTONIC */
	beq a0, t0, 1f
	li t0, 4			/* CLOCK_MONOTONIC_RAW */
	beq a0, t0, 1f
	li t0, 7			/* CLOCK_BOOTTIME */
	beq a0, t0, 1f
	lla t0, __vdso_data
	ld t5, 0(t0)			/* realtime offset */
	beqz a0, 1f			/* CLOCK_REALTIME */
	li t0, 5			/* CLOCK_REALTIME_COARSE */
	beq a0, t0, 1f
9:	li a7, 113
	ecall
	ret
1:	rdtime t1
	li t2, 100
	mul t1, t1, t2			/* ns */
	add t1, t1, t5
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
	bnez a1, 9f			/* a timezone: let the kernel answer */
	beqz a0, 9f
	rdtime t1
	li t2, 100
	mul t1, t1, t2
	lla t0, __vdso_data
	ld t5, 0(t0)
	add t1, t1, t5			/* realtime ns */
	li t2, 1000
	divu t1, t1, t2			/* us */
	li t2, 1000000
	divu t3, t1, t2
	remu t4, t1, t2
	sd t3, 0(a0)
	sd t4, 8(a0)
	li a0, 0
	ret
9:	li a7, 169
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
