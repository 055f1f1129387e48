/* rm: remove files or directories (-r -R recursive, -f force, -d empty dirs). */
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>
#include <dirent.h>
#include <sys/stat.h>

static int rflag, fflag, dflag;
static int rm(const char *path) {
  struct stat st;
  if (lstat(path, &st) < 0) {
    if (fflag && errno == ENOENT) return 0;
    fprintf(stderr, "rm: cannot remove '%s': %s\n", path, strerror(errno));
    return 1;
  }
  if (S_ISDIR(st.st_mode)) {
    if (!rflag) {
      if (dflag && rmdir(path) == 0) return 0;
      fprintf(stderr, "rm: cannot remove '%s': Is a directory\n", path);
      return 1;
    }
    DIR *d = opendir(path);
    int r = 0;
    if (!d) { fprintf(stderr, "rm: cannot remove '%s': %s\n", path, strerror(errno)); return 1; }
    struct dirent *e;
    while ((e = readdir(d))) {
      if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
      char p[4096];
      snprintf(p, sizeof p, "%s/%s", path, e->d_name);
      r |= rm(p);
    }
    closedir(d);
    if (rmdir(path) < 0) { fprintf(stderr, "rm: cannot remove '%s': %s\n", path, strerror(errno)); return 1; }
    return r;
  }
  if (unlink(path) < 0) { fprintf(stderr, "rm: cannot remove '%s': %s\n", path, strerror(errno)); return 1; }
  return 0;
}
int main(int argc, char **argv) {
  int i = 1, st = 0;
  for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
    if (!strcmp(argv[i], "--")) { i++; break; }
    for (char *p = argv[i] + 1; *p; p++) {
      if (*p == 'r' || *p == 'R') rflag = 1;
      else if (*p == 'f') fflag = 1;
      else if (*p == 'd') dflag = 1;
      else if (*p == 'i' || *p == 'v') {}
      else { fprintf(stderr, "rm: invalid option -- '%c'\n", *p); return 1; }
    }
  }
  if (i >= argc && !fflag) { fprintf(stderr, "rm: missing operand\n"); return 1; }
  for (; i < argc; i++) {
    const char *b = strrchr(argv[i], '/');
    b = b ? b + 1 : argv[i];
    if (!strcmp(b, ".") || !strcmp(b, "..")) { fprintf(stderr, "rm: refusing to remove '.' or '..' directory: skipping '%s'\n", argv[i]); st = 1; continue; }
    st |= rm(argv[i]);
  }
  return st;
}
