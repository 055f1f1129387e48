/* printf and malloc-heavy work: formatting, sorting, realloc growth, many frees. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int cmp(const void *a, const void *b) { return *(const int *)a - *(const int *)b; }

int main(void) {
  printf("hello, world\n");
  printf("%d %u %ld %lx %5.2f %e %s %c %%\n", -42, 42u, 1234567890123L, 0xdeadbeefL, 3.14159, 6.02e23, "str", 'x');
  unsigned seed = 12345;
  int n = 20000;
  int *v = malloc(n * sizeof *v);
  for (int i = 0; i < n; i++) { seed = seed * 1103515245 + 12345; v[i] = (seed >> 8) % 100000; }
  qsort(v, n, sizeof *v, cmp);
  long sum = 0;
  for (int i = 0; i < n; i++) sum += v[i];
  printf("sorted min=%d max=%d median=%d sum=%ld\n", v[0], v[n - 1], v[n / 2], sum);
  free(v);
  char **strs = malloc(1000 * sizeof *strs);
  for (int i = 0; i < 1000; i++) {
    strs[i] = malloc(16 + i % 200);
    snprintf(strs[i], 16 + i % 200, "item-%04d-%s", i, i % 3 ? "abc" : "defghij");
  }
  size_t total = 0;
  for (int i = 0; i < 1000; i++) { total += strlen(strs[i]); if (i % 2) { free(strs[i]); strs[i] = NULL; } }
  char *buf = NULL;
  size_t cap = 0, len = 0;
  for (int i = 0; i < 5000; i++) {
    if (len + 32 > cap) { cap = cap ? cap * 2 : 64; buf = realloc(buf, cap); }
    len += sprintf(buf + len, "%d,", i);
  }
  printf("total=%zu len=%zu tail=%s\n", total, len, buf + len - 10);
  void *big = malloc(8 << 20); /* mmap-backed */
  memset(big, 7, 8 << 20);
  printf("big[last]=%d\n", ((char *)big)[(8 << 20) - 1]);
  free(big);
  for (int i = 0; i < 1000; i++) free(strs[i]);
  free(strs);
  free(buf);
  double acc = 0;
  for (int i = 1; i < 1000; i++) acc += 1.0 / ((double)i * i);
  printf("basel=%.12f\n", acc);
  return 0;
}
