/* Preemption: a parent that spins without yielding still lets its child run. */
#include <stdio.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void) {
  volatile int *flag = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  pid_t p = fork();
  if (p == 0) { for (volatile int i = 0; i < 100000; i++) {} *flag = 1; for (;;) {} }
  long spins = 0;
  while (*flag == 0) spins++;
  printf("parent saw the flag after spinning: %d\n", *flag == 1 && spins >= 0);
  kill(p, 9);
  int st;
  waitpid(p, &st, 0);
  printf("killed spinner: %d\n", WTERMSIG(st));
  return 0;
}
