/* POSIX regcomp/regexec: BRE and ERE compiled to a small backtracking VM.
 * Matching explores every path (memoised on (pc, position) when there are no
 * back-references) and keeps the longest match at the leftmost start. */
#include <regex.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <stdio.h>

enum { CHAR, ANY, CLASS, BOL, EOL, SPLIT, JMP, SAVE, BREF, MATCH, WORDB, NWORDB, WBEG, WEND };
struct inst { uint8_t op; int x, y; };
struct prog {
  struct inst *code; int n, cap;
  uint8_t (*sets)[32]; int nsets;
  int nsub, backrefs, cflags;
};
struct parser { const char *p; struct prog *g; int ere, err, nsub; };

static int emit(struct prog *g, int op, int x, int y) {
  if (g->n == g->cap) {
    g->cap = g->cap ? g->cap * 2 : 32;
    struct inst *c = realloc(g->code, sizeof *c * (size_t)g->cap);
    if (!c) return -1;
    g->code = c;
  }
  g->code[g->n] = (struct inst){(uint8_t)op, x, y};
  return g->n++;
}
static int insert(struct prog *g, int at, int op, int x, int y) {
  if (emit(g, 0, 0, 0) < 0) return -1;
  memmove(g->code + at + 1, g->code + at, sizeof *g->code * (size_t)(g->n - 1 - at));
  g->code[at] = (struct inst){(uint8_t)op, x, y};
  return at;
}
static int new_set(struct prog *g) {
  uint8_t (*s)[32] = realloc(g->sets, 32 * (size_t)(g->nsets + 1));
  if (!s) return -1;
  g->sets = s;
  memset(s[g->nsets], 0, 32);
  return g->nsets++;
}
#define SETBIT(s, c) ((s)[(unsigned char)(c) >> 3] |= (uint8_t)(1 << ((unsigned char)(c) & 7)))
#define HASBIT(s, c) ((s)[(unsigned char)(c) >> 3] & (1 << ((unsigned char)(c) & 7)))

static int class_fn(const char *name, size_t l, int c) {
#define C(n, e) if (l == sizeof n - 1 && !strncmp(name, n, l)) return e;
  C("alpha", isalpha(c)) C("digit", isdigit(c)) C("alnum", isalnum(c)) C("upper", isupper(c))
  C("lower", islower(c)) C("space", isspace(c)) C("blank", isblank(c)) C("punct", ispunct(c))
  C("print", isprint(c)) C("graph", isgraph(c)) C("cntrl", iscntrl(c)) C("xdigit", isxdigit(c))
#undef C
  return -1;
}
static void parse_bracket(struct parser *ps) {
  int si = new_set(ps->g);
  if (si < 0) { ps->err = REG_ESPACE; return; }
  uint8_t *set = ps->g->sets[si];
  const char *p = ps->p;
  int neg = 0, first = 1;
  if (*p == '^') { neg = 1; p++; }
  for (;; first = 0) {
    if (!*p) { ps->err = REG_EBRACK; return; }
    if (*p == ']' && !first) { p++; break; }
    int lo;
    if (p[0] == '[' && (p[1] == ':' || p[1] == '=' || p[1] == '.')) {
      char kind = p[1];
      const char *e = strstr(p + 2, kind == ':' ? ":]" : kind == '=' ? "=]" : ".]");
      if (!e) { ps->err = REG_EBRACK; return; }
      if (kind == ':') {
        if (class_fn(p + 2, (size_t)(e - p - 2), 'a') < 0) { ps->err = REG_ECTYPE; return; }
        for (int c = 1; c < 256; c++) if (class_fn(p + 2, (size_t)(e - p - 2), c) > 0) SETBIT(set, c);
        p = e + 2;
        continue;
      }
      lo = (unsigned char)p[2];
      p = e + 2;
    } else lo = (unsigned char)*p++;
    if (p[0] == '-' && p[1] && p[1] != ']') {
      int hi = (unsigned char)p[1];
      p += 2;
      if (hi < lo) { ps->err = REG_ERANGE; return; }
      for (int c = lo; c <= hi; c++) SETBIT(set, c);
    } else SETBIT(set, lo);
  }
  if (ps->g->cflags & REG_ICASE)
    for (int c = 0; c < 256; c++) if (HASBIT(set, c)) { SETBIT(set, tolower(c)); SETBIT(set, toupper(c)); }
  if (neg) {
    for (int i = 0; i < 32; i++) set[i] = (uint8_t)~set[i];
    if (ps->g->cflags & REG_NEWLINE) set['\n' >> 3] &= (uint8_t)~(1 << ('\n' & 7));
  }
  set[0] &= (uint8_t)~1; /* never NUL */
  ps->p = p;
  emit(ps->g, CLASS, si, 0);
}
static void emit_char(struct parser *ps, int c) {
  if ((ps->g->cflags & REG_ICASE) && isalpha(c)) {
    int si = new_set(ps->g);
    if (si < 0) { ps->err = REG_ESPACE; return; }
    SETBIT(ps->g->sets[si], tolower(c));
    SETBIT(ps->g->sets[si], toupper(c));
    emit(ps->g, CLASS, si, 0);
  } else emit(ps->g, CHAR, c, 0);
}
static void parse_alt(struct parser *ps, int depth);

