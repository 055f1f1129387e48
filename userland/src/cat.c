/* cat: concatenate files to standard output (-n numbers lines, -u ignored). */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include <errno.h>
#include <err.h>

static int number, line = 1, at_start = 1;
static char buf[65536];

static int cat_fd(int fd, const char *name) {
  ssize_t n;
  while ((n = read(fd, buf, sizeof buf)) != 0) {
    if (n < 0) { if (errno == EINTR) continue; warn("%s", name); return 1; }
    if (!number) {
      for (ssize_t off = 0; off < n;) {
        ssize_t w = write(1, buf + off, (size_t)(n - off));
        if (w < 0) { if (errno == EINTR) continue; warn("write error"); return 1; }
        off += w;
      }
      continue;
    }
    for (ssize_t i = 0; i < n; i++) {
      if (at_start) { printf("%6d\t", line++); at_start = 0; }
      putchar(buf[i]);
      if (buf[i] == '\n') at_start = 1;
    }
  }
  return 0;
}
int main(int argc, char **argv) {
  int i = 1, st = 0;
  for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
    if (!strcmp(argv[i], "--")) { i++; break; }
    for (char *p = argv[i] + 1; *p; p++) {
      if (*p == 'n') number = 1;
      else if (*p != 'u') { fprintf(stderr, "cat: invalid option -- '%c'\n", *p); return 1; }
    }
  }
  if (i >= argc) return cat_fd(0, "-");
  for (; i < argc; i++) {
    if (!strcmp(argv[i], "-")) { st |= cat_fd(0, "-"); continue; }
    int fd = open(argv[i], O_RDONLY);
    if (fd < 0) { warn("%s", argv[i]); st = 1; continue; }
    fflush(stdout);
    st |= cat_fd(fd, argv[i]);
    close(fd);
  }
  return st;
}
