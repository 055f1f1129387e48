// Linux riscv64 signal ABI (asm-generic signal.h, siginfo.h, riscv ucontext.h
// and sigcontext.h): sigaction flags, sigprocmask/sigaltstack constants,
// si_code values, and the byte layout of struct rt_sigframe. Pure data.

export const SIG_DFL = 0, SIG_IGN = 1;
export const SIG_BLOCK = 0, SIG_UNBLOCK = 1, SIG_SETMASK = 2;
export const SIGRTMIN = 32;

// sa_flags
export const SA_NOCLDSTOP = 0x1, SA_NOCLDWAIT = 0x2, SA_SIGINFO = 0x4, SA_UNSUPPORTED = 0x400, SA_EXPOSE_TAGBITS = 0x800;
export const SA_ONSTACK = 0x08000000, SA_RESTART = 0x10000000, SA_NODEFER = 0x40000000, SA_RESETHAND = 0x80000000;
/** The flags rt_sigaction keeps (riscv has no SA_RESTORER); others read back as 0. */
export const UAPI_SA_FLAGS = SA_NOCLDSTOP | SA_NOCLDWAIT | SA_SIGINFO | SA_ONSTACK | SA_RESTART | SA_NODEFER | SA_RESETHAND | SA_EXPOSE_TAGBITS;

// sigaltstack
export const SS_ONSTACK = 1, SS_DISABLE = 2, SS_AUTODISARM = 0x80000000 | 0;
export const MINSIGSTKSZ = 2048, SIGSTKSZ = 8192;

// si_code
export const SI_USER = 0, SI_KERNEL = 0x80, SI_QUEUE = -1, SI_TIMER = -2, SI_MESGQ = -3, SI_ASYNCIO = -4, SI_SIGIO = -5, SI_TKILL = -6;
export const ILL_ILLOPC = 1, ILL_ILLOPN = 2, ILL_ILLADR = 3, ILL_ILLTRP = 4, ILL_PRVOPC = 5;
export const SEGV_MAPERR = 1, SEGV_ACCERR = 2, BUS_ADRALN = 1, BUS_ADRERR = 2, BUS_OBJERR = 3;
export const TRAP_BRKPT = 1, TRAP_TRACE = 2;
export const CLD_EXITED = 1, CLD_KILLED = 2, CLD_DUMPED = 3, CLD_TRAPPED = 4, CLD_STOPPED = 5, CLD_CONTINUED = 6;

// struct siginfo (128 bytes): signo, errno, code, then the union at 16.
export const SIGINFO_SIZE = 128;
export const SI_SIGNO = 0, SI_ERRNO = 4, SI_CODE = 8;
export const SI_PID = 16, SI_UID = 20, SI_VALUE = 24, SI_STATUS = 24, SI_UTIME = 32, SI_STIME = 40, SI_ADDR = 16;
export const SI_TIMERID = 16, SI_OVERRUN = 20;

// struct sigaction as the kernel reads it on riscv64: handler, flags, mask.
export const SIGACTION_SIZE = 24;
// stack_t: ss_sp, ss_flags (int, padded), ss_size.
export const STACK_T_SIZE = 24;

// struct rt_sigframe { siginfo info; ucontext uc; }
export const FRAME_INFO = 0;
export const FRAME_UC = 128;
// struct ucontext offsets (relative to uc)
export const UC_FLAGS = 0, UC_LINK = 8, UC_STACK = 16, UC_SIGMASK = 40;
/** uc_sigmask is padded to the 1024-bit sigset glibc uses; uc_mcontext is 16-aligned. */
export const UC_MCONTEXT = 176;
// struct sigcontext offsets (relative to uc_mcontext): sc_regs (pc, x1..x31), then the FP union.
export const SC_REGS = 0, SC_FPREGS = 256, SC_FCSR = 256 + 256;
/** union __riscv_fp_state (q-extension size 528): d state, then reserved words / the extension header. */
export const SC_FP_UNION_SIZE = 528;
export const SIGCONTEXT_SIZE = 256 + SC_FP_UNION_SIZE;
export const UCONTEXT_SIZE = UC_MCONTEXT + SIGCONTEXT_SIZE;
export const RT_SIGFRAME_SIZE = FRAME_UC + UCONTEXT_SIZE;

/** Bit of signal sig (1..64) in a sigset. */
export const sigbit = (sig: number): bigint => 1n << BigInt(sig - 1);
