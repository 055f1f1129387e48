/* tr: translate, delete or squeeze characters (-d -s -c; ranges, [:classes:], escapes). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>
static int expand(const char *s, unsigned char *out) {
  int n = 0;
  while (*s && n < 4096) {
    int c;
    if (s[0] == '[' && s[1] == ':') {
      const char *e = strstr(s + 2, ":]");
      if (e) {
        size_t l = (size_t)(e - s - 2);
        for (int k = 0; k < 256; k++) {
          int m = 0;
#define K(nm, f) if (l == sizeof nm - 1 && !strncmp(s + 2, nm, l)) m = f(k);
          K("alpha", isalpha) K("digit", isdigit) K("alnum", isalnum) K("upper", isupper) K("lower", islower)
          K("space", isspace) K("punct", ispunct) K("blank", isblank) K("xdigit", isxdigit) K("cntrl", iscntrl) K("print", isprint) K("graph", isgraph)
#undef K
          if (m) out[n++] = (unsigned char)k;
        }
        s = e + 2;
        continue;
      }
    }
    if (*s == '\\' && s[1]) {
      s++;
      switch (*s) {
      case 'n': c = '\n'; break;
      case 't': c = '\t'; break;
      case 'r': c = '\r'; break;
      case '\\': c = '\\'; break;
      case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
        c = 0;
        for (int k = 0; k < 3 && *s >= '0' && *s <= '7'; k++) c = c * 8 + *s++ - '0';
        s--;
        break;
      }
      default: c = (unsigned char)*s;
      }
      s++;
    } else c = (unsigned char)*s++;
    if (s[0] == '-' && s[1]) {
      int hi = (unsigned char)s[1];
      s += 2;
      if (hi == '\\' && *s) hi = (unsigned char)*s++;
      for (int k = c; k <= hi && n < 4096; k++) out[n++] = (unsigned char)k;
    } else out[n++] = (unsigned char)c;
  }
  return n;
}
int main(int argc, char **argv) {
  int d = 0, sq = 0, comp = 0, i = 1;
  for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++)
    for (char *p = argv[i] + 1; *p; p++) {
      if (*p == 'd') d = 1; else if (*p == 's') sq = 1; else if (*p == 'c' || *p == 'C') comp = 1;
      else { fprintf(stderr, "tr: invalid option -- '%c'\n", *p); return 1; }
    }
  if (i >= argc) { fprintf(stderr, "tr: missing operand\n"); return 1; }
  static unsigned char s1[4096], s2[4096];
  int n1 = expand(argv[i], s1), n2 = i + 1 < argc ? expand(argv[i + 1], s2) : 0;
  if (!d && !sq && n2 == 0) { fprintf(stderr, "tr: missing operand after '%s'\n", argv[i]); return 1; }
  int in1[256] = {0}, map[256], sqset[256] = {0};
  for (int k = 0; k < n1; k++) in1[s1[k]] = 1;
  if (comp) for (int k = 0; k < 256; k++) in1[k] = !in1[k];
  for (int k = 0; k < 256; k++) map[k] = k;
  if (!d && n2) {
    if (comp) { for (int k = 0; k < 256; k++) if (in1[k]) map[k] = s2[n2 - 1]; }
    else for (int k = 0; k < n1; k++) map[s1[k]] = s2[k < n2 ? k : n2 - 1];
  }
  if (sq) {
    if (d || !n2) { if (d) for (int k = 0; k < n2; k++) sqset[s2[k]] = 1; else for (int k = 0; k < 256; k++) sqset[k] = in1[k]; }
    else for (int k = 0; k < n2; k++) sqset[s2[k]] = 1;
  }
  int c, last = -1;
  while ((c = getchar()) != EOF) {
    if (d && in1[c]) continue;
    int o = d ? c : map[c];
    if (sq && sqset[o] && o == last) continue;
    putchar(o);
    last = o;
  }
  return 0;
}
