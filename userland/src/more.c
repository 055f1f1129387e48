/* more: page through text one screen at a time (space: next page, enter: next line, q: quit).
 * Keys come from /dev/tty so it works at the end of a pipeline; without a terminal it just copies. */
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <termios.h>
#include <sys/ioctl.h>
static int tty = -1, rows = 24, cols = 80;
static struct termios saved;
/* Waits for a key at the prompt; returns lines to show next, or 0 to quit. */
static int ask(void) {
  static const char prompt[] = "\x1b[7m--More--\x1b[m";
  write(1, prompt, sizeof prompt - 1);
  char c = 'q';
  if (read(tty, &c, 1) <= 0) c = 'q';
  write(1, "\r\x1b[K", 4);
  if (c == 'q' || c == 'Q' || c == 3) return 0;
  if (c == '\r' || c == '\n') return 1;
  return rows - 1;
}
static int page(FILE *f) {
  int left = rows - 1, col = 0, c;
  while ((c = getc(f)) != EOF) {
    if (tty >= 0 && left <= 0) {
      fflush(stdout);
      if (!(left = ask())) return 1;
    }
    putchar(c);
    if (c == '\n' || ++col >= cols) { if (c != '\n' && col >= cols) { } col = 0; left--; }
  }
  return 0;
}
int main(int argc, char **argv) {
  if (isatty(1)) {
    tty = open("/dev/tty", O_RDONLY);
    if (tty < 0 && isatty(0)) tty = 0;
  }
  if (tty >= 0) {
    struct winsize ws;
    if (ioctl(1, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 2) { rows = ws.ws_row; cols = ws.ws_col ? ws.ws_col : 80; }
    tcgetattr(tty, &saved);
    struct termios t = saved;
    t.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
    t.c_cc[VMIN] = 1;
    t.c_cc[VTIME] = 0;
    tcsetattr(tty, TCSANOW, &t);
  }
  int st = 0, quit = 0;
  if (argc < 2) quit = page(stdin);
  for (int i = 1; i < argc && !quit; i++) {
    FILE *f = fopen(argv[i], "r");
    if (!f) { fprintf(stderr, "more: cannot open %s: %s\n", argv[i], strerror(errno)); st = 1; continue; }
    if (argc > 2) printf("::::::::::::::\n%s\n::::::::::::::\n", argv[i]);
    quit = page(f);
    fclose(f);
  }
  fflush(stdout);
  if (tty >= 0) tcsetattr(tty, TCSANOW, &saved);
  return st;
}
