/* grep: print lines matching a pattern (BRE, -E ERE, -F fixed; -i -v -c -l -L -n -h -H -q -s -o -w -x -r -e). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>
#include <errno.h>
#include <regex.h>
#include <dirent.h>
#include <sys/stat.h>

static int iflag, vflag, cflag, lflag, Lflag, nflag, hflag, Hflag, qflag, sflag, oflag, wflag, xflag, rflag, Fflag, Eflag;
static regex_t *res;
static char **pats;
static int npats, multi, any_match;

static int fixed_match(const char *line, const char *p, regmatch_t *m) {
  size_t pl = strlen(p), ll = strlen(line);
  for (size_t i = 0; i + pl <= ll; i++) {
    int ok = iflag ? !strncasecmp(line + i, p, pl) : !strncmp(line + i, p, pl);
    if (ok) { m->rm_so = (long)i; m->rm_eo = (long)(i + pl); return 1; }
  }
  return 0;
}
static int is_wordc(int c) { return isalnum(c) || c == '_'; }
/* Finds a match at or after offset `from`; returns 1 with m set. */
static int find(const char *line, size_t from, regmatch_t *best) {
  int found = 0;
  for (int k = 0; k < npats; k++) {
    size_t off = from;
    for (;;) {
      regmatch_t m;
      int ok = Fflag ? fixed_match(line + off, pats[k], &m) : regexec(&res[k], line + off, 1, &m, off ? REG_NOTBOL : 0) == 0;
      if (!ok) break;
      m.rm_so += (long)off;
      m.rm_eo += (long)off;
      int good = 1;
      if (xflag) good = m.rm_so == 0 && line[m.rm_eo] == 0;
      if (wflag) good = (m.rm_so == 0 || !is_wordc((unsigned char)line[m.rm_so - 1])) && !is_wordc((unsigned char)line[m.rm_eo]);
      if (good) {
        if (!found || m.rm_so < best->rm_so || (m.rm_so == best->rm_so && m.rm_eo > best->rm_eo)) *best = m;
        found = 1;
        break;
      }
      if (!line[m.rm_so]) break;
      off = (size_t)m.rm_so + 1;
    }
  }
  return found;
}
static int grep_file(FILE *f, const char *name) {
  char *line = 0;
  size_t cap = 0;
  ssize_t len;
  long lineno = 0, count = 0;
  while ((len = getline(&line, &cap, f)) >= 0) {
    lineno++;
    if (len && line[len - 1] == '\n') line[--len] = 0;
    regmatch_t m;
    int hit = find(line, 0, &m);
    if (hit == vflag) continue;
    count++;
    any_match = 1;
    if (qflag) exit(0);
    if (lflag || Lflag) break;
    if (cflag) continue;
    if (oflag && !vflag) {
      size_t off = 0;
      while (find(line, off, &m)) {
        if (m.rm_eo == m.rm_so) { off = (size_t)m.rm_eo + 1; if (off > (size_t)len) break; continue; }
        if (multi && !hflag) printf("%s:", name);
        if (nflag) printf("%ld:", lineno);
        printf("%.*s\n", (int)(m.rm_eo - m.rm_so), line + m.rm_so);
        off = (size_t)m.rm_eo;
      }
      continue;
    }
    if (multi && !hflag) printf("%s:", name);
    if (nflag) printf("%ld:", lineno);
    puts(line);
  }
  free(line);
  if (cflag) { if (multi && !hflag) printf("%s:", name); printf("%ld\n", count); }
  if (lflag && count) puts(name);
  if (Lflag && !count) puts(name);
  return count > 0;
}
static int status = 1, errs;
static void grep_path(const char *path) {
  struct stat st;
  if (!strcmp(path, "-")) { if (grep_file(stdin, "(standard input)")) status = 0; return; }
  if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
    if (!rflag) { if (!sflag) fprintf(stderr, "grep: %s: Is a directory\n", path); errs = 1; return; }
    DIR *d = opendir(path);
    if (!d) { if (!sflag) fprintf(stderr, "grep: %s: %s\n", path, strerror(errno)); errs = 1; return; }
    struct dirent *e;
    char **names = 0;
    int n = 0;
    while ((e = readdir(d))) {
      if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
      names = realloc(names, sizeof *names * (size_t)(n + 1));
      names[n] = malloc(strlen(path) + strlen(e->d_name) + 2);
      sprintf(names[n++], "%s%s%s", path, path[strlen(path) - 1] == '/' ? "" : "/", e->d_name);
    }
    closedir(d);
    for (int i = 0; i < n; i++) { grep_path(names[i]); free(names[i]); }
    free(names);
    return;
  }
  FILE *f = fopen(path, "r");
  if (!f) { if (!sflag) fprintf(stderr, "grep: %s: %s\n", path, strerror(errno)); errs = 1; return; }
  if (grep_file(f, path)) status = 0;
  fclose(f);
}
static void add_pat(const char *p) {
  /* A pattern containing newlines is several patterns. */
  const char *s = p;
  for (;;) {
    const char *e = strchr(s, '\n');
    pats = realloc(pats, sizeof *pats * (size_t)(npats + 1));
    pats[npats++] = e ? strndup(s, (size_t)(e - s)) : strdup(s);
    if (!e) break;
    s = e + 1;
  }
}
int main(int argc, char **argv) {
  int i = 1, have_e = 0;
  const char *b = strrchr(argv[0], '/');
  b = b ? b + 1 : argv[0];
  if (!strcmp(b, "egrep")) Eflag = 1;
  if (!strcmp(b, "fgrep")) Fflag = 1;
  for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
    if (!strcmp(argv[i], "--")) { i++; break; }
    for (char *p = argv[i] + 1; *p; p++) {
      switch (*p) {
      case 'i': iflag = 1; break;
      case 'v': vflag = 1; break;
      case 'c': cflag = 1; break;
      case 'l': lflag = 1; break;
      case 'L': Lflag = 1; break;
      case 'n': nflag = 1; break;
      case 'h': hflag = 1; break;
      case 'H': Hflag = 1; break;
      case 'q': qflag = 1; break;
      case 's': sflag = 1; break;
      case 'o': oflag = 1; break;
      case 'w': wflag = 1; break;
      case 'x': xflag = 1; break;
      case 'r': case 'R': rflag = 1; break;
      case 'E': Eflag = 1; break;
      case 'F': Fflag = 1; break;
      case 'G': Eflag = 0; break;
      case 'e':
        if (p[1]) add_pat(p + 1);
        else if (i + 1 < argc) add_pat(argv[++i]);
        else { fprintf(stderr, "grep: option requires an argument -- 'e'\n"); return 2; }
        have_e = 1;
        goto nextarg;
      default: fprintf(stderr, "grep: invalid option -- '%c'\nUsage: grep [OPTION]... PATTERNS [FILE]...\n", *p); return 2;
      }
    }
  nextarg:;
  }
  if (!have_e) {
    if (i >= argc) { fprintf(stderr, "Usage: grep [OPTION]... PATTERNS [FILE]...\n"); return 2; }
    add_pat(argv[i++]);
  }
  if (!Fflag) {
    res = calloc((size_t)npats, sizeof *res);
    for (int k = 0; k < npats; k++) {
      int e = regcomp(&res[k], pats[k], (Eflag ? REG_EXTENDED : 0) | (iflag ? REG_ICASE : 0));
      if (e) { char m[128]; regerror(e, &res[k], m, sizeof m); fprintf(stderr, "grep: %s\n", m); return 2; }
    }
  }
  int nfiles = argc - i;
  multi = nfiles > 1 || rflag || Hflag;
  if (!nfiles) { if (rflag) grep_path("."); else grep_path("-"); }
  for (; i < argc; i++) grep_path(argv[i]);
  if (errs && !(qflag && !status)) return 2;
  return status;
}
