/* sh: word expansion — tilde, parameters, command substitution, arithmetic, field splitting, globbing. */
#include "sh.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <ctype.h>
#include <errno.h>
#include <fnmatch.h>
#include <dirent.h>
#include <pwd.h>
#include <sys/wait.h>

enum { A_LIT, A_QUOTED, A_EXP, A_BREAK };
struct xbuf { char *s; char *a; size_t n, cap; int quoted_any; };

void sl_push(struct strlist *l, char *s) {
  if (l->n + 2 > l->cap) { l->cap = l->cap ? l->cap * 2 : 8; l->v = xrealloc(l->v, sizeof *l->v * (size_t)l->cap); }
  l->v[l->n++] = s;
  l->v[l->n] = 0;
}
static void xput(struct xbuf *x, int c, int attr) {
  if (x->n + 2 > x->cap) {
    x->cap = x->cap ? x->cap * 2 : 64;
    x->s = xrealloc(x->s, x->cap);
    x->a = xrealloc(x->a, x->cap);
  }
  x->s[x->n] = (char)c;
  x->a[x->n++] = (char)attr;
  x->s[x->n] = 0;
}
static void xputs(struct xbuf *x, const char *s, int attr) { while (*s) xput(x, (unsigned char)*s++, attr); }

#define M_DQ 1
#define M_HEREDOC 2
#define M_ASSIGN 4
#define M_NOTILDE 8

static const char *expand_into(struct xbuf *x, const char *p, int mode, int stop);

static char *posparam(int i) { return i == 0 ? arg0 : i <= nposargs ? posargs[i - 1] : 0; }

