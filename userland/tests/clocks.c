/* Monotonic clocks move forward; sleeps last at least as asked. */
#include <stdio.h>
#include <sys/time.h>
#include <time.h>

static long long ns(clockid_t c) { struct timespec t; clock_gettime(c, &t); return t.tv_sec * 1000000000LL + t.tv_nsec; }

int main(void) {
  long long a = ns(CLOCK_MONOTONIC);
  int mono = 1;
  long long prev = a;
  for (int i = 0; i < 1000; i++) { long long x = ns(CLOCK_MONOTONIC); if (x < prev) mono = 0; prev = x; }
  printf("monotonic: %d\n", mono);
  struct timespec req = {0, 30 * 1000 * 1000};
  nanosleep(&req, NULL);
  long long b = ns(CLOCK_MONOTONIC);
  printf("slept >= 30ms: %d\n", b - a >= 30000000LL);
  long long c0 = ns(CLOCK_BOOTTIME);
  struct timespec until; clock_gettime(CLOCK_MONOTONIC, &until);
  until.tv_nsec += 20 * 1000 * 1000; if (until.tv_nsec >= 1000000000) { until.tv_sec++; until.tv_nsec -= 1000000000; }
  clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &until, NULL);
  printf("abs sleep: %d\n", ns(CLOCK_BOOTTIME) - c0 >= 20000000LL);
  struct timespec res;
  printf("getres: %d\n", clock_getres(CLOCK_MONOTONIC, &res) == 0 && res.tv_sec == 0 && res.tv_nsec > 0);
  struct timeval tv;
  gettimeofday(&tv, NULL);
  printf("realtime sane: %d\n", tv.tv_sec > 1600000000 && ns(CLOCK_REALTIME) / 1000000000LL >= tv.tv_sec);
  printf("cputime advances: %d\n", ns(CLOCK_PROCESS_CPUTIME_ID) > 0);
  return 0;
}
