/* su: run a shell as another user (su [-] [-l] [USER] [-c COMMAND]). Root switches freely; others
 * must give the password when the account has one (plain text in /etc/passwd in this prototype). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>
#include <pwd.h>
#include <grp.h>
#include <termios.h>
int main(int argc, char **argv) {
  int login = 0;
  const char *user = "root", *cmd = 0;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "-") || !strcmp(argv[i], "-l") || !strcmp(argv[i], "--login")) login = 1;
    else if (!strcmp(argv[i], "-c") && i + 1 < argc) cmd = argv[++i];
    else if (argv[i][0] == '-') { fprintf(stderr, "su: invalid option -- '%s'\n", argv[i] + 1); return 1; }
    else user = argv[i];
  }
  struct passwd *pw = getpwnam(user);
  if (!pw) { fprintf(stderr, "su: user %s does not exist or the user entry does not contain all the required fields\n", user); return 1; }
  struct passwd target = *pw;
  target.pw_name = strdup(pw->pw_name);
  target.pw_dir = strdup(pw->pw_dir);
  target.pw_shell = strdup(pw->pw_shell && *pw->pw_shell ? pw->pw_shell : "/bin/sh");
  const char *pass = pw->pw_passwd;
  if (getuid() != 0 && pass && *pass && strcmp(pass, "x") && strcmp(pass, "*")) {
    if (pass[0] == '!') { fprintf(stderr, "su: Authentication failure\n"); return 1; }
    struct termios old, t;
    int tty = tcgetattr(0, &old) == 0;
    fputs("Password: ", stderr);
    if (tty) { t = old; t.c_lflag &= ~(tcflag_t)ECHO; tcsetattr(0, TCSAFLUSH, &t); }
    char buf[256];
    if (!fgets(buf, sizeof buf, stdin)) buf[0] = 0;
    if (tty) tcsetattr(0, TCSAFLUSH, &old);
    fputc('\n', stderr);
    buf[strcspn(buf, "\n")] = 0;
    if (strcmp(buf, pass)) { sleep(1); fprintf(stderr, "su: Authentication failure\n"); return 1; }
  }
  if (initgroups(target.pw_name, target.pw_gid) < 0 && getuid() == 0) { fprintf(stderr, "su: cannot set groups: %s\n", strerror(errno)); return 1; }
  if (setgid(target.pw_gid) < 0 || setuid(target.pw_uid) < 0) { fprintf(stderr, "su: cannot set user id: %s\n", strerror(errno)); return 1; }
  if (login) {
    const char *term = getenv("TERM");
    char *t = term ? strdup(term) : 0;
    clearenv();
    if (t) setenv("TERM", t, 1);
    setenv("PATH", target.pw_uid ? "/bin:/usr/bin" : "/sbin:/bin:/usr/sbin:/usr/bin", 1);
    if (chdir(target.pw_dir) < 0) { fprintf(stderr, "su: warning: cannot change directory to %s: %s\n", target.pw_dir, strerror(errno)); }
  }
  setenv("HOME", target.pw_dir, 1);
  setenv("SHELL", target.pw_shell, 1);
  if (login || target.pw_uid) { setenv("USER", target.pw_name, 1); setenv("LOGNAME", target.pw_name, 1); }
  const char *b = strrchr(target.pw_shell, '/');
  b = b ? b + 1 : target.pw_shell;
  char arg0[64];
  snprintf(arg0, sizeof arg0, "%s%s", login ? "-" : "", b);
  if (cmd) execl(target.pw_shell, arg0, "-c", cmd, (char *)0);
  else execl(target.pw_shell, arg0, (char *)0);
  fprintf(stderr, "su: failed to execute %s: %s\n", target.pw_shell, strerror(errno));
  return 126;
}
