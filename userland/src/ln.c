/* ln: make links (-s symbolic, -f force). */
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>
#include <sys/stat.h>
int main(int argc, char **argv) {
  int s = 0, f = 0, i = 1, st = 0;
  for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
    for (char *p = argv[i] + 1; *p; p++) {
      if (*p == 's') s = 1;
      else if (*p == 'f') f = 1;
      else if (*p == 'n' || *p == 'v') {}
      else { fprintf(stderr, "ln: invalid option -- '%c'\n", *p); return 1; }
    }
  }
  int n = argc - i;
  if (n < 1) { fprintf(stderr, "ln: missing file operand\n"); return 1; }
  const char *dst = n == 1 ? "." : argv[argc - 1];
  struct stat ds;
  int isdir = stat(dst, &ds) == 0 && S_ISDIR(ds.st_mode);
  int last = n == 1 ? argc : argc - 1;
  if (n > 2 && !isdir) { fprintf(stderr, "ln: target '%s' is not a directory\n", dst); return 1; }
  for (; i < last; i++) {
    char path[4096];
    if (isdir) { const char *b = strrchr(argv[i], '/'); snprintf(path, sizeof path, "%s/%s", dst, b ? b + 1 : argv[i]); }
    else snprintf(path, sizeof path, "%s", dst);
    if (f) unlink(path);
    if ((s ? symlink(argv[i], path) : link(argv[i], path)) < 0) {
      if (s || errno == EEXIST) fprintf(stderr, "ln: failed to create %slink '%s' %s '%s': %s\n", s ? "symbolic " : "hard ", path, s ? "->" : "=>", argv[i], strerror(errno));
      else fprintf(stderr, "ln: failed to create hard link '%s' => '%s': %s\n", path, argv[i], strerror(errno));
      st = 1;
    }
  }
  return st;
}
