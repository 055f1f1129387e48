/* chmod: change file mode bits (octal or symbolic [ugoa][+-=][rwxXst], -R). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <dirent.h>
#include <sys/stat.h>

static int rflag, st;
static int apply(const char *spec, mode_t old, mode_t *out) {
  char *e;
  long v = strtol(spec, &e, 8);
  if (!*e && e != spec) { *out = (mode_t)v; return 0; }
  mode_t m = old & 07777;
  const char *p = spec;
  while (*p) {
    mode_t who = 0;
    for (; *p && strchr("ugoa", *p); p++)
      who |= *p == 'u' ? 04700 : *p == 'g' ? 02070 : *p == 'o' ? 01007 : 07777;
    int all = !who;
    if (!who) who = 07777;
    if (!*p || !strchr("+-=", *p)) return -1;
    while (*p && strchr("+-=", *p)) {
      char op = *p++;
      mode_t bits = 0;
      for (; *p && strchr("rwxXst", *p); p++) {
        if (*p == 'r') bits |= 0444;
        if (*p == 'w') bits |= 0222;
        if (*p == 'x') bits |= 0111;
        if (*p == 'X' && (S_ISDIR(old) || (old & 0111))) bits |= 0111;
        if (*p == 's') bits |= 06000;
        if (*p == 't') bits |= 01000;
      }
      bits &= who;
      if (all && op != '=') { mode_t um = umask(0); umask(um); bits &= ~um; }
      if (op == '+') m |= bits;
      else if (op == '-') m &= ~bits;
      else m = (m & ~(who & 0777 ? who : 0)) | bits;
    }
    if (*p == ',') p++;
    else if (*p) return -1;
  }
  *out = m;
  return 0;
}
static void do_chmod(const char *spec, const char *path) {
  struct stat sb;
  if (stat(path, &sb) < 0) { fprintf(stderr, "chmod: cannot access '%s': %s\n", path, strerror(errno)); st = 1; return; }
  mode_t m;
  if (apply(spec, sb.st_mode, &m) < 0) { fprintf(stderr, "chmod: invalid mode: '%s'\n", spec); exit(1); }
  if (chmod(path, m) < 0) { fprintf(stderr, "chmod: changing permissions of '%s': %s\n", path, strerror(errno)); st = 1; }
  if (rflag && S_ISDIR(sb.st_mode)) {
    DIR *d = opendir(path);
    if (!d) return;
    struct dirent *e;
    while ((e = readdir(d))) {
      if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
      char p[4096];
      snprintf(p, sizeof p, "%s/%s", path, e->d_name);
      do_chmod(spec, p);
    }
    closedir(d);
  }
}
int main(int argc, char **argv) {
  int i = 1;
  for (; i < argc && argv[i][0] == '-' && strchr("Rfv", argv[i][1]) && argv[i][1]; i++) if (argv[i][1] == 'R') rflag = 1;
  if (i + 1 >= argc) { fprintf(stderr, i >= argc ? "chmod: missing operand\n" : "chmod: missing operand after '%s'\n", argv[i]); return 1; }
  const char *spec = argv[i++];
  for (; i < argc; i++) do_chmod(spec, argv[i]);
  return st;
}
