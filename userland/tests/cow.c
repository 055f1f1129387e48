/* Copy-on-write isolation after fork: heap, stack, data and bss. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int data_var = 1;
int bss_var;

int main(void) {
  int stack_var = 2;
  size_t n = 1 << 20;
  char *heap = malloc(n);
  memset(heap, 'p', n);
  fflush(stdout);
  pid_t p = fork();
  if (p == 0) {
    data_var = 100; bss_var = 200; stack_var = 300;
    memset(heap, 'c', n);
    printf("child: %d %d %d %c%c\n", data_var, bss_var, stack_var, heap[0], heap[n - 1]);
    fflush(stdout);
    _exit(0);
  }
  int st;
  waitpid(p, &st, 0);
  long diff = 0;
  for (size_t i = 0; i < n; i++) diff += heap[i] != 'p';
  printf("parent: %d %d %d %c%c diff=%ld\n", data_var, bss_var, stack_var, heap[0], heap[n - 1], diff);
  /* parent writes after the child is gone: its pages become its own again */
  memset(heap, 'q', n);
  printf("parent again: %c\n", heap[n / 2]);
  return 0;
}
