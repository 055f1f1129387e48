/* uniq: report or omit repeated lines (-c -d -u -i). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
int main(int argc, char **argv) {
  int c = 0, d = 0, u = 0, ic = 0, i = 1;
  for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++)
    for (char *p = argv[i] + 1; *p; p++) {
      if (*p == 'c') c = 1; else if (*p == 'd') d = 1; else if (*p == 'u') u = 1; else if (*p == 'i') ic = 1;
      else { fprintf(stderr, "uniq: invalid option -- '%c'\n", *p); return 1; }
    }
  FILE *in = stdin, *out = stdout;
  if (i < argc && strcmp(argv[i], "-") && !(in = fopen(argv[i], "r"))) { fprintf(stderr, "uniq: %s: %s\n", argv[i], strerror(errno)); return 1; }
  if (i + 1 < argc && !(out = fopen(argv[i + 1], "w"))) { fprintf(stderr, "uniq: %s: %s\n", argv[i + 1], strerror(errno)); return 1; }
  char *prev = 0, *line = 0;
  size_t pc = 0, lc = 0;
  long count = 0;
  ssize_t n;
  for (;;) {
    n = getline(&line, &lc, in);
    if (n > 0 && line[n - 1] == '\n') line[n - 1] = 0;
    int same = n >= 0 && prev && (ic ? !strcasecmp(prev, line) : !strcmp(prev, line));
    if (same) { count++; continue; }
    if (prev && ((!d && !u) || (d && count > 1) || (u && count == 1))) {
      if (c) fprintf(out, "%7ld %s\n", count, prev);
      else fprintf(out, "%s\n", prev);
    }
    if (n < 0) break;
    char *t = prev; prev = line; line = t;
    size_t tc = pc; pc = lc; lc = tc;
    count = 1;
  }
  return 0;
}
