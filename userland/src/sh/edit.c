/* sh: line editing for interactive use — raw tty mode, cursor keys, history, ^A ^E ^K ^U ^W ^L ^C ^D. */
#include "sh.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <errno.h>
#include <termios.h>

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
    } else if (c >= 32 || c == '\t') {
      if (c == '\t') c = ' ';
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
