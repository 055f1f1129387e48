/* init: PID 1 — mounts /proc and /dev, opens the console, starts a login shell on it (as root or
 * as the user named by "user=NAME" on the command line / INIT_USER in the environment), reaps
 * orphans and respawns the shell when it exits. With "once" on the command line (what
 * `nodix boot` passes) the console session runs once: when the shell exits normally, init
 * exits with its status (which stops the machine); a shell killed by a signal is respawned. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <time.h>
#include <unistd.h>
#include <pwd.h>
#include <grp.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>

static void msg(const char *fmt, const char *a, const char *b) {
  char buf[256];
  int n = snprintf(buf, sizeof buf, fmt, a, b ? b : "");
  write(2, buf, (size_t)n);
}
/* Mounts type (or the fallback type) on dir; an existing mount (EBUSY) is fine. */
static void try_mount(const char *src, const char *dir, const char *type, const char *fallback) {
  mkdir(dir, 0755);
  if (mount(src, dir, type, 0, 0) == 0 || errno == EBUSY) return;
  if (fallback && (mount(fallback, dir, fallback, 0, 0) == 0 || errno == EBUSY)) return;
  msg("init: mount %s: %s\n", dir, strerror(errno));
}
static pid_t spawn_shell(const char *user) {
  pid_t pid = fork();
  if (pid != 0) return pid;
  setsid();
  int fd = open("/dev/console", O_RDWR);
  if (fd >= 0) {
    dup2(fd, 0);
    dup2(fd, 1);
    dup2(fd, 2);
    if (fd > 2) close(fd);
  }
  ioctl(0, TIOCSCTTY, 0);
  signal(SIGINT, SIG_DFL);
  signal(SIGTERM, SIG_DFL);
  signal(SIGHUP, SIG_DFL);
  struct passwd *pw = getpwnam(user && *user ? user : "root");
  const char *home = "/", *name = "root", *shell = "/bin/sh";
  if (pw) {
    home = pw->pw_dir;
    name = pw->pw_name;
    if (pw->pw_shell && *pw->pw_shell) shell = pw->pw_shell;
    initgroups(pw->pw_name, pw->pw_gid);
    if (setgid(pw->pw_gid) < 0 || setuid(pw->pw_uid) < 0) msg("init: cannot switch to %s: %s\n", name, strerror(errno));
  }
  if (chdir(home) < 0) chdir("/");
  setenv("HOME", home, 1);
  setenv("USER", name, 1);
  setenv("LOGNAME", name, 1);
  setenv("SHELL", shell, 1);
  execl(shell, "-sh", (char *)0);
  msg("init: cannot run %s: %s\n", shell, strerror(errno));
  _exit(127);
}
int main(int argc, char **argv) {
  const char *user = getenv("INIT_USER");
  int once = 0;
  for (int i = 1; i < argc; i++) {
    if (!strncmp(argv[i], "user=", 5)) user = argv[i] + 5;
    else if (!strcmp(argv[i], "once")) once = 1;
  }
  if (fcntl(0, F_GETFD) < 0) {
    int fd = open("/dev/console", O_RDWR);
    if (fd >= 0) { dup2(fd, 0); dup2(fd, 1); dup2(fd, 2); if (fd > 2) close(fd); }
  }
  if (getpid() == 1) {
    try_mount("proc", "/proc", "proc", 0);
    try_mount("devtmpfs", "/dev", "devtmpfs", "devfs");
    mkdir("/tmp", 01777);
  }
  setenv("PATH", "/sbin:/bin:/usr/sbin:/usr/bin", 1);
  if (!getenv("TERM")) setenv("TERM", "vt100", 1);
  signal(SIGINT, SIG_IGN);
  signal(SIGTSTP, SIG_IGN);
  signal(SIGTTOU, SIG_IGN);
  signal(SIGTTIN, SIG_IGN);
  int fast = 0;
  for (;;) {
    time_t started = time(0);
    pid_t shell = spawn_shell(user);
    if (shell < 0) { msg("init: fork: %s%s\n", strerror(errno), 0); sleep(1); continue; }
    for (;;) {
      int st;
      pid_t p = waitpid(-1, &st, 0);
      if (p < 0) { if (errno == EINTR) continue; break; }
      if (p == shell) {
        if (once && WIFEXITED(st)) return WEXITSTATUS(st);
        break;
      }
    }
    /* Do not spin if the shell keeps dying at once. */
    if (time(0) - started < 1) { if (++fast >= 5) { sleep(2); fast = 0; } }
    else fast = 0;
  }
}
