/* hostname: print or set the system's host name. */
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>
int main(int argc, char **argv) {
  if (argc > 1) {
    if (sethostname(argv[1], strlen(argv[1])) < 0) { fprintf(stderr, "hostname: you must be root to change the host name\n"); return 1; }
    return 0;
  }
  char b[256];
  if (gethostname(b, sizeof b) < 0) { perror("hostname"); return 1; }
  puts(b);
  return 0;
}
