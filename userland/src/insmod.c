/* insmod: load a kernel module from a file (finit_module, with "name=value" parameters). */
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/syscall.h>
int main(int argc, char **argv) {
  if (argc < 2) { fprintf(stderr, "Usage: insmod FILE [PARAMETERS...]\n"); return 1; }
  char params[4096] = "";
  for (int i = 2; i < argc; i++) {
    if (i > 2) strncat(params, " ", sizeof params - strlen(params) - 1);
    strncat(params, argv[i], sizeof params - strlen(params) - 1);
  }
  int fd = open(argv[1], O_RDONLY | O_CLOEXEC);
  if (fd < 0) { fprintf(stderr, "insmod: ERROR: could not load module %s: %s\n", argv[1], strerror(errno)); return 1; }
  if (syscall(SYS_finit_module, fd, params, 0) < 0) {
    fprintf(stderr, "insmod: ERROR: could not insert module %s: %s\n", argv[1], errno == EEXIST ? "File exists" : strerror(errno));
    return 1;
  }
  return 0;
}
