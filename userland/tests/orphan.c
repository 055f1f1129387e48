/* A grandchild whose parent exits is reparented to init (pid 1, the first process on nodix). */
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>
int main(void) {
  int fds[2];
  pipe(fds);
  printf("i am pid %d\n", getpid());
  fflush(stdout);
  pid_t c = fork();
  if (c == 0) {
    if (fork() == 0) {
      close(fds[1]);
      char b;
      read(fds[0], &b, 1); /* wait until the middle process is gone */
      usleep(10000);
      printf("orphan ppid=%d\n", getppid());
      fflush(stdout);
      _exit(0);
    }
    _exit(0);
  }
  int st;
  waitpid(c, &st, 0);
  close(fds[1]);
  close(fds[0]);
  /* reap the orphan as init does */
  pid_t r = wait(&st);
  printf("reaped orphan: %d\n", r > 0);
  return 0;
}
