/* find: walk directory trees (-name -iname -type -maxdepth -mindepth -print -exec CMD {} ; -newer -size, ! -a -o, parentheses). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <fnmatch.h>
#include <ctype.h>
#include <dirent.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/wait.h>

static char **ex;
static int nex, pos, maxdepth = -1, mindepth = 0, printed_action, status;
static int eval_or(const char *path, struct stat *st, int depth, int run);
static int exec_cmd(char **argv, int n, const char *path) {
  char **v = malloc(sizeof *v * (size_t)(n + 1));
  for (int i = 0; i < n; i++) v[i] = !strcmp(argv[i], "{}") ? (char *)path : argv[i];
  v[n] = 0;
  fflush(stdout);
  pid_t p = fork();
  if (p == 0) { execvp(v[0], v); fprintf(stderr, "find: '%s': %s\n", v[0], strerror(errno)); _exit(127); }
  int s;
  waitpid(p, &s, 0);
  free(v);
  return WIFEXITED(s) && WEXITSTATUS(s) == 0;
}
static int eval_primary(const char *path, struct stat *st, int depth, int run) {
  if (pos >= nex) return 1;
  const char *t = ex[pos++];
  if (!strcmp(t, "!") || !strcmp(t, "-not")) return !eval_primary(path, st, depth, run);
  if (!strcmp(t, "(")) {
    int r = eval_or(path, st, depth, run);
    if (pos < nex && !strcmp(ex[pos], ")")) pos++;
    return r;
  }
  const char *base = strrchr(path, '/');
  base = base && base[1] ? base + 1 : path;
  if (!strcmp(t, "-print")) { if (run) puts(path); return 1; }
  if (!strcmp(t, "-true")) return 1;
  if (!strcmp(t, "-false")) return 0;
  if (!strcmp(t, "-maxdepth") || !strcmp(t, "-mindepth")) { pos++; return 1; }
  if (!strcmp(t, "-name") || !strcmp(t, "-iname")) {
    const char *pat = pos < nex ? ex[pos++] : "";
    if (t[1] == 'i') {
      char a[4096], b[4096];
      size_t k;
      for (k = 0; pat[k] && k < 4095; k++) a[k] = (char)tolower((unsigned char)pat[k]);
      a[k] = 0;
      for (k = 0; base[k] && k < 4095; k++) b[k] = (char)tolower((unsigned char)base[k]);
      b[k] = 0;
      return fnmatch(a, b, 0) == 0;
    }
    return fnmatch(pat, base, 0) == 0;
  }
  if (!strcmp(t, "-path")) { const char *pat = pos < nex ? ex[pos++] : ""; return fnmatch(pat, path, 0) == 0; }
  if (!strcmp(t, "-type")) {
    char c = pos < nex ? ex[pos++][0] : 'f';
    mode_t m = st->st_mode;
    return (c == 'f' && S_ISREG(m)) || (c == 'd' && S_ISDIR(m)) || (c == 'l' && S_ISLNK(m)) || (c == 'c' && S_ISCHR(m)) || (c == 'b' && S_ISBLK(m)) || (c == 'p' && S_ISFIFO(m)) || (c == 's' && S_ISSOCK(m));
  }
  if (!strcmp(t, "-size")) {
    const char *v = pos < nex ? ex[pos++] : "0";
    int cmp = *v == '+' ? 1 : *v == '-' ? -1 : 0;
    if (cmp) v++;
    char *e;
    long n = strtol(v, &e, 10), unit = 512;
    if (*e == 'c') unit = 1; else if (*e == 'k') unit = 1024; else if (*e == 'M') unit = 1048576;
    long sz = (st->st_size + unit - 1) / unit;
    return cmp > 0 ? sz > n : cmp < 0 ? sz < n : sz == n;
  }
  if (!strcmp(t, "-newer")) {
    struct stat o;
    const char *f = pos < nex ? ex[pos++] : "";
    if (stat(f, &o) < 0) return 0;
    return st->st_mtim.tv_sec > o.st_mtim.tv_sec || (st->st_mtim.tv_sec == o.st_mtim.tv_sec && st->st_mtim.tv_nsec > o.st_mtim.tv_nsec);
  }
  if (!strcmp(t, "-empty")) return S_ISDIR(st->st_mode) ? st->st_size <= 0 || st->st_nlink <= 2 : st->st_size == 0;
  if (!strcmp(t, "-exec")) {
    int start = pos;
    while (pos < nex && strcmp(ex[pos], ";") && strcmp(ex[pos], "+")) pos++;
    int n = pos - start;
    if (pos < nex) pos++;
    return run ? exec_cmd(ex + start, n, path) : 1;
  }
  fprintf(stderr, "find: unknown predicate '%s'\n", t);
  exit(1);
}
static int eval_and(const char *path, struct stat *st, int depth, int run) {
  int r = eval_primary(path, st, depth, run);
  while (pos < nex && strcmp(ex[pos], "-o") && strcmp(ex[pos], ")")) {
    if (!strcmp(ex[pos], "-a") || !strcmp(ex[pos], "-and")) pos++;
    int s = eval_primary(path, st, depth, run && r);
    r = r && s;
  }
  return r;
}
static int eval_or(const char *path, struct stat *st, int depth, int run) {
  int r = eval_and(path, st, depth, run);
  while (pos < nex && (!strcmp(ex[pos], "-o") || !strcmp(ex[pos], "-or"))) {
    pos++;
    int s = eval_and(path, st, depth, run && !r);
    r = r || s;
  }
  return r;
}
static void walk(const char *path, int depth) {
  struct stat st;
  if (lstat(path, &st) < 0) { fprintf(stderr, "find: '%s': %s\n", path, strerror(errno)); status = 1; return; }
  if (depth >= mindepth) {
    pos = 0;
    int r = eval_or(path, &st, depth, 1);
    if (r && !printed_action) puts(path);
  }
  if (S_ISDIR(st.st_mode) && (maxdepth < 0 || depth < maxdepth)) {
    DIR *d = opendir(path);
    if (!d) { fprintf(stderr, "find: '%s': %s\n", path, strerror(errno)); status = 1; return; }
    struct dirent *e;
    char **names = 0;
    int n = 0;
    while ((e = readdir(d))) {
      if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
      names = realloc(names, sizeof *names * (size_t)(n + 1));
      names[n++] = strdup(e->d_name);
    }
    closedir(d);
    for (int i = 0; i < n; i++) {
      char p[4096];
      snprintf(p, sizeof p, "%s%s%s", path, path[strlen(path) - 1] == '/' ? "" : "/", names[i]);
      walk(p, depth + 1);
      free(names[i]);
    }
    free(names);
  }
}
int main(int argc, char **argv) {
  int i = 1;
  char *paths[64];
  int np = 0;
  for (; i < argc && argv[i][0] != '-' && strcmp(argv[i], "!") && strcmp(argv[i], "(") && np < 64; i++) paths[np++] = argv[i];
  if (!np) paths[np++] = ".";
  ex = argv + i;
  nex = argc - i;
  for (int k = 0; k < nex; k++) {
    if (!strcmp(ex[k], "-maxdepth") && k + 1 < nex) maxdepth = atoi(ex[k + 1]);
    if (!strcmp(ex[k], "-mindepth") && k + 1 < nex) mindepth = atoi(ex[k + 1]);
    if (!strcmp(ex[k], "-print") || !strcmp(ex[k], "-exec")) printed_action = 1;
  }
  for (int k = 0; k < np; k++) walk(paths[k], 0);
  return status;
}
