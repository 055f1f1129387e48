/* sh: builtin commands and shell functions. */
#include "sh.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <errno.h>
#include <signal.h>
#include <ctype.h>
#include <limits.h>
#include <sys/stat.h>
#include <sys/wait.h>

#define TEST_ERR(...) (fprintf(stderr, "%s: %d: test: ", arg0, cur_lineno), fprintf(stderr, __VA_ARGS__), fputc('\n', stderr))
#include "../include/testexpr.h"
#define PF_ERR(...) (fprintf(stderr, "%s: %d: printf: ", arg0, cur_lineno), fprintf(stderr, __VA_ARGS__), fputc('\n', stderr))
#include "../include/printfimpl.h"

struct func { char *name; struct node *body; struct func *next; };
static struct func *funcs;
struct node *find_func(const char *name) {
  for (struct func *f = funcs; f; f = f->next) if (!strcmp(f->name, name)) return f->body;
  return 0;
}
void define_func(const char *name, struct node *body) {
  for (struct func *f = funcs; f; f = f->next) if (!strcmp(f->name, name)) { f->body = body; return; }
  struct func *f = calloc(1, sizeof *f);
  f->name = xstrdup(name);
  f->body = body;
  f->next = funcs;
  funcs = f;
}
static void undefine_func(const char *name) {
  for (struct func **pp = &funcs; *pp; pp = &(*pp)->next)
    if (!strcmp((*pp)->name, name)) { *pp = (*pp)->next; return; }
}

