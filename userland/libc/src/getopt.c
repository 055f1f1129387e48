/* POSIX getopt. */
#include <unistd.h>
#include <string.h>
#include <stdio.h>

char *optarg;
int optind = 1, opterr = 1, optopt;
static int nextchar;

int getopt(int argc, char *const argv[], const char *opts) {
  if (optind == 0) { optind = 1; nextchar = 0; }
  if (!nextchar) {
    if (optind >= argc || !argv[optind] || argv[optind][0] != '-' || !argv[optind][1]) return -1;
    if (!strcmp(argv[optind], "--")) { optind++; return -1; }
    nextchar = 1;
  }
  const char *arg = argv[optind];
  int c = (unsigned char)arg[nextchar++];
  const char *p = c == ':' ? 0 : strchr(opts, c);
  int colon = opts[0] == ':';
  if (!arg[nextchar]) { optind++; nextchar = 0; }
  if (!p) {
    optopt = c;
    if (opterr && !colon) fprintf(stderr, "%s: invalid option -- '%c'\n", argv[0], c);
    return '?';
  }
  if (p[1] == ':') {
    if (nextchar) { optarg = (char *)arg + nextchar; optind++; nextchar = 0; }
    else if (optind < argc) optarg = argv[optind++];
    else {
      optopt = c;
      if (colon) return ':';
      if (opterr) fprintf(stderr, "%s: option requires an argument -- '%c'\n", argv[0], c);
      return '?';
    }
  }
  return c;
}
