/* The nodix vDSO: a tiny shared object mapped into every process.
 * __vdso_rt_sigreturn is the signal return trampoline (RISC-V has no
 * SA_RESTORER); the time functions make the syscall (no vvar data yet). */
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
	li a7, 113
	ecall
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