static void quantify(struct parser *ps, int s, int min, int max) {
  struct prog *g = ps->g;
  int L = g->n - s;
  if (min == 1 && max < 0) { emit(g, SPLIT, -L, 1); return; }
  struct inst *frag = malloc(sizeof *frag * (size_t)(L ? L : 1));
  if (!frag) { ps->err = REG_ESPACE; return; }
  memcpy(frag, g->code + s, sizeof *frag * (size_t)L);
  g->n = s;
  for (int i = 0; i < min; i++) for (int k = 0; k < L; k++) emit(g, frag[k].op, frag[k].x, frag[k].y);
  if (max < 0) {
    emit(g, SPLIT, 1, L + 2);
    for (int k = 0; k < L; k++) emit(g, frag[k].op, frag[k].x, frag[k].y);
    emit(g, JMP, -(L + 1), 0);
  } else {
    for (int i = min; i < max; i++) {
      emit(g, SPLIT, 1, L + 1);
      for (int k = 0; k < L; k++) emit(g, frag[k].op, frag[k].x, frag[k].y);
    }
  }
  free(frag);
}
static int parse_interval(struct parser *ps, int *min, int *max) {
  const char *p = ps->p;
  if (!isdigit((unsigned char)*p)) return REG_BADBR;
  *min = (int)strtol(p, (char **)&p, 10);
  *max = *min;
  if (*p == ',') {
    p++;
    if (isdigit((unsigned char)*p)) *max = (int)strtol(p, (char **)&p, 10);
    else *max = -1;
  }
  if (ps->ere) { if (*p != '}') return REG_EBRACE; p++; }
  else { if (p[0] != '\\' || p[1] != '}') return REG_EBRACE; p += 2; }
  if ((*max >= 0 && *max < *min) || *min > 255 || *max > 255) return REG_BADBR;
  ps->p = p;
  return 0;
}
/* Parses a concatenation up to '|' or ')' (ERE) / '\|' or '\)' (BRE). */
static void parse_cat(struct parser *ps, int depth) {
  struct prog *g = ps->g;
  int start_of_cat = 1;
  while (*ps->p && !ps->err) {
    const char *p = ps->p;
    if (ps->ere ? (*p == '|' || (*p == ')' && depth)) : (p[0] == '\\' && (p[1] == '|' || (p[1] == ')' && depth)))) break;
    int s = g->n;
    if (ps->ere) {
      char c = *p++;
      ps->p = p;
      switch (c) {
      case '(': {
        int k = ++ps->nsub;
        emit(g, SAVE, 2 * k, 0);
        parse_alt(ps, depth + 1);
        if (*ps->p != ')') { ps->err = REG_EPAREN; return; }
        ps->p++;
        emit(g, SAVE, 2 * k + 1, 0);
        break;
      }
      case '.': emit(g, ANY, 0, 0); break;
      case '[': parse_bracket(ps); break;
      case '^': emit(g, BOL, 0, 0); start_of_cat = 1; continue;
      case '$': emit(g, EOL, 0, 0); continue;
      case '*': case '+': case '?':
        if (start_of_cat) { emit_char(ps, c); break; }
        ps->err = REG_BADRPT; return;
      case '{':
        if (start_of_cat) { emit_char(ps, c); break; }
        ps->err = REG_BADRPT; return;
      case '\\':
        c = *ps->p++;
        if (!c) { ps->err = REG_EESCAPE; return; }
        if (c >= '1' && c <= '9') { emit(g, BREF, c - '0', 0); g->backrefs = 1; if (c - '0' > ps->nsub) ps->err = REG_ESUBREG; }
        else if (c == '<') { emit(g, WBEG, 0, 0); continue; }
        else if (c == '>') { emit(g, WEND, 0, 0); continue; }
        else if (c == 'b') { emit(g, WORDB, 0, 0); continue; }
        else if (c == 'B') { emit(g, NWORDB, 0, 0); continue; }
        else if (c == 'n') emit_char(ps, '\n');
        else if (c == 't') emit_char(ps, '\t');
        else emit_char(ps, c);
        break;
      default: emit_char(ps, c); break;
      }
    } else {
      if (p[0] == '\\' && p[1] == '(') {
        ps->p += 2;
        int k = ++ps->nsub;
        emit(g, SAVE, 2 * k, 0);
        parse_alt(ps, depth + 1);
        if (ps->p[0] != '\\' || ps->p[1] != ')') { ps->err = REG_EPAREN; return; }
        ps->p += 2;
        emit(g, SAVE, 2 * k + 1, 0);
        start_of_cat = 0;
      } else if (*p == '^' && start_of_cat) {
        ps->p++;
        emit(g, BOL, 0, 0);
        continue;
      } else if (*p == '$' && (!p[1] || (p[1] == '\\' && (p[2] == ')' || p[2] == '|')))) {
        ps->p++;
        emit(g, EOL, 0, 0);
        continue;
      } else if (*p == '*' && start_of_cat) {
        ps->p++;
        emit_char(ps, '*');
      } else if (*p == '.') { ps->p++; emit(g, ANY, 0, 0); }
      else if (*p == '[') { ps->p++; parse_bracket(ps); }
      else if (*p == '\\') {
        char c = p[1];
        ps->p += 2;
        if (!c) { ps->err = REG_EESCAPE; return; }
        if (c >= '1' && c <= '9') { emit(g, BREF, c - '0', 0); g->backrefs = 1; if (c - '0' > ps->nsub) ps->err = REG_ESUBREG; }
        else if (c == '<') { emit(g, WBEG, 0, 0); continue; }
        else if (c == '>') { emit(g, WEND, 0, 0); continue; }
        else if (c == 'b') { emit(g, WORDB, 0, 0); continue; }
        else if (c == 'n') emit_char(ps, '\n');
        else if (c == 't') emit_char(ps, '\t');
        else if (c == '{' || c == '+' || c == '?') { ps->err = REG_BADRPT; return; }
        else emit_char(ps, c);
      } else { ps->p++; emit_char(ps, (unsigned char)*p); }
    }
    start_of_cat = 0;
    /* Quantifiers. */
    for (;;) {
      const char *q = ps->p;
      int min, max;
      if (*q == '*') { ps->p++; min = 0; max = -1; }
      else if (ps->ere && *q == '+') { ps->p++; min = 1; max = -1; }
      else if (ps->ere && *q == '?') { ps->p++; min = 0; max = 1; }
      else if (!ps->ere && q[0] == '\\' && q[1] == '+') { ps->p += 2; min = 1; max = -1; }
      else if (!ps->ere && q[0] == '\\' && q[1] == '?') { ps->p += 2; min = 0; max = 1; }
      else if (ps->ere ? *q == '{' : (q[0] == '\\' && q[1] == '{')) {
        ps->p += ps->ere ? 1 : 2;
        int e = parse_interval(ps, &min, &max);
        if (e) { ps->err = e; return; }
      } else break;
      quantify(ps, s, min, max);
    }
  }
}
static void parse_alt(struct parser *ps, int depth) {
  struct prog *g = ps->g;
  int jumps[64], nj = 0;
  for (;;) {
    int s = g->n;
    parse_cat(ps, depth);
    if (ps->err) return;
    int bar = ps->ere ? *ps->p == '|' : (ps->p[0] == '\\' && ps->p[1] == '|');
    if (!bar) break;
    ps->p += ps->ere ? 1 : 2;
    int len = g->n - s;
    insert(g, s, SPLIT, 1, len + 2);
    if (nj == 64) { ps->err = REG_ESPACE; return; }
    jumps[nj++] = emit(g, JMP, 0, 0);
  }
  for (int i = 0; i < nj; i++) g->code[jumps[i]].x = g->n - jumps[i];
}

