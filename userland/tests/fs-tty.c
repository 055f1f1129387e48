/* Driven by test/fs/tty.test.ts through a scripted terminal: a canonical
 * read with editing, ^D as EOF, raw mode with VMIN, the window size, and ^C
 * reaching only the foreground process group. */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <signal.h>
#include <termios.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/wait.h>

static void say(const char *s) { write(1, s, strlen(s)); }

int main(void) {
  char buf[128], out[256];
  say("line> ");
  ssize_t n = read(0, buf, sizeof buf);
  snprintf(out, sizeof out, "got %zd [%.*s]\n", n, (int)(n > 0 ? n - 1 : 0), buf);
  say(out);
  say("eof> ");
  n = read(0, buf, sizeof buf);
  snprintf(out, sizeof out, "eof read %zd\n", n);
  say(out);
  struct termios t, saved;
  tcgetattr(0, &saved);
  t = saved;
  snprintf(out, sizeof out, "lflag icanon %d echo %d verase %d vintr %d\n", !!(t.c_lflag & ICANON), !!(t.c_lflag & ECHO), t.c_cc[VERASE], t.c_cc[VINTR]);
  say(out);
  t.c_lflag &= ~(ICANON | ECHO);
  t.c_cc[VMIN] = 3; t.c_cc[VTIME] = 0;
  tcsetattr(0, TCSANOW, &t);
  say("raw> ");
  n = read(0, buf, sizeof buf);
  snprintf(out, sizeof out, "raw %zd: %02x %02x %02x\n", n, (unsigned char)buf[0], (unsigned char)buf[1], (unsigned char)buf[2]);
  say(out);
  tcsetattr(0, TCSANOW, &saved);
  struct winsize ws;
  ioctl(0, TIOCGWINSZ, &ws);
  snprintf(out, sizeof out, "winsize %d %d\n", ws.ws_row, ws.ws_col);
  say(out);
  signal(SIGTTOU, SIG_IGN); /* as a shell does: tcsetpgrp from the background would otherwise stop us (or fail with EIO when orphaned) */
  pid_t me = getpgrp();
  pid_t c = fork();
  if (c == 0) {
    setpgid(0, 0);
    say("child sleeping\n");
    sleep(20);
    _exit(0);
  }
  setpgid(c, c);
  tcsetpgrp(0, c);
  int st;
  waitpid(c, &st, 0);
  tcsetpgrp(0, me);
  snprintf(out, sizeof out, "child %s %d; fg back %d\n", WIFSIGNALED(st) ? "signal" : "exit", WIFSIGNALED(st) ? WTERMSIG(st) : WEXITSTATUS(st), tcgetpgrp(0) == me);
  say(out);
  return 0;
}
