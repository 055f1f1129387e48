/* Pipes between processes: blocking reads, EOF, large transfers, dup2. */
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void) {
  int fds[2];
  if (pipe(fds) != 0) return 1;
  pid_t p = fork();
  if (p == 0) {
    close(fds[0]);
    char buf[4096];
    memset(buf, 'z', sizeof buf);
    for (int i = 0; i < 100; i++) write(fds[1], buf, sizeof buf);
    dup2(fds[1], 1);
    printf("via stdout\n");
    fflush(stdout);
    _exit(0);
  }
  close(fds[1]);
  long total = 0, zs = 0;
  char buf[1000];
  ssize_t n;
  while ((n = read(fds[0], buf, sizeof buf)) > 0) {
    for (ssize_t i = 0; i < n; i++) zs += buf[i] == 'z';
    total += n;
  }
  int st;
  waitpid(p, &st, 0);
  printf("read %ld bytes, %ld z, eof %zd, child %d\n", total, zs, n, WEXITSTATUS(st));
  return 0;
}
