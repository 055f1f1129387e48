/* top: refreshing process list sorted by CPU use (-b batch, -n ITERATIONS, -d SECONDS; q quits). */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <pwd.h>
#include <poll.h>
#include <termios.h>
#include <unistd.h>
#include "include/procps.h"

struct prev { int pid; unsigned long ticks; };
static struct prev prevs[1024];
static int nprev;
static unsigned long prev_ticks(int pid) {
  for (int i = 0; i < nprev; i++) if (prevs[i].pid == pid) return prevs[i].ticks;
  return 0;
}
struct row { struct proc p; double cpu; };
static int cmp_row(const void *a, const void *b) {
  const struct row *x = a, *y = b;
  if (x->cpu != y->cpu) return x->cpu < y->cpu ? 1 : -1;
  return x->p.pid - y->p.pid;
}
int main(int argc, char **argv) {
  int batch = 0, iters = -1;
  double delay = 2;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "-b")) batch = 1;
    else if (!strcmp(argv[i], "-n") && i + 1 < argc) iters = atoi(argv[++i]);
    else if (!strcmp(argv[i], "-d") && i + 1 < argc) delay = strtod(argv[++i], 0);
  }
  struct termios old, raw;
  int tty = !batch && isatty(0) && tcgetattr(0, &old) == 0;
  if (tty) { raw = old; raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO); raw.c_cc[VMIN] = 0; raw.c_cc[VTIME] = 0; tcsetattr(0, TCSANOW, &raw); }
  double last_up = uptime_secs();
  for (int it = 0; iters < 0 || it < iters; it++) {
    int n;
    struct proc *v = read_all(&n);
    double up = uptime_secs(), dt = up - last_up;
    if (dt <= 0) dt = up > 0 ? up : 1;
    struct row *rows = malloc(sizeof *rows * (size_t)(n ? n : 1));
    int running = 0, sleeping = 0, stopped = 0, zombie = 0;
    for (int i = 0; i < n; i++) {
      rows[i].p = v[i];
      unsigned long t = v[i].utime + v[i].stime;
      rows[i].cpu = it == 0 ? (up > 0 ? 100.0 * (double)t / 100.0 / up : 0) : 100.0 * (double)(t - prev_ticks(v[i].pid)) / 100.0 / dt;
      switch (v[i].state) { case 'R': running++; break; case 'T': case 't': stopped++; break; case 'Z': zombie++; break; default: sleeping++; }
    }
    nprev = 0;
    for (int i = 0; i < n && nprev < 1024; i++) { prevs[nprev].pid = v[i].pid; prevs[nprev++].ticks = v[i].utime + v[i].stime; }
    last_up = up;
    qsort(rows, (size_t)n, sizeof *rows, cmp_row);
    if (!batch) printf("\x1b[H\x1b[2J");
    time_t now = time(0);
    struct tm tm;
    gmtime_r(&now, &tm);
    char la[128] = "0.00 0.00 0.00";
    read_text("/proc/loadavg", la, sizeof la);
    double l1 = 0, l5 = 0, l15 = 0;
    sscanf(la, "%lf %lf %lf", &l1, &l5, &l15);
    long s = (long)up;
    printf("top - %02d:%02d:%02d up %ld:%02ld,  1 user,  load average: %.2f, %.2f, %.2f\n", tm.tm_hour, tm.tm_min, tm.tm_sec, s / 3600, s / 60 % 60, l1, l5, l15);
    printf("Tasks: %3d total, %3d running, %3d sleeping, %3d stopped, %3d zombie\n", n, running, sleeping, stopped, zombie);
    unsigned long total = meminfo("MemTotal:"), fr = meminfo("MemFree:"), bc = meminfo("Buffers:") + meminfo("Cached:");
    printf("KiB Mem : %8lu total, %8lu free, %8lu used, %8lu buff/cache\n\n", total, fr, total > fr + bc ? total - fr - bc : 0, bc);
    printf("    PID USER      PR  NI    VIRT    RES S  %%CPU  %%MEM     TIME+ COMMAND\n");
    for (int i = 0; i < n && (batch || i < 20); i++) {
      struct proc *p = &rows[i].p;
      struct passwd *pw = getpwuid(p->uid);
      char u[16];
      snprintf(u, sizeof u, "%s", pw ? pw->pw_name : "?");
      unsigned long cs = p->utime + p->stime;
      printf("%7d %-8s  20 %3d %7lu %6ld %c %5.1f %5.1f %3lu:%02lu.%02lu %s\n", p->pid, u, p->nice, p->vsize / 1024, p->rss * 4, p->state,
             rows[i].cpu, total ? 100.0 * (double)p->rss * 4 / (double)total : 0.0, cs / 6000, cs / 100 % 60, cs % 100, p->comm);
    }
    fflush(stdout);
    free(rows);
    free(v);
    if (iters >= 0 && it + 1 >= iters) break;
    if (tty) {
      struct pollfd pf = {0, POLLIN, 0};
      if (poll(&pf, 1, (int)(delay * 1000)) > 0) {
        char c;
        if (read(0, &c, 1) == 1 && (c == 'q' || c == 3)) break;
      }
    } else {
      struct timespec ts = {(time_t)delay, (long)((delay - (double)(time_t)delay) * 1e9)};
      nanosleep(&ts, 0);
    }
  }
  if (tty) tcsetattr(0, TCSANOW, &old);
  return 0;
}
