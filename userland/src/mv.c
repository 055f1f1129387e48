/* mv: move or rename files (copies across filesystems by running cp -a and rm -r). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/wait.h>

static int run(const char *prog, const char *a, const char *b, const char *c) {
  pid_t p = fork();
  if (p == 0) { execlp(prog, prog, a, b, c, (char *)0); _exit(127); }
  int st;
  waitpid(p, &st, 0);
  return WIFEXITED(st) ? WEXITSTATUS(st) : 1;
}
static int mv(const char *src, const char *dst) {
  struct stat s;
  if (lstat(src, &s) < 0) { fprintf(stderr, "mv: cannot stat '%s': %s\n", src, strerror(errno)); return 1; }
  if (rename(src, dst) == 0) return 0;
  if (errno != EXDEV) { fprintf(stderr, "mv: cannot move '%s' to '%s': %s\n", src, dst, strerror(errno)); return 1; }
  if (run("cp", "-a", src, dst)) return 1;
  return run("rm", "-rf", src, 0);
}
int main(int argc, char **argv) {
  int i = 1, st = 0;
  for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
    if (!strcmp(argv[i], "--")) { i++; break; }
    if (strspn(argv[i] + 1, "fivn") != strlen(argv[i] + 1)) { fprintf(stderr, "mv: invalid option -- '%c'\n", argv[i][1]); return 1; }
  }
  int n = argc - i;
  if (n < 1) { fprintf(stderr, "mv: missing file operand\n"); return 1; }
  if (n < 2) { fprintf(stderr, "mv: missing destination file operand after '%s'\n", argv[i]); return 1; }
  const char *dst = argv[argc - 1];
  struct stat ds;
  int isdir = stat(dst, &ds) == 0 && S_ISDIR(ds.st_mode);
  if (n > 2 && !isdir) { fprintf(stderr, "mv: target '%s' is not a directory\n", dst); return 1; }
  for (; i < argc - 1; i++) {
    if (isdir) {
      char tmp[4096];
      strncpy(tmp, argv[i], sizeof tmp - 1);
      tmp[sizeof tmp - 1] = 0;
      size_t l = strlen(tmp);
      while (l > 1 && tmp[l - 1] == '/') tmp[--l] = 0;
      char *b = strrchr(tmp, '/');
      char path[4096];
      snprintf(path, sizeof path, "%s/%s", dst, b ? b + 1 : tmp);
      st |= mv(argv[i], path);
    } else st |= mv(argv[i], dst);
  }
  return st;
}
