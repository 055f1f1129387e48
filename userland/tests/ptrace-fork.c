/* ptrace across processes: PTRACE_O_TRACEFORK/EXEC/EXIT following a child
   and its exec, SEIZE + INTERRUPT + EXITKILL, and permission checks as
   uid 1000 against root's process. Golden transcript in test/ptrace. */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define TRACEME 0
#define CONT 7
#define ATTACH 16
#define DETACH 17
#define SETOPTIONS 0x4200
#define GETEVENTMSG 0x4201
#define SEIZE 0x4206
#define INTERRUPT 0x4207
#define O_TRACESYSGOOD 1
#define O_TRACEFORK 2
#define O_TRACEEXEC 0x10
#define O_TRACEEXIT 0x40
#define O_EXITKILL 0x100000

static long pt(long req, long pid, long addr, long data) { return syscall(SYS_ptrace, req, pid, addr, data); }

static int show(const char *who, pid_t pid) {
  int st = 0;
  pid_t r = waitpid(pid, &st, __WALL);
  if (r < 0) { printf("%s: waitpid %s\n", who, strerror(errno)); return -1; }
  printf("%s: status %#x", who, st);
  if (WIFSTOPPED(st)) printf(" stopped sig=%d event=%d", WSTOPSIG(st), st >> 16);
  if (WIFEXITED(st)) printf(" exited %d", WEXITSTATUS(st));
  if (WIFSIGNALED(st)) printf(" killed %d", WTERMSIG(st));
  printf("\n");
  return st;
}

static unsigned long eventmsg(pid_t pid) { unsigned long m = 0; pt(GETEVENTMSG, pid, 0, (long)&m); return m; }

static void follow(const char *self) {
  pid_t c = fork();
  if (c == 0) {
    pt(TRACEME, 0, 0, 0);
    kill(getpid(), SIGSTOP);
    pid_t g = fork();
    if (g == 0) { execl(self, self, "exec-child", (char *)0); _exit(99); }
    int st = 0;
    waitpid(g, &st, 0);
    _exit(WEXITSTATUS(st) + 10);
  }
  show("C", c);
  printf("SETOPTIONS %ld\n", pt(SETOPTIONS, c, 0, O_TRACEFORK | O_TRACEEXEC | O_TRACEEXIT));
  pt(CONT, c, 0, 0);
  show("C fork event", c);
  pid_t g = (pid_t)eventmsg(c);
  printf("event msg is a new pid %d\n", g > c);
  show("G", g);
  pt(CONT, g, 0, 0);
  pt(CONT, c, 0, 0);
  show("G exec event", g);
  printf("exec msg is G %d\n", eventmsg(g) == (unsigned long)g);
  pt(CONT, g, 0, 0);
  show("G exit event", g);
  printf("exit msg %#lx\n", eventmsg(g));
  pt(CONT, g, 0, 0);
  show("G", g);
  /* G's exit reached C's SIGCHLD only after the tracer collected it; the tracer sees it first. */
  show("C", c);
  pt(CONT, c, 0, SIGCHLD);
  show("C exit event", c);
  printf("exit msg %#lx\n", eventmsg(c));
  pt(CONT, c, 0, 0);
  show("C", c);
}

/* Without TRACEEXEC a successful execve ends in a SIGTRAP (SI_USER from the tracee itself). */
static void legacy_exec(const char *self) {
  pid_t c = fork();
  if (c == 0) {
    pt(TRACEME, 0, 0, 0);
    execl(self, self, "exec-child", (char *)0);
    _exit(99);
  }
  siginfo_t si;
  memset(&si, 0, sizeof si);
  /* waitid sees the ptrace stop as CLD_TRAPPED; WNOWAIT leaves it for waitpid. */
  printf("waitid %d si_code=%d si_status=%d si_pid_is_child=%d\n", waitid(P_PID, c, &si, WEXITED | WNOWAIT), si.si_code, si.si_status, si.si_pid == c);
  show("C", c);
  memset(&si, 0, sizeof si);
  printf("GETSIGINFO %ld si_signo=%d si_code=%d si_pid_is_child=%d\n", pt(0x4202, c, 0, (long)&si), si.si_signo, si.si_code, si.si_pid == c);
  pt(CONT, c, 0, 0);
  memset(&si, 0, sizeof si);
  printf("waitid %d si_code=%d si_status=%d\n", waitid(P_PID, c, &si, WEXITED), si.si_code, si.si_status);
  printf("waitpid after %d %s\n", waitpid(c, NULL, 0), strerror(errno));
}

