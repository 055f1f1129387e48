/* env: run a program in a modified environment, or print it (-i, -u NAME, NAME=VALUE). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <errno.h>
int main(int argc, char **argv) {
  int i = 1;
  for (; i < argc; i++) {
    if (!strcmp(argv[i], "-i") || !strcmp(argv[i], "-")) clearenv();
    else if (!strcmp(argv[i], "-u") && i + 1 < argc) unsetenv(argv[++i]);
    else if (!strcmp(argv[i], "--")) { i++; break; }
    else break;
  }
  for (; i < argc && strchr(argv[i], '='); i++) putenv(argv[i]);
  if (i >= argc) {
    for (char **e = environ; e && *e; e++) puts(*e);
    return 0;
  }
  execvp(argv[i], argv + i);
  int e = errno;
  fprintf(stderr, "env: '%s': %s\n", argv[i], strerror(e));
  return e == ENOENT ? 127 : 126;
}
