/* cp: copy files and directories (-r -R recursive, -p preserve mode/times, -f). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>
#include <fcntl.h>
#include <dirent.h>
#include <sys/stat.h>

static int rflag, pflag;
static int copy(const char *src, const char *dst);
static int copy_file(const char *src, const char *dst, struct stat *st) {
  int in = open(src, O_RDONLY);
  if (in < 0) { fprintf(stderr, "cp: cannot open '%s' for reading: %s\n", src, strerror(errno)); return 1; }
  int out = open(dst, O_WRONLY | O_CREAT | O_TRUNC, st->st_mode & 07777);
  if (out < 0) { fprintf(stderr, "cp: cannot create regular file '%s': %s\n", dst, strerror(errno)); close(in); return 1; }
  static char buf[65536];
  ssize_t n;
  int r = 0;
  while ((n = read(in, buf, sizeof buf)) > 0)
    if (write(out, buf, (size_t)n) != n) { fprintf(stderr, "cp: error writing '%s': %s\n", dst, strerror(errno)); r = 1; break; }
  if (n < 0) { fprintf(stderr, "cp: error reading '%s': %s\n", src, strerror(errno)); r = 1; }
  if (pflag) {
    fchmod(out, st->st_mode & 07777);
    struct timespec t[2] = {st->st_atim, st->st_mtim};
    futimens(out, t);
  }
  close(in);
  close(out);
  return r;
}
static int copy(const char *src, const char *dst) {
  struct stat st;
  if (lstat(src, &st) < 0) { fprintf(stderr, "cp: cannot stat '%s': %s\n", src, strerror(errno)); return 1; }
  if (S_ISDIR(st.st_mode)) {
    if (!rflag) { fprintf(stderr, "cp: -r not specified; omitting directory '%s'\n", src); return 1; }
    if (mkdir(dst, st.st_mode & 07777) < 0 && errno != EEXIST) { fprintf(stderr, "cp: cannot create directory '%s': %s\n", dst, strerror(errno)); return 1; }
    DIR *d = opendir(src);
    if (!d) { fprintf(stderr, "cp: cannot open directory '%s': %s\n", src, strerror(errno)); return 1; }
    int r = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
      if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
      char a[4096], b[4096];
      snprintf(a, sizeof a, "%s/%s", src, e->d_name);
      snprintf(b, sizeof b, "%s/%s", dst, e->d_name);
      r |= copy(a, b);
    }
    closedir(d);
    return r;
  }
  if (S_ISLNK(st.st_mode) && rflag) {
    char t[4096];
    ssize_t n = readlink(src, t, sizeof t - 1);
    if (n < 0) return 1;
    t[n] = 0;
    unlink(dst);
    if (symlink(t, dst) < 0) { fprintf(stderr, "cp: cannot create symbolic link '%s': %s\n", dst, strerror(errno)); return 1; }
    return 0;
  }
  if (S_ISLNK(st.st_mode) && stat(src, &st) < 0) { fprintf(stderr, "cp: cannot stat '%s': %s\n", src, strerror(errno)); return 1; }
  struct stat ds;
  if (stat(dst, &ds) == 0 && ds.st_ino == st.st_ino && ds.st_dev == st.st_dev) { fprintf(stderr, "cp: '%s' and '%s' are the same file\n", src, dst); return 1; }
  return copy_file(src, dst, &st);
}
int main(int argc, char **argv) {
  int i = 1, st = 0;
  for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
    if (!strcmp(argv[i], "--")) { i++; break; }
    for (char *p = argv[i] + 1; *p; p++) {
      if (*p == 'r' || *p == 'R' || *p == 'a') { rflag = 1; if (*p == 'a') pflag = 1; }
      else if (*p == 'p') pflag = 1;
      else if (*p == 'f' || *p == 'v') {}
      else { fprintf(stderr, "cp: invalid option -- '%c'\n", *p); return 1; }
    }
  }
  int n = argc - i;
  if (n < 1) { fprintf(stderr, "cp: missing file operand\n"); return 1; }
  if (n < 2) { fprintf(stderr, "cp: missing destination file operand after '%s'\n", argv[i]); return 1; }
  const char *dst = argv[argc - 1];
  struct stat ds;
  int isdir = stat(dst, &ds) == 0 && S_ISDIR(ds.st_mode);
  if (n > 2 && !isdir) { fprintf(stderr, "cp: target '%s' is not a directory\n", dst); return 1; }
  for (; i < argc - 1; i++) {
    if (isdir) {
      char *b = strrchr(argv[i], '/');
      char tmp[4096];
      strncpy(tmp, argv[i], sizeof tmp - 1);
      tmp[sizeof tmp - 1] = 0;
      size_t l = strlen(tmp);
      while (l > 1 && tmp[l - 1] == '/') tmp[--l] = 0;
      b = strrchr(tmp, '/');
      char path[4096];
      snprintf(path, sizeof path, "%s/%s", dst, b ? b + 1 : tmp);
      st |= copy(argv[i], path);
    } else st |= copy(argv[i], dst);
  }
  return st;
}
