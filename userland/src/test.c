/* test / [: evaluate a conditional expression. */
#include <stdio.h>
#include <string.h>
#define TEST_ERR(...) (fprintf(stderr, "test: "), fprintf(stderr, __VA_ARGS__), fputc('\n', stderr))
#include "include/testexpr.h"
int main(int argc, char **argv) {
  const char *b = strrchr(argv[0], '/');
  b = b ? b + 1 : argv[0];
  if (!strcmp(b, "[")) {
    if (argc < 2 || strcmp(argv[argc - 1], "]")) { TEST_ERR("missing ']'"); return 2; }
    argc--;
  }
  return test_eval(argc - 1, argv + 1);
}
