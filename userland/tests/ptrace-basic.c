/* ptrace tracer/tracee: TRACEME, stop statuses, syscall stops with
   GET_SYSCALL_INFO, PEEK/POKE DATA, POKETEXT ebreak, regsets, siginfo,
   signal injection and suppression, EIO requests, exit reporting. The
   transcript is compared with Linux's documented behaviour (test/ptrace). */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#define TRACEME 0
#define PEEKTEXT 1
#define PEEKDATA 2
#define PEEKUSR 3
#define POKETEXT 4
#define POKEDATA 5
#define CONT 7
#define SINGLESTEP 9
#define SYSCALL 24
#define SETOPTIONS 0x4200
#define GETEVENTMSG 0x4201
#define GETSIGINFO 0x4202
#define GETREGSET 0x4204
#define SETREGSET 0x4205
#define GET_SYSCALL_INFO 0x420e

static long pt(long req, long pid, long addr, long data) { return syscall(SYS_ptrace, req, pid, addr, data); }

volatile uint64_t word = 0x1122334455667788ull;
static volatile int got;

__attribute__((noinline)) int target(int x) { __asm__ volatile("" ::: "memory"); return x * 3 + 1; }

static void on_sig(int s) { got = s; }

static void say(const char *s) { write(1, s, strlen(s)); }

static void child(void) {
  char buf[128];
  signal(SIGUSR1, on_sig);
  signal(SIGUSR2, on_sig);
  pt(TRACEME, 0, 0, 0);
  kill(getpid(), SIGSTOP);
  syscall(SYS_getppid);
  snprintf(buf, sizeof buf, "child: gettid -> %ld\n", syscall(SYS_gettid));
  say(buf);
  raise(SIGUSR1);
  snprintf(buf, sizeof buf, "child: handler got %d\n", got);
  say(buf);
  raise(SIGTERM);
  say("child: survived SIGTERM\n");
  snprintf(buf, sizeof buf, "child: word %#llx\n", (unsigned long long)word);
  say(buf);
  kill(getpid(), SIGSTOP);
  snprintf(buf, sizeof buf, "child: target(4) = %d\n", target(4));
  say(buf);
  _exit(3);
}

struct sysinfo_ { uint8_t op, pad[3]; uint32_t arch; uint64_t ip, sp; union { struct { uint64_t nr, args[6]; } entry; struct { int64_t rval; uint8_t is_error; } exit; }; };

static int wait_stop(pid_t pid) {
  int st;
  if (waitpid(pid, &st, 0) != pid) { printf("waitpid: %s\n", strerror(errno)); exit(1); }
  printf("status %#x", st);
  if (WIFSTOPPED(st)) printf(" stopped sig=%d event=%d", WSTOPSIG(st) & 0x7f, st >> 16);
  if (WIFEXITED(st)) printf(" exited %d", WEXITSTATUS(st));
  if (WIFSIGNALED(st)) printf(" killed %d", WTERMSIG(st));
  printf("\n");
  fflush(stdout);
  return st;
}

