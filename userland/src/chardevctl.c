/* chardevctl: exercises modules/chardev.ko.ts through /dev/chardev:
 * read, write, ioctl (GET_LEN 0x4301, CLEAR 0x4302, OPENS 0x4303).
 *   chardevctl [-d DEV] read | write TEXT | len | clear | opens | map (mmap) */
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
int main(int argc, char **argv) {
  const char *dev = "/dev/chardev";
  int i = 1;
  if (argc > 2 && !strcmp(argv[1], "-d")) { dev = argv[2]; i = 3; }
  if (i >= argc) { fprintf(stderr, "Usage: chardevctl [-d DEV] read|write TEXT|len|clear|opens|map\n"); return 2; }
  const char *op = argv[i];
  int fd = open(dev, !strcmp(op, "write") ? O_WRONLY : O_RDONLY);
  if (fd < 0) { fprintf(stderr, "chardevctl: %s: %s\n", dev, strerror(errno)); return 1; }
  if (!strcmp(op, "read")) {
    char buf[512];
    ssize_t n;
    while ((n = read(fd, buf, sizeof buf)) > 0) fwrite(buf, 1, (size_t)n, stdout);
    if (n < 0) { fprintf(stderr, "chardevctl: read: %s\n", strerror(errno)); return 1; }
  } else if (!strcmp(op, "write") && i + 1 < argc) {
    ssize_t n = write(fd, argv[i + 1], strlen(argv[i + 1]));
    if (n < 0) { fprintf(stderr, "chardevctl: write: %s\n", strerror(errno)); return 1; }
    printf("wrote %ld\n", (long)n);
  } else if (!strcmp(op, "len")) {
    unsigned int len = 0;
    if (ioctl(fd, 0x4301, &len) < 0) { fprintf(stderr, "chardevctl: ioctl: %s\n", strerror(errno)); return 1; }
    printf("len %u\n", len);
  } else if (!strcmp(op, "clear")) {
    if (ioctl(fd, 0x4302, 0) < 0) { fprintf(stderr, "chardevctl: ioctl: %s\n", strerror(errno)); return 1; }
  } else if (!strcmp(op, "opens")) {
    int r = ioctl(fd, 0x4303, 0);
    if (r < 0) { fprintf(stderr, "chardevctl: ioctl: %s\n", strerror(errno)); return 1; }
    printf("opens %d\n", r);
  } else if (!strcmp(op, "map")) {
    char *p = mmap(0, 4096, PROT_READ, MAP_PRIVATE, fd, 0);
    if (p == MAP_FAILED) { fprintf(stderr, "chardevctl: mmap: %s\n", strerror(errno)); return 1; }
    printf("mapped: %s", p);
    munmap(p, 4096);
  } else if (!strcmp(op, "bad")) {
    if (ioctl(fd, 0x4399, 0) < 0) { printf("ioctl: %s\n", strerror(errno)); return 1; }
  } else { fprintf(stderr, "chardevctl: unknown operation %s\n", op); return 2; }
  close(fd);
  return 0;
}
