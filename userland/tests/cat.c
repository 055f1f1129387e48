/* cat FILE: copies a file to stdout; with -w FILE TEXT writes TEXT to FILE. Exit 1 and errno text on failure. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
int main(int argc, char **argv) {
  if (argc == 4 && strcmp(argv[1], "-w") == 0) {
    int fd = open(argv[2], O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) { printf("open: %s\n", strerror(errno)); return 1; }
    write(fd, argv[3], strlen(argv[3]));
    close(fd);
    return 0;
  }
  int fd = open(argv[1], O_RDONLY);
  if (fd < 0) { printf("open: %s\n", strerror(errno)); return 1; }
  char buf[4096];
  ssize_t n;
  while ((n = read(fd, buf, sizeof buf)) > 0) write(1, buf, n);
  close(fd);
  return 0;
}
