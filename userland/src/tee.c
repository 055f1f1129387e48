/* tee: copy standard input to files and standard output (-a append). */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include <errno.h>
#include <err.h>
int main(int argc, char **argv) {
  int app = 0, i = 1, st = 0, fds[64], n = 0;
  for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
    if (!strcmp(argv[i], "-a")) app = 1;
    else if (!strcmp(argv[i], "-i")) {}
    else { fprintf(stderr, "tee: invalid option -- '%s'\n", argv[i] + 1); return 1; }
  }
  fds[n++] = 1;
  for (; i < argc && n < 64; i++) {
    int fd = open(argv[i], O_WRONLY | O_CREAT | (app ? O_APPEND : O_TRUNC), 0666);
    if (fd < 0) { warn("%s", argv[i]); st = 1; continue; }
    fds[n++] = fd;
  }
  char buf[8192];
  ssize_t r;
  while ((r = read(0, buf, sizeof buf)) != 0) {
    if (r < 0) { if (errno == EINTR) continue; warn("read error"); return 1; }
    for (int k = 0; k < n; k++) if (fds[k] >= 0 && write(fds[k], buf, (size_t)r) != r) { st = 1; fds[k] = -1; }
  }
  return st;
}
