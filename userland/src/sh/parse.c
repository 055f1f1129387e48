/* sh: input sources, the tokenizer (quotes kept raw for expansion) and the recursive-descent parser. */
#include "sh.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <errno.h>

enum { T_WORD, T_NL, T_EOF, T_SEMI, T_DSEMI, T_AMP, T_AND, T_PIPE, T_OR, T_LP, T_RP, T_REDIR };
struct tok { int type; char *s; int rtype, fd; size_t start, end; };
/* A source of input with its own lookahead, so nested parses (eval, ., $(...)) do not disturb it. */
struct src {
  char *buf; size_t len, cap, pos;
  int fd, interactive, eof, lineno, first;
  struct tok tk; int peeked;
};

static struct src *S;
static struct tok tk;
static int peeked, perr;
static struct redir *pending_hd[16];
static int npending;

static void append(struct src *s, const char *p, size_t n) {
  if (s->len + n + 1 > s->cap) {
    s->cap = (s->len + n + 1) * 2;
    s->buf = xrealloc(s->buf, s->cap);
  }
  memcpy(s->buf + s->len, p, n);
  s->len += n;
  s->buf[s->len] = 0;
}
struct src *src_string(const char *str) {
  struct src *s = calloc(1, sizeof *s);
  s->fd = -1;
  s->lineno = 1;
  append(s, str, strlen(str));
  s->eof = 1;
  return s;
}
struct src *src_fd(int fd, int inter) {
  struct src *s = calloc(1, sizeof *s);
  s->fd = fd;
  s->interactive = inter;
  s->lineno = 1;
  append(s, "", 0);
  return s;
}
void src_free(struct src *s) { free(s->buf); free(s); }
int src_lineno(struct src *s) { return s->lineno; }

/* Pulls more input; returns 0 at end. */
static int more(struct src *s) {
  if (s->eof) return 0;
  if (s->interactive) {
    const char *ps = s->first ? getvar("PS1") : getvar("PS2");
    /* Prompts undergo parameter expansion, as in dash. */
    int saved = last_status;
    char *prompt = expand_str(ps ? ps : (s->first ? "$ " : "> "), 1);
    last_status = saved;
    char *line = edit_line(prompt);
    free(prompt);
    s->first = 0;
    if (!line) { s->eof = 1; return 0; }
    if (*line) history_add(line);
    append(s, line, strlen(line));
    append(s, "\n", 1);
    free(line);
    return 1;
  }
  char b[4096];
  ssize_t n;
  do n = read(s->fd, b, sizeof b); while (n < 0 && errno == EINTR);
  if (n <= 0) { s->eof = 1; return 0; }
  append(s, b, (size_t)n);
  return 1;
}
static int peekc(void) {
  while (S->pos >= S->len)
    if (!more(S)) return -1;
  return (unsigned char)S->buf[S->pos];
}
static int peekc2(void) {
  while (S->pos + 1 >= S->len)
    if (!more(S)) return -1;
  return (unsigned char)S->buf[S->pos + 1];
}
static int getc_(void) {
  int c = peekc();
  if (c >= 0) { S->pos++; if (c == '\n') S->lineno++; }
  return c;
}

struct buf { char *p; size_t n, cap; };
static void bput(struct buf *b, int c) {
  if (b->n + 2 > b->cap) { b->cap = b->cap ? b->cap * 2 : 32; b->p = xrealloc(b->p, b->cap); }
  b->p[b->n++] = (char)c;
  b->p[b->n] = 0;
}

static void read_heredocs(void) {
  for (int i = 0; i < npending; i++) {
    struct redir *r = pending_hd[i];
    struct buf body = {0, 0, 0};
    bput(&body, 0);
    body.n = 0;
    for (;;) {
      struct buf line = {0, 0, 0};
      int c, any = 0;
      while ((c = getc_()) >= 0 && c != '\n') { bput(&line, c); any = 1; }
      if (!any && c < 0) break;
      const char *l = line.p ? line.p : "";
      if (r->hd_strip) while (*l == '\t') l++;
      if (!strcmp(l, r->word)) { free(line.p); break; }
      for (const char *q = l; *q; q++) bput(&body, *q);
      bput(&body, '\n');
      free(line.p);
      if (c < 0) break;
    }
    r->heredoc = body.p ? body.p : xstrdup("");
  }
  npending = 0;
}
void heredocs_reset(void) { npending = 0; }

