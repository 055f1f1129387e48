/* poll on pipes (timeout, readiness, HUP), O_NONBLOCK EAGAIN, EPIPE and SIGPIPE, waitid siginfo. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void) {
  int p[2];
  pipe2(p, O_NONBLOCK);
  struct pollfd fds[2] = {{p[0], POLLIN, 0}, {p[1], POLLOUT, 0}};
  int r = poll(fds, 2, 0);
  printf("empty: %d in=%d out=%d\n", r, fds[0].revents, fds[1].revents);
  char c;
  errno = 0;
  printf("nonblocking read: %zd %s\n", read(p[0], &c, 1), strerrorname_np(errno));
  r = poll(fds, 1, 30);
  printf("timeout: %d\n", r);
  write(p[1], "x", 1);
  r = poll(fds, 1, -1);
  printf("readable: %d in=%d\n", r, fds[0].revents);
  char big[65536];
  memset(big, 1, sizeof big);
  ssize_t n = write(p[1], big, sizeof big);
  printf("fill most of 64 KiB: %d\n", n >= 61440 && n <= 65536);
  errno = 0;
  printf("full: %zd %s\n", write(p[1], big, 10), strerrorname_np(errno));
  close(p[1]);
  fds[0].events = POLLIN;
  r = poll(fds, 1, 0);
  printf("writer closed: %d in=%d hup=%d\n", r, !!(fds[0].revents & POLLIN), !!(fds[0].revents & POLLHUP));
  close(p[0]);
  int q[2];
  pipe(q);
  close(q[0]);
  signal(SIGPIPE, SIG_IGN);
  errno = 0;
  printf("epipe: %zd %s\n", write(q[1], "x", 1), strerrorname_np(errno));
  signal(SIGPIPE, SIG_DFL);
  fflush(stdout);
  pid_t c2 = fork();
  if (c2 == 0) { write(q[1], "x", 1); _exit(0); }
  siginfo_t si;
  memset(&si, 0, sizeof si);
  waitid(P_PID, c2, &si, WEXITED);
  printf("sigpipe child: signo=%d code=%d status=%d pid ok=%d\n", si.si_signo, si.si_code, si.si_status, si.si_pid == c2);
  c2 = fork();
  if (c2 == 0) _exit(42);
  memset(&si, 0, sizeof si);
  waitid(P_ALL, 0, &si, WEXITED);
  printf("exit child: signo=%d code=%d status=%d\n", si.si_signo, si.si_code, si.si_status);
  return 0;
}
