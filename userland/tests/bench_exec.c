/* Benchmark: N successive execve of itself (/proc/self/exe); prints us per execve. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
int main(int argc, char **argv) {
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  long long t = now.tv_sec * 1000000000LL + now.tv_nsec;
  long n = argc > 1 ? atol(argv[1]) : 100;
  long total = argc > 2 ? atol(argv[2]) : n;
  long long start = argc > 3 ? atoll(argv[3]) : t;
  if (n == 0) { printf("%.1f\n", (t - start) / 1000.0 / total); return 0; }
  char a[32], b[32], c[32];
  snprintf(a, sizeof a, "%ld", n - 1);
  snprintf(b, sizeof b, "%ld", total);
  snprintf(c, sizeof c, "%lld", start);
  char *args[] = {argv[0], a, b, c, NULL};
  execv("/proc/self/exe", args);
  perror("execv");
  return 1;
}
