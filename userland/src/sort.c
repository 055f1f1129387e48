/* sort: sort lines (-r -n -u -f -b -k F[,F] -t C -o FILE -s). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>
#include <errno.h>

static int rflag, nflag, uflag, fflag, bflag, kstart, kend;
static char tsep;
static char **lines;
static size_t nlines, cap;

static void add(char *l) {
  if (nlines == cap) { cap = cap ? cap * 2 : 1024; lines = realloc(lines, cap * sizeof *lines); }
  lines[nlines++] = l;
}
/* Locates field f (1-based) of s; returns start, sets *end. */
static const char *field(const char *s, int f, const char **end) {
  const char *p = s;
  for (int i = 1; i < f && *p; i++) {
    if (tsep) { p = strchr(p, tsep); if (!p) { p = s + strlen(s); break; } p++; }
    else { while (*p && isblank((unsigned char)*p)) p++; while (*p && !isblank((unsigned char)*p)) p++; }
  }
  const char *e = p;
  if (tsep) { e = strchr(p, tsep); if (!e) e = p + strlen(p); }
  else { while (*e && isblank((unsigned char)*e)) e++; while (*e && !isblank((unsigned char)*e)) e++; }
  *end = e;
  return p;
}
static void key(const char *s, const char **ks, const char **ke) {
  if (!kstart) { *ks = s; *ke = s + strlen(s); return; }
  const char *e;
  *ks = field(s, kstart, &e);
  if (kend) { field(s, kend, ke); } else *ke = s + strlen(s);
  if (*ke < *ks) *ke = *ks;
}
static int cmp_keys(const char *a, const char *b) {
  const char *as, *ae, *bs, *be;
  key(a, &as, &ae);
  key(b, &bs, &be);
  if (bflag || nflag) { while (as < ae && isblank((unsigned char)*as)) as++; while (bs < be && isblank((unsigned char)*bs)) bs++; }
  if (nflag) {
    char *x, *y;
    double u = strtod(as, &x), v = strtod(bs, &y);
    if (x == as) u = 0;
    if (y == bs) v = 0;
    if (u != v) return u < v ? -1 : 1;
    return 0;
  }
  while (as < ae && bs < be) {
    int c = fflag ? toupper((unsigned char)*as) - toupper((unsigned char)*bs) : (unsigned char)*as - (unsigned char)*bs;
    if (c) return c;
    as++;
    bs++;
  }
  return (as < ae) - (bs < be);
}
static int cmp(const void *x, const void *y) {
  const char *a = *(char *const *)x, *b = *(char *const *)y;
  int c = cmp_keys(a, b);
  if (!c && !uflag) c = strcmp(a, b);
  return rflag ? -c : c;
}
static void read_file(FILE *f) {
  char *l = 0;
  size_t c = 0;
  ssize_t n;
  while ((n = getline(&l, &c, f)) >= 0) {
    if (n && l[n - 1] == '\n') l[n - 1] = 0;
    add(l);
    l = 0;
    c = 0;
  }
  free(l);
}
int main(int argc, char **argv) {
  int i = 1, st = 0;
  const char *outfile = 0;
  for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
    if (!strcmp(argv[i], "--")) { i++; break; }
    for (char *p = argv[i] + 1; *p; p++) {
      switch (*p) {
      case 'r': rflag = 1; break;
      case 'n': nflag = 1; break;
      case 'u': uflag = 1; break;
      case 'f': fflag = 1; break;
      case 'b': bflag = 1; break;
      case 's': break;
      case 'k': case 't': case 'o': {
        const char *v = p[1] ? p + 1 : (i + 1 < argc ? argv[++i] : 0);
        if (!v) { fprintf(stderr, "sort: option requires an argument -- '%c'\n", *p); return 2; }
        if (*p == 'k') { kstart = atoi(v); const char *c = strchr(v, ','); kend = c ? atoi(c + 1) : 0; }
        else if (*p == 't') tsep = v[0];
        else outfile = v;
        goto next;
      }
      default: fprintf(stderr, "sort: invalid option -- '%c'\n", *p); return 2;
      }
    }
  next:;
  }
  if (i >= argc) read_file(stdin);
  for (; i < argc; i++) {
    FILE *f = strcmp(argv[i], "-") ? fopen(argv[i], "r") : stdin;
    if (!f) { fprintf(stderr, "sort: cannot read: %s: %s\n", argv[i], strerror(errno)); return 2; }
    read_file(f);
    if (f != stdin) fclose(f);
  }
  /* Equal keys fall back to comparing whole lines (GNU sort without -s). */
  qsort(lines, nlines, sizeof *lines, cmp);
  FILE *out = stdout;
  if (outfile && !(out = fopen(outfile, "w"))) { fprintf(stderr, "sort: open failed: %s: %s\n", outfile, strerror(errno)); return 2; }
  for (size_t k = 0; k < nlines; k++) {
    if (uflag && k && !cmp_keys(lines[k - 1], lines[k])) continue;
    fputs(lines[k], out);
    fputc('\n', out);
  }
  return st;
}
