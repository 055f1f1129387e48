/* Interval timers: alarm() returns the previous remaining seconds, a pending
 * alarm wakes pause(), a periodic ITIMER_REAL fires repeatedly, getitimer
 * reads the remaining time, SIGALRM interrupts a pipe read (EINTR without
 * SA_RESTART), an itimer is not inherited by fork, and an unhandled SIGALRM
 * kills with signal 14. */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/time.h>
#include <sys/wait.h>

static volatile int alarms, code;
static void onalrm(int s, siginfo_t *si, void *uc) { (void)s; (void)uc; alarms++; code = si->si_code; }

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = onalrm;
  sa.sa_flags = SA_SIGINFO;
  sigaction(SIGALRM, &sa, NULL);

  printf("alarm(5)=%u\n", alarm(5));
  printf("alarm(0)=%u\n", alarm(0));
  /* SIGALRM blocked until sigsuspend, so an early expiry cannot be missed */
  sigset_t alrm, none;
  sigemptyset(&alrm); sigaddset(&alrm, SIGALRM); sigemptyset(&none);
  sigprocmask(SIG_BLOCK, &alrm, NULL);
  struct itimerval it = {{0, 0}, {0, 50000}}, old;
  setitimer(ITIMER_REAL, &it, NULL);
  getitimer(ITIMER_REAL, &old);
  printf("armed: remaining_ok=%d interval=%ld\n", old.it_value.tv_sec == 0 && old.it_value.tv_usec > 0 && old.it_value.tv_usec <= 50000, (long)old.it_interval.tv_usec);
  sigsuspend(&none);
  sigprocmask(SIG_UNBLOCK, &alrm, NULL);
  printf("pause woke: alarms=%d code=%d (SI_KERNEL=%d)\n", alarms, code, SI_KERNEL);
  getitimer(ITIMER_REAL, &old);
  printf("after expiry: %ld.%06ld\n", (long)old.it_value.tv_sec, (long)old.it_value.tv_usec);

  struct itimerval per = {{0, 20000}, {0, 20000}};
  setitimer(ITIMER_REAL, &per, NULL);
  while (alarms < 4) pause();
  struct itimerval off = {{0, 0}, {0, 0}};
  setitimer(ITIMER_REAL, &off, &old);
  printf("periodic: alarms>=4: %d interval=%ld\n", alarms >= 4, (long)old.it_interval.tv_usec);

  int p[2];
  pipe(p);
  setitimer(ITIMER_REAL, &per, NULL); /* periodic: one lands while read is blocked */
  char b;
  errno = 0;
  ssize_t n = read(p[0], &b, 1);
  setitimer(ITIMER_REAL, &off, NULL);
  printf("read interrupted: %zd %s alarms>=5: %d\n", n, errno == EINTR ? "EINTR" : strerror(errno), alarms >= 5);

  errno = 0;
  struct itimerval bad = {{0, 0}, {0, 1000000}};
  printf("bad usec: %d %s\n", setitimer(ITIMER_REAL, &bad, NULL), errno == EINVAL ? "EINVAL" : strerror(errno));
  printf("bad which: %d\n", setitimer(7, &it, NULL));

  setitimer(ITIMER_REAL, &per, NULL);
  pid_t c = fork();
  if (c == 0) {
    struct itimerval cur;
    getitimer(ITIMER_REAL, &cur);
    _exit(cur.it_value.tv_usec == 0 && cur.it_value.tv_sec == 0 ? 3 : 4);
  }
  int st;
  setitimer(ITIMER_REAL, &off, NULL);
  while (waitpid(c, &st, 0) < 0 && errno == EINTR) {}
  printf("child has no timer: %d\n", WEXITSTATUS(st) == 3);

  c = fork();
  if (c == 0) { signal(SIGALRM, SIG_DFL); alarm(1); for (;;) pause(); }
  waitpid(c, &st, 0);
  printf("unhandled SIGALRM: signalled=%d sig=%d\n", WIFSIGNALED(st), WTERMSIG(st));
  return 0;
}
