/* Terminal job control on the controlling tty (run on a terminal): a
 * background group reading gets SIGTTIN (stopped), or EIO when SIGTTIN is
 * ignored; a background write under TOSTOP gets SIGTTOU, and goes through
 * without TOSTOP; tcsetpgrp from the background with SIGTTOU ignored works;
 * a handled SIGTTIN makes the read fail with EINTR. */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <sys/wait.h>
#include <sys/ioctl.h>

static void say(const char *s) { write(1, s, strlen(s)); }
static volatile int ttin, hup;
static void onhup(int s) { (void)s; hup++; }
static void onttin(int s) { (void)s; ttin++; }

/* Runs fn in a background child group of this (non-init) process and reports its fate. */
static void bg(const char *what, void (*fn)(void)) {
  pid_t c = fork();
  if (c == 0) { setpgid(0, 0); fn(); _exit(0); }
  setpgid(c, c);
  int st;
  waitpid(c, &st, WUNTRACED);
  char out[128];
  if (WIFSTOPPED(st)) { snprintf(out, sizeof out, "%s: stopped by %d\n", what, WSTOPSIG(st)); kill(c, SIGKILL); waitpid(c, &st, 0); }
  else snprintf(out, sizeof out, "%s: exit %d\n", what, WEXITSTATUS(st));
  say(out);
}

static void do_read(void) { char b[8]; read(0, b, sizeof b); }
static void read_ignored(void) { signal(SIGTTIN, SIG_IGN); char b[8]; errno = 0; ssize_t n = read(0, b, sizeof b); _exit(n < 0 && errno == EIO ? 5 : 6); }
static void read_report(void) { char b[8]; errno = 0; ssize_t n = read(0, b, sizeof b); _exit(n < 0 && errno == EIO ? 5 : 6); }
static void read_handled(void) {
  struct sigaction sa; /* without SA_RESTART (signal() would set it) */ memset(&sa, 0, sizeof sa); sa.sa_handler = onttin; sigaction(SIGTTIN, &sa, NULL);
  char b[8]; errno = 0; ssize_t n = read(0, b, sizeof b);
  _exit(n < 0 && errno == EINTR && ttin == 1 ? 7 : 8);
}
static void do_write(void) { say("bg write\n"); }
static void set_fg(void) {
  signal(SIGTTOU, SIG_IGN);
  _exit(tcsetpgrp(0, getpgrp()) == 0 && tcgetpgrp(0) == getpgrp() ? 9 : 10);
}

static void session(void) {
  struct termios t;
  tcgetattr(0, &t);
  bg("background read", do_read);
  bg("background read, SIGTTIN ignored", read_ignored);
  bg("background read, SIGTTIN handled", read_handled);
  bg("background write", do_write);
  t.c_lflag |= TOSTOP;
  tcsetattr(0, TCSANOW, &t);
  bg("background write, TOSTOP", do_write);
  t.c_lflag &= ~TOSTOP;
  tcsetattr(0, TCSANOW, &t);
  pid_t me = getpgrp();
  bg("tcsetpgrp from background", set_fg);
  signal(SIGTTOU, SIG_IGN);
  tcsetpgrp(0, me);
  say(tcgetpgrp(0) == me ? "foreground restored\n" : "foreground lost\n");
}

int main(void) {
  pid_t fg = tcgetpgrp(0); /* the terminal becomes ours */
  (void)fg;
  pid_t a = fork(); /* job control needs a parent that is not init */
  if (a == 0) { session(); _exit(0); }
  int st;
  waitpid(a, &st, 0);
  /* init's own children: their groups count as orphaned, so background reads fail with EIO */
  bg("orphaned background read", read_report);

  /* A new session takes the terminal (TIOCSCTTY, stealing as root); when its leader exits,
   * its foreground group gets SIGHUP (then SIGCONT). */
  int p[2];
  pipe(p);
  a = fork();
  if (a == 0) {
    setsid();
    if (ioctl(0, TIOCSCTTY, 1) != 0) _exit(1);
    pid_t b = fork();
    if (b == 0) {
      signal(SIGHUP, onhup);
      write(p[1], "r", 1);
      while (!hup) pause();
      write(p[1], "h", 1);
      _exit(0);
    }
    char x;
    read(p[0], &x, 1); /* b is ready */
    _exit(0);
  }
  waitpid(a, &st, 0);
  char x = 0;
  read(p[0], &x, 1);
  say(x == 'h' ? "foreground group got SIGHUP\n" : "no SIGHUP\n");
  say("done\n");
  return 0;
}