/* Reads a balanced $( ... ) / ${ ... } body into b, starting after the opener. */
static void read_balanced(struct buf *b, int open, int close);
static void read_dquote(struct buf *b) {
  int c;
  while ((c = getc_()) >= 0) {
    bput(b, c);
    if (c == '"') return;
    if (c == '\\') { c = getc_(); if (c >= 0) bput(b, c); }
    else if (c == '`') { while ((c = getc_()) >= 0 && c != '`') { bput(b, c); if (c == '\\') { c = getc_(); if (c >= 0) bput(b, c); } } if (c >= 0) bput(b, c); }
    else if (c == '$' && peekc() == '(') { bput(b, getc_()); read_balanced(b, '(', ')'); }
    else if (c == '$' && peekc() == '{') { bput(b, getc_()); read_balanced(b, '{', '}'); }
  }
  perr = 1;
}
static void read_balanced(struct buf *b, int open, int close) {
  int depth = 1, c;
  while ((c = getc_()) >= 0) {
    bput(b, c);
    if (c == '\\') { c = getc_(); if (c >= 0) bput(b, c); }
    else if (c == '\'' && open == '(') { while ((c = getc_()) >= 0) { bput(b, c); if (c == '\'') break; } }
    else if (c == '"') read_dquote(b);
    else if (c == '`') { while ((c = getc_()) >= 0 && c != '`') { bput(b, c); if (c == '\\') { c = getc_(); if (c >= 0) bput(b, c); } } if (c >= 0) bput(b, c); }
    else if (c == open) depth++;
    else if (c == close && --depth == 0) return;
  }
  perr = 1;
}
static int is_meta(int c) { return c == ' ' || c == '\t' || c == '\n' || c == ';' || c == '&' || c == '|' || c == '<' || c == '>' || c == '(' || c == ')'; }

