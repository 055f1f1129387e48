/* xargs: build and run command lines from standard input (-n N, -I STR, -0, -r, -t). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>
#include <errno.h>
#include <unistd.h>
#include <sys/wait.h>
static int tflag, st;
static int run(char **argv) {
  if (tflag) { for (int i = 0; argv[i]; i++) fprintf(stderr, "%s%s", i ? " " : "", argv[i]); fputc('\n', stderr); }
  fflush(stdout);
  pid_t p = fork();
  if (p == 0) {
    execvp(argv[0], argv);
    fprintf(stderr, "xargs: %s: %s\n", argv[0], strerror(errno));
    _exit(errno == ENOENT ? 127 : 126);
  }
  int s;
  waitpid(p, &s, 0);
  if (WIFEXITED(s) && WEXITSTATUS(s) == 255) { fprintf(stderr, "xargs: %s: exited with status 255; aborting\n", argv[0]); exit(124); }
  if (WIFEXITED(s) && WEXITSTATUS(s) >= 126) return WEXITSTATUS(s);
  if (!WIFEXITED(s) || WEXITSTATUS(s)) st = 123;
  return 0;
}
static char *repl(const char *a, const char *from, const char *to) {
  size_t fl = strlen(from), tl = strlen(to), n = 0;
  char *o = malloc(strlen(a) * (tl + 1) + 1);
  while (*a) {
    if (!strncmp(a, from, fl)) { memcpy(o + n, to, tl); n += tl; a += fl; }
    else o[n++] = *a++;
  }
  o[n] = 0;
  return o;
}
int main(int argc, char **argv) {
  int maxn = 0, zero = 0, noempty = 0, i = 1;
  const char *I = 0;
  for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
    if (!strcmp(argv[i], "-n") && i + 1 < argc) maxn = atoi(argv[++i]);
    else if (!strncmp(argv[i], "-n", 2)) maxn = atoi(argv[i] + 2);
    else if (!strcmp(argv[i], "-I") && i + 1 < argc) { I = argv[++i]; maxn = 1; }
    else if (!strcmp(argv[i], "-0")) zero = 1;
    else if (!strcmp(argv[i], "-r")) noempty = 1;
    else if (!strcmp(argv[i], "-t")) tflag = 1;
    else if (!strcmp(argv[i], "--")) { i++; break; }
    else { fprintf(stderr, "xargs: invalid option -- '%s'\n", argv[i] + 1); return 1; }
  }
  char *defcmd[] = {"echo", 0};
  char **cmd = i < argc ? argv + i : defcmd;
  int ncmd = i < argc ? argc - i : 1;
  char **items = 0;
  size_t ni = 0, ci = 0;
  /* Read items: whitespace separated with quotes, or lines for -I, or NUL-separated. */
  int c;
  char *buf = malloc(4096);
  size_t bl = 0, bc = 4096;
  int q = 0, have = 0;
  for (;;) {
    c = getchar();
    int end;
    if (zero) end = c == 0 || c == EOF;
    else if (I) end = c == '\n' || c == EOF;
    else if (c == EOF) end = 1;
    else if (q) { if (c == q) { q = 0; continue; } end = 0; }
    else if (c == '\'' || c == '"') { q = c; have = 1; continue; }
    else if (c == '\\') { c = getchar(); end = c == EOF; }
    else end = isspace(c);
    if (end) {
      if (bl || have) {
        buf[bl] = 0;
        if (ni == ci) { ci = ci ? ci * 2 : 64; items = realloc(items, ci * sizeof *items); }
        items[ni++] = strdup(buf);
        bl = 0;
        have = 0;
      }
      if (c == EOF) break;
      continue;
    }
    if (bl + 2 > bc) { bc *= 2; buf = realloc(buf, bc); }
    buf[bl++] = (char)c;
  }
  if (!ni) {
    if (noempty || I) return 0;
    char **v = malloc(sizeof *v * (size_t)(ncmd + 1));
    memcpy(v, cmd, sizeof *v * (size_t)ncmd);
    v[ncmd] = 0;
    int r = run(v);
    return r ? r : st;
  }
  size_t per = maxn > 0 ? (size_t)maxn : ni;
  for (size_t k = 0; k < ni; k += per) {
    size_t cnt = k + per > ni ? ni - k : per;
    char **v = malloc(sizeof *v * (ncmd + cnt + 1));
    int n = 0;
    if (I) { for (int j = 0; j < ncmd; j++) v[n++] = repl(cmd[j], I, items[k]); }
    else {
      for (int j = 0; j < ncmd; j++) v[n++] = cmd[j];
      for (size_t j = 0; j < cnt; j++) v[n++] = items[k + j];
    }
    v[n] = 0;
    int r = run(v);
    free(v);
    if (r) return r;
  }
  return st;
}
