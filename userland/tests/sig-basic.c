/* Signals: SA_SIGINFO handlers and siginfo fields, masks and pending sets,
 * standard signals merge while RT signals queue (in order, with their value),
 * sigsuspend, SA_RESETHAND, SA_NODEFER, sigtimedwait, sigaction read-back. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <errno.h>
#include <sys/wait.h>
#include <sys/syscall.h>
#include <time.h>
#define gettid() ((pid_t)syscall(SYS_gettid))

static volatile int hits[65];
static volatile int order[16], norder;
static volatile int lastcode, lastpid_ok, lastval, nested_depth, maxdepth;

static void act(int sig, siginfo_t *si, void *uc) {
  (void)uc;
  hits[sig]++;
  if (norder < 16) order[norder++] = sig;
  lastcode = si->si_code;
  lastpid_ok = si->si_pid == getpid();
  lastval = si->si_value.sival_int;
}

static void plain(int sig) { hits[sig]++; }

static volatile int deep_calls;
static void deep(int sig) {
  nested_depth++;
  if (nested_depth > maxdepth) maxdepth = nested_depth;
  if (++deep_calls < 3) raise(sig);
  nested_depth--;
}

static void install(int sig, void (*h)(int, siginfo_t *, void *), int flags) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = h;
  sa.sa_flags = SA_SIGINFO | flags;
  sigemptyset(&sa.sa_mask);
  sigaction(sig, &sa, NULL);
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  install(SIGUSR1, act, 0);
  kill(getpid(), SIGUSR1);
  printf("kill: hits=%d code=%d pid_ok=%d\n", hits[SIGUSR1], lastcode, lastpid_ok);
  raise(SIGUSR1);
  printf("raise: hits=%d code=%d\n", hits[SIGUSR1], lastcode);

  /* masks and pending */
  sigset_t set, old, pend;
  sigemptyset(&set);
  sigaddset(&set, SIGUSR1);
  sigaddset(&set, SIGRTMIN + 1);
  sigprocmask(SIG_BLOCK, &set, &old);
  printf("old mask has USR1: %d\n", sigismember(&old, SIGUSR1));
  kill(getpid(), SIGUSR1);
  kill(getpid(), SIGUSR1);
  install(SIGRTMIN + 1, act, 0);
  union sigval v;
  for (int i = 0; i < 3; i++) { v.sival_int = 100 + i; sigqueue(getpid(), SIGRTMIN + 1, v); }
  sigpending(&pend);
  printf("pending USR1=%d RT1=%d USR2=%d hits=%d\n", sigismember(&pend, SIGUSR1), sigismember(&pend, SIGRTMIN + 1), sigismember(&pend, SIGUSR2), hits[SIGUSR1]);
  norder = 0;
  sigprocmask(SIG_SETMASK, &old, NULL);
  printf("after unblock: USR1 hits=%d RT1 hits=%d lastval=%d code=%d\n", hits[SIGUSR1], hits[SIGRTMIN + 1], lastval, lastcode);
  printf("order:");
  for (int i = 0; i < norder; i++) printf(" %d", order[i]);
  printf("\n");

  /* SIGKILL/SIGSTOP cannot be caught or blocked */
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = plain;
  printf("sigaction(SIGKILL)=%d errno=%d\n", sigaction(SIGKILL, &sa, NULL), errno);
  errno = 0;
  printf("sigaction(SIGSTOP)=%d errno=%d\n", sigaction(SIGSTOP, &sa, NULL), errno);
  sigemptyset(&set); sigaddset(&set, SIGKILL); sigaddset(&set, SIGSTOP);
  sigprocmask(SIG_BLOCK, &set, NULL);
  sigprocmask(SIG_BLOCK, NULL, &old);
  printf("KILL blocked=%d STOP blocked=%d\n", sigismember(&old, SIGKILL), sigismember(&old, SIGSTOP));
  errno = 0;
  printf("sigprocmask bad how=%d errno=%d\n", sigprocmask(99, &set, NULL), errno);
  errno = 0;
  printf("sigaction(0)=%d errno=%d sigaction(65)=%d\n", sigaction(0, &sa, NULL), errno, sigaction(65, &sa, NULL));

  /* read-back of flags and mask */
  sa.sa_flags = SA_RESTART | SA_NODEFER;
  sigemptyset(&sa.sa_mask); sigaddset(&sa.sa_mask, SIGTERM);
  sigaction(SIGUSR2, &sa, NULL);
  struct sigaction rb;
  sigaction(SIGUSR2, NULL, &rb);
  printf("readback restart=%d nodefer=%d term-in-mask=%d same-handler=%d\n", !!(rb.sa_flags & SA_RESTART), !!(rb.sa_flags & SA_NODEFER),
         sigismember(&rb.sa_mask, SIGTERM), rb.sa_handler == plain);

  /* SA_RESETHAND */
  sa.sa_flags = SA_RESETHAND;
  sigaction(SIGUSR2, &sa, NULL);
  raise(SIGUSR2);
  sigaction(SIGUSR2, NULL, &rb);
  printf("resethand: hits=%d now default=%d\n", hits[SIGUSR2], rb.sa_handler == SIG_DFL);

  /* handler mask: the signal is blocked inside its handler unless SA_NODEFER */
  sa.sa_handler = deep; sa.sa_flags = 0; sigemptyset(&sa.sa_mask);
  sigaction(SIGHUP, &sa, NULL);
  raise(SIGHUP);
  printf("defer: maxdepth=%d\n", maxdepth);
  printf("defer: calls=%d\n", deep_calls);
  maxdepth = 0; deep_calls = 0;
  sa.sa_flags = SA_NODEFER;
  sigaction(SIGHUP, &sa, NULL);
  raise(SIGHUP);
  printf("nodefer: maxdepth=%d\n", maxdepth);

  /* SIG_IGN discards; setting SIG_IGN drops a pending signal */
  signal(SIGUSR2, SIG_IGN);
  raise(SIGUSR2);
  sigemptyset(&set); sigaddset(&set, SIGHUP);
  sigprocmask(SIG_BLOCK, &set, NULL);
  raise(SIGHUP);
  sigpending(&pend);
  printf("HUP pending=%d\n", sigismember(&pend, SIGHUP));
  signal(SIGHUP, SIG_IGN);
  sigpending(&pend);
  printf("HUP pending after SIG_IGN=%d\n", sigismember(&pend, SIGHUP));
  sigprocmask(SIG_UNBLOCK, &set, NULL);

  /* sigsuspend: a child signals us; the mask inside is the given one, restored after */
  install(SIGUSR1, act, 0);
  sigemptyset(&set); sigaddset(&set, SIGUSR1);
  sigprocmask(SIG_BLOCK, &set, NULL);
  pid_t c = fork();
  if (c == 0) { kill(getppid(), SIGUSR1); _exit(0); }
  sigset_t none; sigemptyset(&none);
  int before = hits[SIGUSR1];
  int r = sigsuspend(&none);
  printf("sigsuspend=%d errno=%d handled=%d code=%d\n", r, errno, hits[SIGUSR1] - before, lastcode);
  sigprocmask(SIG_BLOCK, NULL, &old);
  printf("mask restored: USR1 blocked=%d\n", sigismember(&old, SIGUSR1));
  waitpid(c, NULL, 0);

  /* sigtimedwait: dequeues a blocked signal with its info; times out with EAGAIN */
  sigemptyset(&set); sigaddset(&set, SIGRTMIN + 2);
  sigprocmask(SIG_BLOCK, &set, NULL);
  v.sival_int = 77;
  sigqueue(getpid(), SIGRTMIN + 2, v);
  siginfo_t si;
  struct timespec ts = {0, 20000000};
  r = sigtimedwait(&set, &si, &ts);
  printf("sigtimedwait=%d (RTMIN+2=%d) code=%d value=%d\n", r - SIGRTMIN, 2, si.si_code, si.si_value.sival_int);
  errno = 0;
  r = sigtimedwait(&set, &si, &ts);
  printf("sigtimedwait timeout=%d errno=%s\n", r, errno == EAGAIN ? "EAGAIN" : strerror(errno));
  c = fork();
  if (c == 0) { usleep(10000); v.sival_int = 5; sigqueue(getppid(), SIGRTMIN + 2, v); _exit(0); }
  r = sigwaitinfo(&set, &si);
  printf("sigwaitinfo from child=%d value=%d pid_ok=%d\n", r - SIGRTMIN, si.si_value.sival_int, si.si_pid == c);
  waitpid(c, NULL, 0);

  /* tgkill code, rt_sigqueueinfo posing as kill() to another process */
  syscall(SYS_tgkill, getpid(), gettid(), SIGUSR1 + 0);
  sigprocmask(SIG_UNBLOCK, &set, NULL);
  sigemptyset(&set); sigaddset(&set, SIGUSR1);
  sigprocmask(SIG_UNBLOCK, &set, NULL);
  printf("tgkill: code=%d (SI_TKILL=%d)\n", lastcode, SI_TKILL);
  siginfo_t fake; memset(&fake, 0, sizeof fake); fake.si_code = SI_USER;
  errno = 0;
  c = fork();
  if (c == 0) { for (;;) pause(); }
  r = syscall(SYS_rt_sigqueueinfo, c, SIGUSR1, &fake);
  printf("sigqueueinfo SI_USER to other: %d errno=%d\n", r, errno);
  fake.si_code = SI_QUEUE;
  r = syscall(SYS_rt_sigqueueinfo, c, SIGTERM, &fake);
  int st;
  waitpid(c, &st, 0);
  printf("sigqueueinfo SI_QUEUE: %d, child signalled=%d sig=%d\n", r, WIFSIGNALED(st), WTERMSIG(st));
  errno = 0;
  printf("kill(-99999)=%d errno=%d kill bad sig=%d errno=%d\n", kill(-99999, 0), errno, kill(getpid(), 99), errno);
  return 0;
}
