/* du: estimate file space usage (-s summary, -h human readable, -a all files; 1K blocks). */
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <dirent.h>
#include <sys/stat.h>
static int sflag, hflag, aflag, st;
static void print(unsigned long kb, const char *path) {
  if (!hflag) { printf("%lu\t%s\n", kb, path); return; }
  double v = (double)kb;
  const char *u = "KMGT";
  int k = 0;
  while (v >= 1024 && k < 3) { v /= 1024; k++; }
  if (v < 10 && k) printf("%.1f%c\t%s\n", v, u[k], path); else printf("%.0f%c\t%s\n", v, u[k], path);
}
static unsigned long walk(const char *path, int depth) {
  struct stat s;
  if (lstat(path, &s) < 0) { fprintf(stderr, "du: cannot access '%s': %s\n", path, strerror(errno)); st = 1; return 0; }
  unsigned long kb = (unsigned long)s.st_blocks / 2;
  if (S_ISDIR(s.st_mode)) {
    DIR *d = opendir(path);
    if (!d) { fprintf(stderr, "du: cannot read directory '%s': %s\n", path, strerror(errno)); st = 1; }
    else {
      struct dirent *e;
      while ((e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
        char p[4096];
        snprintf(p, sizeof p, "%s%s%s", path, path[strlen(path) - 1] == '/' ? "" : "/", e->d_name);
        kb += walk(p, depth + 1);
      }
      closedir(d);
    }
    if (!sflag || depth == 0) print(kb, path);
  } else if ((aflag && !sflag) || depth == 0) print(kb, path);
  return kb;
}
int main(int argc, char **argv) {
  int i = 1;
  for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++)
    for (char *p = argv[i] + 1; *p; p++) {
      if (*p == 's') sflag = 1; else if (*p == 'h') hflag = 1; else if (*p == 'a') aflag = 1; else if (*p == 'k') {}
      else { fprintf(stderr, "du: invalid option -- '%c'\n", *p); return 1; }
    }
  if (i >= argc) walk(".", 0);
  for (; i < argc; i++) walk(argv[i], 0);
  return st;
}
