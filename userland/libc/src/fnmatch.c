/* fnmatch: shell wildcard matching (* ? [...] with ! or ^ negation, backslash escapes). */
#include <fnmatch.h>
#include <string.h>
#include <ctype.h>

static const char *bracket(const char *p, int c, int *ok) {
  int neg = 0, match = 0, first = 1;
  if (*p == '!' || *p == '^') { neg = 1; p++; }
  for (;; first = 0) {
    if (!*p) return 0;
    if (*p == ']' && !first) break;
    if (p[0] == '[' && p[1] == ':') {
      const char *e = strstr(p + 2, ":]");
      if (!e) return 0;
      size_t l = (size_t)(e - p - 2);
#define K(n, f) if (l == sizeof n - 1 && !strncmp(p + 2, n, l) && f(c)) match = 1;
      K("alpha", isalpha) K("digit", isdigit) K("alnum", isalnum) K("upper", isupper) K("lower", islower)
      K("space", isspace) K("punct", ispunct) K("xdigit", isxdigit) K("blank", isblank) K("print", isprint)
#undef K
      p = e + 2;
      continue;
    }
    int lo = (unsigned char)*p;
    if (*p == '\\' && p[1]) lo = (unsigned char)*++p;
    p++;
    if (p[0] == '-' && p[1] && p[1] != ']') {
      int hi = (unsigned char)p[1];
      if (hi == '\\' && p[2]) hi = (unsigned char)p[2], p++;
      p += 2;
      if (c >= lo && c <= hi) match = 1;
    } else if (c == lo) match = 1;
  }
  *ok = match != neg;
  return p + 1;
}
int fnmatch(const char *p, const char *s, int flags) {
  const char *star_p = 0, *star_s = 0;
  const char *s0 = s;
  for (;;) {
    int leading = *s == '.' && (flags & FNM_PERIOD) && (s == s0 || ((flags & FNM_PATHNAME) && s[-1] == '/'));
    if (*p == '*' && !leading) {
      while (*p == '*') p++;
      star_p = p;
      star_s = s;
      continue;
    }
    if (!*s) {
      if (!*p) return 0;
      goto backtrack;
    }
    if (*p == '?' && !leading && !(*s == '/' && (flags & FNM_PATHNAME))) { p++; s++; continue; }
    if (*p == '[' && !leading && !(*s == '/' && (flags & FNM_PATHNAME))) {
      int ok;
      const char *np = bracket(p + 1, (unsigned char)*s, &ok);
      if (!np) { if (*s == '[') { p++; s++; continue; } goto backtrack; }
      if (ok) { p = np; s++; continue; }
      goto backtrack;
    }
    {
      const char *q = p;
      if (*q == '\\' && !(flags & FNM_NOESCAPE) && q[1]) q++;
      if (*q && *q == *s && !(*q == '*' && q == p) && !(*q == '?' && q == p) && !(*q == '[' && q == p)) { p = q + 1; s++; continue; }
    }
  backtrack:
    if (!star_p || !*star_s || (*star_s == '/' && (flags & FNM_PATHNAME))) return FNM_NOMATCH;
    p = star_p;
    s = ++star_s;
  }
}
