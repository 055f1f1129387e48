/* Interrupted system calls and job control: a pipe read interrupted by a
 * handler returns EINTR without SA_RESTART and is restarted with it; nanosleep
 * returns EINTR with the remaining time; sigsuspend/ppoll never restart;
 * SIGSTOP/SIGCONT with waitpid WUNTRACED/WCONTINUED and waitid WSTOPPED/WNOWAIT;
 * SIGCHLD's si_code/si_status for exit, kill, stop and continue; a stopped
 * child's read restarts after SIGCONT; SA_NOCLDSTOP; SIG_IGN SIGCHLD reaps. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <errno.h>
#include <poll.h>
#include <time.h>
#include <sys/wait.h>

static volatile int got, chld_code[16], chld_status[16], nchld;

static void h(int sig) { (void)sig; got++; }
static void onchld(int sig, siginfo_t *si, void *uc) {
  (void)sig; (void)uc;
  if (nchld < 16) { chld_code[nchld] = si->si_code; chld_status[nchld] = si->si_status; nchld++; }
}

static void set(int sig, int flags) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = h;
  sa.sa_flags = flags;
  sigaction(sig, &sa, NULL);
}

/* A child that signals the parent after a delay, then writes to the pipe. */
static pid_t pinger(int wfd, int sig, int write_after) {
  pid_t c = fork();
  if (c == 0) {
    usleep(30000);
    kill(getppid(), sig);
    if (write_after) { usleep(30000); write(wfd, "x", 1); }
    _exit(0);
  }
  return c;
}

/* A child that keeps signalling the parent (so the signal lands while the parent is blocked,
 * whatever the scheduling); stopped with SIGKILL by unpester. */
static pid_t pester(int sig) {
  pid_t c = fork();
  if (c == 0) { for (;;) { kill(getppid(), sig); usleep(20000); } }
  return c;
}
static void unpester(pid_t c) { kill(c, SIGKILL); waitpid(c, NULL, 0); }

