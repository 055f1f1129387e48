/* Faults as signals: SIGSEGV recovered with siglongjmp (si_addr, SEGV_MAPERR vs
 * SEGV_ACCERR), a handler that skips the faulting instruction by editing the
 * saved pc, SIGILL (ILL_ILLOPC, si_addr = pc), SIGTRAP from ebreak (TRAP_BRKPT),
 * stack overflow caught on the alternate stack, a fault while the signal is
 * blocked or ignored kills the process, FP state survives a handler. */
#define _GNU_SOURCE
#include <signal.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include <stdlib.h>
#include <ucontext.h>
#include <sys/mman.h>
#include <sys/wait.h>

static sigjmp_buf env;
static volatile uintptr_t addr;
static volatile int code, signo, onalt;
static char *altbase;
static size_t altsize;

static void jump(int sig, siginfo_t *si, void *uc) {
  (void)uc;
  signo = sig; code = si->si_code; addr = (uintptr_t)si->si_addr;
  char here;
  onalt = altbase && &here >= altbase && &here < altbase + altsize;
  siglongjmp(env, 1);
}

static void skip(int sig, siginfo_t *si, void *ucv) {
  ucontext_t *uc = ucv;
  signo = sig; code = si->si_code; addr = (uintptr_t)si->si_addr;
  unsigned short insn = *(unsigned short *)uc->uc_mcontext.__gregs[REG_PC];
  uc->uc_mcontext.__gregs[REG_PC] += (insn & 3) == 3 ? 4 : 2;
  uc->uc_mcontext.__gregs[10] = 4242; /* a0 is seen by the code after the fault */
}

/* Clobbers callee-saved FP registers and the rounding mode behind the compiler's back:
 * only rt_sigreturn restoring the saved FP state keeps main's values. */
static void fpclobber(int sig, siginfo_t *si, void *uc) {
  (void)sig; (void)si; (void)uc;
  __asm__ volatile("fcvt.d.w fs0, zero\n\tfcvt.d.w fs1, zero\n\tfcvt.d.w fs2, zero\n\tfsrmi 3");
}

static void on(int sig, void (*h)(int, siginfo_t *, void *), int flags) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = h;
  sa.sa_flags = SA_SIGINFO | flags;
  sigaction(sig, &sa, NULL);
}

static int depth(int n) { volatile char pad[512]; pad[0] = (char)n; return n + depth(n + 1) + pad[0]; }

static void child_status(const char *what, void (*fn)(void)) {
  pid_t c = fork();
  if (c == 0) { fn(); _exit(0); }
  int st;
  waitpid(c, &st, 0);
  printf("%s: signalled=%d sig=%d\n", what, WIFSIGNALED(st), WIFSIGNALED(st) ? WTERMSIG(st) : -1);
}
static void segv_blocked(void) {
  on(SIGSEGV, jump, 0);
  sigset_t s; sigemptyset(&s); sigaddset(&s, SIGSEGV); sigprocmask(SIG_BLOCK, &s, NULL);
  *(volatile int *)8 = 1;
}
static void segv_ignored(void) { signal(SIGSEGV, SIG_IGN); *(volatile int *)8 = 1; }
static void overflow_no_altstack(void) {
  stack_t off = { .ss_flags = SS_DISABLE };
  sigaltstack(&off, NULL);
  on(SIGSEGV, jump, SA_ONSTACK);
  depth(0);
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  on(SIGSEGV, jump, 0);
  if (sigsetjmp(env, 1) == 0) *(volatile int *)0x1230 = 5;
  printf("unmapped: sig=%d code=%d (MAPERR=%d) addr=%#lx\n", signo, code, SEGV_MAPERR, (unsigned long)addr);

  char *ro = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (sigsetjmp(env, 1) == 0) ro[100] = 1;
  printf("read-only: sig=%d code=%d (ACCERR=%d) addr_ok=%d\n", signo, code, SEGV_ACCERR, addr == (uintptr_t)(ro + 100));
  char *none = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (sigsetjmp(env, 1) == 0) (void)*(volatile char *)(none + 7);
  printf("PROT_NONE read: code=%d addr_ok=%d\n", code, addr == (uintptr_t)(none + 7));
  /* The mask is restored by siglongjmp: a second fault is caught again. */
  if (sigsetjmp(env, 1) == 0) *(volatile int *)0x40 = 5;
  printf("again: sig=%d addr=%#lx\n", signo, (unsigned long)addr);

  /* Skipping the faulting instruction by editing the saved pc. */
  on(SIGSEGV, skip, 0);
  long r;
  __asm__ volatile("li a0, 1\n\tli t0, 0x10\n\tsd a0, 0(t0)\n\tmv %0, a0" : "=r"(r) : : "a0", "t0", "memory");
  printf("skipped store: a0=%ld code=%d addr=%#lx\n", r, code, (unsigned long)addr);

  on(SIGILL, skip, 0);
  uintptr_t pc;
  __asm__ volatile("la %0, 1f\n1:\t.word 0\n" : "=r"(pc));
  printf("SIGILL: sig=%d code=%d (ILL_ILLOPC=%d)\n", signo, code, ILL_ILLOPC); /* qemu-user's si_addr differs from Linux's (pc) */
  (void)pc;
  on(SIGTRAP, skip, 0);
  __asm__ volatile("la %0, 1f\n1:\tebreak\n" : "=r"(pc));
  printf("SIGTRAP: sig=%d code=%d (TRAP_BRKPT=%d) addr_is_pc=%d\n", signo, code, TRAP_BRKPT, addr == pc);

  /* FP registers survive a handler that clobbers them. */
  on(SIGUSR1, fpclobber, 0);
  register double keep __asm__("fs0") = 2.25;
  __asm__ volatile("" : "+f"(keep));
  raise(SIGUSR1);
  __asm__ volatile("" : "+f"(keep));
  int rm;
  __asm__ volatile("frrm %0" : "=r"(rm));
  printf("fp after handler: fs0=%.2f frm=%d\n", keep, rm);

  /* Stack overflow into the guard gap, caught on the alternate stack. */
  altsize = 64 * 1024;
  altbase = malloc(altsize);
  stack_t ss = { .ss_sp = altbase, .ss_size = altsize, .ss_flags = 0 }, old;
  printf("sigaltstack=%d\n", sigaltstack(&ss, &old));
  printf("old: flags=%d\n", old.ss_flags);
  on(SIGSEGV, jump, SA_ONSTACK);
  onalt = 0;
  if (sigsetjmp(env, 1) == 0) depth(0);
  printf("overflow: sig=%d code=%d on_altstack=%d\n", signo, code, onalt);
  sigaltstack(NULL, &old);
  printf("after: flags=%d size_ok=%d\n", old.ss_flags, old.ss_size == altsize);
  stack_t tiny = { .ss_sp = altbase, .ss_size = 100, .ss_flags = 0 };
  printf("tiny: %d\n", sigaltstack(&tiny, NULL));
  tiny.ss_flags = 77; tiny.ss_size = altsize;
  printf("bad flags: %d\n", sigaltstack(&tiny, NULL));

  child_status("fault while blocked", segv_blocked);
  child_status("fault while ignored", segv_ignored);
  child_status("overflow without altstack", overflow_no_altstack);
  return 0;
}
