/* mktemp: create a unique temporary file or directory (-d) from TEMPLATE (default tmp.XXXXXXXXXX in $TMPDIR or /tmp; -p DIR). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <time.h>
#include <unistd.h>
#include <fcntl.h>
#include <sys/stat.h>
int main(int argc, char **argv) {
  int dir = 0, i = 1;
  const char *base = getenv("TMPDIR"), *tmpl = 0;
  if (!base || !*base) base = "/tmp";
  for (; i < argc; i++) {
    if (!strcmp(argv[i], "-d")) dir = 1;
    else if (!strcmp(argv[i], "-p") && i + 1 < argc) base = argv[++i];
    else if (!strcmp(argv[i], "-t")) {}
    else if (argv[i][0] == '-') { fprintf(stderr, "mktemp: invalid option -- '%s'\n", argv[i] + 1); return 1; }
    else tmpl = argv[i];
  }
  char path[4096];
  if (!tmpl) snprintf(path, sizeof path, "%s/tmp.XXXXXXXXXX", base);
  else if (strchr(tmpl, '/')) snprintf(path, sizeof path, "%s", tmpl);
  else snprintf(path, sizeof path, "%s", tmpl);
  size_t l = strlen(path), x = 0;
  while (x < l && path[l - 1 - x] == 'X') x++;
  if (x < 3) { fprintf(stderr, "mktemp: too few X's in template '%s'\n", tmpl ? tmpl : path); return 1; }
  unsigned long seed = (unsigned long)time(0) ^ ((unsigned long)getpid() << 16);
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  seed ^= (unsigned long)ts.tv_nsec;
  for (int tries = 0; tries < 1000; tries++) {
    for (size_t k = 0; k < x; k++) {
      seed = seed * 6364136223846793005UL + 1442695040888963407UL;
      path[l - x + k] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"[(seed >> 33) % 62];
    }
    if (dir ? mkdir(path, 0700) == 0 : (i = open(path, O_RDWR | O_CREAT | O_EXCL, 0600)) >= 0) {
      if (!dir) close(i);
      puts(path);
      return 0;
    }
    if (errno != EEXIST) break;
  }
  fprintf(stderr, "mktemp: failed to create %s via template '%s': %s\n", dir ? "directory" : "file", path, strerror(errno));
  return 1;
}
