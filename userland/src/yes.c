/* yes: print a line (default "y") forever. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
int main(int argc, char **argv) {
  char line[4096];
  size_t n = 0;
  if (argc < 2) { line[0] = 'y'; n = 1; }
  for (int i = 1; i < argc && n < sizeof line - 2; i++) {
    size_t l = strlen(argv[i]);
    if (n + l + 2 > sizeof line) l = sizeof line - n - 2;
    if (i > 1) line[n++] = ' ';
    memcpy(line + n, argv[i], l);
    n += l;
  }
  line[n++] = '\n';
  char buf[8192];
  size_t k = 0;
  while (k + n <= sizeof buf) { memcpy(buf + k, line, n); k += n; }
  for (;;) if (write(1, buf, k) < 0) return 1;
}