int regcomp(regex_t *re, const char *pat, int cflags) {
  struct prog *g = calloc(1, sizeof *g);
  if (!g) return REG_ESPACE;
  g->cflags = cflags;
  struct parser ps = {pat, g, cflags & REG_EXTENDED, 0, 0};
  emit(g, SAVE, 0, 0);
  parse_alt(&ps, 0);
  if (!ps.err && *ps.p) ps.err = REG_EPAREN;
  emit(g, SAVE, 1, 0);
  emit(g, MATCH, 0, 0);
  if (ps.err) {
    free(g->code);
    free(g->sets);
    free(g);
    return ps.err;
  }
  g->nsub = ps.nsub;
  re->re_nsub = (size_t)ps.nsub;
  re->__prog = g;
  re->__cflags = cflags;
  return 0;
}
void regfree(regex_t *re) {
  struct prog *g = re->__prog;
  if (!g) return;
  free(g->code);
  free(g->sets);
  free(g);
  re->__prog = 0;
}
static int isword(int c) { return isalnum(c) || c == '_'; }

struct entry { int pc; long pos; };
/* Runs from one start; returns the longest end or -1; fills best[] with the captures. */
static long run(const struct prog *g, const char *s, long len, long start, int eflags, long *saves, long *best, int *memo, int gen) {
  size_t cap = 256, sp = 0;
  struct entry *st = malloc(cap * sizeof *st);
  if (!st) return -1;
  long bestend = -1;
  int nslots = 2 * (g->nsub + 1);
  long steps = 0;
  for (int i = 0; i < nslots; i++) saves[i] = -1;
  st[sp++] = (struct entry){0, start};
  while (sp) {
    struct entry e = st[--sp];
    if (e.pc < 0) { saves[-e.pc - 1] = e.pos; continue; } /* restore entry */
    int pc = e.pc;
    long pos = e.pos;
    for (;;) {
      if (memo) {
        int *m = &memo[(size_t)pc * (size_t)(len + 1) + (size_t)pos];
        if (*m == gen) break;
        *m = gen;
      } else if (++steps > 5000000) { sp = 0; break; }
      const struct inst *in = &g->code[pc];
      int c = pos < len ? (unsigned char)s[pos] : -1;
      int ok = 1;
      switch (in->op) {
      case CHAR: ok = c == in->x; if (ok) pos++; pc++; break;
      case ANY: ok = c >= 0 && !(c == '\n' && (g->cflags & REG_NEWLINE)); if (ok) pos++; pc++; break;
      case CLASS: ok = c >= 0 && HASBIT(g->sets[in->x], c); if (ok) pos++; pc++; break;
      case BOL: ok = (pos == 0 && !(eflags & REG_NOTBOL)) || (pos > 0 && (g->cflags & REG_NEWLINE) && s[pos - 1] == '\n'); pc++; break;
      case EOL: ok = (pos == len && !(eflags & REG_NOTEOL)) || (c == '\n' && (g->cflags & REG_NEWLINE)); pc++; break;
      case WORDB: case NWORDB: case WBEG: case WEND: {
        int a = pos > 0 && isword((unsigned char)s[pos - 1]), b = c >= 0 && isword(c);
        ok = in->op == WORDB ? a != b : in->op == NWORDB ? a == b : in->op == WBEG ? !a && b : a && !b;
        pc++;
        break;
      }
      case JMP: pc += in->x; break;
      case SPLIT:
        if (sp + 2 >= cap) {
          cap *= 2;
          struct entry *n = realloc(st, cap * sizeof *st);
          if (!n) { free(st); return bestend; }
          st = n;
        }
        st[sp++] = (struct entry){pc + in->y, pos};
        pc += in->x;
        break;
      case SAVE:
        if (in->x < nslots) {
          if (sp + 2 >= cap) {
            cap *= 2;
            struct entry *n = realloc(st, cap * sizeof *st);
            if (!n) { free(st); return bestend; }
            st = n;
          }
          st[sp++] = (struct entry){-in->x - 1, saves[in->x]};
          saves[in->x] = pos;
        }
        pc++;
        break;
      case BREF: {
        long a = saves[2 * in->x], b = saves[2 * in->x + 1];
        if (a < 0 || b < 0) { ok = 0; break; }
        long l = b - a;
        if (pos + l > len) ok = 0;
        else if (g->cflags & REG_ICASE) { for (long i = 0; i < l && ok; i++) ok = tolower((unsigned char)s[a + i]) == tolower((unsigned char)s[pos + i]); }
        else ok = !memcmp(s + a, s + pos, (size_t)l);
        if (ok) pos += l;
        pc++;
        break;
      }
      case MATCH:
        if (pos > bestend) {
          bestend = pos;
          memcpy(best, saves, sizeof *saves * (size_t)nslots);
        }
        ok = 0;
        break;
      }
      if (!ok) break;
    }
    if (bestend == len) break;
  }
  free(st);
  return bestend;
}
int regexec(const regex_t *re, const char *s, size_t nm, regmatch_t *pm, int eflags) {
  const struct prog *g = re->__prog;
  long len = (long)strlen(s);
  int nslots = 2 * (g->nsub + 1);
  long *saves = malloc(sizeof(long) * (size_t)nslots * 2);
  if (!saves) return REG_ESPACE;
  long *best = saves + nslots;
  int *memo = 0;
  size_t cells = (size_t)g->n * (size_t)(len + 1);
  if (!g->backrefs && cells <= (1u << 24)) memo = calloc(cells, sizeof *memo);
  int r = REG_NOMATCH;
  for (long start = 0; start <= len; start++) {
    long end = run(g, s, len, start, eflags, saves, best, memo, (int)start + 1);
    if (end >= 0) {
      if (!(re->__cflags & REG_NOSUB))
        for (size_t i = 0; i < nm; i++) {
          if ((int)i < g->nsub + 1 && best[2 * i] >= 0 && best[2 * i + 1] >= 0) { pm[i].rm_so = best[2 * i]; pm[i].rm_eo = best[2 * i + 1]; }
          else pm[i].rm_so = pm[i].rm_eo = -1;
        }
      r = 0;
      break;
    }
  }
  free(memo);
  free(saves);
  return r;
}
size_t regerror(int e, const regex_t *re, char *buf, size_t n) {
  (void)re;
  static const char *const m[] = {"Success", "No match", "Invalid regular expression", "Invalid collation character",
    "Invalid character class name", "Trailing backslash", "Invalid back reference", "Unmatched [, [^, [:, [., or [=",
    "Unmatched ( or \\(", "Unmatched \\{", "Invalid content of \\{\\}", "Invalid range end", "Memory exhausted",
    "Invalid preceding regular expression"};
  const char *s = e >= 0 && e <= 13 ? m[e] : "Unknown error";
  size_t l = strlen(s) + 1;
  if (n) { strncpy(buf, s, n - 1); buf[n - 1] = 0; }
  return l;
}
