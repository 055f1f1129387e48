/* Benchmark: fork + exit + wait of a process that has touched 4 MiB; prints us per round. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
int main(int argc, char **argv) {
  long n = argc > 1 ? atol(argv[1]) : 100;
  size_t sz = 4 << 20;
  char *m = malloc(sz);
  memset(m, 1, sz);
  struct timespec a, b;
  clock_gettime(CLOCK_MONOTONIC, &a);
  for (long i = 0; i < n; i++) {
    pid_t p = fork();
    if (p == 0) _exit(m[i % sz]);
    int st;
    waitpid(p, &st, 0);
  }
  clock_gettime(CLOCK_MONOTONIC, &b);
  double ns = (b.tv_sec - a.tv_sec) * 1e9 + (b.tv_nsec - a.tv_nsec);
  printf("%.1f\n", ns / n / 1000);
  return 0;
}
