/* test/[ expression evaluation, shared by the shell builtin and the test program.
 * Header-only (static functions); the includer defines TEST_ERR(fmt, ...) to report errors. */
#include <string.h>
#include <stdlib.h>
#include <stdio.h>
#include <unistd.h>
#include <errno.h>
#include <ctype.h>
#include <sys/stat.h>

static char **t_av;
static int t_ac, t_i, t_err;

static int t_number(const char *s, long *v) {
  const char *p = s;
  while (isspace((unsigned char)*p)) p++;
  char *e;
  errno = 0;
  *v = strtol(p, &e, 10);
  while (isspace((unsigned char)*e)) e++;
  if (e == p || *e || errno) { TEST_ERR("%s: bad number", s); t_err = 1; return 0; }
  return 1;
}
static int t_unary_op(const char *op) {
  return op[0] == '-' && op[1] && !op[2] && strchr("bcdefghLnprsStuwxzGO", op[1]);
}
static int t_unary(const char *op, const char *a) {
  struct stat st;
  switch (op[1]) {
  case 'n': return *a != 0;
  case 'z': return *a == 0;
  case 't': return isatty(atoi(a));
  case 'h': case 'L': return lstat(a, &st) == 0 && S_ISLNK(st.st_mode);
  case 'r': return access(a, R_OK) == 0;
  case 'w': return access(a, W_OK) == 0;
  case 'x': return access(a, X_OK) == 0;
  }
  if (stat(a, &st) < 0) return 0;
  switch (op[1]) {
  case 'e': return 1;
  case 'f': return S_ISREG(st.st_mode);
  case 'd': return S_ISDIR(st.st_mode);
  case 'b': return S_ISBLK(st.st_mode);
  case 'c': return S_ISCHR(st.st_mode);
  case 'p': return S_ISFIFO(st.st_mode);
  case 'S': return S_ISSOCK(st.st_mode);
  case 's': return st.st_size > 0;
  case 'g': return (st.st_mode & S_ISGID) != 0;
  case 'u': return (st.st_mode & S_ISUID) != 0;
  case 'G': return st.st_gid == getegid();
  case 'O': return st.st_uid == geteuid();
  }
  return 0;
}
static int t_binary_op(const char *op) {
  static const char *const ops[] = {"=", "==", "!=", "<", ">", "-eq", "-ne", "-gt", "-ge", "-lt", "-le", "-nt", "-ot", "-ef", 0};
  for (int i = 0; ops[i]; i++) if (!strcmp(op, ops[i])) return 1;
  return 0;
}
static int t_binary(const char *a, const char *op, const char *b) {
  if (!strcmp(op, "=") || !strcmp(op, "==")) return !strcmp(a, b);
  if (!strcmp(op, "!=")) return strcmp(a, b) != 0;
  if (!strcmp(op, "<")) return strcmp(a, b) < 0;
  if (!strcmp(op, ">")) return strcmp(a, b) > 0;
  if ((op[1] == 'n' && op[2] == 't') || op[1] == 'o' || (op[1] == 'e' && op[2] == 'f')) {
    struct stat x, y;
    int hx = stat(a, &x) == 0, hy = stat(b, &y) == 0;
    if (op[1] == 'e') return hx && hy && x.st_dev == y.st_dev && x.st_ino == y.st_ino;
    long tx = hx ? x.st_mtim.tv_sec * 1000000000L + x.st_mtim.tv_nsec : 0, ty = hy ? y.st_mtim.tv_sec * 1000000000L + y.st_mtim.tv_nsec : 0;
    if (op[1] == 'n') return hx && (!hy || tx > ty);
    return hy && (!hx || tx < ty);
  }
  long x, y;
  if (!t_number(a, &x) || !t_number(b, &y)) return 0;
  if (!strcmp(op, "-eq")) return x == y;
  if (!strcmp(op, "-ne")) return x != y;
  if (!strcmp(op, "-gt")) return x > y;
  if (!strcmp(op, "-ge")) return x >= y;
  if (!strcmp(op, "-lt")) return x < y;
  return x <= y;
}
static int t_or(void);
static int t_primary(void) {
  if (t_i >= t_ac) { TEST_ERR("argument expected"); t_err = 1; return 0; }
  const char *a = t_av[t_i];
  if (!strcmp(a, "!")) { t_i++; return !t_primary(); }
  if (!strcmp(a, "(") ) {
    t_i++;
    int r = t_or();
    if (t_i >= t_ac || strcmp(t_av[t_i], ")")) { TEST_ERR("closing paren expected"); t_err = 1; return 0; }
    t_i++;
    return r;
  }
  if (t_i + 2 < t_ac + 0 && t_binary_op(t_av[t_i + 1])) { int r = t_binary(a, t_av[t_i + 1], t_av[t_i + 2]); t_i += 3; return r; }
  if (t_unary_op(a) && t_i + 1 < t_ac) { int r = t_unary(a, t_av[t_i + 1]); t_i += 2; return r; }
  t_i++;
  return *a != 0;
}
static int t_and(void) {
  int r = t_primary();
  while (t_i < t_ac && !strcmp(t_av[t_i], "-a")) { t_i++; int s = t_primary(); r = r && s; }
  return r;
}
static int t_or(void) {
  int r = t_and();
  while (t_i < t_ac && !strcmp(t_av[t_i], "-o")) { t_i++; int s = t_and(); r = r || s; }
  return r;
}
/* Evaluates argv[0..argc) (without the command name / closing ]); returns 0 true, 1 false, 2 error. */
static int test_eval(int argc, char **argv) {
  t_av = argv;
  t_ac = argc;
  t_i = 0;
  t_err = 0;
  int r;
  switch (argc) {
  case 0: return 1;
  case 1: return *argv[0] ? 0 : 1;
  case 2:
    if (!strcmp(argv[0], "!")) return *argv[1] ? 1 : 0;
    if (t_unary_op(argv[0])) { r = t_unary(argv[0], argv[1]); return t_err ? 2 : !r; }
    break;
  case 3:
    if (t_binary_op(argv[1])) { r = t_binary(argv[0], argv[1], argv[2]); return t_err ? 2 : !r; }
    if (!strcmp(argv[0], "!")) { r = test_eval(2, argv + 1); return r == 2 ? 2 : !r; }
    if (!strcmp(argv[0], "(") && !strcmp(argv[2], ")")) return *argv[1] ? 0 : 1;
    break;
  case 4:
    if (!strcmp(argv[0], "!")) { r = test_eval(3, argv + 1); t_av = argv; t_ac = argc; return r == 2 ? 2 : !r; }
    break;
  }
  r = t_or();
  if (!t_err && t_i < t_ac) { TEST_ERR("%s: unexpected operator", t_av[t_i]); t_err = 1; }
  return t_err ? 2 : !r;
}
