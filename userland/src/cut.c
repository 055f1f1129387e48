/* cut: select parts of lines (-f LIST with -d DELIM and -s, -c LIST, -b LIST). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
static char sel[4097];
static int maxsel, open_end;
static int parse_list(const char *s) {
  while (*s) {
    long a = 1, b;
    char *e;
    if (*s != '-') { a = strtol(s, &e, 10); if (e == s || a < 1) return -1; s = e; }
    if (*s == '-') {
      s++;
      if (!*s || *s == ',') { b = 4096; if (a < open_end || !open_end) open_end = (int)a; }
      else { b = strtol(s, &e, 10); if (e == s) return -1; s = e; }
    } else b = a;
    for (long k = a; k <= b && k <= 4096; k++) sel[k] = 1;
    if (b > maxsel && b <= 4096) maxsel = (int)b;
    if (*s == ',') s++;
    else if (*s) return -1;
  }
  return 0;
}
static int is_sel(long k) { return k <= 4096 ? sel[k] : open_end && k >= open_end; }
int main(int argc, char **argv) {
  char mode = 0, delim = '\t';
  int sflag = 0, i = 1, st = 0;
  for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
    char o = argv[i][1];
    if (o == 's') { sflag = 1; continue; }
    const char *v = argv[i][2] ? argv[i] + 2 : (i + 1 < argc ? argv[++i] : 0);
    if (!v) { fprintf(stderr, "cut: option requires an argument -- '%c'\n", o); return 1; }
    if (o == 'd') delim = v[0];
    else if (o == 'f' || o == 'c' || o == 'b') { mode = o; if (parse_list(v) < 0) { fprintf(stderr, "cut: invalid field value\n"); return 1; } }
    else { fprintf(stderr, "cut: invalid option -- '%c'\n", o); return 1; }
  }
  if (!mode) { fprintf(stderr, "cut: you must specify a list of bytes, characters, or fields\n"); return 1; }
  int nf = argc - i;
  for (int k = 0; k < (nf ? nf : 1); k++) {
    FILE *f = nf && strcmp(argv[i + k], "-") ? fopen(argv[i + k], "r") : stdin;
    if (!f) { fprintf(stderr, "cut: %s: %s\n", argv[i + k], strerror(errno)); st = 1; continue; }
    char *line = 0;
    size_t cap = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, f)) >= 0) {
      if (n && line[n - 1] == '\n') line[--n] = 0;
      if (mode != 'f') {
        for (ssize_t j = 0; j < n; j++) if (is_sel(j + 1)) putchar(line[j]);
        putchar('\n');
        continue;
      }
      if (!strchr(line, delim)) { if (!sflag) puts(line); continue; }
      long fno = 1;
      int first = 1;
      char *p = line;
      for (;;) {
        char *e = strchr(p, delim);
        if (is_sel(fno)) {
          if (!first) putchar(delim);
          fwrite(p, 1, e ? (size_t)(e - p) : strlen(p), stdout);
          first = 0;
        }
        if (!e) break;
        p = e + 1;
        fno++;
      }
      putchar('\n');
    }
    free(line);
    if (f != stdin) fclose(f);
  }
  return st;
}
