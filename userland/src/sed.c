/* sed: stream editor — s (with g, p, N, I flags and & \1..\9), d, p, q, =, addresses
 * (line numbers, $, /re/, ranges, !), -n, -e, -E/-r, -i; commands separated by ; or newlines. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <regex.h>
#include <unistd.h>

struct addr { int type; long line; regex_t re; }; /* type: 0 none, 1 line, 2 last, 3 regex */
struct cmd {
  struct addr a1, a2;
  int neg, in_range;
  char op;
  regex_t re; int re_set; char *repl; int global, nth, print, icase;
  char *text;
};
static struct cmd cmds[256];
static int ncmds, nflag, eflag, quit;
static long lineno;
static int last_line;
static char *hold;

static void die(const char *m) { fprintf(stderr, "sed: -e expression #1, char 0: %s\n", m); exit(1); }
/* Reads a delimited chunk starting after the delimiter; handles \delim; returns malloc'd string. */
static char *chunk(const char **pp, char delim) {
  const char *p = *pp;
  size_t cap = strlen(p) + 1, n = 0;
  char *o = malloc(cap);
  while (*p && *p != delim) {
    if (*p == '\\' && p[1] == delim) { o[n++] = delim; p += 2; continue; }
    if (*p == '\\' && p[1] == 'n') { o[n++] = '\n'; p += 2; continue; }
    if (*p == '\\' && p[1]) { o[n++] = *p++; }
    o[n++] = *p++;
  }
  if (*p != delim) die("unterminated `s' command");
  o[n] = 0;
  *pp = p + 1;
  return o;
}
static void compile_re(regex_t *re, const char *pat, int icase) {
  int e = regcomp(re, pat, (eflag ? REG_EXTENDED : 0) | (icase ? REG_ICASE : 0));
  if (e) { char m[128]; regerror(e, re, m, sizeof m); fprintf(stderr, "sed: -e expression #1, char 0: %s\n", m); exit(1); }
}
static const char *parse_addr(const char *p, struct addr *a) {
  if (*p >= '0' && *p <= '9') { a->type = 1; a->line = strtol(p, (char **)&p, 10); }
  else if (*p == '$') { a->type = 2; p++; }
  else if (*p == '/' || *p == '\\') {
    char d = *p == '\\' ? *++p : '/';
    p++;
    char *pat = chunk(&p, d);
    a->type = 3;
    compile_re(&a->re, pat, 0);
    free(pat);
  }
  return p;
}
static void parse(const char *p) {
  while (*p) {
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == ';') p++;
    if (!*p) break;
    if (ncmds == 256) die("too many commands");
    struct cmd *c = &cmds[ncmds++];
    memset(c, 0, sizeof *c);
    p = parse_addr(p, &c->a1);
    if (c->a1.type && *p == ',') p = parse_addr(p + 1, &c->a2);
    while (*p == ' ') p++;
    if (*p == '!') { c->neg = 1; p++; while (*p == ' ') p++; }
    c->op = *p++;
    switch (c->op) {
    case 's': {
      char d = *p++;
      char *pat = chunk(&p, d);
      c->repl = chunk(&p, d);
      while (*p && *p != ';' && *p != '\n' && *p != '}') {
        if (*p == 'g') c->global = 1;
        else if (*p == 'p') c->print = 1;
        else if (*p == 'I' || *p == 'i') c->icase = 1;
        else if (*p >= '0' && *p <= '9') { c->nth = (int)strtol(p, (char **)&p, 10); continue; }
        else if (*p == ' ') {}
        else die("unknown option to `s'");
        p++;
      }
      if (*pat) { compile_re(&c->re, pat, c->icase); c->re_set = 1; }
      free(pat);
      break;
    }
    case 'd': case 'p': case 'q': case '=': case 'D': case 'P': case 'n': case 'h': case 'H': case 'g': case 'G': case 'x': break;
    case 'a': case 'i': case 'c': {
      while (*p == ' ') p++;
      if (*p == '\\') { p++; if (*p == '\n') p++; }
      const char *e = strchr(p, '\n');
      c->text = e ? strndup(p, (size_t)(e - p)) : strdup(p);
      p = e ? e : p + strlen(p);
      break;
    }
    case 'y': {
      char d = *p++;
      char *a = chunk(&p, d), *b = chunk(&p, d);
      if (strlen(a) != strlen(b)) die("strings for `y' command are different lengths");
      c->text = a;
      c->repl = b;
      break;
    }
    default: fprintf(stderr, "sed: -e expression #1, char %d: unknown command: `%c'\n", 1, c->op); exit(1);
    }
  }
}
static int match_addr(struct addr *a, const char *line) {
  switch (a->type) {
  case 1: return lineno == a->line;
  case 2: return last_line;
  case 3: return regexec(&a->re, line, 0, 0, 0) == 0;
  }
  return 1;
}
static int selected(struct cmd *c, const char *line) {
  int r;
  if (!c->a1.type) r = 1;
  else if (!c->a2.type) r = match_addr(&c->a1, line);
  else if (c->in_range) {
    r = 1;
    if (c->a2.type == 1 ? lineno >= c->a2.line : match_addr(&c->a2, line)) c->in_range = 0;
  } else if (match_addr(&c->a1, line)) {
    r = 1;
    c->in_range = 1;
    if (c->a2.type == 1 && lineno >= c->a2.line) c->in_range = 0;
  } else r = 0;
  return r != c->neg;
}
struct sbuf { char *p; size_t n, cap; };
static void sput(struct sbuf *b, const char *s, size_t n) {
  if (b->n + n + 1 > b->cap) { b->cap = (b->n + n + 1) * 2; b->p = realloc(b->p, b->cap); }
  memcpy(b->p + b->n, s, n);
  b->n += n;
  b->p[b->n] = 0;
}
static regex_t *last_re;
static int subst(struct cmd *c, char **linep) {
  regex_t *re = c->re_set ? &c->re : last_re;
  if (!re) die("no previous regular expression");
  last_re = re;
  char *line = *linep;
  struct sbuf out = {0, 0, 0};
  sput(&out, "", 0);
  size_t off = 0, len = strlen(line);
  int count = 0, did = 0;
  size_t last_eo = (size_t)-1;
  regmatch_t m[10];
  while (off <= len && regexec(re, line + off, 10, m, off ? REG_NOTBOL : 0) == 0) {
    size_t so = off + (size_t)m[0].rm_so, eo = off + (size_t)m[0].rm_eo;
    if (so == eo && so == last_eo) {
      /* No empty match right after the previous match. */
      if (so < len) sput(&out, line + so, 1);
      off = so + 1;
      continue;
    }
    count++;
    last_eo = eo;
    sput(&out, line + off, so - off);
    if ((c->nth && count < c->nth) ) {
      sput(&out, line + so, eo - so);
    } else {
      did = 1;
      for (const char *r = c->repl; *r; r++) {
        if (*r == '&') sput(&out, line + so, eo - so);
        else if (*r == '\\' && r[1] >= '0' && r[1] <= '9') {
          int k = *++r - '0';
          if (m[k].rm_so >= 0) sput(&out, line + off + m[k].rm_so, (size_t)(m[k].rm_eo - m[k].rm_so));
        } else if (*r == '\\' && r[1]) { r++; sput(&out, *r == 'n' ? "\n" : r, 1); }
        else sput(&out, r, 1);
      }
    }
    if (eo == so) {
      if (so < len) sput(&out, line + so, 1);
      off = so + 1;
    } else off = eo;
    if (did && !c->global) break;
  }
  if (off <= len) sput(&out, line + off, len - off);
  if (did) { free(*linep); *linep = out.p; } else free(out.p);
  return did;
}
static void process(FILE *in, FILE *out, int is_last_file) {
  char *line = 0;
  size_t cap = 0;
  ssize_t len;
  char *next = 0;
  size_t ncap = 0;
  ssize_t nlen = getline(&next, &ncap, in);
  while (!quit && nlen >= 0) {
    free(line);
    line = next;
    len = nlen;
    cap = ncap;
    next = 0;
    ncap = 0;
    nlen = getline(&next, &ncap, in);
    last_line = nlen < 0 && is_last_file;
    int had_nl = len && line[len - 1] == '\n';
    if (had_nl) line[--len] = 0;
    lineno++;
    int deleted = 0;
    char *append = 0;
    for (int k = 0; k < ncmds && !deleted; k++) {
      struct cmd *c = &cmds[k];
      if (!selected(c, line)) continue;
      switch (c->op) {
      case 's': if (subst(c, &line) && c->print) fprintf(out, "%s\n", line); break;
      case 'd': deleted = 1; break;
      case 'p': fprintf(out, "%s\n", line); break;
      case 'q': quit = 1; k = ncmds; break;
      case '=': fprintf(out, "%ld\n", lineno); break;
      case 'i': fprintf(out, "%s\n", c->text); break;
      case 'a': append = c->text; break;
      case 'c': if (!c->a2.type || !c->in_range) fprintf(out, "%s\n", c->text); deleted = 1; break;
      case 'y':
        for (char *q = line; *q; q++) { char *f = strchr(c->text, *q); if (f) *q = c->repl[f - c->text]; }
        break;
      case 'h': free(hold); hold = strdup(line); break;
      case 'H': { char *t = malloc(strlen(hold ? hold : "") + strlen(line) + 2); sprintf(t, "%s\n%s", hold ? hold : "", line); free(hold); hold = t; break; }
      case 'g': free(line); line = strdup(hold ? hold : ""); break;
      case 'G': { char *t = malloc(strlen(hold ? hold : "") + strlen(line) + 2); sprintf(t, "%s\n%s", line, hold ? hold : ""); free(line); line = t; break; }
      case 'x': { char *t = line; line = hold ? hold : strdup(""); hold = t; break; }
      case 'n':
        if (!nflag) fprintf(out, "%s\n", line);
        if (nlen < 0) { deleted = 1; quit = 1; break; }
        free(line);
        line = next; len = nlen; cap = ncap; next = 0; ncap = 0;
        nlen = getline(&next, &ncap, in);
        last_line = nlen < 0 && is_last_file;
        if (len && line[len - 1] == '\n') line[--len] = 0;
        lineno++;
        break;
      }
    }
    if (!deleted && !nflag) { fputs(line, out); if (had_nl || !last_line || 1) fputc('\n', out); }
    if (append) fprintf(out, "%s\n", append);
    (void)cap;
  }
  free(line);
  free(next);
}
int main(int argc, char **argv) {
  int i = 1, have_script = 0, inplace = 0;
  char *script = 0;
  size_t sl = 0;
  for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
    if (!strcmp(argv[i], "--")) { i++; break; }
    for (char *p = argv[i] + 1; *p; p++) {
      if (*p == 'n') nflag = 1;
      else if (*p == 'E' || *p == 'r') eflag = 1;
      else if (*p == 'i') inplace = 1;
      else if (*p == 'e') {
        const char *s = p[1] ? p + 1 : (i + 1 < argc ? argv[++i] : 0);
        if (!s) { fprintf(stderr, "sed: option requires an argument -- 'e'\n"); return 1; }
        size_t l = strlen(s);
        script = realloc(script, sl + l + 2);
        memcpy(script + sl, s, l);
        sl += l;
        script[sl++] = '\n';
        script[sl] = 0;
        have_script = 1;
        break;
      } else { fprintf(stderr, "sed: invalid option -- '%c'\n", *p); return 1; }
    }
  }
  if (!have_script) {
    if (i >= argc) { fprintf(stderr, "Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...\n"); return 1; }
    script = argv[i++];
  }
  parse(script);
  int st = 0;
  if (i >= argc) { process(stdin, stdout, 1); return 0; }
  for (; i < argc && !quit; i++) {
    FILE *f = strcmp(argv[i], "-") ? fopen(argv[i], "r") : stdin;
    if (!f) { fprintf(stderr, "sed: can't read %s: %s\n", argv[i], strerror(errno)); st = 2; continue; }
    if (inplace) {
      char tmp[4096];
      snprintf(tmp, sizeof tmp, "%s.sedtmp", argv[i]);
      FILE *o = fopen(tmp, "w");
      if (!o) { fprintf(stderr, "sed: couldn't open temporary file %s: %s\n", tmp, strerror(errno)); return 4; }
      lineno = 0;
      process(f, o, 1);
      fclose(o);
      fclose(f);
      rename(tmp, argv[i]);
      continue;
    }
    process(f, stdout, i == argc - 1);
    if (f != stdin) fclose(f);
  }
  return st;
}
