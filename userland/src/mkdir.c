/* mkdir: make directories (-p parents, -m mode). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <sys/stat.h>
int main(int argc, char **argv) {
  int p = 0, i = 1, st = 0;
  mode_t mode = 0777;
  for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
    if (!strcmp(argv[i], "-p")) p = 1;
    else if (!strcmp(argv[i], "-m") && i + 1 < argc) mode = (mode_t)strtol(argv[++i], 0, 8);
    else if (!strcmp(argv[i], "--")) { i++; break; }
    else { fprintf(stderr, "mkdir: invalid option -- '%s'\n", argv[i] + 1); return 1; }
  }
  if (i >= argc) { fprintf(stderr, "mkdir: missing operand\n"); return 1; }
  for (; i < argc; i++) {
    char *path = argv[i];
    if (p) {
      for (char *s = path + 1; *s; s++) {
        if (*s != '/') continue;
        *s = 0;
        if (mkdir(path, 0777) < 0 && errno != EEXIST) { fprintf(stderr, "mkdir: cannot create directory '%s': %s\n", path, strerror(errno)); st = 1; *s = '/'; goto next; }
        *s = '/';
      }
      if (mkdir(path, mode) < 0) {
        struct stat sb;
        if (errno != EEXIST || stat(path, &sb) < 0 || !S_ISDIR(sb.st_mode)) { fprintf(stderr, "mkdir: cannot create directory '%s': %s\n", path, strerror(errno)); st = 1; }
      }
    } else if (mkdir(path, mode) < 0) { fprintf(stderr, "mkdir: cannot create directory '%s': %s\n", path, strerror(errno)); st = 1; }
  next:;
  }
  return st;
}
