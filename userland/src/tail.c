/* tail: output the last part of files (-n N, -n +N, -c N, -f follow). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>
int main(int argc, char **argv) {
  long n = 10;
  int bytes = 0, from = 0, follow = 0, i = 1, st = 0;
  for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
    const char *v = 0;
    if ((!strcmp(argv[i], "-n") || !strcmp(argv[i], "-c")) && i + 1 < argc) { bytes = argv[i][1] == 'c'; v = argv[++i]; }
    else if (!strncmp(argv[i], "-n", 2) || !strncmp(argv[i], "-c", 2)) { bytes = argv[i][1] == 'c'; v = argv[i] + 2; }
    else if (!strcmp(argv[i], "-f")) { follow = 1; continue; }
    else if (argv[i][1] >= '0' && argv[i][1] <= '9') v = argv[i] + 1;
    else { fprintf(stderr, "tail: invalid option -- '%c'\n", argv[i][1]); return 1; }
    if (*v == '+') { from = 1; v++; }
    n = strtol(v, 0, 10);
  }
  int nfiles = argc - i;
  for (int k = 0; k < (nfiles ? nfiles : 1); k++) {
    const char *name = nfiles ? argv[i + k] : "-";
    FILE *f = strcmp(name, "-") ? fopen(name, "r") : stdin;
    if (!f) { fprintf(stderr, "tail: cannot open '%s' for reading: %s\n", name, strerror(errno)); st = 1; continue; }
    if (nfiles > 1) printf("%s==> %s <==\n", k ? "\n" : "", name);
    size_t len = 0, cap = 65536;
    char *buf = malloc(cap);
    size_t r;
    while ((r = fread(buf + len, 1, cap - len, f)) > 0) { len += r; if (len == cap) { cap *= 2; buf = realloc(buf, cap); } }
    size_t start;
    if (bytes) start = from ? (n > 0 ? (size_t)n - 1 : 0) : (len > (size_t)n ? len - (size_t)n : 0);
    else if (from) {
      long line = 1;
      start = 0;
      while (start < len && line < n) { if (buf[start] == '\n') line++; start++; }
    } else {
      start = len;
      long cnt = 0;
      if (start > 0 && buf[start - 1] == '\n') start--;
      while (start > 0) { if (buf[start - 1] == '\n' && ++cnt == n) break; start--; }
      if (n == 0) start = len;
    }
    if (start > len) start = len;
    fwrite(buf + start, 1, len - start, stdout);
    free(buf);
    if (follow && k == (nfiles ? nfiles : 1) - 1) {
      fflush(stdout);
      char b[4096];
      for (;;) {
        ssize_t m = read(fileno(f), b, sizeof b);
        if (m > 0) { fwrite(b, 1, (size_t)m, stdout); fflush(stdout); }
        else sleep(1);
      }
    }
    if (f != stdin) fclose(f);
  }
  return st;
}
