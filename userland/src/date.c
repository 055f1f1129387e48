/* date: print the date (+FORMAT, -u, -d @SECONDS, -R, -I). Times are UTC. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
int main(int argc, char **argv) {
  const char *fmt = "%a %b %e %H:%M:%S %Z %Y";
  time_t t = time(0);
  for (int i = 1; i < argc; i++) {
    if (argv[i][0] == '+') fmt = argv[i] + 1;
    else if (!strcmp(argv[i], "-u")) {}
    else if (!strcmp(argv[i], "-R")) fmt = "%a, %d %b %Y %H:%M:%S %z";
    else if (!strcmp(argv[i], "-I")) fmt = "%Y-%m-%d";
    else if (!strcmp(argv[i], "-d") && i + 1 < argc) {
      const char *d = argv[++i];
      if (d[0] != '@') { fprintf(stderr, "date: invalid date '%s'\n", d); return 1; }
      t = strtol(d + 1, 0, 10);
    } else { fprintf(stderr, "date: invalid option '%s'\n", argv[i]); return 1; }
  }
  struct tm tm;
  gmtime_r(&t, &tm);
  char buf[512];
  strftime(buf, sizeof buf, fmt, &tm);
  puts(buf);
  return 0;
}