static int b_true(int c, char **v) { return 0; }
static int b_false(int c, char **v) { return 1; }
static int b_echo(int c, char **v) {
  int i = 1, nl = 1;
  if (i < c && !strcmp(v[i], "-n")) { nl = 0; i++; }
  for (; i < c; i++) {
    for (const char *p = v[i]; *p;) {
      if (*p == '\\' && p[1]) {
        p++;
        if (*p == 'c') { fflush(stdout); return 0; }
        if (*p == '0') { const char *q = p + 1; int val = 0, n = 0; while (n < 3 && *q >= '0' && *q <= '7') { val = val * 8 + *q++ - '0'; n++; } putchar(val); p = q; continue; }
        pf_escape(&p, 0);
        continue;
      }
      putchar(*p++);
    }
    if (i + 1 < c) putchar(' ');
  }
  if (nl) putchar('\n');
  return 0;
}
static int b_printf(int c, char **v) { return printf_main(c - 1, v + 1); }
static int b_test(int c, char **v) {
  if (v[0][0] == '[') {
    if (strcmp(v[c - 1], "]")) { TEST_ERR("missing ]"); return 2; }
    c--;
  }
  return test_eval(c - 1, v + 1);
}
static char *normalize(const char *path) {
  /* Lexically resolves . and .. in an absolute path. */
  char *r = xmalloc(strlen(path) + 2);
  size_t n = 0;
  for (const char *p = path; *p;) {
    while (*p == '/') p++;
    if (!*p) break;
    const char *e = strchrnul(p, '/');
    size_t l = (size_t)(e - p);
    if (l == 1 && p[0] == '.') {}
    else if (l == 2 && p[0] == '.' && p[1] == '.') { while (n > 0 && r[n - 1] != '/') n--; if (n > 0) n--; }
    else { r[n++] = '/'; memcpy(r + n, p, l); n += l; }
    p = e;
  }
  if (!n) r[n++] = '/';
  r[n] = 0;
  return r;
}
static int b_cd(int c, char **v) {
  const char *dir = c > 1 ? v[1] : getvar("HOME");
  int print = 0;
  if (c > 1 && !strcmp(v[1], "-")) { dir = getvar("OLDPWD"); print = 1; if (!dir) { sh_error("cd: OLDPWD not set"); return 1; } }
  if (!dir || !*dir) { if (!dir) { sh_error("cd: HOME not set"); return 1; } return 0; }
  const char *pwd = getvar("PWD");
  char *target;
  if (dir[0] == '/') target = normalize(dir);
  else if (pwd && pwd[0] == '/') {
    char *t = xmalloc(strlen(pwd) + strlen(dir) + 2);
    sprintf(t, "%s/%s", pwd, dir);
    target = normalize(t);
    free(t);
  } else target = xstrdup(dir);
  if (chdir(target) < 0) {
    if (chdir(dir) < 0) {
      sh_error("cd: can't cd to %s", dir);
      free(target);
      return 2;
    }
    free(target);
    target = getcwd(0, 0) ? xstrdup(getcwd(0, 0)) : xstrdup(dir);
  }
  if (pwd) setvar("OLDPWD", pwd, 0);
  setvar("PWD", target, 0);
  if (print) printf("%s\n", target);
  free(target);
  return 0;
}
static int b_pwd(int c, char **v) {
  const char *pwd = getvar("PWD");
  struct stat a, b;
  if (pwd && pwd[0] == '/' && stat(pwd, &a) == 0 && stat(".", &b) == 0 && a.st_ino == b.st_ino && a.st_dev == b.st_dev && !(c > 1 && !strcmp(v[1], "-P"))) {
    printf("%s\n", pwd);
    return 0;
  }
  char buf[PATH_MAX];
  if (!getcwd(buf, sizeof buf)) { sh_error("pwd: %s", strerror(errno)); return 1; }
  printf("%s\n", buf);
  return 0;
}
static int b_exit(int c, char **v) {
  int st = c > 1 ? atoi(v[1]) & 255 : last_status;
  if (interactive && job_count()) {}
  sh_exit(st);
}
static int b_export(int c, char **v) {
  int ro = v[0][0] == 'r';
  if (c == 1 || (c == 2 && !strcmp(v[1], "-p"))) { print_vars(ro ? 2 : 1); return 0; }
  for (int i = 1; i < c; i++) {
    if (!strcmp(v[i], "-p")) continue;
    char *eq = strchr(v[i], '=');
    if (eq) {
      char *name = strndup(v[i], (size_t)(eq - v[i]));
      if (setvar(name, eq + 1, !ro) < 0) { sh_error("%s: is read only", name); free(name); return 1; }
      if (ro) readonly_var(name, 1);
      free(name);
    } else if (ro) readonly_var(v[i], 1);
    else exportvar(v[i]);
  }
  return 0;
}
static int b_local(int c, char **v) {
  if (!func_depth) { sh_error("local: not in a function"); return 1; }
  for (int i = 1; i < c; i++) {
    char *eq = strchr(v[i], '=');
    char *name = eq ? strndup(v[i], (size_t)(eq - v[i])) : xstrdup(v[i]);
    local_var(name);
    if (eq) setvar(name, eq + 1, 0);
    free(name);
  }
  return 0;
}
static int b_unset(int c, char **v) {
  int fn = 0, st = 0;
  for (int i = 1; i < c; i++) {
    if (!strcmp(v[i], "-f")) { fn = 1; continue; }
    if (!strcmp(v[i], "-v")) { fn = 0; continue; }
    if (fn) undefine_func(v[i]);
    else if (unsetvar(v[i]) < 0) { sh_error("unset: %s: is read only", v[i]); st = 1; }
  }
  return st;
}
static int set_opt(char f, int on) {
  switch (f) {
  case 'e': opt_e = on; return 0;
  case 'x': opt_x = on; return 0;
  case 'f': opt_f = on; return 0;
  case 'u': opt_u = on; return 0;
  case 'n': opt_n = on && !interactive; return 0;
  case 'v': opt_v = on; return 0;
  case 'm': return 0;
  case 'C': return 0;
  }
  return -1;
}
static int b_set(int c, char **v) {
  if (c == 1) { print_vars(0); return 0; }
  int i = 1;
  for (; i < c; i++) {
    const char *a = v[i];
    if (!strcmp(a, "--")) { i++; goto params; }
    if ((a[0] != '-' && a[0] != '+') || !a[1]) break;
    if (!strcmp(a + 1, "o")) {
      if (i + 1 < c) {
        i++;
        const char *o = v[i];
        char f = !strcmp(o, "errexit") ? 'e' : !strcmp(o, "xtrace") ? 'x' : !strcmp(o, "noglob") ? 'f' : !strcmp(o, "nounset") ? 'u' : !strcmp(o, "noexec") ? 'n' : !strcmp(o, "verbose") ? 'v' : !strcmp(o, "monitor") ? 'm' : 0;
        if (!f) { sh_error("set: Illegal option -o %s", o); return 2; }
        set_opt(f, a[0] == '-');
      }
      continue;
    }
    for (const char *p = a + 1; *p; p++)
      if (set_opt(*p, a[0] == '-') < 0) { sh_error("set: Illegal option %c%c", a[0], *p); return 2; }
  }
  if (i >= c) return 0;
params:
  {
    int n = c - i;
    char **nv = xmalloc(sizeof *nv * (size_t)(n + 1));
    for (int k = 0; k < n; k++) nv[k] = xstrdup(v[i + k]);
    nv[n] = 0;
    posargs = nv;
    nposargs = n;
  }
  return 0;
}
static int b_shift(int c, char **v) {
  int n = c > 1 ? atoi(v[1]) : 1;
  if (n < 0 || n > nposargs) { sh_error("shift: can't shift that many"); if (!interactive) sh_exit(2); return 2; }
  posargs += n;
  nposargs -= n;
  return 0;
}
static int b_eval(int c, char **v) {
  size_t l = 1;
  for (int i = 1; i < c; i++) l += strlen(v[i]) + 1;
  char *s = xmalloc(l);
  s[0] = 0;
  for (int i = 1; i < c; i++) { if (i > 1) strcat(s, " "); strcat(s, v[i]); }
  last_status = 0;
  int st = run_string(s, "eval");
  free(s);
  return st;
}
static int b_dot(int c, char **v) {
  if (c < 2) { sh_error(".: filename argument required"); return 2; }
  const char *path = v[1];
  if (!strchr(path, '/')) {
    const char *p = getvar("PATH");
    static char buf[PATH_MAX];
    path = 0;
    for (const char *q = p ? p : "/bin"; q;) {
      const char *e = strchrnul(q, ':');
      snprintf(buf, sizeof buf, "%.*s/%s", (int)(e - q), q, v[1]);
      if (access(buf, R_OK) == 0) { path = buf; break; }
      q = *e ? e + 1 : 0;
    }
    if (!path && access(v[1], R_OK) == 0) path = v[1];
    if (!path) { sh_error(".: cannot open %s: No such file", v[1]); if (!interactive) sh_exit(2); return 2; }
  }
  char **oldpos = posargs;
  int oldn = nposargs;
  if (c > 2) { posargs = v + 2; nposargs = c - 2; }
  char *p = xstrdup(path);
  last_status = 0;
  func_depth++;
  int st = run_file(p, 1);
  func_depth--;
  if (returning) { returning = 0; st = last_status; }
  free(p);
  if (c > 2) { posargs = oldpos; nposargs = oldn; }
  if (st < 0) { if (!interactive) sh_exit(2); return 2; }
  return st;
}
static int b_return(int c, char **v) {
  returning = 1;
  last_status = c > 1 ? atoi(v[1]) : last_status;
  return last_status;
}
static int b_break(int c, char **v) {
  int n = c > 1 ? atoi(v[1]) : 1;
  if (n < 1) { sh_error("%s: Illegal number: %s", v[0], v[1]); return 2; }
  if (!loop_depth) return 0;
  if (n > loop_depth) n = loop_depth;
  if (v[0][0] == 'b') break_n = n; else continue_n = n;
  return 0;
}
/* read [-r] [-p prompt] [name...] */
static int b_read(int c, char **v) {
  int raw = 0, i = 1;
  for (; i < c && v[i][0] == '-' && v[i][1]; i++) {
    if (!strcmp(v[i], "-r")) raw = 1;
    else if (!strcmp(v[i], "-p") && i + 1 < c) { fputs(v[++i], stderr); fflush(stderr); }
    else if (!strcmp(v[i], "--")) { i++; break; }
  }
  size_t n = 0, cap = 128;
  char *line = xmalloc(cap), *quoted = xmalloc(cap);
  int eof = 0;
  for (;;) {
    char ch;
    ssize_t r = read(0, &ch, 1);
    if (r < 0 && errno == EINTR) { check_traps(); continue; }
    if (r <= 0) { eof = 1; break; }
    if (ch == '\n') break;
    int q = 0;
    if (ch == '\\' && !raw) {
      r = read(0, &ch, 1);
      if (r <= 0) { eof = 1; break; }
      if (ch == '\n') continue;
      q = 1;
    }
    if (n + 2 > cap) { cap *= 2; line = xrealloc(line, cap); quoted = xrealloc(quoted, cap); }
    quoted[n] = (char)q;
    line[n++] = ch;
  }
  line[n] = 0;
  const char *ifs = getvar("IFS");
  if (!ifs) ifs = " \t\n";
  int nv = c - i;
  const char *def[] = {"REPLY"};
  char **names = nv ? v + i : (char **)def;
  if (!nv) nv = 1;
  size_t p = 0;
#define ISIFS(k) (!quoted[k] && strchr(ifs, line[k]) && line[k])
#define ISWS(k) (ISIFS(k) && (line[k] == ' ' || line[k] == '\t' || line[k] == '\n'))
  if (nv == 1 && !nv) {}
  for (int k = 0; k < nv; k++) {
    while (p < n && ISWS(p)) p++;
    size_t s = p;
    if (k == nv - 1) {
      size_t e = n;
      while (e > s && ISWS(e - 1)) e--;
      char *val = strndup(line + s, e - s);
      setvar(names[k], val, 0);
      free(val);
      p = n;
    } else {
      while (p < n && !ISIFS(p)) p++;
      char *val = strndup(line + s, p - s);
      setvar(names[k], val, 0);
      free(val);
      if (p < n && !ISWS(p)) p++;
      else { while (p < n && ISWS(p)) p++; if (p < n && ISIFS(p) && !ISWS(p)) p++; }
    }
  }
  free(line);
  free(quoted);
  return eof && n == 0 ? 1 : eof ? 1 : 0;
}
static int sig_num(const char *s) {
  if (isdigit((unsigned char)*s)) return atoi(s);
  if (!strncasecmp(s, "SIG", 3)) s += 3;
  static const char *const names[] = {"EXIT", "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1", "SEGV", "USR2", "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU", "URG", "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS", 0};
  for (int i = 0; names[i]; i++) if (!strcasecmp(s, names[i])) return i;
  return -1;
}
static const char *sig_name(int n) {
  static const char *const names[] = {"EXIT", "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1", "SEGV", "USR2", "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU", "URG", "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS"};
  return n >= 0 && n < 32 ? names[n] : "?";
}
static int b_trap(int c, char **v) {
  if (c == 1) {
    for (int s = 0; s < 65; s++) if (traps[s]) printf("trap -- '%s' %s\n", traps[s], sig_name(s));
    return 0;
  }
  int i = 1;
  const char *action = v[1];
  if (sig_num(v[1]) >= 0 && (c == 2 || isdigit((unsigned char)v[1][0]))) action = "-";
  else i = 2;
  if (!strcmp(v[1], "--")) { i = 2; action = c > 2 ? v[2] : "-"; i = 3; }
  for (; i < c; i++) {
    int s = sig_num(v[i]);
    if (s < 0 || s > 64) { sh_error("trap: %s: bad trap", v[i]); return 1; }
    set_trap(s, strcmp(action, "-") ? action : 0);
  }
  return 0;
}
static int b_kill(int c, char **v) {
  int sig = SIGTERM, i = 1, st = 0;
  if (c > 1 && !strcmp(v[1], "-l")) {
    if (c > 2) { int n = atoi(v[2]); printf("%s\n", sig_name(n > 128 ? n - 128 : n)); return 0; }
    for (int s = 1; s < 32; s++) printf("%s%c", sig_name(s), s % 8 ? ' ' : '\n');
    printf("\n");
    return 0;
  }
  if (c > 2 && (!strcmp(v[1], "-s") || !strcmp(v[1], "-n"))) { sig = sig_num(v[2]); i = 3; }
  else if (c > 1 && v[1][0] == '-' && v[1][1]) { sig = sig_num(v[1] + 1); i = 2; }
  if (sig < 0) { sh_error("kill: invalid signal"); return 1; }
  if (i >= c) { sh_error("kill: usage: kill [-s sigspec | -signum] pid | jobspec ..."); return 2; }
  for (; i < c; i++) {
    pid_t p;
    if (v[i][0] == '%') {
      int j = find_job(v[i]);
      if (!j) { sh_error("kill: %s: no such job", v[i]); st = 1; continue; }
      p = -job_pgid(j);
    } else p = atoi(v[i]);
    if (kill(p, sig) < 0) { sh_error("kill: %s: %s", v[i], strerror(errno)); st = 1; }
  }
  return st;
}
static int b_jobs(int c, char **v) { return jobs_builtin(); }
static int b_fg(int c, char **v) {
  int j = find_job(c > 1 ? v[1] : 0);
  if (!j) { sh_error("%s: %s: no such job", v[0], c > 1 ? v[1] : "current"); return 1; }
  return job_continue(j, v[0][0] == 'f');
}
static int b_wait(int c, char **v) { return wait_builtin(v, c); }
static int b_umask(int c, char **v) {
  if (c == 1) { mode_t m = umask(0); umask(m); printf("%04o\n", m); return 0; }
  char *e;
  long m = strtol(v[1], &e, 8);
  if (*e || m < 0 || m > 0777) { sh_error("umask: Illegal mode: %s", v[1]); return 1; }
  umask((mode_t)m);
  return 0;
}
static int describe(const char *name, int verbose) {
  int sp;
  if (find_func(name)) { if (verbose) printf("%s is a shell function\n", name); else printf("%s\n", name); return 0; }
  if (find_builtin(name, &sp)) { if (verbose) printf("%s is a %sshell builtin\n", name, sp ? "special " : ""); else printf("%s\n", name); return 0; }
  static const char *const kw[] = {"if", "then", "else", "elif", "fi", "while", "until", "for", "do", "done", "case", "esac", "{", "}", "!", 0};
  for (int i = 0; kw[i]; i++) if (!strcmp(kw[i], name)) { if (verbose) printf("%s is a shell keyword\n", name); else printf("%s\n", name); return 0; }
  const char *p = find_in_path(name);
  if (p) { if (verbose) printf("%s is %s\n", name, p); else printf("%s\n", p); return 0; }
  if (verbose) printf("%s: not found\n", name);
  return 127;
}
static int b_type(int c, char **v) {
  int st = 0;
  for (int i = 1; i < c; i++) if (describe(v[i], 1)) st = 127;
  return st;
}
static int b_command(int c, char **v) {
  if (c > 2 && (!strcmp(v[1], "-v") || !strcmp(v[1], "-V"))) {
    int st = 0;
    for (int i = 2; i < c; i++) if (describe(v[i], v[1][1] == 'V')) st = 127;
    return st == 127 ? 127 : 0;
  }
  int i = 1;
  if (i < c && !strcmp(v[i], "-p")) i++;
  if (i >= c) return 0;
  int sp;
  builtin_fn bf = find_builtin(v[i], &sp);
  if (bf) return bf(c - i, v + i);
  fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) {
    const char *path = find_in_path(v[i]);
    if (!path) { sh_error("%s: not found", v[i]); _exit(127); }
    execve(path, v + i, build_env());
    _exit(126);
  }
  int st;
  while (waitpid(pid, &st, 0) < 0 && errno == EINTR) {}
  return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}
