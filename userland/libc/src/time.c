/* Time: clocks, broken-down time (UTC; no zoneinfo), strftime. */
#include <time.h>
#include <sys/time.h>
#include <string.h>
#include <stdio.h>
#include "internal.h"

int clock_gettime(clockid_t c, struct timespec *t) { return (int)__ret(__sc2(SYS_clock_gettime, c, t)); }
int clock_getres(clockid_t c, struct timespec *t) { return (int)__ret(__sc2(SYS_clock_getres, c, t)); }
time_t time(time_t *t) {
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  if (t) *t = ts.tv_sec;
  return ts.tv_sec;
}
int gettimeofday(struct timeval *tv, void *tz) {
  (void)tz;
  struct timespec ts;
  if (clock_gettime(CLOCK_REALTIME, &ts) < 0) return -1;
  if (tv) { tv->tv_sec = ts.tv_sec; tv->tv_usec = ts.tv_nsec / 1000; }
  return 0;
}
int settimeofday(const struct timeval *tv, const void *tz) { return (int)__ret(__sc2(SYS_settimeofday, tv, tz)); }
clock_t clock(void) {
  struct timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000000L + ts.tv_nsec / 1000;
}
double difftime(time_t a, time_t b) { return (double)(a - b); }
void tzset(void) {}