static void lex(void) {
  int c;
  tk.s = 0;
  for (;;) {
    c = peekc();
    if (c == ' ' || c == '\t') { getc_(); continue; }
    if (c == '\\' && peekc2() == '\n') { getc_(); getc_(); continue; }
    if (c == '#') { while ((c = peekc()) >= 0 && c != '\n') getc_(); continue; }
    break;
  }
  tk.start = S->pos;
  if (c < 0) { tk.type = T_EOF; return; }
  if (c == '\n') { getc_(); tk.type = T_NL; if (npending) read_heredocs(); tk.end = S->pos; return; }
  getc_();
  int c2 = peekc();
  tk.fd = -1;
  switch (c) {
  case ';': if (c2 == ';') { getc_(); tk.type = T_DSEMI; } else tk.type = T_SEMI; goto done;
  case '&': if (c2 == '&') { getc_(); tk.type = T_AND; } else tk.type = T_AMP; goto done;
  case '|': if (c2 == '|') { getc_(); tk.type = T_OR; } else tk.type = T_PIPE; goto done;
  case '(': tk.type = T_LP; goto done;
  case ')': tk.type = T_RP; goto done;
  case '<': case '>': S->pos--; goto redir;
  }
  if (c >= '0' && c <= '9' && (c2 == '<' || c2 == '>')) { tk.fd = c - '0'; goto redir; }
  {
    struct buf b = {0, 0, 0};
    S->pos--;
    while ((c = peekc()) >= 0 && !is_meta(c)) {
      getc_();
      if (c == '\\') {
        int n = getc_();
        if (n == '\n') continue;
        bput(&b, c);
        if (n >= 0) bput(&b, n);
      } else if (c == '\'') {
        bput(&b, c);
        while ((c = getc_()) >= 0 && c != '\'') bput(&b, c);
        if (c < 0) perr = 1; else bput(&b, c);
      } else if (c == '"') { bput(&b, c); read_dquote(&b); }
      else if (c == '`') {
        bput(&b, c);
        while ((c = getc_()) >= 0 && c != '`') { bput(&b, c); if (c == '\\') { c = getc_(); if (c >= 0) bput(&b, c); } }
        if (c < 0) perr = 1; else bput(&b, c);
      } else if (c == '$' && peekc() == '(') { bput(&b, c); bput(&b, getc_()); read_balanced(&b, '(', ')'); }
      else if (c == '$' && peekc() == '{') { bput(&b, c); bput(&b, getc_()); read_balanced(&b, '{', '}'); }
      else bput(&b, c);
    }
    tk.type = T_WORD;
    tk.s = b.p ? b.p : xstrdup("");
    tk.end = S->pos;
    return;
  }
redir:
  c = getc_();
  c2 = peekc();
  tk.type = T_REDIR;
  if (c == '<') {
    if (c2 == '<') { getc_(); tk.rtype = R_HEREDOC; if (peekc() == '-') { getc_(); tk.fd = tk.fd < 0 ? 0 : tk.fd; tk.rtype = R_HEREDOC + 100; } }
    else if (c2 == '&') { getc_(); tk.rtype = R_DUPIN; }
    else if (c2 == '>') { getc_(); tk.rtype = R_RDWR; }
    else tk.rtype = R_IN;
    if (tk.fd < 0) tk.fd = 0;
  } else {
    if (c2 == '>') { getc_(); tk.rtype = R_APP; }
    else if (c2 == '&') { getc_(); tk.rtype = R_DUPOUT; }
    else if (c2 == '|') { getc_(); tk.rtype = R_CLOBBER; }
    else tk.rtype = R_OUT;
    if (tk.fd < 0) tk.fd = 1;
  }
done:
  tk.end = S->pos;
}
static struct tok *peek(void) {
  if (!peeked) { lex(); peeked = 1; }
  return &tk;
}
static void consume(void) { peek(); peeked = 0; }
static int is_word(const char *w) { struct tok *t = peek(); return t->type == T_WORD && !strcmp(t->s, w); }
static void syntax(const char *what) {
  if (!perr) {
    struct tok *t = peek();
    static const char *const ops[] = {"", "newline", "end of file", "\";\"", "\";;\"", "\"&\"", "\"&&\"", "\"|\"", "\"||\"", "\"(\"", "\")\"", "redirection"};
    if (t->type == T_WORD) fprintf(stderr, "%s: %d: Syntax error: \"%s\" unexpected\n", arg0, S->lineno, t->s);
    else fprintf(stderr, "%s: %d: Syntax error: %s unexpected\n", arg0, S->lineno, ops[t->type]);
    (void)what;
  }
  perr = 1;
}
static void linebreak(void) { while (peek()->type == T_NL) consume(); }
static int expect_word(const char *w) {
  linebreak();
  if (!is_word(w)) { syntax(w); return 0; }
  consume();
  return 1;
}
static struct node *mk(int type) {
  struct node *n = calloc(1, sizeof *n);
  n->type = type;
  n->lineno = S->lineno;
  return n;
}
static struct node *mk2(int type, struct node *a, struct node *b) {
  struct node *n = mk(type);
  n->a = a;
  n->b = b;
  return n;
}

static struct node *parse_list(int top);
static struct node *parse_command(void);

