/* Two processes append their id to a shared log while spinning; the order shows the interleaving. */
#include <stdio.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>
int main(void) {
  char *log = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  int *n = (int *)(log + 2048);
  pid_t p = fork();
  char me = p == 0 ? 'c' : 'p';
  for (int round = 0; round < 40; round++) {
    for (volatile int i = 0; i < 20000; i++) {}
    log[__atomic_fetch_add(n, 1, __ATOMIC_SEQ_CST)] = me;
  }
  if (p == 0) _exit(0);
  waitpid(p, NULL, 0);
  log[*n] = 0;
  printf("%s\n", log);
  return 0;
}
