/* uptime: time, time since boot, users, load averages (from /proc/uptime and /proc/loadavg). */
#include <stdio.h>
#include <time.h>
#include "include/procps.h"
int main(void) {
  double up = uptime_secs();
  char la[128] = "0.00 0.00 0.00";
  read_text("/proc/loadavg", la, sizeof la);
  double l1 = 0, l5 = 0, l15 = 0;
  sscanf(la, "%lf %lf %lf", &l1, &l5, &l15);
  time_t now = time(0);
  struct tm tm;
  gmtime_r(&now, &tm);
  long s = (long)up, days = s / 86400, hours = s / 3600 % 24, mins = s / 60 % 60;
  printf(" %02d:%02d:%02d up ", tm.tm_hour, tm.tm_min, tm.tm_sec);
  if (days) printf("%ld day%s, ", days, days == 1 ? "" : "s");
  if (hours) printf("%2ld:%02ld, ", hours, mins);
  else printf("%ld min, ", mins);
  printf(" 1 user,  load average: %.2f, %.2f, %.2f\n", l1, l5, l15);
  return 0;
}