int main(int argc, char **argv) {
  setvbuf(stdout, NULL, _IONBF, 0);
  int p[2];
  char buf[4];
  pipe(p);

  set(SIGUSR1, 0);
  pid_t c = pester(SIGUSR1);
  errno = 0;
  ssize_t n = read(p[0], buf, 1);
  printf("read without SA_RESTART: %zd errno=%s got=%d\n", n, errno == EINTR ? "EINTR" : strerror(errno), got >= 1);
  unpester(c);

  set(SIGUSR1, SA_RESTART);
  got = 0;
  c = pinger(p[1], SIGUSR1, 1);
  n = read(p[0], buf, 1);
  printf("read with SA_RESTART: %zd got=%d\n", n, got);
  waitpid(c, NULL, 0);

  /* nanosleep: EINTR with the remaining time, even under SA_RESTART */
  c = pester(SIGUSR1);
  struct timespec req = {5, 0}, rem = {0, 0};
  int r = nanosleep(&req, &rem);
  printf("nanosleep=%d errno=%s rem_ok=%d\n", r, errno == EINTR ? "EINTR" : strerror(errno), rem.tv_sec >= 3 && rem.tv_sec < 5);
  unpester(c);

  /* ppoll with no timeout: EINTR even with SA_RESTART */
  c = pester(SIGUSR1);
  struct pollfd pf = {p[0], POLLIN, 0};
  errno = 0;
  r = poll(&pf, 1, -1);
  printf("poll=%d errno=%s\n", r, errno == EINTR ? "EINTR" : strerror(errno));
  unpester(c);

  /* ppoll's sigmask: the temporary mask lets SIGUSR1 in (EINTR, handler runs), the old mask comes back */
  sigset_t blk, none, cur, pend;
  sigemptyset(&blk); sigaddset(&blk, SIGUSR1); sigemptyset(&none);
  sigprocmask(SIG_BLOCK, &blk, NULL);
  int before = got;
  c = pinger(p[1], SIGUSR1, 0);
  errno = 0;
  r = ppoll(&pf, 1, NULL, &none);
  sigprocmask(SIG_BLOCK, NULL, &cur);
  printf("ppoll with mask=%d errno=%s handled=%d USR1 blocked again=%d\n", r, errno == EINTR ? "EINTR" : strerror(errno), got - before, sigismember(&cur, SIGUSR1));
  waitpid(c, NULL, 0);
  /* a ready descriptor wins over a pending signal; the signal stays pending under the old mask */
  raise(SIGUSR1);
  write(p[1], "y", 1);
  before = got;
  r = ppoll(&pf, 1, NULL, &none);
  sigpending(&pend);
  printf("ppoll ready=%d handled=%d still pending=%d\n", r, got - before, sigismember(&pend, SIGUSR1));
  read(p[0], buf, 1);
  sigprocmask(SIG_UNBLOCK, &blk, NULL);
  printf("after unblock handled=%d\n", got - before);

  /* waitpid blocked in the parent: restarted under SA_RESTART */
  c = fork();
  if (c == 0) { usleep(30000); kill(getppid(), SIGUSR1); usleep(30000); _exit(7); }
  int st;
  pid_t w = waitpid(c, &st, 0);
  printf("waitpid restarted: ok=%d exit=%d\n", w == c, WEXITSTATUS(st));

  /* job control; SIGCHLD is blocked and collected with sigtimedwait after each event, so
   * no two reports can merge whatever the timing */
  sigset_t cs;
  sigemptyset(&cs); sigaddset(&cs, SIGCHLD);
  sigprocmask(SIG_BLOCK, &cs, NULL);
  siginfo_t si;
  struct timespec two = {5, 0};
#define CHLD(what) do { memset(&si, 0, sizeof si); int s_ = sigtimedwait(&cs, &si, &two); \
    printf("SIGCHLD %s: sig=%d code=%d status=%d pid_ok=%d\n", what, s_, si.si_code, si.si_status, si.si_pid == c); } while (0)
  int q[2];
  pipe(q);
  c = fork();
  if (c == 0) {
    char x;
    read(q[0], &x, 1); /* stopped while blocked here; the read restarts after SIGCONT */
    _exit(3);
  }
  kill(c, SIGSTOP);
  w = waitpid(c, &st, WUNTRACED);
  printf("stopped: ok=%d WIFSTOPPED=%d sig=%d raw=%#x\n", w == c, WIFSTOPPED(st), WSTOPSIG(st), st);
  CHLD("stop");
  w = waitpid(c, &st, WUNTRACED | WNOHANG);
  printf("stop reported once: %d\n", w);
  kill(c, SIGTSTP); /* already stopped: no new report */
  kill(c, SIGCONT);
  memset(&si, 0, sizeof si);
  r = waitid(P_PID, c, &si, WCONTINUED | WNOWAIT);
  printf("waitid continued: r=%d code=%d status=%d pid_ok=%d\n", r, si.si_code, si.si_status, si.si_pid == c);
  w = waitpid(c, &st, WCONTINUED);
  printf("waitpid continued: ok=%d WIFCONTINUED=%d raw=%#x\n", w == c, WIFCONTINUED(st), st);
  CHLD("continue");
  kill(c, SIGSTOP);
  memset(&si, 0, sizeof si);
  r = waitid(P_PID, c, &si, WSTOPPED);
  printf("waitid stopped: r=%d code=%d status=%d\n", r, si.si_code, si.si_status);
  CHLD("stop again");
  kill(c, SIGCONT);
  CHLD("continue again");
  write(q[1], "z", 1);
  w = waitpid(c, &st, 0);
  printf("exited after continue: ok=%d code=%d\n", w == c, WEXITSTATUS(st));
  CHLD("exit");
  c = fork();
  if (c == 0) { pause(); _exit(0); }
  kill(c, SIGTERM);
  waitpid(c, &st, 0);
  printf("killed: sig=%d\n", WTERMSIG(st));
  CHLD("kill");
  sigprocmask(SIG_UNBLOCK, &cs, NULL);
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = onchld;
  /* SA_NOCLDSTOP: no SIGCHLD for stop/continue (qemu-user ignores the flag: checked against Linux's rule with argv[1] = "nocldstop") */
  if (argc > 1 && strcmp(argv[1], "nocldstop") == 0) {
  nchld = 0;
  sa.sa_flags = SA_SIGINFO | SA_RESTART | SA_NOCLDSTOP;
  sigaction(SIGCHLD, &sa, NULL);
  c = fork();
  if (c == 0) { raise(SIGSTOP); _exit(4); }
  waitpid(c, &st, WUNTRACED);
  kill(c, SIGCONT);
  waitpid(c, &st, 0);
  printf("NOCLDSTOP: reports=%d code=%d exit=%d\n", nchld, nchld ? chld_code[0] : 0, WEXITSTATUS(st));
  }

  /* SIG_IGN for SIGCHLD: children are reaped, wait fails with ECHILD */
  signal(SIGCHLD, SIG_IGN);
  c = fork();
  if (c == 0) _exit(0);
  errno = 0;
  w = waitpid(c, &st, 0);
  printf("SIG_IGN SIGCHLD: waitpid=%d errno=%s\n", w, errno == ECHILD ? "ECHILD" : strerror(errno));
  return 0;
}
