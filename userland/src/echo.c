/* echo: print arguments (-n no newline, -e interpret escapes, -E don't). */
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv) {
  int nl = 1, esc = 0, i = 1;
  for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
    const char *p = argv[i] + 1;
    if (strspn(p, "neE") != strlen(p)) break;
    for (; *p; p++) { if (*p == 'n') nl = 0; else if (*p == 'e') esc = 1; else esc = 0; }
  }
  for (int first = 1; i < argc; i++, first = 0) {
    if (!first) putchar(' ');
    for (const char *p = argv[i]; *p; p++) {
      if (!esc || *p != '\\' || !p[1]) { putchar(*p); continue; }
      switch (*++p) {
      case 'n': putchar('\n'); break;
      case 't': putchar('\t'); break;
      case 'r': putchar('\r'); break;
      case 'a': putchar('\a'); break;
      case 'b': putchar('\b'); break;
      case 'f': putchar('\f'); break;
      case 'v': putchar('\v'); break;
      case 'e': putchar(27); break;
      case '\\': putchar('\\'); break;
      case 'c': return 0;
      case '0': { int v = 0, n = 0; while (n < 3 && p[1] >= '0' && p[1] <= '7') { v = v * 8 + *++p - '0'; n++; } putchar(v); break; }
      default: putchar('\\'); putchar(*p); break;
      }
    }
  }
  if (nl) putchar('\n');
  return 0;
}
