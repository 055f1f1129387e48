/* sh: line editing for interactive use — raw tty mode, cursor keys, history, ^A ^E ^K ^U ^W ^L ^C ^D. */
#include "sh.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <errno.h>
#include <termios.h>
#include <dirent.h>
#include <sys/stat.h>

#define HIST 200
static char *hist[HIST];
static int nhist;

void history_add(const char *line) {
  if (nhist && !strcmp(hist[nhist - 1], line)) return;
  if (nhist == HIST) { free(hist[0]); memmove(hist, hist + 1, sizeof *hist * (HIST - 1)); nhist--; }
  hist[nhist++] = xstrdup(line);
}
void history_print(void) {
  for (int i = 0; i < nhist; i++) printf("%5d  %s\n", i + 1, hist[i]);
}

static void out(const char *s, size_t n) {
  while (n) {
    ssize_t w = write(2, s, n);
    if (w < 0) { if (errno == EINTR) continue; return; }
    s += w;
    n -= (size_t)w;
  }
}
static void outs(const char *s) { out(s, strlen(s)); }

struct line { char *b; size_t n, cap, cur; };
static void ensure(struct line *l, size_t n) {
  if (n + 1 > l->cap) { l->cap = (n + 1) * 2; l->b = xrealloc(l->b, l->cap); }
}
static void set_text(struct line *l, const char *s) {
  size_t n = strlen(s);
  ensure(l, n);
  memcpy(l->b, s, n + 1);
  l->n = l->cur = n;
}
static void refresh(const char *prompt, struct line *l) {
  char seq[32];
  outs("\r");
  outs(prompt);
  out(l->b, l->n);
  outs("\x1b[K");
  if (l->n > l->cur) { snprintf(seq, sizeof seq, "\x1b[%dD", (int)(l->n - l->cur)); outs(seq); }
}
/* Tab completion: commands (builtins, functions, PATH) for the first word, file names otherwise. */
struct cands { char **v; int n; };
static void cand_add(struct cands *c, const char *s) {
  for (int i = 0; i < c->n; i++) if (!strcmp(c->v[i], s)) return;
  c->v = xrealloc(c->v, sizeof *c->v * (size_t)(c->n + 1));
  c->v[c->n++] = xstrdup(s);
}
static void scan_dir(struct cands *c, const char *dir, const char *prefix, int dirs_slash, int exec_only) {
  DIR *d = opendir(*dir ? dir : ".");
  if (!d) return;
  size_t pl = strlen(prefix);
  struct dirent *e;
  while ((e = readdir(d))) {
    if (strncmp(e->d_name, prefix, pl)) continue;
    if (e->d_name[0] == '.' && prefix[0] != '.') continue;
    if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
    char path[4096], name[300];
    snprintf(path, sizeof path, "%s%s", *dir ? dir : "./", e->d_name);
    struct stat st;
    int isdir = stat(path, &st) == 0 && S_ISDIR(st.st_mode);
    if (exec_only && (isdir || access(path, X_OK))) continue;
    snprintf(name, sizeof name, "%s%s", e->d_name, isdir && dirs_slash ? "/" : "");
    cand_add(c, name);
  }
  closedir(d);
}
static int cmp_cand(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }
static void complete(const char *prompt, struct line *l) {
  size_t ws = l->cur;
  while (ws > 0 && l->b[ws - 1] != ' ' && l->b[ws - 1] != '|' && l->b[ws - 1] != ';' && l->b[ws - 1] != '&') ws--;
  size_t k = ws;
  while (k > 0 && l->b[k - 1] == ' ') k--;
  int first = k == 0 || strchr("|;&", l->b[k - 1]);
  char word[1024];
  size_t wl = l->cur - ws < sizeof word - 1 ? l->cur - ws : sizeof word - 1;
  memcpy(word, l->b + ws, wl);
  word[wl] = 0;
  struct cands c = {0, 0};
  char dir[1024] = "";
  const char *base = word;
  char *slash = strrchr(word, '/');
  if (slash) { snprintf(dir, sizeof dir, "%.*s", (int)(slash - word + 1), word); base = slash + 1; }
  if (first && !slash) {
    static const char *const bi[] = {"cd", "exit", "export", "jobs", "fg", "bg", "wait", "echo", "printf", "test", "read", "set", "unset", "source", "history", "type", "kill", "pwd", 0};
    for (int i = 0; bi[i]; i++) if (!strncmp(bi[i], word, wl)) cand_add(&c, bi[i]);
    const char *path = getvar("PATH");
    for (const char *p = path ? path : "/bin"; p && *p;) {
      const char *e = strchrnul(p, ':');
      char d[1024];
      snprintf(d, sizeof d, "%.*s/", (int)(e - p), p);
      scan_dir(&c, d, word, 0, 1);
      p = *e ? e + 1 : 0;
    }
  } else scan_dir(&c, dir, base, 1, 0);
  if (!c.n) { out("\a", 1); return; }
  qsort(c.v, (size_t)c.n, sizeof *c.v, cmp_cand);
  size_t common = strlen(c.v[0]);
  for (int i = 1; i < c.n; i++) { size_t j = 0; while (j < common && c.v[i][j] == c.v[0][j]) j++; common = j; }
  size_t have = strlen(base);
  char add[1100];
  size_t al = 0;
  if (common > have) { memcpy(add, c.v[0] + have, common - have); al = common - have; }
  if (c.n == 1 && (!al || add[al - 1] != '/')) add[al++] = ' ';
  if (al) {
    ensure(l, l->n + al);
    memmove(l->b + l->cur + al, l->b + l->cur, l->n - l->cur + 1);
    memcpy(l->b + l->cur, add, al);
    l->cur += al;
    l->n += al;
  } else if (c.n > 1) {
    outs("\r\n");
    for (int i = 0; i < c.n; i++) { outs(c.v[i]); outs(i + 1 < c.n ? "  " : "\r\n"); }
  }
  for (int i = 0; i < c.n; i++) free(c.v[i]);
  free(c.v);
  (void)prompt;
}

