/* wc: count lines, words and bytes (-l -w -c -m). */
#include <stdio.h>
#include <string.h>
#include <ctype.h>
#include <unistd.h>
#include <fcntl.h>
#include <errno.h>
#include <sys/stat.h>
static int fl, fw, fc, nonreg;
static void out(long l, long w, long c, const char *name, int width) {
  int first = 1;
  if (fl) { printf("%*ld", first ? width : width + 1, l); first = 0; }
  if (fw) { printf(first ? "%*ld" : " %*ld", width, w); first = 0; }
  if (fc) { printf(first ? "%*ld" : " %*ld", width, c); first = 0; }
  if (name) printf(" %s", name);
  putchar('\n');
}
int main(int argc, char **argv) {
  int i = 1, st = 0;
  for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++)
    for (char *p = argv[i] + 1; *p; p++) {
      if (*p == 'l') fl = 1; else if (*p == 'w') fw = 1; else if (*p == 'c' || *p == 'm') fc = 1;
      else { fprintf(stderr, "wc: invalid option -- '%c'\n", *p); return 1; }
    }
  if (!fl && !fw && !fc) fl = fw = fc = 1;
  int nfiles = argc - i;
  long tl = 0, tw = 0, tc = 0;
  long res[64][3];
  int ok[64];
  int count = nfiles ? nfiles : 1;
  if (count > 64) count = 64;
  for (int k = 0; k < count; k++) {
    const char *name = nfiles ? argv[i + k] : 0;
    int fd = name && strcmp(name, "-") ? open(name, O_RDONLY) : 0;
    ok[k] = 0;
    if (fd < 0) { fprintf(stderr, "wc: %s: %s\n", name, strerror(errno)); st = 1; continue; }
    long l = 0, w = 0, c = 0;
    int inword = 0;
    struct stat sb;
    if (fstat(fd, &sb) < 0 || !S_ISREG(sb.st_mode)) nonreg = 1;
    char buf[16384];
    ssize_t n;
    while ((n = read(fd, buf, sizeof buf)) > 0) {
      c += n;
      for (ssize_t j = 0; j < n; j++) {
        unsigned char ch = (unsigned char)buf[j];
        if (ch == '\n') l++;
        if (isspace(ch)) inword = 0;
        else if (!inword) { inword = 1; w++; }
      }
    }
    if (n < 0) { fprintf(stderr, "wc: %s: %s\n", name ? name : "-", strerror(errno)); st = 1; }
    if (fd > 0) close(fd);
    res[k][0] = l; res[k][1] = w; res[k][2] = c;
    ok[k] = 1;
    tl += l; tw += w; tc += c;
  }
  /* Width as GNU wc: digits of the largest total, 1 for a single count from stdin. */
  int nsel = fl + fw + fc, width = 1;
  char b[32];
  width = snprintf(b, sizeof b, "%ld", tc);
  if (nonreg && width < 7) width = 7;
  if (nsel == 1 && nfiles <= 1) width = 1;
  for (int k = 0; k < count; k++) if (ok[k]) out(res[k][0], res[k][1], res[k][2], nfiles ? argv[i + k] : 0, width);
  if (nfiles > 1) out(tl, tw, tc, "total", width);
  return st;
}
