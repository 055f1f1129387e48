/* The scanf family: %d %i %u %o %x %c %s %[ %f/%e/%g %n %p, widths, * and the h/l/ll/z sizes. */
#include "stdio_impl.h"
#include <stdarg.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

struct in { FILE *f; const char *s; int count; };
static int get(struct in *in) {
  int c;
  if (in->f) c = fgetc(in->f);
  else c = *in->s ? (unsigned char)*in->s++ : EOF;
  if (c != EOF) in->count++;
  return c;
}
static void unget(struct in *in, int c) {
  if (c == EOF) return;
  in->count--;
  if (in->f) ungetc(c, in->f);
  else in->s--;
}
static void store_int(void *p, int lng, unsigned long long v) {
  if (lng >= 1) *(long *)p = (long)v;
  else if (lng == -1) *(short *)p = (short)v;
  else if (lng <= -2) *(char *)p = (char)v;
  else *(int *)p = (int)v;
}
static int vscan(struct in *in, const char *f, va_list ap) {
  int assigned = 0;
  while (*f) {
    if (isspace((unsigned char)*f)) {
      int c;
      while (isspace(c = get(in))) {}
      unget(in, c);
      f++;
      continue;
    }
    if (*f != '%' || f[1] == '%') {
      if (*f == '%') f++;
      int c = get(in);
      if (c != (unsigned char)*f) { unget(in, c); return c == EOF && !assigned ? EOF : assigned; }
      f++;
      continue;
    }
    f++;
    int skip = 0, width = 0, lng = 0;
    if (*f == '*') { skip = 1; f++; }
    while (isdigit((unsigned char)*f)) width = width * 10 + (*f++ - '0');
    for (;; f++) {
      if (*f == 'h') lng--;
      else if (*f == 'l' || *f == 'z' || *f == 'j' || *f == 't') lng++;
      else if (*f == 'L') lng = 2;
      else break;
    }
    char conv = *f++;
    if (conv == 'n') { if (!skip) store_int(va_arg(ap, int *), 0, (unsigned long long)in->count); continue; }
    int c;
    if (conv != 'c' && conv != '[') {
      while (isspace(c = get(in))) {}
      unget(in, c);
    }
    if (!width) width = conv == 'c' ? 1 : 1 << 30;
    char buf[512];
    int n = 0;
    switch (conv) {
    case 'c': {
      char *d = skip ? 0 : va_arg(ap, char *);
      for (; n < width && (c = get(in)) != EOF; n++) if (d) d[n] = (char)c;
      if (!n) return assigned ? assigned : EOF;
      if (d) assigned++;
      break;
    }
    case 's': case '[': {
      char set[256] = {0};
      int inv = 0;
      if (conv == '[') {
        if (*f == '^') { inv = 1; f++; }
        if (*f == ']') { set[']'] = 1; f++; }
        for (; *f && *f != ']'; f++) {
          if (f[1] == '-' && f[2] && f[2] != ']') { for (int k = (unsigned char)f[0]; k <= (unsigned char)f[2]; k++) set[k] = 1; f += 2; }
          else set[(unsigned char)*f] = 1;
        }
        if (*f) f++;
      }
      char *d = skip ? 0 : va_arg(ap, char *);
      while (n < width && (c = get(in)) != EOF) {
        int ok = conv == 's' ? !isspace(c) : (set[c] != inv);
        if (!ok) { unget(in, c); break; }
        if (d) d[n] = (char)c;
        n++;
      }
      if (!n) return assigned ? assigned : (c == EOF ? EOF : assigned);
      if (d) { d[n] = 0; assigned++; }
      break;
    }
    case 'd': case 'i': case 'u': case 'o': case 'x': case 'X': case 'p': {
      int base = conv == 'd' || conv == 'u' ? 10 : conv == 'o' ? 8 : conv == 'i' ? 0 : 16;
      while (n < width && n < (int)sizeof buf - 1 && (c = get(in)) != EOF) {
        int ok = isxdigit(c) || ((c == '-' || c == '+') && n == 0) || ((c | 32) == 'x' && n > 0 && buf[n - 1] == '0');
        if (!ok) { unget(in, c); break; }
        buf[n++] = (char)c;
      }
      buf[n] = 0;
      char *e;
      unsigned long long v = strtoull(buf, &e, base);
      if (e == buf) return assigned ? assigned : (c == EOF ? EOF : 0);
      for (char *t = buf + n; t > e;) unget(in, (unsigned char)*--t);
      if (!skip) {
        if (conv == 'p') *va_arg(ap, void **) = (void *)v;
        else store_int(va_arg(ap, void *), lng, v);
        assigned++;
      }
      break;
    }
    case 'f': case 'e': case 'g': case 'E': case 'G': case 'a': {
      while (n < width && n < (int)sizeof buf - 1 && (c = get(in)) != EOF) {
        int ok = isalnum(c) || c == '.' || c == '-' || c == '+';
        if (!ok) { unget(in, c); break; }
        buf[n++] = (char)c;
      }
      buf[n] = 0;
      char *e;
      double v = strtod(buf, &e);
      if (e == buf) return assigned ? assigned : (c == EOF ? EOF : 0);
      for (char *t = buf + n; t > e;) unget(in, (unsigned char)*--t);
      if (!skip) {
        if (lng >= 1) *va_arg(ap, double *) = v;
        else *va_arg(ap, float *) = (float)v;
        assigned++;
      }
      break;
    }
    default: return assigned;
    }
  }
  return assigned;
}
int vfscanf(FILE *f, const char *fmt, va_list ap) { struct in in = {f, 0, 0}; return vscan(&in, fmt, ap); }
int vsscanf(const char *s, const char *fmt, va_list ap) { struct in in = {0, s, 0}; return vscan(&in, fmt, ap); }
int fscanf(FILE *f, const char *fmt, ...) { va_list ap; va_start(ap, fmt); int r = vfscanf(f, fmt, ap); va_end(ap); return r; }
int scanf(const char *fmt, ...) { va_list ap; va_start(ap, fmt); int r = vfscanf(stdin, fmt, ap); va_end(ap); return r; }
int sscanf(const char *s, const char *fmt, ...) { va_list ap; va_start(ap, fmt); int r = vsscanf(s, fmt, ap); va_end(ap); return r; }