static void exitkill(int opt) {
  pid_t s = fork();
  if (s == 0) { for (;;) pause(); }
  pid_t tr = fork();
  if (tr == 0) {
    printf("SEIZE %ld\n", pt(SEIZE, s, 0, opt));
    printf("SEIZE again %ld %s\n", pt(SEIZE, s, 0, opt), strerror(errno));
    printf("INTERRUPT %ld\n", pt(INTERRUPT, s, 0, 0));
    show("S", s);
    _exit(0);
  }
  waitpid(tr, NULL, 0);
  int st = 0;
  pid_t r = waitpid(s, &st, WNOHANG);
  if (r == 0) { printf("S still alive\n"); kill(s, SIGKILL); waitpid(s, &st, 0); }
  else printf("S %s %d\n", WIFSIGNALED(st) ? "killed by" : "exited", WIFSIGNALED(st) ? WTERMSIG(st) : WEXITSTATUS(st));
}

static void perm(void) {
  pid_t r = fork();
  if (r == 0) { for (;;) pause(); }
  pid_t u = fork();
  if (u == 0) {
    if (setgid(1000) != 0 || setuid(1000) != 0) { printf("setuid failed\n"); _exit(1); }
    printf("ATTACH root's process %ld %s\n", pt(ATTACH, r, 0, 0), strerror(errno));
    printf("ATTACH self %ld %s\n", pt(ATTACH, getpid(), 0, 0), strerror(errno));
    printf("ATTACH missing %ld %s\n", pt(ATTACH, 99999, 0, 0), strerror(errno));
    printf("CONT untraced %ld %s\n", pt(CONT, r, 0, 0), strerror(errno));
    pid_t own = fork();
    if (own == 0) { for (;;) pause(); }
    printf("ATTACH own %ld\n", pt(ATTACH, own, 0, 0));
    show("own", own);
    char path[64], line[128];
    snprintf(path, sizeof path, "/proc/%d/status", own);
    FILE *f = fopen(path, "r");
    while (f != NULL && fgets(line, sizeof line, f) != NULL) {
      int tp;
      if (strncmp(line, "State:", 6) == 0) printf("%s", line);
      if (sscanf(line, "TracerPid: %d", &tp) == 1) printf("TracerPid is me %d\n", tp == getpid());
    }
    if (f != NULL) fclose(f);
    printf("DETACH %ld\n", pt(DETACH, own, 0, 0));
    kill(own, SIGKILL);
    show("own", own);
    _exit(0);
  }
  waitpid(u, NULL, 0);
  kill(r, SIGKILL);
  waitpid(r, NULL, 0);
  pid_t c = fork();
  if (c == 0) {
    long a = pt(TRACEME, 0, 0, 0);
    long b = pt(TRACEME, 0, 0, 0);
    printf("TRACEME %ld, again %ld %s\n", a, b, strerror(errno));
    _exit(0);
  }
  show("traceme child", c);
}

int main(int argc, char **argv) {
  setvbuf(stdout, NULL, _IONBF, 0);
  if (argc > 1 && strcmp(argv[1], "exec-child") == 0) { printf("G: exec'd\n"); return 7; }
  const char *mode = argc > 1 ? argv[1] : "follow";
  if (strcmp(mode, "follow") == 0) follow(argv[0]);
  else if (strcmp(mode, "exec") == 0) legacy_exec(argv[0]);
  else if (strcmp(mode, "exitkill") == 0) { exitkill(O_EXITKILL); exitkill(0); }
  else if (strcmp(mode, "perm") == 0) perm();
  return 0;
}
