/* fork + wait: exit codes, signals, WNOHANG, ECHILD. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void) {
  pid_t kids[5];
  for (int i = 0; i < 5; i++) {
    pid_t p = fork();
    if (p == 0) { if (getppid() <= 0) _exit(99); _exit(10 + i); }
    kids[i] = p;
  }
  int total = 0;
  for (int i = 4; i >= 0; i--) {
    int st;
    pid_t r = waitpid(kids[i], &st, 0);
    printf("child %d: same pid %d exited %d code %d\n", i, r == kids[i], WIFEXITED(st), WEXITSTATUS(st));
    total += WEXITSTATUS(st);
  }
  printf("total %d\n", total);
  pid_t p = fork();
  if (p == 0) { abort(); }
  int st;
  waitpid(p, &st, 0);
  printf("abort: signaled %d sig %d\n", WIFSIGNALED(st), WTERMSIG(st));
  p = fork();
  if (p == 0) { pause(); _exit(0); }
  kill(p, SIGKILL);
  waitpid(p, &st, 0);
  printf("kill: signaled %d sig %d\n", WIFSIGNALED(st), WTERMSIG(st));
  p = fork();
  if (p == 0) { usleep(20000); _exit(3); }
  printf("wnohang: %d\n", waitpid(p, &st, WNOHANG));
  waitpid(p, &st, 0);
  printf("late: %d\n", WEXITSTATUS(st));
  errno = 0;
  printf("no children: %d %s\n", wait(&st), errno == ECHILD ? "ECHILD" : "?");
  fflush(stdout);
  return 0;
}
