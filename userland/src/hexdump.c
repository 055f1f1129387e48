/* hexdump: display file contents in hexadecimal (-C canonical hex+ASCII; default 16-bit words). */
#include <stdio.h>
#include <string.h>
#include <errno.h>

static char **files;
static int nfiles, cur, st;
static FILE *f;
/* Next byte across all inputs, or EOF. */
static int nextc(void) {
  for (;;) {
    if (!f) {
      if (!nfiles && cur == 0) { f = stdin; cur = 1; }
      else if (cur < nfiles) {
        const char *name = files[cur++];
        if (!(f = fopen(name, "r"))) { fprintf(stderr, "hexdump: %s: %s\n", name, strerror(errno)); st = 1; continue; }
      } else return EOF;
    }
    int c = getc(f);
    if (c != EOF) return c;
    if (f != stdin) fclose(f);
    f = 0;
    if (!nfiles) return EOF;
  }
}
int main(int argc, char **argv) {
  int canon = 0, i = 1;
  for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
    if (!strcmp(argv[i], "-C")) canon = 1;
    else { fprintf(stderr, "hexdump: invalid option -- '%s'\n", argv[i] + 1); return 1; }
  }
  files = argv + i;
  nfiles = argc - i;
  unsigned char line[16], prev[16];
  unsigned long off = 0;
  int have_prev = 0, starred = 0;
  for (;;) {
    size_t n = 0;
    int c;
    while (n < 16 && (c = nextc()) != EOF) line[n++] = (unsigned char)c;
    if (!n) break;
    if (have_prev && n == 16 && !memcmp(line, prev, 16)) {
      if (!starred) { puts("*"); starred = 1; }
      off += n;
      continue;
    }
    starred = 0;
    if (canon) {
      printf("%08lx ", off);
      for (size_t j = 0; j < 16; j++) {
        if (j == 8) putchar(' ');
        if (j < n) printf(" %02x", line[j]); else printf("   ");
      }
      printf("  |");
      for (size_t j = 0; j < n; j++) putchar(line[j] >= 32 && line[j] < 127 ? line[j] : '.');
      printf("|\n");
    } else {
      printf("%07lx", off);
      for (size_t j = 0; j < 16; j += 2) {
        if (j < n) printf(" %04x", line[j] | (j + 1 < n ? line[j + 1] << 8 : 0));
        else printf("     ");
      }
      putchar('\n');
    }
    memcpy(prev, line, 16);
    have_prev = n == 16;
    off += n;
    if (n < 16) break;
  }
  printf(canon ? "%08lx\n" : "%07lx\n", off);
  return st;
}
