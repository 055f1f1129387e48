/* modcall: calls syscall NR with integer arguments (and, with -s, a 64-byte
 * buffer as the third argument, printed afterwards) and prints the result:
 *   modcall [-s] NR [ARG...]  — for syscalls added by modules (modules/newsyscall.ko.ts). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>
int main(int argc, char **argv) {
  int i = 1, withbuf = 0;
  if (i < argc && !strcmp(argv[i], "-s")) { withbuf = 1; i++; }
  if (i >= argc) { fprintf(stderr, "Usage: modcall [-s] NR [ARG...]\n"); return 2; }
  long nr = strtol(argv[i++], 0, 0), a[6] = {0};
  char buf[64] = "";
  int n = 0;
  for (; i < argc && n < 6; i++) a[n++] = strtol(argv[i], 0, 0);
  if (withbuf) { a[2] = (long)buf; a[3] = sizeof buf; }
  long r = syscall(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
  if (r < 0) { printf("syscall %ld: %s\n", nr, strerror(errno)); return 1; }
  printf("%ld\n", r);
  if (withbuf) printf("%s\n", buf);
  return 0;
}
