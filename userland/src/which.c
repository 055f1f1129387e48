/* which: locate commands in PATH (-a all). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
int main(int argc, char **argv) {
  int all = 0, i = 1, st = 0;
  if (i < argc && !strcmp(argv[i], "-a")) { all = 1; i++; }
  if (i >= argc) return 1;
  const char *path = getenv("PATH");
  if (!path) path = "/bin:/usr/bin";
  for (; i < argc; i++) {
    int found = 0;
    if (strchr(argv[i], '/')) {
      if (access(argv[i], X_OK) == 0) { puts(argv[i]); found = 1; }
    } else
      for (const char *p = path; p && !(found && !all);) {
        const char *e = strchrnul(p, ':');
        char buf[4096];
        snprintf(buf, sizeof buf, "%.*s/%s", (int)(e - p), e > p ? p : ".", argv[i]);
        struct stat sb;
        if (stat(buf, &sb) == 0 && S_ISREG(sb.st_mode) && access(buf, X_OK) == 0) { puts(buf); found = 1; }
        p = *e ? e + 1 : 0;
      }
    if (!found) st = 1;
  }
  return st;
}
