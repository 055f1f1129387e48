/* sleep: pause for a number of seconds (fractions and s/m/h/d suffixes allowed). */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <errno.h>
int main(int argc, char **argv) {
  if (argc < 2) { fprintf(stderr, "sleep: missing operand\n"); return 1; }
  double total = 0;
  for (int i = 1; i < argc; i++) {
    char *e;
    double v = strtod(argv[i], &e);
    if (e == argv[i] || v < 0 || (*e && e[1])) { fprintf(stderr, "sleep: invalid time interval '%s'\n", argv[i]); return 1; }
    if (*e == 'm') v *= 60; else if (*e == 'h') v *= 3600; else if (*e == 'd') v *= 86400;
    else if (*e && *e != 's') { fprintf(stderr, "sleep: invalid time interval '%s'\n", argv[i]); return 1; }
    total += v;
  }
  struct timespec ts = {(time_t)total, (long)((total - (double)(time_t)total) * 1e9)};
  while (nanosleep(&ts, &ts) < 0 && errno == EINTR) {}
  return 0;
}
