/* clock_gettime(CLOCK_MONOTONIC) through the vDSO: monotonic, consistent with the raw syscall. */
#include <stdio.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
static long long ns(struct timespec t) { return t.tv_sec * 1000000000LL + t.tv_nsec; }
int main(void) {
  struct timespec a, b, s;
  int ok = 1;
  clock_gettime(CLOCK_MONOTONIC, &a);
  for (int i = 0; i < 2000; i++) {
    clock_gettime(CLOCK_MONOTONIC, &b);
    if (ns(b) < ns(a) || b.tv_nsec < 0 || b.tv_nsec >= 1000000000) ok = 0;
    syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &s);
    if (ns(s) < ns(b)) ok = 0;
    clock_gettime(CLOCK_MONOTONIC, &a);
    if (ns(a) < ns(s)) ok = 0;
  }
  printf("consistent: %d\n", ok);
  return 0;
}
