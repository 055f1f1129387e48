/* df: file system space usage from /proc/mounts and statfs (1K blocks; -h human readable). */
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <sys/statfs.h>
static int human;
static void size(unsigned long kb, int w) {
  if (!human) { printf(" %*lu", w, kb); return; }
  double v = (double)kb;
  const char *u = "KMGTP";
  int k = 0;
  while (v >= 1024 && k < 4) { v /= 1024; k++; }
  char b[16];
  if (v < 10 && k) snprintf(b, sizeof b, "%.1f%c", v, u[k]); else snprintf(b, sizeof b, "%.0f%c", v, u[k]);
  printf(" %*s", w, b);
}
static void show(const char *src, const char *dir) {
  struct statfs s;
  if (statfs(dir, &s) < 0) { fprintf(stderr, "df: %s: %s\n", dir, strerror(errno)); return; }
  unsigned long bs = (unsigned long)(s.f_frsize ? s.f_frsize : s.f_bsize);
  unsigned long total = s.f_blocks * bs / 1024, avail = s.f_bavail * bs / 1024, used = (s.f_blocks - s.f_bfree) * bs / 1024;
  int pct = used + avail ? (int)((used * 100 + used + avail - 1) / (used + avail)) : 0;
  printf("%-15s", src);
  size(total, human ? 5 : 10);
  size(used, human ? 5 : 10);
  size(avail, human ? 5 : 10);
  if (s.f_blocks) printf(" %3d%% %s\n", pct, dir); else printf("    - %s\n", dir);
}
int main(int argc, char **argv) {
  int i = 1, st = 0;
  for (; i < argc && argv[i][0] == '-'; i++) {
    if (!strcmp(argv[i], "-h")) human = 1;
    else if (strcmp(argv[i], "-k")) { fprintf(stderr, "df: invalid option -- '%s'\n", argv[i] + 1); return 1; }
  }
  printf(human ? "Filesystem      Size  Used Avail Use%% Mounted on\n" : "Filesystem     1K-blocks       Used  Available Use%% Mounted on\n");
  if (i < argc) {
    for (; i < argc; i++) {
      struct statfs s;
      if (statfs(argv[i], &s) < 0) { fprintf(stderr, "df: %s: %s\n", argv[i], strerror(errno)); st = 1; continue; }
      show("-", argv[i]);
    }
    return st;
  }
  FILE *f = fopen("/proc/mounts", "r");
  if (!f) { fprintf(stderr, "df: cannot read table of mounted file systems: %s\n", strerror(errno)); return 1; }
  char line[1024], src[256], dir[256];
  while (fgets(line, sizeof line, f))
    if (sscanf(line, "%255s %255s", src, dir) == 2) {
      struct statfs s;
      if (statfs(dir, &s) == 0 && s.f_blocks) show(src, dir);
    }
  fclose(f);
  return st;
}