/* Reads a line without editing (not a tty). */
static char *plain_line(const char *prompt) {
  outs(prompt);
  struct line l = {0, 0, 0, 0};
  ensure(&l, 0);
  for (;;) {
    char c;
    ssize_t r = read(0, &c, 1);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) { if (!l.n) { free(l.b); return 0; } break; }
    if (c == '\n') break;
    ensure(&l, l.n + 1);
    l.b[l.n++] = c;
  }
  l.b[l.n] = 0;
  return l.b;
}
char *edit_line(const char *prompt) {
  struct termios old, raw;
  if (!isatty(0) || tcgetattr(0, &old) < 0) return plain_line(prompt);
  raw = old;
  raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO | ISIG | IEXTEN);
  raw.c_iflag &= ~(tcflag_t)(ICRNL | IXON | INLCR);
  raw.c_cc[VMIN] = 1;
  raw.c_cc[VTIME] = 0;
  tcsetattr(0, TCSADRAIN, &raw);
  struct line l = {0, 0, 0, 0};
  ensure(&l, 0);
  l.b[0] = 0;
  int hpos = nhist;
  char *saved = 0;
  outs(prompt);
  char *result = 0;
  for (;;) {
    unsigned char c;
    ssize_t r = read(0, &c, 1);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) { result = l.n ? xstrdup(l.b) : 0; outs("\n"); break; }
    if (c == '\r' || c == '\n') { outs("\r\n"); result = xstrdup(l.b); break; }
    if (c == 3) { outs("^C\r\n"); result = xstrdup(""); last_status = 130; break; }
    if (c == 4) {
      if (!l.n) { outs("\r\n"); result = 0; break; }
      if (l.cur < l.n) { memmove(l.b + l.cur, l.b + l.cur + 1, l.n - l.cur); l.n--; }
    } else if (c == 127 || c == 8) {
      if (l.cur) { memmove(l.b + l.cur - 1, l.b + l.cur, l.n - l.cur + 1); l.cur--; l.n--; }
    } else if (c == 1) l.cur = 0;
    else if (c == 5) l.cur = l.n;
    else if (c == 2) { if (l.cur) l.cur--; }
    else if (c == 6) { if (l.cur < l.n) l.cur++; }
    else if (c == 11) { l.n = l.cur; l.b[l.n] = 0; }
    else if (c == 21) { memmove(l.b, l.b + l.cur, l.n - l.cur + 1); l.n -= l.cur; l.cur = 0; }
    else if (c == 23) {
      size_t k = l.cur;
      while (k && l.b[k - 1] == ' ') k--;
      while (k && l.b[k - 1] != ' ') k--;
      memmove(l.b + k, l.b + l.cur, l.n - l.cur + 1);
      l.n -= l.cur - k;
      l.cur = k;
    } else if (c == 12) { outs("\x1b[H\x1b[2J"); }
    else if (c == 27) {
      unsigned char s[3];
      if (read(0, &s[0], 1) <= 0) continue;
      if (s[0] != '[' && s[0] != 'O') continue;
      if (read(0, &s[1], 1) <= 0) continue;
      if (s[1] >= '0' && s[1] <= '9') {
        if (read(0, &s[2], 1) <= 0) continue;
        if (s[2] == '~') {
          if (s[1] == '3' && l.cur < l.n) { memmove(l.b + l.cur, l.b + l.cur + 1, l.n - l.cur); l.n--; }
          else if (s[1] == '1' || s[1] == '7') l.cur = 0;
          else if (s[1] == '4' || s[1] == '8') l.cur = l.n;
        }
      } else switch (s[1]) {
        case 'A':
          if (hpos > 0) {
            if (hpos == nhist) { free(saved); saved = xstrdup(l.b); }
            set_text(&l, hist[--hpos]);
          }
          break;
        case 'B':
          if (hpos < nhist) {
            hpos++;
            set_text(&l, hpos == nhist ? (saved ? saved : "") : hist[hpos]);
          }
          break;
        case 'C': if (l.cur < l.n) l.cur++; break;
        case 'D': if (l.cur) l.cur--; break;
        case 'H': l.cur = 0; break;
        case 'F': l.cur = l.n; break;
      }
    } else if (c == '\t') {
      complete(prompt, &l);
    } else if (c >= 32) {
      ensure(&l, l.n + 1);
      memmove(l.b + l.cur + 1, l.b + l.cur, l.n - l.cur + 1);
      l.b[l.cur++] = (char)c;
      l.n++;
      if (l.cur == l.n) { out((char *)&c, 1); continue; }
    }
    refresh(prompt, &l);
  }
  free(saved);
  free(l.b);
  tcsetattr(0, TCSADRAIN, &old);
  return result;
}
