/* kill: send a signal to processes (-s NAME, -NAME, -N, -l). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <ctype.h>
#include <errno.h>
#include <signal.h>
static const char *const names[] = {"0", "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1", "SEGV", "USR2", "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU", "URG", "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS"};
static int signum(const char *s) {
  if (isdigit((unsigned char)*s)) return atoi(s);
  if (!strncasecmp(s, "SIG", 3)) s += 3;
  for (int i = 0; i < 32; i++) if (!strcasecmp(s, names[i])) return i;
  return -1;
}
int main(int argc, char **argv) {
  int sig = SIGTERM, i = 1, st = 0;
  if (argc > 1 && !strcmp(argv[1], "-l")) {
    if (argc > 2) { int n = atoi(argv[2]); if (n > 128) n -= 128; if (n > 0 && n < 32) puts(names[n]); else { fprintf(stderr, "kill: unknown signal: %s\n", argv[2]); return 1; } return 0; }
    for (int s = 1; s < 32; s++) printf("%2d) SIG%-8s%s", s, names[s], s % 5 ? " " : "\n");
    putchar('\n');
    return 0;
  }
  if (i < argc && !strcmp(argv[i], "-s") && i + 1 < argc) { sig = signum(argv[i + 1]); i += 2; }
  else if (i < argc && argv[i][0] == '-' && argv[i][1] && strcmp(argv[i], "--") && !(isdigit((unsigned char)argv[i][1]) && 0)) { sig = signum(argv[i] + 1); i++; }
  if (i < argc && !strcmp(argv[i], "--")) i++;
  if (sig < 0 || sig > 64) { fprintf(stderr, "kill: invalid signal specification\n"); return 1; }
  if (i >= argc) { fprintf(stderr, "kill: usage: kill [-s sigspec | -n signum | -sigspec] pid ...\n"); return 2; }
  for (; i < argc; i++) {
    char *e;
    long pid = strtol(argv[i], &e, 10);
    if (*e || e == argv[i]) { fprintf(stderr, "kill: failed to parse argument: '%s'\n", argv[i]); st = 1; continue; }
    if (kill((pid_t)pid, sig) < 0) { fprintf(stderr, "kill: (%ld) - %s\n", pid, strerror(errno)); st = 1; }
  }
  return st;
}
