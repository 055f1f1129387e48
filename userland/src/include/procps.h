/* Reading processes from /proc (Linux formats), shared by ps, top, pgrep/pkill. Header-only. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>
#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

struct proc {
  int pid, ppid, pgrp, sid, tty, tpgid, nice, nthreads;
  char state, comm[64], cmd[512];
  unsigned long utime, stime, start, vsize;
  long rss;
  unsigned uid;
};
static inline int read_text(const char *path, char *buf, size_t n) {
  int fd = open(path, O_RDONLY);
  if (fd < 0) return -1;
  size_t got = 0;
  ssize_t r;
  while (got + 1 < n && (r = read(fd, buf + got, n - 1 - got)) > 0) got += (size_t)r;
  close(fd);
  buf[got] = 0;
  return (int)got;
}
/* Fills p for pid; returns 0 on success. */
static inline int read_proc(int pid, struct proc *p) {
  char path[64], buf[1024];
  memset(p, 0, sizeof *p);
  p->pid = pid;
  snprintf(path, sizeof path, "/proc/%d/stat", pid);
  if (read_text(path, buf, sizeof buf) <= 0) return -1;
  char *l = strchr(buf, '('), *r = strrchr(buf, ')');
  if (!l || !r) return -1;
  size_t cl = (size_t)(r - l - 1);
  if (cl >= sizeof p->comm) cl = sizeof p->comm - 1;
  memcpy(p->comm, l + 1, cl);
  p->comm[cl] = 0;
  long pr, ni;
  unsigned long flags, minf, cminf, majf, cmajf, cut, cst;
  sscanf(r + 2, "%c %d %d %d %d %d %lu %lu %lu %lu %lu %lu %lu %lu %lu %ld %ld %d %*d %lu %lu %ld",
         &p->state, &p->ppid, &p->pgrp, &p->sid, &p->tty, &p->tpgid, &flags, &minf, &cminf, &majf, &cmajf,
         &p->utime, &p->stime, &cut, &cst, &pr, &ni, &p->nthreads, &p->start, &p->vsize, &p->rss);
  p->nice = (int)ni;
  snprintf(path, sizeof path, "/proc/%d/status", pid);
  if (read_text(path, buf, sizeof buf) > 0) {
    char *u = strstr(buf, "\nUid:");
    if (u) p->uid = (unsigned)strtoul(u + 5, 0, 10);
  }
  snprintf(path, sizeof path, "/proc/%d/cmdline", pid);
  int n = read_text(path, p->cmd, sizeof p->cmd);
  if (n > 0) {
    while (n > 0 && p->cmd[n - 1] == 0) n--;
    for (int i = 0; i < n; i++) if (!p->cmd[i]) p->cmd[i] = ' ';
    p->cmd[n] = 0;
  } else snprintf(p->cmd, sizeof p->cmd, "[%s]", p->comm);
  return 0;
}
static inline int cmp_pid(const void *a, const void *b) { return ((const struct proc *)a)->pid - ((const struct proc *)b)->pid; }
/* Reads every process; returns a malloc'd array sorted by pid. */
static inline struct proc *read_all(int *count) {
  DIR *d = opendir("/proc");
  int n = 0, cap = 64;
  struct proc *v = malloc(sizeof *v * (size_t)cap);
  if (!d) { *count = 0; return v; }
  struct dirent *e;
  while ((e = readdir(d))) {
    if (!isdigit((unsigned char)e->d_name[0])) continue;
    if (n == cap) { cap *= 2; v = realloc(v, sizeof *v * (size_t)cap); }
    if (read_proc(atoi(e->d_name), &v[n]) == 0) n++;
  }
  closedir(d);
  qsort(v, (size_t)n, sizeof *v, cmp_pid);
  *count = n;
  return v;
}
static inline void tty_name(int tty, char *out, size_t n) {
  int maj = (tty >> 8) & 0xfff, min = (tty & 0xff) | ((tty >> 12) & 0xfff00);
  if (!tty) snprintf(out, n, "?");
  else if (maj == 136) snprintf(out, n, "pts/%d", min);
  else if (maj == 4) snprintf(out, n, "tty%d", min);
  else if (maj == 5 && min == 1) snprintf(out, n, "console");
  else if (maj == 4 && min >= 64) snprintf(out, n, "ttyS%d", min - 64);
  else snprintf(out, n, "%d,%d", maj, min);
}
static inline unsigned long meminfo(const char *key) {
  static char buf[4096];
  if (read_text("/proc/meminfo", buf, sizeof buf) <= 0) return 0;
  char *p = strstr(buf, key);
  return p ? strtoul(p + strlen(key) + 1, 0, 10) : 0;
}
static inline double uptime_secs(void) {
  char buf[128];
  if (read_text("/proc/uptime", buf, sizeof buf) <= 0) return 0;
  return strtod(buf, 0);
}
