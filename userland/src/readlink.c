/* readlink: print the target of symbolic links (-f: canonical path, every component but the
   last must exist; -e: every component must exist; -n: no newline; -v: report errors). As GNU
   coreutils: without -v a link that cannot be read fails silently with status 1. */
#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int canon(const char *path, int must_exist, char *out) {
  char cur[PATH_MAX];
  snprintf(cur, sizeof cur, "%s", path);
  for (int hops = 0; hops < 40; hops++) {
    if (realpath(cur, out)) return 0;
    if (must_exist || errno != ENOENT) return -1;
    /* -f: the last component may be missing (a dangling link is followed); its directory must resolve. */
    char a[PATH_MAX], b[PATH_MAX], dir[PATH_MAX], target[PATH_MAX];
    snprintf(a, sizeof a, "%s", cur);
    snprintf(b, sizeof b, "%s", cur);
    const char *base = basename(b);
    if (!realpath(dirname(a), dir)) return -1;
    if (!strcmp(base, "/") || !strcmp(base, ".") || !strcmp(base, "..")) { errno = ENOENT; return -1; }
    snprintf(out, PATH_MAX, "%s/%s", strcmp(dir, "/") ? dir : "", base);
    ssize_t n = readlink(out, target, sizeof target - 1);
    if (n < 0) return 0;
    target[n] = 0;
    if (target[0] == '/') snprintf(cur, sizeof cur, "%s", target);
    else snprintf(cur, sizeof cur, "%s/%s", strcmp(dir, "/") ? dir : "", target);
  }
  errno = ELOOP;
  return -1;
}

int main(int argc, char **argv) {
  int mode = 0, nl = 1, verbose = 0, st = 0, c;
  while ((c = getopt(argc, argv, "fenvqs")) != -1) {
    if (c == 'f') mode = 'f';
    else if (c == 'e') mode = 'e';
    else if (c == 'n') nl = 0;
    else if (c == 'v') verbose = 1;
    else if (c == 'q' || c == 's') verbose = 0;
    else { fprintf(stderr, "usage: readlink [-fenv] FILE...\n"); return 1; }
  }
  if (optind >= argc) { fprintf(stderr, "readlink: missing operand\n"); return 1; }
  for (int i = optind; i < argc; i++) {
    char buf[PATH_MAX];
    if (mode) {
      if (canon(argv[i], mode == 'e', buf) < 0) { if (verbose) fprintf(stderr, "readlink: %s: %s\n", argv[i], strerror(errno)); st = 1; continue; }
    } else {
      ssize_t n = readlink(argv[i], buf, sizeof buf - 1);
      if (n < 0) { if (verbose) fprintf(stderr, "readlink: %s: %s\n", argv[i], strerror(errno)); st = 1; continue; }
      buf[n] = 0;
    }
    fputs(buf, stdout);
    if (nl || argc - optind > 1) putchar('\n');
  }
  return st;
}