static int b_history(int c, char **v) { history_print(); return 0; }
static int b_getopts(int c, char **v) {
  if (c < 3) { sh_error("getopts: usage: getopts optstring var [arg ...]"); return 2; }
  const char *opts = v[1];
  char **args = c > 3 ? v + 3 : posargs;
  int nargs = c > 3 ? c - 3 : nposargs;
  char *oi = getvar("OPTIND");
  int optind_ = oi ? atoi(oi) : 1;
  if (optind_ < 1) optind_ = 1;
  static int sub = 1;
  static int last_optind = -1;
  if (optind_ != last_optind) sub = 1;
  char buf[16];
  if (optind_ > nargs || args[optind_ - 1][0] != '-' || !args[optind_ - 1][1] || !strcmp(args[optind_ - 1], "--")) {
    if (optind_ <= nargs && !strcmp(args[optind_ - 1], "--")) optind_++;
    setvar(v[2], "?", 0);
    sprintf(buf, "%d", optind_);
    setvar("OPTIND", buf, 0);
    last_optind = optind_;
    unsetvar("OPTARG");
    return 1;
  }
  const char *a = args[optind_ - 1];
  char ch = a[sub++];
  const char *p = strchr(opts, ch);
  int silent = opts[0] == ':';
  buf[0] = ch;
  buf[1] = 0;
  if (!p || ch == ':') {
    if (!silent) fprintf(stderr, "Illegal option -%c\n", ch);
    setvar(v[2], "?", 0);
    if (silent) setvar("OPTARG", buf, 0); else unsetvar("OPTARG");
  } else if (p[1] == ':') {
    if (a[sub]) { setvar("OPTARG", a + sub, 0); optind_++; sub = 1; }
    else if (optind_ < nargs) { setvar("OPTARG", args[optind_], 0); optind_ += 2; sub = 1; }
    else {
      if (!silent) fprintf(stderr, "No arg for -%c option\n", ch);
      setvar(v[2], silent ? ":" : "?", 0);
      if (silent) setvar("OPTARG", buf, 0);
      optind_++;
      sub = 1;
      goto done;
    }
    setvar(v[2], buf, 0);
  } else { setvar(v[2], buf, 0); unsetvar("OPTARG"); }
  if (sub && !a[sub]) { optind_++; sub = 1; }
done:
  sprintf(buf, "%d", optind_);
  setvar("OPTIND", buf, 0);
  last_optind = optind_;
  return 0;
}

