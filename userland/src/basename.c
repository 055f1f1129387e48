/* basename: strip directory and optional suffix. */
#include <stdio.h>
#include <string.h>
#include <libgen.h>
int main(int argc, char **argv) {
  if (argc < 2) { fprintf(stderr, "basename: missing operand\n"); return 1; }
  char *b = basename(argv[1]);
  if (argc > 2) {
    size_t l = strlen(b), s = strlen(argv[2]);
    if (s < l && !strcmp(b + l - s, argv[2])) b[l - s] = 0;
  }
  puts(b);
  return 0;
}