static void siginfo(pid_t pid) {
  siginfo_t si;
  memset(&si, 0, sizeof si);
  long r = pt(GETSIGINFO, pid, 0, (long)&si);
  printf("GETSIGINFO %ld si_signo=%d si_code=%d\n", r, si.si_signo, si.si_code);
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  pid_t pid = fork();
  if (pid == 0) child();
  wait_stop(pid);
  siginfo(pid);
  printf("SETOPTIONS bad %ld %s\n", pt(SETOPTIONS, pid, 0, 0x400), strerror(errno));
  printf("SETOPTIONS %ld\n", pt(SETOPTIONS, pid, 0, 1 /* TRACESYSGOOD */));
  /* Syscall stops around getppid. */
  pt(SYSCALL, pid, 0, 0);
  wait_stop(pid);
  struct sysinfo_ si;
  memset(&si, 0, sizeof si);
  long n = pt(GET_SYSCALL_INFO, pid, sizeof si, (long)&si);
  printf("GET_SYSCALL_INFO %ld op=%d arch=%#x nr=%llu\n", n, si.op, si.arch, (unsigned long long)si.entry.nr);
  pt(SYSCALL, pid, 0, 0);
  wait_stop(pid);
  memset(&si, 0, sizeof si);
  n = pt(GET_SYSCALL_INFO, pid, sizeof si, (long)&si);
  printf("GET_SYSCALL_INFO %ld op=%d rval_is_tracer=%d is_error=%d\n", n, si.op, si.exit.rval == getpid(), si.exit.is_error);
  siginfo(pid);
  /* Registers at the exit stop: a0 holds the result, a7 the number. */
  uint64_t regs[32];
  struct iovec iov = { regs, sizeof regs };
  printf("GETREGSET %ld len=%zu a0_is_tracer=%d a7=%llu\n", pt(GETREGSET, pid, 1, (long)&iov), iov.iov_len, regs[10] == (uint64_t)getpid(), (unsigned long long)regs[17]);
  uint64_t fp[40];
  struct iovec fiov = { fp, sizeof fp };
  printf("GETREGSET FP %ld len=%zu\n", pt(GETREGSET, pid, 2, (long)&fiov), fiov.iov_len);
  struct iovec bad = { regs, sizeof regs };
  printf("GETREGSET type 3 %ld %s\n", pt(GETREGSET, pid, 3, (long)&bad), strerror(errno));
  printf("PEEKUSR %ld %s\n", pt(PEEKUSR, pid, 0, (long)regs), strerror(errno));
  printf("SINGLESTEP %ld %s\n", pt(SINGLESTEP, pid, 0, 0), strerror(errno));
  /* gettid skipped at its entry stop: a7 = -1, a0 = 4242 is what the child sees. */
  pt(SYSCALL, pid, 0, 0);
  wait_stop(pid);
  iov.iov_len = sizeof regs;
  pt(GETREGSET, pid, 1, (long)&iov);
  printf("entry a7=%llu\n", (unsigned long long)regs[17]);
  regs[17] = (uint64_t)-1;
  regs[10] = 4242;
  printf("SETREGSET %ld\n", pt(SETREGSET, pid, 1, (long)&iov));
  pt(SYSCALL, pid, 0, 0);
  wait_stop(pid);
  memset(&si, 0, sizeof si);
  pt(GET_SYSCALL_INFO, pid, sizeof si, (long)&si);
  printf("skipped call: op=%d rval=%lld\n", si.op, (long long)si.exit.rval);
  /* raise(SIGUSR1): the tracer sees it first and injects SIGUSR2 instead. */
  pt(CONT, pid, 0, 0);
  wait_stop(pid);
  siginfo(pid);
  pt(CONT, pid, 0, SIGUSR2);
  /* raise(SIGTERM): suppressed. */
  wait_stop(pid);
  siginfo(pid);
  uint64_t w = 0;
  printf("PEEKDATA %ld %#llx\n", pt(PEEKDATA, pid, (long)&word, (long)&w), (unsigned long long)w);
  printf("POKEDATA %ld\n", pt(POKEDATA, pid, (long)&word, 0x0123456789abcdefll));
  printf("PEEKDATA unmapped %ld %s\n", pt(PEEKDATA, pid, 16, (long)&w), strerror(errno));
  pt(CONT, pid, 0, 0);
  /* Second SIGSTOP: plant an ebreak at target(), then suppress the SIGSTOP. */
  wait_stop(pid);
  long orig = 0;
  pt(PEEKTEXT, pid, (long)target, (long)&orig);
  long patched = (orig & ~0xffffffffl) | 0x00100073;
  printf("POKETEXT %ld\n", pt(POKETEXT, pid, (long)target, patched));
  printf("own text intact %d\n", *(volatile uint32_t *)target == (uint32_t)orig);
  pt(CONT, pid, 0, 0);
  wait_stop(pid);
  siginfo(pid);
  iov.iov_len = sizeof regs;
  pt(GETREGSET, pid, 1, (long)&iov);
  printf("pc at target %d\n", regs[0] == (uint64_t)(uintptr_t)target);
  printf("POKETEXT restore %ld\n", pt(POKETEXT, pid, (long)target, orig));
  pt(CONT, pid, 0, 0);
  wait_stop(pid);
  printf("waitpid again %d %s\n", waitpid(pid, NULL, 0), strerror(errno));
  return 0;
}