static int at_terminator(void) {
  struct tok *t = peek();
  if (t->type == T_EOF || t->type == T_RP || t->type == T_DSEMI) return 1;
  if (t->type != T_WORD) return 0;
  static const char *const r[] = {"then", "else", "elif", "fi", "do", "done", "esac", "}", 0};
  for (int i = 0; r[i]; i++) if (!strcmp(t->s, r[i])) return 1;
  return 0;
}
static struct node *parse_pipeline(void) {
  int neg = 0;
  size_t start = peek()->start;
  while (is_word("!")) { consume(); neg = !neg; }
  struct node *n = parse_command();
  if (!n) return 0;
  while (!perr && peek()->type == T_PIPE) {
    consume();
    linebreak();
    struct node *r = parse_command();
    if (!r) { syntax("|"); return 0; }
    n = mk2(N_PIPE, n, r);
  }
  size_t end = S->pos;
  while (end > start && (S->buf[end - 1] == '\n' || S->buf[end - 1] == ' ' || S->buf[end - 1] == ';' || S->buf[end - 1] == '&')) end--;
  if (end > start) n->text = strndup(S->buf + start, end - start);
  if (neg) n = mk2(N_NOT, n, 0);
  return n;
}
static struct node *parse_and_or(void) {
  struct node *n = parse_pipeline();
  while (n && !perr && (peek()->type == T_AND || peek()->type == T_OR)) {
    int t = peek()->type == T_AND ? N_AND : N_OR;
    consume();
    linebreak();
    struct node *r = parse_pipeline();
    if (!r) { syntax("&&"); return 0; }
    n = mk2(t, n, r);
  }
  return n;
}
static struct node *parse_list(int top) {
  struct node *list = 0;
  for (;;) {
    if (top) { if (peek()->type == T_NL || peek()->type == T_EOF) break; }
    else { linebreak(); if (at_terminator()) break; }
    if (perr) return 0;
    struct node *n = parse_and_or();
    if (!n || perr) { if (!perr) syntax("command"); return 0; }
    int t = peek()->type;
    if (t == T_AMP) { consume(); n = mk2(N_BG, n, 0); }
    else if (t == T_SEMI) consume();
    else if (t == T_NL) { if (!top) consume(); }
    else if (!at_terminator()) { syntax("token"); return 0; }
    list = list ? mk2(N_SEQ, list, n) : n;
    if (top && t != T_SEMI && t != T_AMP) break;
  }
  return list;
}
static struct redir *parse_redir(void) {
  struct tok t = *peek();
  consume();
  struct tok *w = peek();
  if (w->type != T_WORD) { syntax("redirection"); return 0; }
  struct redir *r = calloc(1, sizeof *r);
  r->fd = t.fd;
  r->type = t.rtype >= 100 ? R_HEREDOC : t.rtype;
  r->word = w->s;
  consume();
  if (r->type == R_HEREDOC) {
    r->hd_strip = t.rtype >= 100;
    /* The delimiter is unquoted; quoting it disables expansion of the body. */
    struct buf d = {0, 0, 0};
    bput(&d, 0);
    d.n = 0;
    for (const char *p = r->word; *p; p++) {
      if (*p == '\'' || *p == '"') { r->hd_quoted = 1; continue; }
      if (*p == '\\' && p[1]) { r->hd_quoted = 1; p++; }
      bput(&d, *p);
    }
    r->word = d.p;
    if (npending < 16) pending_hd[npending++] = r;
  }
  return r;
}
static void add_redirs(struct node *n) {
  struct redir **tail = &n->redir;
  while (*tail) tail = &(*tail)->next;
  while (!perr && peek()->type == T_REDIR) {
    struct redir *r = parse_redir();
    if (!r) return;
    *tail = r;
    tail = &r->next;
  }
}
static void push_word(char ***v, int *n, char *w) {
  *v = xrealloc(*v, sizeof **v * (size_t)(*n + 2));
  (*v)[(*n)++] = w;
  (*v)[*n] = 0;
}
static struct node *parse_compound_body(const char *end) {
  struct node *n = parse_list(0);
  if (perr) return 0;
  if (!n) { syntax(end); return 0; }
  if (!expect_word(end)) return 0;
  return n;
}
static struct node *parse_if(void) {
  struct node *n = mk(N_IF);
  n->a = parse_list(0);
  if (!perr && !n->a) syntax("then");
  if (perr || !expect_word("then")) return 0;
  n->b = parse_list(0);
  if (!perr && !n->b) syntax("fi");
  if (perr) return 0;
  if (is_word("elif")) { consume(); n->c = parse_if(); return perr ? 0 : n; }
  if (is_word("else")) { consume(); n->c = parse_list(0); if (perr) return 0; }
  if (!expect_word("fi")) return 0;
  return n;
}
static struct node *parse_command(void) {
  struct tok *t = peek();
  struct node *n = 0;
  if (t->type == T_LP) {
    consume();
    n = mk(N_SUBSHELL);
    n->a = parse_list(0);
    if (perr) return 0;
    if (peek()->type != T_RP) { syntax(")"); return 0; }
    consume();
  } else if (t->type == T_WORD && !strcmp(t->s, "{")) {
    consume();
    n = mk(N_GROUP);
    n->a = parse_compound_body("}");
    if (!n->a) return 0;
  } else if (t->type == T_WORD && !strcmp(t->s, "if")) {
    consume();
    n = parse_if();
    if (!n) return 0;
  } else if (t->type == T_WORD && (!strcmp(t->s, "while") || !strcmp(t->s, "until"))) {
    n = mk(t->s[0] == 'w' ? N_WHILE : N_UNTIL);
    consume();
    n->a = parse_list(0);
    if (!perr && !n->a) syntax("do");
    if (perr || !expect_word("do")) return 0;
    n->b = parse_compound_body("done");
    if (!n->b) return 0;
  } else if (t->type == T_WORD && !strcmp(t->s, "for")) {
    consume();
    n = mk(N_FOR);
    if (peek()->type != T_WORD) { syntax("for"); return 0; }
    n->name = peek()->s;
    consume();
    linebreak();
    if (is_word("in")) {
      consume();
      n->has_in = 1;
      while (peek()->type == T_WORD) { push_word(&n->words, &n->nwords, peek()->s); consume(); }
      if (peek()->type == T_SEMI) consume();
      else if (peek()->type != T_NL) { syntax("for"); return 0; }
    } else if (peek()->type == T_SEMI) consume();
    if (!expect_word("do")) return 0;
    n->b = parse_compound_body("done");
    if (!n->b) return 0;
  } else if (t->type == T_WORD && !strcmp(t->s, "case")) {
    consume();
    n = mk(N_CASE);
    if (peek()->type != T_WORD) { syntax("case"); return 0; }
    n->name = peek()->s;
    consume();
    if (!expect_word("in")) return 0;
    struct caseitem **tail = &n->items;
    for (;;) {
      linebreak();
      if (is_word("esac")) { consume(); break; }
      struct caseitem *ci = calloc(1, sizeof *ci);
      if (peek()->type == T_LP) consume();
      for (;;) {
        if (peek()->type != T_WORD) { syntax("case"); return 0; }
        push_word(&ci->pats, &ci->npats, peek()->s);
        consume();
        if (peek()->type == T_PIPE) { consume(); continue; }
        break;
      }
      if (peek()->type != T_RP) { syntax(")"); return 0; }
      consume();
      ci->body = parse_list(0);
      if (perr) return 0;
      *tail = ci;
      tail = &ci->next;
      if (peek()->type == T_DSEMI) { consume(); continue; }
      linebreak();
      if (is_word("esac")) { consume(); break; }
      syntax("case");
      return 0;
    }
  } else {
    /* Simple command or function definition. */
    n = mk(N_CMD);
    for (;;) {
      t = peek();
      if (t->type == T_REDIR) {
        struct redir *r = parse_redir();
        if (!r) return 0;
        struct redir **tail = &n->redir;
        while (*tail) tail = &(*tail)->next;
        *tail = r;
        continue;
      }
      if (t->type != T_WORD) break;
      if (!n->nwords) {
        const char *eq = strchr(t->s, '=');
        if (eq && eq > t->s && is_name(t->s, (size_t)(eq - t->s))) { push_word(&n->assigns, &n->nassigns, t->s); consume(); continue; }
      }
      push_word(&n->words, &n->nwords, t->s);
      consume();
      if (n->nwords == 1 && !n->nassigns && !n->redir && peek()->type == T_LP) {
        consume();
        if (peek()->type != T_RP) { syntax("("); return 0; }
        consume();
        linebreak();
        struct node *f = mk(N_FUNC);
        f->name = n->words[0];
        f->a = parse_command();
        if (!f->a) { syntax("function"); return 0; }
        return f;
      }
    }
    if (!n->nwords && !n->nassigns && !n->redir) return 0;
    return n;
  }
  add_redirs(n);
  return perr ? 0 : n;
}