static const struct { const char *name; builtin_fn fn; int special; } builtins[] = {
  {":", b_true, 1}, {".", b_dot, 1}, {"break", b_break, 1}, {"continue", b_break, 1}, {"eval", b_eval, 1},
  {"exec", b_true, 1}, {"exit", b_exit, 1}, {"export", b_export, 1}, {"readonly", b_export, 1},
  {"return", b_return, 1}, {"set", b_set, 1}, {"shift", b_shift, 1}, {"trap", b_trap, 1}, {"unset", b_unset, 1},
  {"true", b_true, 0}, {"false", b_false, 0}, {"echo", b_echo, 0}, {"printf", b_printf, 0}, {"test", b_test, 0},
  {"[", b_test, 0}, {"cd", b_cd, 0}, {"pwd", b_pwd, 0}, {"source", b_dot, 0}, {"read", b_read, 0},
  {"jobs", b_jobs, 0}, {"fg", b_fg, 0}, {"bg", b_fg, 0}, {"wait", b_wait, 0}, {"kill", b_kill, 0},
  {"umask", b_umask, 0}, {"type", b_type, 0}, {"command", b_command, 0}, {"local", b_local, 0},
  {"history", b_history, 0}, {"getopts", b_getopts, 0}, {0, 0, 0}};
builtin_fn find_builtin(const char *name, int *special) {
  for (int i = 0; builtins[i].name; i++)
    if (!strcmp(builtins[i].name, name)) { *special = builtins[i].special; return builtins[i].fn; }
  return 0;
}
