/* tty: print the terminal connected to standard input (from /proc/self/fd/0). */
#include <stdio.h>
#include <unistd.h>
int main(void) {
  if (!isatty(0)) { puts("not a tty"); return 1; }
  char b[256];
  ssize_t n = readlink("/proc/self/fd/0", b, sizeof b - 1);
  if (n < 0) { puts("/dev/console"); return 0; }
  b[n] = 0;
  puts(b);
  return 0;
}