static int leap(long y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
static const short mdays[2][12] = {{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}, {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}};

struct tm *gmtime_r(const time_t *t, struct tm *tm) {
  long s = *t, days = s / 86400, rem = s % 86400;
  if (rem < 0) { rem += 86400; days--; }
  tm->tm_hour = (int)(rem / 3600);
  tm->tm_min = (int)(rem % 3600 / 60);
  tm->tm_sec = (int)(rem % 60);
  tm->tm_wday = (int)((4 + days % 7 + 7) % 7);
  long y = 1970;
  for (;;) {
    long yd = 365 + leap(y);
    if (days < 0) { y--; days += 365 + leap(y); continue; }
    if (days < yd) break;
    days -= yd;
    y++;
  }
  tm->tm_year = (int)(y - 1900);
  tm->tm_yday = (int)days;
  int m = 0;
  while (days >= mdays[leap(y)][m]) days -= mdays[leap(y)][m++];
  tm->tm_mon = m;
  tm->tm_mday = (int)days + 1;
  tm->tm_isdst = 0;
  tm->tm_gmtoff = 0;
  tm->tm_zone = "UTC";
  return tm;
}
struct tm *gmtime(const time_t *t) {
  static struct tm tm;
  return gmtime_r(t, &tm);
}
struct tm *localtime_r(const time_t *t, struct tm *tm) { return gmtime_r(t, tm); }
struct tm *localtime(const time_t *t) { return gmtime(t); }
time_t timegm(struct tm *tm) {
  long y = tm->tm_year + 1900L, m = tm->tm_mon;
  y += m / 12;
  m %= 12;
  if (m < 0) { m += 12; y--; }
  long days = 0;
  for (long i = 1970; i < y; i++) days += 365 + leap(i);
  for (long i = y; i < 1970; i++) days -= 365 + leap(i);
  for (int i = 0; i < m; i++) days += mdays[leap(y)][i];
  days += tm->tm_mday - 1;
  time_t r = days * 86400 + tm->tm_hour * 3600L + tm->tm_min * 60L + tm->tm_sec;
  gmtime_r(&r, tm);
  return r;
}
time_t mktime(struct tm *tm) { return timegm(tm); }

static const char *wday_s[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
static const char *wday_l[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
static const char *mon_s[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
static const char *mon_l[] = {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"};

size_t strftime(char *s, size_t max, const char *f, const struct tm *tm) {
  size_t n = 0;
  char tmp[64];
  for (; *f; f++) {
    const char *add = tmp;
    if (*f != '%') { tmp[0] = *f; tmp[1] = 0; }
    else {
      f++;
      switch (*f) {
      case 'a': add = wday_s[tm->tm_wday % 7]; break;
      case 'A': add = wday_l[tm->tm_wday % 7]; break;
      case 'b': case 'h': add = mon_s[tm->tm_mon % 12]; break;
      case 'B': add = mon_l[tm->tm_mon % 12]; break;
      case 'c': snprintf(tmp, sizeof tmp, "%s %s %2d %02d:%02d:%02d %d", wday_s[tm->tm_wday % 7], mon_s[tm->tm_mon % 12], tm->tm_mday, tm->tm_hour, tm->tm_min, tm->tm_sec, tm->tm_year + 1900); break;
      case 'C': snprintf(tmp, sizeof tmp, "%02d", (tm->tm_year + 1900) / 100); break;
      case 'd': snprintf(tmp, sizeof tmp, "%02d", tm->tm_mday); break;
      case 'D': snprintf(tmp, sizeof tmp, "%02d/%02d/%02d", tm->tm_mon + 1, tm->tm_mday, tm->tm_year % 100); break;
      case 'e': snprintf(tmp, sizeof tmp, "%2d", tm->tm_mday); break;
      case 'F': snprintf(tmp, sizeof tmp, "%d-%02d-%02d", tm->tm_year + 1900, tm->tm_mon + 1, tm->tm_mday); break;
      case 'H': snprintf(tmp, sizeof tmp, "%02d", tm->tm_hour); break;
      case 'I': snprintf(tmp, sizeof tmp, "%02d", tm->tm_hour % 12 ? tm->tm_hour % 12 : 12); break;
      case 'j': snprintf(tmp, sizeof tmp, "%03d", tm->tm_yday + 1); break;
      case 'k': snprintf(tmp, sizeof tmp, "%2d", tm->tm_hour); break;
      case 'm': snprintf(tmp, sizeof tmp, "%02d", tm->tm_mon + 1); break;
      case 'M': snprintf(tmp, sizeof tmp, "%02d", tm->tm_min); break;
      case 'n': add = "\n"; break;
      case 'p': add = tm->tm_hour < 12 ? "AM" : "PM"; break;
      case 'R': snprintf(tmp, sizeof tmp, "%02d:%02d", tm->tm_hour, tm->tm_min); break;
      case 's': { struct tm c = *tm; snprintf(tmp, sizeof tmp, "%ld", (long)timegm(&c)); break; }
      case 'S': snprintf(tmp, sizeof tmp, "%02d", tm->tm_sec); break;
      case 't': add = "\t"; break;
      case 'T': snprintf(tmp, sizeof tmp, "%02d:%02d:%02d", tm->tm_hour, tm->tm_min, tm->tm_sec); break;
      case 'u': snprintf(tmp, sizeof tmp, "%d", tm->tm_wday ? tm->tm_wday : 7); break;
      case 'w': snprintf(tmp, sizeof tmp, "%d", tm->tm_wday); break;
      case 'y': snprintf(tmp, sizeof tmp, "%02d", tm->tm_year % 100); break;
      case 'Y': snprintf(tmp, sizeof tmp, "%d", tm->tm_year + 1900); break;
      case 'z': add = "+0000"; break;
      case 'Z': add = tm->tm_zone ? tm->tm_zone : "UTC"; break;
      case '%': add = "%"; break;
      default: tmp[0] = '%'; tmp[1] = *f; tmp[2] = 0; if (!*f) { tmp[1] = 0; f--; } break;
      }
    }
    size_t l = strlen(add);
    if (n + l >= max) return 0;
    memcpy(s + n, add, l);
    n += l;
  }
  if (n < max) s[n] = 0;
  return n;
}
char *asctime(const struct tm *tm) {
  static char buf[32];
  snprintf(buf, sizeof buf, "%s %s %2d %02d:%02d:%02d %d\n", wday_s[tm->tm_wday % 7], mon_s[tm->tm_mon % 12], tm->tm_mday, tm->tm_hour, tm->tm_min, tm->tm_sec, tm->tm_year + 1900);
  return buf;
}
char *ctime(const time_t *t) { return asctime(localtime(t)); }
