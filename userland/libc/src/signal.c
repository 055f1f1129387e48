/* Signals: rt_sigaction (no SA_RESTORER on riscv64: the kernel's vDSO returns), masks, kill. */
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include "internal.h"

int sigaction(int sig, const struct sigaction *act, struct sigaction *old) {
  return (int)__ret(__sc4(SYS_rt_sigaction, sig, act, old, 8));
}
sighandler_t signal(int sig, sighandler_t h) {
  struct sigaction sa, old;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = h;
  sa.sa_flags = SA_RESTART;
  if (sigaction(sig, &sa, &old) < 0) return SIG_ERR;
  return old.sa_handler;
}
int sigprocmask(int how, const sigset_t *s, sigset_t *o) { return (int)__ret(__sc4(SYS_rt_sigprocmask, how, s, o, 8)); }
int sigsuspend(const sigset_t *s) { return (int)__ret(__sc2(SYS_rt_sigsuspend, s, 8)); }
int sigpending(sigset_t *s) { return (int)__ret(__sc2(SYS_rt_sigpending, s, 8)); }
int sigemptyset(sigset_t *s) { s->__bits[0] = 0; return 0; }
int sigfillset(sigset_t *s) { s->__bits[0] = ~0UL; return 0; }
int sigaddset(sigset_t *s, int n) {
  if (n < 1 || n > 64) { errno = EINVAL; return -1; }
  s->__bits[0] |= 1UL << (n - 1);
  return 0;
}
int sigdelset(sigset_t *s, int n) {
  if (n < 1 || n > 64) { errno = EINVAL; return -1; }
  s->__bits[0] &= ~(1UL << (n - 1));
  return 0;
}
int sigismember(const sigset_t *s, int n) { return n >= 1 && n <= 64 && (s->__bits[0] >> (n - 1)) & 1; }
int kill(pid_t p, int s) { return (int)__ret(__sc2(SYS_kill, p, s)); }
int killpg(pid_t p, int s) { return kill(-p, s); }
int raise(int s) { return (int)__ret(__sc3(SYS_tgkill, getpid(), gettid(), s)); }

const char *const sys_siglist[65] = {
  [SIGHUP] = "Hangup", [SIGINT] = "Interrupt", [SIGQUIT] = "Quit", [SIGILL] = "Illegal instruction",
  [SIGTRAP] = "Trace/breakpoint trap", [SIGABRT] = "Aborted", [SIGBUS] = "Bus error",
  [SIGFPE] = "Floating point exception", [SIGKILL] = "Killed", [SIGUSR1] = "User defined signal 1",
  [SIGSEGV] = "Segmentation fault", [SIGUSR2] = "User defined signal 2", [SIGPIPE] = "Broken pipe",
  [SIGALRM] = "Alarm clock", [SIGTERM] = "Terminated", [SIGSTKFLT] = "Stack fault",
  [SIGCHLD] = "Child exited", [SIGCONT] = "Continued", [SIGSTOP] = "Stopped (signal)",
  [SIGTSTP] = "Stopped", [SIGTTIN] = "Stopped (tty input)", [SIGTTOU] = "Stopped (tty output)",
  [SIGURG] = "Urgent I/O condition", [SIGXCPU] = "CPU time limit exceeded",
  [SIGXFSZ] = "File size limit exceeded", [SIGVTALRM] = "Virtual timer expired",
  [SIGPROF] = "Profiling timer expired", [SIGWINCH] = "Window changed", [SIGIO] = "I/O possible",
  [SIGPWR] = "Power failure", [SIGSYS] = "Bad system call",
};
char *strsignal(int s) {
  static char buf[32];
  if (s > 0 && s < 65 && sys_siglist[s]) return (char *)sys_siglist[s];
  char *p = buf + sizeof buf - 1;
  *p = 0;
  unsigned v = (unsigned)s;
  do *--p = (char)('0' + v % 10); while (v /= 10);
  const char *pre = "Unknown signal ";
  size_t l = strlen(pre);
  p -= l;
  memcpy(p, pre, l);
  return p;
}
