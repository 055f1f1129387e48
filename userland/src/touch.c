/* touch: update timestamps, creating files (-c no create, -a/-m, -d/-t not supported). */
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/stat.h>
int main(int argc, char **argv) {
  int c = 0, i = 1, st = 0;
  for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
    for (char *p = argv[i] + 1; *p; p++) {
      if (*p == 'c') c = 1;
      else if (*p == 'a' || *p == 'm') {}
      else { fprintf(stderr, "touch: invalid option -- '%c'\n", *p); return 1; }
    }
  }
  if (i >= argc) { fprintf(stderr, "touch: missing file operand\n"); return 1; }
  for (; i < argc; i++) {
    if (utimensat(AT_FDCWD, argv[i], 0, 0) == 0) continue;
    if (errno != ENOENT || c) { if (!c) { fprintf(stderr, "touch: cannot touch '%s': %s\n", argv[i], strerror(errno)); st = 1; } continue; }
    int fd = open(argv[i], O_WRONLY | O_CREAT, 0666);
    if (fd < 0) { fprintf(stderr, "touch: cannot touch '%s': %s\n", argv[i], strerror(errno)); st = 1; continue; }
    close(fd);
  }
  return st;
}
