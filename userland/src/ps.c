/* ps: report processes from /proc (ps, ps -e/-A, ps -f, ps -ef, ps aux). */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <pwd.h>
#include <unistd.h>
#include "include/procps.h"

static const char *user_of(unsigned uid, char *b, size_t n) {
  static unsigned cu[16];
  static char cn[16][33];
  static int nc;
  for (int i = 0; i < nc; i++) if (cu[i] == uid) { snprintf(b, n, "%s", cn[i]); return b; }
  struct passwd *pw = getpwuid(uid);
  if (pw) snprintf(b, n, "%s", pw->pw_name); else snprintf(b, n, "%u", uid);
  int k = nc < 16 ? nc++ : 15;
  cu[k] = uid;
  snprintf(cn[k], sizeof cn[k], "%s", b);
  return b;
}
static void fmt_time(unsigned long ticks, char *b, size_t n) {
  unsigned long s = ticks / 100;
  snprintf(b, n, "%02lu:%02lu:%02lu", s / 3600, s / 60 % 60, s % 60);
}
int main(int argc, char **argv) {
  int all = 0, full = 0, bsd = 0;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (a[0] == '-') { for (const char *p = a + 1; *p; p++) { if (*p == 'e' || *p == 'A') all = 1; else if (*p == 'f') full = 1; } }
    else { bsd = 1; for (const char *p = a; *p; p++) if (*p == 'a' || *p == 'x') all = 1; }
  }
  int n;
  struct proc *v = read_all(&n);
  struct proc self;
  int mytty = read_proc(getpid(), &self) == 0 ? self.tty : 0;
  unsigned myuid = geteuid();
  double up = uptime_secs();
  time_t now = time(0);
  unsigned long total = meminfo("MemTotal:");
  char u[32], t[32], tm[32], st[16];
  /* procps sizes the PID columns by the digits of pid_max (at least 5). */
  char pm[32] = "32768";
  read_text("/proc/sys/kernel/pid_max", pm, sizeof pm);
  int w = 0;
  for (long m = strtol(pm, 0, 10); m >= 10; m /= 10) w++;
  if (w < 5) w = 5;
  if (bsd) printf("%-8s %*s %%CPU %%MEM    VSZ   RSS TTY      STAT START   TIME COMMAND\n", "USER", w, "PID");
  else if (full) printf("%-8s %*s %*s  C STIME TTY          TIME CMD\n", "UID", w, "PID", w, "PPID");
  else printf("%*s TTY          TIME CMD\n", w, "PID");
  for (int i = 0; i < n; i++) {
    struct proc *p = &v[i];
    /* Default selection: same effective uid and same terminal (none when we have none). */
    if (!all && (p->uid != myuid || (!bsd && p->tty != mytty))) continue;
    tty_name(p->tty, t, sizeof t);
    fmt_time(p->utime + p->stime, tm, sizeof tm);
    double run = up - (double)p->start / 100.0;
    time_t started = now - (time_t)(run > 0 ? run : 0);
    struct tm stm;
    gmtime_r(&started, &stm);
    char stime[16];
    if (now - started < 86400) strftime(stime, sizeof stime, "%H:%M", &stm);
    else strftime(stime, sizeof stime, "%b%d", &stm);
    int cpu = run > 0 ? (int)(100.0 * (double)(p->utime + p->stime) / 100.0 / run) : 0;
    if (bsd) {
      unsigned long cs = (p->utime + p->stime) / 100;
      snprintf(st, sizeof st, "%c%s%s", p->state, p->sid == p->pid ? "s" : "", p->pgrp == p->tpgid ? "+" : "");
      /* procps truncates to tenths of a percent. */
      double mem = total ? (double)((unsigned long)p->rss * 4 * 1000 / total) / 10.0 : 0;
      double pc = run > 0 ? (double)(long)((double)(p->utime + p->stime) * 10.0 / run) / 10.0 : 0;
      printf("%-8s %*d %4.1f %4.1f %6lu %5ld %-8s %-4s %5s %3lu:%02lu %s\n", user_of(p->uid, u, sizeof u), w, p->pid,
             pc, mem, p->vsize / 1024, p->rss * 4, t, st, stime, cs / 60, cs % 60, p->cmd);
    } else if (full) printf("%-8s %*d %*d %2d %-5s %-8s %s %s\n", user_of(p->uid, u, sizeof u), w, p->pid, w, p->ppid, cpu, stime, t, tm, p->cmd);
    else printf("%*d %-8s %s %s\n", w, p->pid, t, tm, p->comm);
  }
  return 0;
}