static struct node *parse_next1(struct src *s, int *eof, int *err);
struct node *parse_next(struct src *s, int *eof, int *err) {
  struct src *outer = S;
  struct tok otk = tk;
  int opeeked = peeked, operr = perr;
  S = s;
  tk = s->tk;
  peeked = s->peeked;
  struct node *n = parse_next1(s, eof, err);
  s->tk = tk;
  s->peeked = peeked;
  S = outer;
  tk = otk;
  peeked = opeeked;
  perr = operr;
  return n;
}
static struct node *parse_next1(struct src *s, int *eof, int *err) {
  perr = 0;
  *err = 0;
  *eof = 0;
  s->first = 1;
  if (s->interactive) { peeked = 0; }
  while (peek()->type == T_NL) {
    consume();
    if (s->interactive) return 0;
  }
  if (peek()->type == T_EOF) { *eof = 1; return 0; }
  cur_lineno = s->lineno;
  struct node *n = parse_list(1);
  if (!perr) {
    int t = peek()->type;
    if (t == T_NL) consume();
    else if (t != T_EOF) syntax("token");
  }
  if (perr) {
    *err = 1;
    /* Skip the rest of the line. */
    if (s->interactive) { s->pos = s->len; peeked = 0; }
    else { peeked = 0; while (peekc() >= 0 && getc_() != '\n') {} }
    npending = 0;
    return 0;
  }
  return n;
}
