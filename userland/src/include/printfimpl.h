/* printf(1) formatting, shared by the shell builtin and the printf program.
 * Header-only; the includer defines PF_ERR(fmt, ...). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>
#include <errno.h>

static int pf_status;
/* Writes the escape at *pp (after the backslash); returns 1 if \c (stop output). */
static int pf_escape(const char **pp, int in_b) {
  const char *p = *pp;
  int c = *p++;
  switch (c) {
  case 'a': putchar('\a'); break;
  case 'b': putchar('\b'); break;
  case 'f': putchar('\f'); break;
  case 'n': putchar('\n'); break;
  case 'r': putchar('\r'); break;
  case 't': putchar('\t'); break;
  case 'v': putchar('\v'); break;
  case '\\': putchar('\\'); break;
  case 'c': if (in_b) { *pp = p; return 1; } putchar('\\'); putchar('c'); break;
  case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
    int v = 0, n = 0, max = in_b && c == '0' ? 4 : 3;
    p--;
    if (in_b && c == '0') { p++; max = 3; }
    while (n < max && *p >= '0' && *p <= '7') { v = v * 8 + (*p++ - '0'); n++; }
    putchar(v);
    break;
  }
  case 0: putchar('\\'); p--; break;
  default: putchar('\\'); putchar(c); break;
  }
  *pp = p;
  return 0;
}
static long pf_num(const char *s) {
  if (*s == '\'' || *s == '"') return (unsigned char)s[1];
  char *e;
  errno = 0;
  long v = strtol(s, &e, 0);
  if (e == s || *e || errno) {
    if (e == s || *e) PF_ERR("%s: %s", s, e == s ? "invalid number" : "invalid number");
    pf_status = 1;
    if (e == s) return 0;
  }
  return v;
}
static unsigned long pf_unum(const char *s) {
  if (*s == '\'' || *s == '"') return (unsigned char)s[1];
  if (*s == '-') return (unsigned long)pf_num(s);
  char *e;
  unsigned long v = strtoul(s, &e, 0);
  if (e == s || *e) { PF_ERR("%s: invalid number", s); pf_status = 1; }
  return v;
}
static double pf_dnum(const char *s) {
  if (*s == '\'' || *s == '"') return (unsigned char)s[1];
  char *e;
  double v = strtod(s, &e);
  if (e == s || *e) { PF_ERR("%s: invalid number", s); pf_status = 1; }
  return v;
}
/* printf FORMAT [ARG]...: returns the exit status. */
static int printf_main(int argc, char **argv) {
  if (argc < 1) { PF_ERR("usage: printf format [arg ...]"); return 2; }
  const char *fmt = argv[0];
  int ai = 1;
  pf_status = 0;
  do {
    int used = 0;
    for (const char *p = fmt; *p;) {
      if (*p == '\\') { p++; if (pf_escape(&p, 0)) return pf_status; continue; }
      if (*p != '%') { putchar(*p++); continue; }
      if (p[1] == '%') { putchar('%'); p += 2; continue; }
      char spec[64];
      size_t sl = 0;
      spec[sl++] = *p++;
      while (*p && strchr("-+ #0", *p) && sl < 40) spec[sl++] = *p++;
      int star_w = 0, star_p = 0, w = 0, pr = 0;
      if (*p == '*') { star_w = 1; p++; w = ai < argc ? (int)pf_num(argv[ai++]) : 0; used = 1; }
      else while (isdigit((unsigned char)*p) && sl < 50) spec[sl++] = *p++;
      if (*p == '.') {
        spec[sl++] = *p++;
        if (*p == '*') { star_p = 1; p++; pr = ai < argc ? (int)pf_num(argv[ai++]) : 0; used = 1; }
        else while (isdigit((unsigned char)*p) && sl < 58) spec[sl++] = *p++;
      }
      while (*p == 'l' || *p == 'h' || *p == 'z' || *p == 'j' || *p == 'L' || *p == 't') p++;
      char conv = *p;
      if (!conv) { PF_ERR("%s: missing format character", fmt); return 1; }
      p++;
      if (star_w) spec[sl++] = '*';
      if (star_p) { spec[sl++] = '*'; }
      const char *arg = ai < argc ? argv[ai] : 0;
      if (arg) { ai++; used = 1; }
      char out[32];
      switch (conv) {
      case 'd': case 'i':
        spec[sl++] = 'l'; spec[sl++] = 'd'; spec[sl] = 0;
        if (star_w && star_p) printf(spec, w, pr, arg ? pf_num(arg) : 0L);
        else if (star_w) printf(spec, w, arg ? pf_num(arg) : 0L);
        else if (star_p) printf(spec, pr, arg ? pf_num(arg) : 0L);
        else printf(spec, arg ? pf_num(arg) : 0L);
        break;
      case 'o': case 'u': case 'x': case 'X':
        spec[sl++] = 'l'; spec[sl++] = conv; spec[sl] = 0;
        if (star_w && star_p) printf(spec, w, pr, arg ? pf_unum(arg) : 0UL);
        else if (star_w) printf(spec, w, arg ? pf_unum(arg) : 0UL);
        else if (star_p) printf(spec, pr, arg ? pf_unum(arg) : 0UL);
        else printf(spec, arg ? pf_unum(arg) : 0UL);
        break;
      case 'f': case 'F': case 'e': case 'E': case 'g': case 'G':
        spec[sl++] = conv; spec[sl] = 0;
        if (star_w && star_p) printf(spec, w, pr, arg ? pf_dnum(arg) : 0.0);
        else if (star_w) printf(spec, w, arg ? pf_dnum(arg) : 0.0);
        else if (star_p) printf(spec, pr, arg ? pf_dnum(arg) : 0.0);
        else printf(spec, arg ? pf_dnum(arg) : 0.0);
        break;
      case 'c': case 's':
        spec[sl++] = 's'; spec[sl] = 0;
        if (conv == 'c') { out[0] = arg ? arg[0] : 0; out[1] = 0; arg = out; }
        if (!arg) arg = "";
        if (star_w && star_p) printf(spec, w, pr, arg);
        else if (star_w) printf(spec, w, arg);
        else if (star_p) printf(spec, pr, arg);
        else printf(spec, arg);
        break;
      case 'b': {
        const char *s = arg ? arg : "";
        while (*s) {
          if (*s == '\\') { s++; if (pf_escape(&s, 1)) return pf_status; }
          else putchar(*s++);
        }
        break;
      }
      default: PF_ERR("%%%c: invalid directive", conv); return 1;
      }
    }
    if (!used) break;
  } while (ai < argc);
  return pf_status;
}