static char *special_var(const char *name, char *tmp) {
  switch (name[0]) {
  case '?': sprintf(tmp, "%d", last_status); return tmp;
  case '$': sprintf(tmp, "%d", (int)shell_pgid ? (int)getpid() : (int)getpid()); return tmp;
  case '!': if (!last_bg_pid) return 0; sprintf(tmp, "%d", (int)last_bg_pid); return tmp;
  case '#': sprintf(tmp, "%d", nposargs); return tmp;
  case '-': {
    char *q = tmp;
    if (opt_e) *q++ = 'e';
    if (opt_f) *q++ = 'f';
    if (interactive) *q++ = 'i';
    if (job_control) *q++ = 'm';
    if (opt_u) *q++ = 'u';
    if (opt_x) *q++ = 'x';
    *q = 0;
    return tmp;
  }
  }
  if (isdigit((unsigned char)name[0])) return posparam(atoi(name));
  if (!strcmp(name, "LINENO")) { sprintf(tmp, "%d", cur_lineno); return tmp; }
  return getvar(name);
}
static void put_value(struct xbuf *x, const char *v, int mode) { if (v) xputs(x, v, (mode & M_DQ) ? A_QUOTED : A_EXP); }
static void put_params(struct xbuf *x, int star, int mode) {
  const char *ifs = getvar("IFS");
  char sep = ifs ? ifs[0] : ' ';
  for (int i = 0; i < nposargs; i++) {
    if (i) {
      if ((mode & M_DQ) && !star) xput(x, 0, A_BREAK);
      else if (mode & M_DQ) { if (sep) xput(x, sep, A_QUOTED); }
      else xput(x, ' ', A_EXP);
    }
    put_value(x, posargs[i], mode);
  }
}
/* Removes the shortest/longest prefix/suffix matching pat. */
static char *trim(const char *v, const char *pat, int suffix, int longest) {
  size_t l = strlen(v);
  char *t = xstrdup(v);
  if (!suffix) {
    for (size_t k = 0; k <= l; k++) {
      size_t i = longest ? l - k : k;
      char c = t[i];
      t[i] = 0;
      int m = fnmatch(pat, t, 0) == 0;
      t[i] = c;
      if (m) { char *r = xstrdup(v + i); free(t); return r; }
    }
  } else {
    for (size_t k = 0; k <= l; k++) {
      size_t i = longest ? k : l - k;
      if (fnmatch(pat, v + i, 0) == 0) { t[i] = 0; return t; }
    }
  }
  free(t);
  return xstrdup(v);
}
/* Finds the end of a ${...}/$(...) body starting after the opener. */
static const char *skip_balanced(const char *p, char open, char close) {
  int depth = 1;
  while (*p) {
    if (*p == '\\' && p[1]) { p += 2; continue; }
    if (*p == '\'' && open == '(') { p = strchr(p + 1, '\''); if (!p) return 0; p++; continue; }
    if (*p == '"') {
      p++;
      while (*p && *p != '"') { if (*p == '\\' && p[1]) p++; p++; }
      if (!*p) return 0;
      p++;
      continue;
    }
    if (*p == open) depth++;
    else if (*p == close && --depth == 0) return p;
    p++;
  }
  return 0;
}
static char *sub_expand(const char *word, size_t len, int mode) {
  char *w = strndup(word, len);
  struct xbuf x = {0, 0, 0, 0, 0};
  xput(&x, 0, 0);
  x.n = 0;
  expand_into(&x, w, mode | M_NOTILDE * 0, 0);
  free(w);
  free(x.a);
  return x.s;
}
static char *pattern_of(const char *word, size_t len, int mode) {
  /* Like sub_expand, but quoted characters are escaped so they match literally. */
  char *w = strndup(word, len);
  struct xbuf x = {0, 0, 0, 0, 0};
  xput(&x, 0, 0);
  x.n = 0;
  expand_into(&x, w, mode, 0);
  free(w);
  char *r = xmalloc(x.n * 2 + 1), *q = r;
  for (size_t i = 0; i < x.n; i++) {
    if (x.a[i] == A_QUOTED && strchr("*?[]\\", x.s[i])) *q++ = '\\';
    *q++ = x.s[i];
  }
  *q = 0;
  free(x.s);
  free(x.a);
  return r;
}
/* ${...}: p points after "${"; returns pointer after the closing brace. */
static const char *param_brace(struct xbuf *x, const char *p, int mode) {
  const char *end = skip_balanced(p, '{', '}');
  if (!end) { sh_error("bad substitution"); return p + strlen(p); }
  char name[256], tmp[64];
  size_t nl = 0;
  int length = 0;
  if (*p == '#' && end > p + 1) { length = 1; p++; }
  if (strchr("@*#?$!-0123456789", *p) && !(isdigit((unsigned char)*p) && 0)) {
    if (isdigit((unsigned char)*p)) while (isdigit((unsigned char)p[nl]) && nl < 255) { name[nl] = p[nl]; nl++; }
    else name[nl++] = *p;
  } else while ((isalnum((unsigned char)p[nl]) || p[nl] == '_') && nl < 255) { name[nl] = p[nl]; nl++; }
  name[nl] = 0;
  if (!nl) { sh_error("bad substitution"); return end + 1; }
  p += nl;
  int isat = !strcmp(name, "@") || !strcmp(name, "*");
  char *val = isat ? 0 : special_var(name, tmp);
  int set = isat ? nposargs > 0 : val != 0;
  if (length) {
    char b[32];
    sprintf(b, "%d", (int)(isat ? nposargs : val ? strlen(val) : 0));
    put_value(x, b, mode);
    return end + 1;
  }
  if (p == end) {
    if (isat) put_params(x, name[0] == '*', mode);
    else {
      if (!val && opt_u) { sh_error("%s: parameter not set", name); if (!interactive) sh_exit(2); }
      put_value(x, val, mode);
    }
    return end + 1;
  }
  int colon = *p == ':';
  if (colon) p++;
  char op = *p++;
  int empty = !set || (colon && (isat ? 0 : !*val));
  const char *word = p;
  size_t wl = (size_t)(end - p);
  switch (op) {
  case '-': case '=':
    if (empty) {
      char *w = sub_expand(word, wl, mode & M_DQ);
      if (op == '=') setvar(name, w, 0);
      put_value(x, w, mode);
      free(w);
    } else if (isat) put_params(x, name[0] == '*', mode);
    else put_value(x, val, mode);
    break;
  case '+':
    if (!empty) { char *w = sub_expand(word, wl, mode & M_DQ); put_value(x, w, mode); free(w); }
    break;
  case '?':
    if (empty) {
      char *w = sub_expand(word, wl, mode & M_DQ);
      sh_error("%s: %s", name, *w ? w : "parameter not set");
      free(w);
      if (!interactive || in_subshell) sh_exit(2);
      last_status = 2;
    } else put_value(x, val, mode);
    break;
  case '#': case '%': {
    int longest = *p == op;
    if (longest) { word++; wl--; }
    char *pat = pattern_of(word, wl, 0);
    char *r = trim(val ? val : "", pat, op == '%', longest);
    put_value(x, r, mode);
    free(r);
    free(pat);
    break;
  }
  default: sh_error("bad substitution"); break;
  }
  return end + 1;
}
char *run_cmdsub(const char *cmd) {
  int fd[2];
  if (pipe(fd) < 0) return xstrdup("");
  fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) {
    close(fd[0]);
    if (fd[1] != 1) { dup2(fd[1], 1); close(fd[1]); }
    in_subshell = 1;
    interactive = 0;
    job_control = 0;
    run_string(cmd, 0);
    sh_exit(last_status);
  }
  close(fd[1]);
  size_t n = 0, cap = 256;
  char *out = xmalloc(cap);
  for (;;) {
    if (n + 1024 > cap) { cap *= 2; out = xrealloc(out, cap); }
    ssize_t r = read(fd[0], out + n, cap - n - 1);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) break;
    n += (size_t)r;
  }
  close(fd[0]);
  int st = 0;
  if (pid > 0) while (waitpid(pid, &st, 0) < 0 && errno == EINTR) {}
  cmdsub_status = last_status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
  while (n > 0 && out[n - 1] == '\n') n--;
  out[n] = 0;
  return out;
}
static const char *expand_dollar(struct xbuf *x, const char *p, int mode) {
  char tmp[64];
  /* p points at the '$' */
  p++;
  if (p[0] == '(' && p[1] == '(') {
    const char *e = skip_balanced(p + 2, '(', ')');
    if (e && e[1] == ')') {
      char *inner = sub_expand(p + 2, (size_t)(e - p - 2), M_DQ);
      int err = 0;
      long v = arith_eval(inner, &err);
      free(inner);
      if (err) { if (!interactive) sh_exit(2); last_status = 2; return e + 2; }
      sprintf(tmp, "%ld", v);
      put_value(x, tmp, mode);
      return e + 2;
    }
  }
  if (*p == '(') {
    const char *e = skip_balanced(p + 1, '(', ')');
    if (!e) { sh_error("Syntax error: end of file unexpected (expecting \")\")"); return p + strlen(p); }
    char *cmd = strndup(p + 1, (size_t)(e - p - 1));
    char *out = run_cmdsub(cmd);
    put_value(x, out, mode);
    free(out);
    free(cmd);
    return e + 1;
  }
  if (*p == '{') return param_brace(x, p + 1, mode);
  if (*p == '@' || *p == '*') { put_params(x, *p == '*', mode); return p + 1; }
  if (*p && strchr("?$!#-", *p)) { char n[2] = {*p, 0}; put_value(x, special_var(n, tmp), mode); return p + 1; }
  if (isdigit((unsigned char)*p)) { char n[2] = {*p, 0}; put_value(x, special_var(n, tmp), mode); return p + 1; }
  if (isalpha((unsigned char)*p) || *p == '_') {
    size_t l = 0;
    char name[256];
    while ((isalnum((unsigned char)p[l]) || p[l] == '_') && l < 255) { name[l] = p[l]; l++; }
    name[l] = 0;
    char *v = special_var(name, tmp);
    if (!v && opt_u) { sh_error("%s: parameter not set", name); if (!interactive) sh_exit(2); }
    put_value(x, v, mode);
    return p + l;
  }
  xput(x, '$', (mode & M_DQ) ? A_QUOTED : A_LIT);
  return p;
}
static const char *expand_backquote(struct xbuf *x, const char *p, int mode) {
  /* p after the opening backquote */
  char *cmd = xmalloc(strlen(p) + 1), *q = cmd;
  while (*p && *p != '`') {
    if (*p == '\\' && (p[1] == '`' || p[1] == '\\' || p[1] == '$' || ((mode & M_DQ) && p[1] == '"'))) p++;
    *q++ = *p++;
  }
  *q = 0;
  if (*p) p++;
  char *out = run_cmdsub(cmd);
  put_value(x, out, mode);
  free(out);
  free(cmd);
  return p;
}
static const char *tilde(struct xbuf *x, const char *p, int mode) {
  /* p at '~' */
  size_t l = 1;
  while (p[l] && p[l] != '/' && !((mode & M_ASSIGN) && p[l] == ':')) {
    if (strchr("\"'\\$`", p[l])) { xput(x, '~', A_LIT); return p + 1; }
    l++;
  }
  const char *home = 0;
  if (l == 1) home = getvar("HOME");
  else {
    char name[256];
    snprintf(name, sizeof name, "%.*s", (int)(l - 1), p + 1);
    struct passwd *pw = getpwnam(name);
    if (pw) home = pw->pw_dir;
  }
  if (!home) { for (size_t i = 0; i < l; i++) xput(x, p[i], A_LIT); return p + l; }
  xputs(x, home, A_QUOTED);
  return p + l;
}
static const char *expand_into(struct xbuf *x, const char *p, int mode, int stop) {
  int dq = mode & M_DQ;
  const char *start = p;
  while (*p) {
    char c = *p;
    if (c == '~' && !dq && !(mode & (M_HEREDOC | M_NOTILDE)) && (p == start || ((mode & M_ASSIGN) && (p[-1] == ':' || p[-1] == '=')))) { p = tilde(x, p, mode); continue; }
    if (c == '\'' && !dq && !(mode & M_HEREDOC)) {
      x->quoted_any = 1;
      p++;
      while (*p && *p != '\'') xput(x, (unsigned char)*p++, A_QUOTED);
      if (*p) p++;
      continue;
    }
    if (c == '"' && !(mode & M_HEREDOC)) {
      x->quoted_any = 1;
      mode ^= M_DQ;
      dq = mode & M_DQ;
      p++;
      continue;
    }
    if (c == '\\') {
      if (!p[1]) { xput(x, '\\', dq ? A_QUOTED : A_LIT); p++; continue; }
      if (dq || (mode & M_HEREDOC)) {
        if (strchr("$`\"\\\n", p[1]) && !((mode & M_HEREDOC) && p[1] == '"' && !dq)) {
          if (p[1] != '\n') xput(x, (unsigned char)p[1], A_QUOTED);
          p += 2;
        } else { xput(x, '\\', A_QUOTED); p++; }
        continue;
      }
      x->quoted_any = 1;
      xput(x, (unsigned char)p[1], A_QUOTED);
      p += 2;
      continue;
    }
    if (c == '$') { p = expand_dollar(x, p, mode); continue; }
    if (c == '`') { p = expand_backquote(x, p + 1, mode); continue; }
    xput(x, (unsigned char)c, dq || (mode & M_HEREDOC) ? A_QUOTED : A_LIT);
    p++;
    if ((mode & M_ASSIGN) && c == ':' ) start = p;
  }
  (void)stop;
  return p;
}

