/* Prints times, random bytes and addresses: identical across runs in deterministic mode. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/random.h>
#include <time.h>
int main(void) {
  struct timespec a, b;
  clock_gettime(CLOCK_MONOTONIC, &a);
  unsigned char r[8];
  getrandom(r, sizeof r, 0);
  void *m = malloc(1 << 20);
  int local;
  clock_gettime(CLOCK_REALTIME, &b);
  printf("%ld.%09ld %ld %02x%02x%02x%02x%02x%02x%02x%02x %p %p\n", (long)a.tv_sec, a.tv_nsec, (long)b.tv_sec,
         r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], m, (void *)&local);
  return 0;
}
