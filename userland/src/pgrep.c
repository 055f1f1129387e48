/* pgrep / pkill: find or signal processes by name (ERE on comm, -f full command line, -x exact,
 * -l list names, -u USER, -n newest, -o oldest, pkill -SIGNAL). */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <signal.h>
#include <errno.h>
#include <regex.h>
#include <pwd.h>
#include <unistd.h>
#include "include/procps.h"
static const char *const names[] = {"0", "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1", "SEGV", "USR2", "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU", "URG", "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS"};
int main(int argc, char **argv) {
  const char *b = strrchr(argv[0], '/');
  b = b ? b + 1 : argv[0];
  int kill_mode = !strcmp(b, "pkill"), sig = SIGTERM, full = 0, exact = 0, list = 0, newest = 0, oldest = 0;
  long uid = -1;
  const char *pat = 0;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (a[0] == '-' && a[1]) {
      if (!strcmp(a, "-f")) full = 1;
      else if (!strcmp(a, "-x")) exact = 1;
      else if (!strcmp(a, "-l")) list = 1;
      else if (!strcmp(a, "-n")) newest = 1;
      else if (!strcmp(a, "-o")) oldest = 1;
      else if (!strcmp(a, "-u") && i + 1 < argc) { struct passwd *p = getpwnam(argv[++i]); uid = p ? (long)p->pw_uid : atol(argv[i]); }
      else if (kill_mode) {
        const char *s = a + 1;
        if (isdigit((unsigned char)*s)) sig = atoi(s);
        else { if (!strncasecmp(s, "SIG", 3)) s += 3; sig = -1; for (int k = 0; k < 32; k++) if (!strcasecmp(s, names[k])) sig = k; if (sig < 0) { fprintf(stderr, "%s: unknown signal name: %s\n", b, a + 1); return 2; } }
      } else { fprintf(stderr, "%s: invalid option -- '%s'\n", b, a + 1); return 2; }
    } else pat = a;
  }
  if (!pat && uid < 0) { fprintf(stderr, "%s: no matching criteria specified\n", b); return 2; }
  regex_t re;
  if (pat) {
    char buf[600];
    snprintf(buf, sizeof buf, exact ? "^(%s)$" : "%s", pat);
    if (regcomp(&re, buf, REG_EXTENDED | REG_NOSUB)) { fprintf(stderr, "%s: invalid regular expression\n", b); return 2; }
  }
  int n, found = 0, me = getpid(), best = -1;
  struct proc *v = read_all(&n);
  for (int i = 0; i < n; i++) {
    struct proc *p = &v[i];
    if (p->pid == me) continue;
    if (uid >= 0 && p->uid != (unsigned)uid) continue;
    if (pat && regexec(&re, full ? p->cmd : p->comm, 0, 0, 0)) continue;
    if (newest || oldest) { if (best < 0 || (newest ? p->start >= v[best].start : p->start < v[best].start)) best = i; continue; }
    found++;
    if (kill_mode) { if (kill(p->pid, sig) < 0) fprintf(stderr, "%s: killing pid %d failed: %s\n", b, p->pid, strerror(errno)); }
    else if (list) printf("%d %s\n", p->pid, full ? p->cmd : p->comm);
    else printf("%d\n", p->pid);
  }
  if (best >= 0) {
    found = 1;
    if (kill_mode) kill(v[best].pid, sig);
    else if (list) printf("%d %s\n", v[best].pid, v[best].comm);
    else printf("%d\n", v[best].pid);
  }
  return found ? 0 : 1;
}
