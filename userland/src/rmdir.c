/* rmdir: remove empty directories (-p parents). */
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>
int main(int argc, char **argv) {
  int p = 0, i = 1, st = 0;
  if (i < argc && !strcmp(argv[i], "-p")) { p = 1; i++; }
  if (i >= argc) { fprintf(stderr, "rmdir: missing operand\n"); return 1; }
  for (; i < argc; i++) {
    char *path = argv[i];
    if (rmdir(path) < 0) { fprintf(stderr, "rmdir: failed to remove '%s': %s\n", path, strerror(errno)); st = 1; continue; }
    if (p) {
      char *s;
      while ((s = strrchr(path, '/')) && s != path) {
        *s = 0;
        if (rmdir(path) < 0) { fprintf(stderr, "rmdir: failed to remove '%s': %s\n", path, strerror(errno)); st = 1; break; }
      }
    }
  }
  return st;
}
