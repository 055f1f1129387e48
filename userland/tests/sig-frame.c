/* The riscv64 signal frame as the headers define it and as a handler sees it:
 * prints offsetof() values from the kernel's uapi structs (struct ucontext,
 * struct sigcontext, union __riscv_fp_state, siginfo_t) and, from inside a
 * handler, the frame's shape (siginfo then ucontext, 16-byte alignment,
 * saved registers and mask, uc_stack). test/signal/frame.test.ts compares
 * the offsets with core/abi/signal.ts; the run is differential. */
#define _GNU_SOURCE
#include <stddef.h>
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <signal.h>
#include <ucontext.h>

#define OFF(t, f) printf("%s %zu\n", #t "." #f, offsetof(t, f))
#define SZ(t) printf("sizeof(%s) %zu\n", #t, sizeof(t))

/* The kernel's struct sigcontext and struct ucontext (asm/sigcontext.h, asm/ucontext.h),
 * spelled with glibc's types (the uapi headers clash with <signal.h>). */
struct k_sigcontext {
  unsigned long sc_regs[32]; /* struct user_regs_struct: pc, ra, sp, gp, tp, t0.., t6 */
  union __riscv_mc_fp_state sc_fpregs;
};
struct k_ucontext {
  unsigned long uc_flags;
  struct k_ucontext *uc_link;
  stack_t uc_stack;
  unsigned long uc_sigmask[1];
  unsigned char __unused[1024 / 8 - sizeof(unsigned long)];
  struct k_sigcontext uc_mcontext;
};

static volatile long seen[16];

static void handler(int sig, siginfo_t *si, void *ucv) {
  ucontext_t *uc = ucv;
  seen[0] = sig;
  seen[1] = (char *)ucv - (char *)si;
  seen[2] = (uintptr_t)si % 16;
  seen[3] = uc->uc_mcontext.__gregs[REG_SP] - (long)(uintptr_t)si; /* bytes between the frame and the interrupted sp */
  seen[4] = uc->__uc_flags;
  seen[5] = (long)(uintptr_t)uc->uc_link;
  seen[6] = uc->uc_stack.ss_flags;
  seen[7] = sigismember(&uc->uc_sigmask, SIGUSR2);
  seen[8] = uc->uc_mcontext.__gregs[9]; /* s1 as it was */
  unsigned int fcsr = uc->uc_mcontext.__fpregs.__d.__fcsr;
  seen[9] = fcsr >> 5;
  uint64_t f8;
  memcpy(&f8, &uc->uc_mcontext.__fpregs.__d.__f[8], 8);
  seen[10] = (long)f8;
}

int main(int argc, char **argv) {
  OFF(siginfo_t, si_signo); OFF(siginfo_t, si_errno); OFF(siginfo_t, si_code);
  OFF(siginfo_t, si_pid); OFF(siginfo_t, si_uid); OFF(siginfo_t, si_status);
  OFF(siginfo_t, si_utime); OFF(siginfo_t, si_stime); OFF(siginfo_t, si_value);
  OFF(siginfo_t, si_addr); OFF(siginfo_t, si_timerid); OFF(siginfo_t, si_overrun);
  SZ(siginfo_t);
  OFF(struct k_ucontext, uc_flags); OFF(struct k_ucontext, uc_link); OFF(struct k_ucontext, uc_stack);
  OFF(struct k_ucontext, uc_sigmask); OFF(struct k_ucontext, uc_mcontext);
  SZ(struct k_ucontext);
  OFF(ucontext_t, uc_mcontext); OFF(ucontext_t, uc_sigmask); SZ(ucontext_t);
  OFF(struct sigcontext, gregs); OFF(struct sigcontext, fpregs);
  SZ(struct sigcontext); SZ(struct k_sigcontext); SZ(union __riscv_mc_fp_state); SZ(struct __riscv_mc_d_ext_state);
  OFF(struct __riscv_mc_d_ext_state, __fcsr); OFF(struct __riscv_mc_q_ext_state, __glibc_reserved);
  OFF(mcontext_t, __gregs); OFF(mcontext_t, __fpregs);
  SZ(stack_t); OFF(stack_t, ss_flags); OFF(stack_t, ss_size);

  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = handler;
  sa.sa_flags = SA_SIGINFO;
  sigaction(SIGUSR1, &sa, NULL);
  sigset_t s; sigemptyset(&s); sigaddset(&s, SIGUSR2);
  sigprocmask(SIG_BLOCK, &s, NULL);
  register long s1 __asm__("s1") = 0x1234567;
  register double fs0 __asm__("fs0") = 2.5;
  __asm__ volatile("fsrmi 2" ::: "memory");
  __asm__ volatile("" : "+r"(s1), "+f"(fs0));
  raise(SIGUSR1);
  __asm__ volatile("" : "+r"(s1), "+f"(fs0));
  __asm__ volatile("fsrmi 0" ::: "memory");
  double two5 = 2.5;
  uint64_t bits; memcpy(&bits, &two5, 8);
  printf("handler sig %ld\nuc-si %ld\nsi%%16 %ld\nuc_flags %ld\nuc_link %ld\nss_flags %ld\n"
         "mask_has_usr2 %ld\nsaved_s1_ok %d\nsaved_frm %ld\nsaved_fs0_ok %d\n",
         seen[0], seen[1], seen[2], seen[4], seen[5], seen[6], seen[7], seen[8] == 0x1234567, seen[9], (uint64_t)seen[10] == bits);
  /* qemu-user places its frame differently; Linux puts it at (sp - sizeof frame) & ~15. */
  if (argc > 1 && strcmp(argv[1], "gap") == 0) printf("sp_gap %ld\n", seen[3]);
  return 0;
}
