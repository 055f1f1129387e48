/* seq: print a sequence of numbers (seq [FIRST [INCR]] LAST; -s SEP, -w). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
int main(int argc, char **argv) {
  const char *sep = "\n";
  int w = 0, i = 1;
  for (; i < argc && argv[i][0] == '-' && argv[i][1] && (argv[i][1] < '0' || argv[i][1] > '9') && argv[i][1] != '.'; i++) {
    if (!strcmp(argv[i], "-s") && i + 1 < argc) sep = argv[++i];
    else if (!strcmp(argv[i], "-w")) w = 1;
    else { fprintf(stderr, "seq: invalid option '%s'\n", argv[i]); return 1; }
  }
  int n = argc - i;
  if (n < 1 || n > 3) { fprintf(stderr, "seq: %s operand\n", n < 1 ? "missing" : "extra"); return 1; }
  double v[3];
  int isint = 1, prec = 0;
  for (int k = 0; k < n; k++) {
    char *e;
    v[k] = strtod(argv[i + k], &e);
    if (*e || e == argv[i + k]) { fprintf(stderr, "seq: invalid floating point argument: '%s'\n", argv[i + k]); return 1; }
    const char *dot = strchr(argv[i + k], '.');
    if (dot) { isint = 0; int p = (int)strlen(dot + 1); if (p > prec && k != n - 1) prec = p; if (n == 1) prec = p; }
  }
  double first = n > 1 ? v[0] : 1, inc = n == 3 ? v[1] : 1, last = v[n - 1];
  if (inc == 0) { fprintf(stderr, "seq: invalid Zero increment value: '0'\n"); return 1; }
  int width = 0;
  if (w && isint) { char b[64]; int a = snprintf(b, sizeof b, "%.0f", first), c = snprintf(b, sizeof b, "%.0f", last); width = a > c ? a : c; }
  int cnt = 0;
  for (double x = first; inc > 0 ? x <= last + 1e-9 : x >= last - 1e-9; x = first + inc * ++cnt) {
    if (cnt) fputs(sep, stdout);
    if (isint) printf("%0*.0f", width, x);
    else printf("%.*f", prec, x);
  }
  if (cnt || (inc > 0 ? first <= last : first >= last)) putchar('\n');
  return 0;
}
