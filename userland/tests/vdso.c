/* clock_gettime and gettimeofday through the vDSO: monotonic, and consistent with the raw syscalls. */
#include <stdio.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>
static long long ns(struct timespec t) { return t.tv_sec * 1000000000LL + t.tv_nsec; }
static int check(clockid_t c) {
  struct timespec a, b, s;
  int ok = 1;
  clock_gettime(c, &a);
  for (int i = 0; i < 1000; i++) {
    clock_gettime(c, &b);
    if (ns(b) < ns(a) || b.tv_nsec < 0 || b.tv_nsec >= 1000000000) ok = 0;
    syscall(SYS_clock_gettime, c, &s);
    if (ns(s) < ns(b)) ok = 0;
    clock_gettime(c, &a);
    if (ns(a) < ns(s)) ok = 0;
  }
  return ok;
}
int main(void) {
  printf("monotonic consistent: %d\n", check(CLOCK_MONOTONIC));
  printf("realtime consistent: %d\n", check(CLOCK_REALTIME));
  struct timeval tv;
  struct timespec ts;
  int ok = 1;
  for (int i = 0; i < 500; i++) {
    gettimeofday(&tv, NULL);
    clock_gettime(CLOCK_REALTIME, &ts);
    if (ts.tv_sec * 1000000LL + ts.tv_nsec / 1000 < tv.tv_sec * 1000000LL + tv.tv_usec || tv.tv_usec >= 1000000) ok = 0;
  }
  printf("gettimeofday consistent: %d sane: %d\n", ok, tv.tv_sec > 1600000000);
  return 0;
}
