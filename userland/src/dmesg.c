/* dmesg: print the kernel ring buffer (syslog(2) READ_ALL; -c clears after reading). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <sys/klog.h>
int main(int argc, char **argv) {
  int clear = argc > 1 && !strcmp(argv[1], "-c");
  int n = klogctl(10, 0, 0);
  if (n < 16384) n = 16384;
  char *buf = malloc((size_t)n + 1);
  int r = klogctl(clear ? 4 : 3, buf, n);
  if (r < 0) { fprintf(stderr, "dmesg: read kernel buffer failed: %s\n", strerror(errno)); return 1; }
  /* Strip the "<N>" priority prefixes as util-linux does. */
  for (int i = 0; i < r;) {
    if (buf[i] == '<') { int j = i + 1; while (j < r && buf[j] >= '0' && buf[j] <= '9') j++; if (j < r && buf[j] == '>') i = j + 1; }
    int e = i;
    while (e < r && buf[e] != '\n') e++;
    fwrite(buf + i, 1, (size_t)(e - i), stdout);
    putchar('\n');
    i = e + 1;
  }
  return 0;
}