char *expand_str(const char *raw, int heredoc) {
  struct xbuf x = {0, 0, 0, 0, 0};
  xput(&x, 0, 0);
  x.n = 0;
  expand_into(&x, raw, heredoc == 1 ? M_HEREDOC : heredoc == 2 ? M_ASSIGN : 0, 0);
  for (size_t i = 0; i < x.n; i++) if (x.a[i] == A_BREAK) x.s[i] = ' ';
  free(x.a);
  return x.s;
}
char *expand_pattern(const char *raw) { return pattern_of(raw, strlen(raw), 0); }

/* Pathname expansion of one pattern (backslash-escaped literal chars). */
static int has_glob(const char *p) {
  for (; *p; p++) {
    if (*p == '\\' && p[1]) { p++; continue; }
    if (*p == '*' || *p == '?' || *p == '[') return 1;
  }
  return 0;
}
static char *unescape(const char *p) {
  char *r = xmalloc(strlen(p) + 1), *q = r;
  for (; *p; p++) { if (*p == '\\' && p[1]) p++; *q++ = *p; }
  *q = 0;
  return r;
}
static int cmpstr(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }
static void glob_rec(const char *dir, const char *pat, struct strlist *out) {
  const char *slash = strchr(pat, '/');
  size_t cl = slash ? (size_t)(slash - pat) : strlen(pat);
  char *comp = strndup(pat, cl);
  const char *rest = slash ? slash + 1 : 0;
  while (rest && *rest == '/') rest++;
  if (!has_glob(comp)) {
    char *lit = unescape(comp);
    char *path = xmalloc(strlen(dir) + strlen(lit) + 2);
    sprintf(path, "%s%s", dir, lit);
    free(lit);
    if (!rest) { if (access(path, F_OK) == 0) sl_push(out, path); else free(path); }
    else { strcat(path, "/"); glob_rec(path, rest, out); free(path); }
    free(comp);
    return;
  }
  DIR *d = opendir(*dir ? dir : ".");
  if (!d) { free(comp); return; }
  struct strlist names = {0, 0, 0};
  struct dirent *e;
  while ((e = readdir(d))) {
    if (e->d_name[0] == '.' && comp[0] != '.') continue;
    if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) { if (strcmp(comp, e->d_name)) continue; }
    if (fnmatch(comp, e->d_name, FNM_PERIOD) == 0) sl_push(&names, xstrdup(e->d_name));
  }
  closedir(d);
  if (names.n) qsort(names.v, (size_t)names.n, sizeof *names.v, cmpstr);
  for (int i = 0; i < names.n; i++) {
    char *path = xmalloc(strlen(dir) + strlen(names.v[i]) + 2);
    sprintf(path, "%s%s", dir, names.v[i]);
    if (!rest) sl_push(out, path);
    else { strcat(path, "/"); glob_rec(path, rest, out); free(path); }
    free(names.v[i]);
  }
  free(names.v);
  free(comp);
}
static void add_field(struct strlist *out, struct xbuf *f, int glob_ok) {
  /* f->s holds the field, f->a its attributes. */
  char *pat = xmalloc(f->n * 2 + 1), *q = pat;
  int globby = 0;
  for (size_t i = 0; i < f->n; i++) {
    char c = f->s[i];
    if (f->a[i] == A_QUOTED && strchr("*?[]\\", c)) *q++ = '\\';
    else if (f->a[i] != A_QUOTED && (c == '*' || c == '?' || c == '[')) globby = 1;
    else if (f->a[i] != A_QUOTED && c == '\\') *q++ = '\\';
    *q++ = c;
  }
  *q = 0;
  if (globby && glob_ok && !opt_f) {
    struct strlist m = {0, 0, 0};
    if (pat[0] == '/') glob_rec("/", pat + 1, &m);
    else glob_rec("", pat, &m);
    if (m.n) {
      for (int i = 0; i < m.n; i++) sl_push(out, m.v[i]);
      free(m.v);
      free(pat);
      return;
    }
    free(m.v);
  }
  free(pat);
  sl_push(out, strndup(f->s ? f->s : "", f->n));
}
int expand_words(char **words, int n, struct strlist *out) {
  const char *ifs = getvar("IFS");
  if (!ifs) ifs = " \t\n";
  for (int w = 0; w < n; w++) {
    if (!strcmp(words[w], "\"$@\"")) {
      for (int i = 0; i < nposargs; i++) sl_push(out, xstrdup(posargs[i]));
      continue;
    }
    struct xbuf x = {0, 0, 0, 0, 0};
    xput(&x, 0, 0);
    x.n = 0;
    expand_into(&x, words[w], 0, 0);
    /* Field splitting over A_EXP characters. */
    struct xbuf f = {0, 0, 0, 0, 0};
    int have = x.quoted_any; /* a quoted empty word still makes a field */
    for (size_t i = 0; i < x.n; i++) {
      char c = x.s[i];
      int a = x.a[i];
      if (a == A_BREAK) { add_field(out, &f, 1); f.n = 0; have = 1; continue; }
      if (a == A_EXP && c && strchr(ifs, c)) {
        int white = c == ' ' || c == '\t' || c == '\n';
        if (f.n || have || !white) { add_field(out, &f, 1); f.n = 0; }
        have = 0;
        if (white) {
          /* Skip further IFS whitespace, and one non-white IFS char after it. */
          while (i + 1 < x.n && x.a[i + 1] == A_EXP && strchr(ifs, x.s[i + 1]) && (x.s[i + 1] == ' ' || x.s[i + 1] == '\t' || x.s[i + 1] == '\n')) i++;
        }
        continue;
      }
      xput(&f, (unsigned char)c, a);
      if (a != A_EXP) have = 1;
    }
    if (f.n || have) add_field(out, &f, 1);
    free(f.s);
    free(f.a);
    free(x.s);
    free(x.a);
  }
  return 0;
}
