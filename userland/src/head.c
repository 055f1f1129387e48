/* head: output the first part of files (-n N, -c N, -N). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
int main(int argc, char **argv) {
  long n = 10;
  int bytes = 0, i = 1, st = 0;
  for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
    if ((!strcmp(argv[i], "-n") || !strcmp(argv[i], "-c")) && i + 1 < argc) { bytes = argv[i][1] == 'c'; n = strtol(argv[++i], 0, 10); }
    else if (!strncmp(argv[i], "-n", 2) || !strncmp(argv[i], "-c", 2)) { bytes = argv[i][1] == 'c'; n = strtol(argv[i] + 2, 0, 10); }
    else if (argv[i][1] >= '0' && argv[i][1] <= '9') n = strtol(argv[i] + 1, 0, 10);
    else if (!strcmp(argv[i], "-q")) {}
    else { fprintf(stderr, "head: invalid option -- '%c'\n", argv[i][1]); return 1; }
  }
  int nfiles = argc - i;
  for (int k = 0; k < (nfiles ? nfiles : 1); k++) {
    const char *name = nfiles ? argv[i + k] : "-";
    FILE *f = strcmp(name, "-") ? fopen(name, "r") : stdin;
    if (!f) { fprintf(stderr, "head: cannot open '%s' for reading: %s\n", name, strerror(errno)); st = 1; continue; }
    if (nfiles > 1) printf("%s==> %s <==\n", k ? "\n" : "", name);
    long cnt = 0;
    int c;
    while (cnt < n && (c = getc(f)) != EOF) {
      putchar(c);
      if (bytes || c == '\n') cnt++;
    }
    if (f != stdin) fclose(f);
  }
  return st;
}
