/* execve and signals: caught signals return to SIG_DFL, ignored ones stay
 * ignored, the blocked mask and pending signals survive, the alternate stack
 * is dropped, and SA_* flags are cleared. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void h(int s) { (void)s; }

int main(int argc, char **argv) {
  if (argc > 1) {
    struct sigaction sa;
    sigset_t m, p;
    sigaction(SIGUSR1, NULL, &sa);
    printf("USR1 default=%d flags=%#x\n", sa.sa_handler == SIG_DFL, (unsigned)sa.sa_flags);
    sigaction(SIGUSR2, NULL, &sa);
    printf("USR2 ignored=%d\n", sa.sa_handler == SIG_IGN);
    sigprocmask(SIG_BLOCK, NULL, &m);
    sigpending(&p);
    printf("HUP blocked=%d pending=%d\n", sigismember(&m, SIGHUP), sigismember(&p, SIGHUP));
    stack_t ss;
    sigaltstack(NULL, &ss);
    printf("altstack disabled=%d\n", ss.ss_flags == SS_DISABLE);
    return 0;
  }
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = h;
  sa.sa_flags = SA_RESTART | SA_ONSTACK;
  sigaction(SIGUSR1, &sa, NULL);
  signal(SIGUSR2, SIG_IGN);
  sigset_t m; sigemptyset(&m); sigaddset(&m, SIGHUP);
  sigprocmask(SIG_BLOCK, &m, NULL);
  raise(SIGHUP);
  stack_t ss = { .ss_sp = malloc(65536), .ss_size = 65536 };
  sigaltstack(&ss, NULL);
  char *args[] = { argv[0], "child", NULL };
  execv("/proc/self/exe", args);
  perror("execv");
  return 1;
}
