/* Process groups and sessions: setsid/setpgid/getpgid/getsid rules and
 * errors, kill to a group, and a newly orphaned process group with a stopped
 * member receiving SIGHUP then SIGCONT; SIGTSTP to an orphaned group is
 * discarded. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <errno.h>
#include <sys/wait.h>

static volatile int hup, cont;
static void onhup(int s) { (void)s; hup++; }
static void oncont(int s) { (void)s; cont++; }
static const char *en(void) { return errno == EPERM ? "EPERM" : errno == ESRCH ? "ESRCH" : errno == EINVAL ? "EINVAL" : errno == EACCES ? "EACCES" : strerror(errno); }

static void session(void) {
  printf("setsid ok=%d\n", setsid() == getpid());
  printf("sid=pid %d pgid=pid %d\n", getsid(0) == getpid(), getpgid(0) == getpid());
  errno = 0; printf("setsid again=%d %s\n", setsid(), en());
  errno = 0; printf("leader setpgid=%d %s\n", setpgid(0, 0), en());
  errno = 0; printf("getpgid(bad)=%d %s\n", getpgid(999999), en());
  errno = 0; printf("setpgid(-1)=%d %s\n", setpgid(0, -1), en());

  int p[2];
  pipe(p);
  pid_t b = fork();
  if (b == 0) {
    setpgid(0, 0);
    pid_t c = fork();
    if (c == 0) {
      signal(SIGHUP, onhup);
      signal(SIGCONT, oncont);
      raise(SIGSTOP);
      /* resumed by the kernel's SIGCONT after SIGHUP */
      raise(SIGTSTP); /* orphaned group: the default stop is discarded */
      char msg[64];
      int n = snprintf(msg, sizeof msg, "C: hup=%d cont=%d after tstp\n", hup, cont);
      write(p[1], msg, n);
      _exit(0);
    }
    int st;
    waitpid(c, &st, WUNTRACED);
    _exit(WIFSTOPPED(st) ? 0 : 1);
  }
  close(p[1]);
  int st;
  waitpid(b, &st, 0);
  printf("B exited %d\n", WEXITSTATUS(st));
  char buf[128];
  ssize_t n = read(p[0], buf, sizeof buf - 1);
  buf[n > 0 ? n : 0] = 0;
  printf("%s", buf);

  /* setpgid rules from the parent's side */
  pid_t d = fork();
  if (d == 0) { pause(); _exit(0); }
  printf("move child to own group=%d\n", setpgid(d, d));
  printf("child pgid ok=%d\n", getpgid(d) == d);
  errno = 0; printf("move child to missing group=%d %s\n", setpgid(d, 424242), en());
  printf("move child back=%d\n", setpgid(d, getpid()));
  errno = 0; printf("move non-child=%d %s\n", setpgid(getppid(), getppid()), en());
  /* kill a group */
  setpgid(d, d);
  printf("kill(-group)=%d\n", kill(-d, SIGTERM));
  waitpid(d, &st, 0);
  printf("group member killed sig=%d\n", WTERMSIG(st));
  errno = 0; printf("kill(-missing)=%d %s\n", kill(-424242, SIGTERM), en());
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  pid_t a = fork();
  if (a == 0) { session(); _exit(0); }
  int st;
  waitpid(a, &st, 0);
  errno = 0; printf("setpgid into other session=%d %s\n", setpgid(0, a), en());
  printf("done %d\n", WEXITSTATUS(st));
  return 0;
}
