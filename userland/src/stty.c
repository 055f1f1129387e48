/* stty: show or change terminal settings (stty [-a], size, raw, -raw/cooked, sane, [-]echo,
 * [-]icanon, [-]isig, [-]icrnl, [-]opost, [-]onlcr, rows N, cols N, intr/erase/kill/eof CHAR). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <termios.h>
#include <sys/ioctl.h>

struct flag { const char *name; int field; tcflag_t bit; };
static const struct flag flags[] = {
  {"icrnl", 0, ICRNL}, {"ixon", 0, IXON}, {"istrip", 0, ISTRIP}, {"inlcr", 0, INLCR}, {"igncr", 0, IGNCR}, {"brkint", 0, BRKINT},
  {"opost", 1, OPOST}, {"onlcr", 1, ONLCR},
  {"isig", 3, ISIG}, {"icanon", 3, ICANON}, {"iexten", 3, IEXTEN}, {"echo", 3, ECHO}, {"echoe", 3, ECHOE}, {"echok", 3, ECHOK},
  {"echonl", 3, ECHONL}, {"noflsh", 3, NOFLSH}, {"tostop", 3, TOSTOP}, {"echoctl", 3, ECHOCTL}, {"echoke", 3, ECHOKE}, {0, 0, 0}};
static const struct { const char *name; int idx; } chars[] = {
  {"intr", VINTR}, {"quit", VQUIT}, {"erase", VERASE}, {"kill", VKILL}, {"eof", VEOF}, {"start", VSTART}, {"stop", VSTOP},
  {"susp", VSUSP}, {"werase", VWERASE}, {"lnext", VLNEXT}, {0, 0}};
static tcflag_t *field(struct termios *t, int f) { return f == 0 ? &t->c_iflag : f == 1 ? &t->c_oflag : f == 2 ? &t->c_cflag : &t->c_lflag; }
static void show_char(const char *name, cc_t c) {
  if (c == 0) printf("%s = <undef>; ", name);
  else if (c == 127) printf("%s = ^?; ", name);
  else if (c < 32) printf("%s = ^%c; ", name, c + '@');
  else printf("%s = %c; ", name, c);
}
int main(int argc, char **argv) {
  struct termios t;
  if (tcgetattr(0, &t) < 0) { fprintf(stderr, "stty: 'standard input': %s\n", strerror(errno)); return 1; }
  struct winsize ws = {0, 0, 0, 0};
  ioctl(0, TIOCGWINSZ, &ws);
  if (argc == 1 || !strcmp(argv[1], "-a")) {
    int all = argc > 1;
    printf("speed 38400 baud; rows %d; columns %d; line = %d;\n", ws.ws_row, ws.ws_col, t.c_line);
    for (int i = 0; chars[i].name; i++) show_char(chars[i].name, t.c_cc[chars[i].idx]);
    printf("min = %d; time = %d;\n", t.c_cc[VMIN], t.c_cc[VTIME]);
    for (int i = 0; flags[i].name; i++) {
      int on = (*field(&t, flags[i].field) & flags[i].bit) != 0;
      if (all || !on) printf("%s%s ", on ? "" : "-", flags[i].name);
    }
    printf("\n");
    return 0;
  }
  if (!strcmp(argv[1], "size")) { printf("%d %d\n", ws.ws_row, ws.ws_col); return 0; }
  int setws = 0;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    int neg = a[0] == '-';
    const char *n = neg ? a + 1 : a;
    if (!strcmp(a, "raw")) cfmakeraw(&t);
    else if (!strcmp(a, "-raw") || !strcmp(a, "cooked") || !strcmp(a, "sane")) {
      t.c_iflag |= ICRNL | BRKINT | IXON;
      t.c_oflag |= OPOST | ONLCR;
      t.c_lflag |= ISIG | ICANON | IEXTEN | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE;
      if (!strcmp(a, "sane")) {
        t.c_cc[VINTR] = 3; t.c_cc[VQUIT] = 28; t.c_cc[VERASE] = 127; t.c_cc[VKILL] = 21; t.c_cc[VEOF] = 4;
        t.c_cc[VSUSP] = 26; t.c_cc[VWERASE] = 23; t.c_cc[VMIN] = 1; t.c_cc[VTIME] = 0;
      }
    } else if ((!strcmp(a, "rows") || !strcmp(a, "cols") || !strcmp(a, "columns")) && i + 1 < argc) {
      int v = atoi(argv[++i]);
      if (a[0] == 'r') ws.ws_row = (unsigned short)v; else ws.ws_col = (unsigned short)v;
      setws = 1;
    } else {
      int done = 0;
      for (int k = 0; flags[k].name && !done; k++)
        if (!strcmp(n, flags[k].name)) {
          if (neg) *field(&t, flags[k].field) &= ~flags[k].bit; else *field(&t, flags[k].field) |= flags[k].bit;
          done = 1;
        }
      for (int k = 0; chars[k].name && !done; k++)
        if (!strcmp(a, chars[k].name) && i + 1 < argc) {
          const char *v = argv[++i];
          t.c_cc[chars[k].idx] = v[0] == '^' && v[1] ? (v[1] == '?' ? 127 : (cc_t)(v[1] & 31)) : (cc_t)v[0];
          done = 1;
        }
      if (!done) { fprintf(stderr, "stty: invalid argument '%s'\n", a); return 1; }
    }
  }
  if (tcsetattr(0, TCSADRAIN, &t) < 0) { fprintf(stderr, "stty: 'standard input': %s\n", strerror(errno)); return 1; }
  if (setws && ioctl(0, TIOCSWINSZ, &ws) < 0) { fprintf(stderr, "stty: 'standard input': %s\n", strerror(errno)); return 1; }
  return 0;
}
