/* ls: list directory contents (-l -a -A -R -1 -d -i -s -h -F -r -t -S). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <dirent.h>
#include <time.h>
#include <pwd.h>
#include <grp.h>
#include <errno.h>
#include <sys/stat.h>
#include <sys/ioctl.h>

static int lflag, aflag, Aflag, Rflag, one, dflag, iflag, Fflag, rflag, tflag, Sflag, status, first_out = 1;
struct ent { char *name; struct stat st; int ok; };

/* Name lookups cached: ls -l asks for the same few ids over and over. */
static const char *uname_of(uid_t u) {
  static uid_t cu[16];
  static char cn[16][33];
  static int n;
  for (int i = 0; i < n; i++) if (cu[i] == u) return cn[i][0] ? cn[i] : 0;
  struct passwd *pw = getpwuid(u);
  int k = n < 16 ? n++ : 15;
  cu[k] = u;
  snprintf(cn[k], sizeof cn[k], "%s", pw ? pw->pw_name : "");
  return cn[k][0] ? cn[k] : 0;
}
static const char *gname_of(gid_t g) {
  static gid_t cg[16];
  static char cn[16][33];
  static int n;
  for (int i = 0; i < n; i++) if (cg[i] == g) return cn[i][0] ? cn[i] : 0;
  struct group *gr = getgrgid(g);
  int k = n < 16 ? n++ : 15;
  cg[k] = g;
  snprintf(cn[k], sizeof cn[k], "%s", gr ? gr->gr_name : "");
  return cn[k][0] ? cn[k] : 0;
}
static int cmp_ent(const void *a, const void *b) {
  const struct ent *x = a, *y = b;
  int r;
  if (tflag && x->st.st_mtim.tv_sec != y->st.st_mtim.tv_sec) r = x->st.st_mtim.tv_sec > y->st.st_mtim.tv_sec ? -1 : 1;
  else if (tflag && x->st.st_mtim.tv_nsec != y->st.st_mtim.tv_nsec) r = x->st.st_mtim.tv_nsec > y->st.st_mtim.tv_nsec ? -1 : 1;
  else if (Sflag && x->st.st_size != y->st.st_size) r = x->st.st_size > y->st.st_size ? -1 : 1;
  else r = strcmp(x->name, y->name);
  return rflag ? -r : r;
}
static void mode_str(mode_t m, char *s) {
  s[0] = S_ISDIR(m) ? 'd' : S_ISLNK(m) ? 'l' : S_ISCHR(m) ? 'c' : S_ISBLK(m) ? 'b' : S_ISFIFO(m) ? 'p' : S_ISSOCK(m) ? 's' : '-';
  const char *rwx = "rwxrwxrwx";
  for (int i = 0; i < 9; i++) s[i + 1] = (m & (0400 >> i)) ? rwx[i] : '-';
  if (m & S_ISUID) s[3] = (m & 0100) ? 's' : 'S';
  if (m & S_ISGID) s[6] = (m & 010) ? 's' : 'S';
  if (m & S_ISVTX) s[9] = (m & 01) ? 't' : 'T';
  s[10] = 0;
}
static char suffix(mode_t m) {
  if (S_ISDIR(m)) return '/';
  if (S_ISLNK(m)) return '@';
  if (S_ISFIFO(m)) return '|';
  if (S_ISSOCK(m)) return '=';
  if (m & 0111) return '*';
  return 0;
}
static void print_long(const char *dir, struct ent *e, int *w) {
  char m[12], tb[32];
  mode_str(e->st.st_mode, m);
  if (iflag) printf("%*lu ", w[4], e->st.st_ino);
  const char *un = uname_of(e->st.st_uid), *gn = gname_of(e->st.st_gid);
  char us[16], gs[16];
  snprintf(us, sizeof us, "%u", e->st.st_uid);
  snprintf(gs, sizeof gs, "%u", e->st.st_gid);
  printf("%s %*lu %-*s %-*s ", m, w[0], (unsigned long)e->st.st_nlink, w[1], un ? un : us, w[2], gn ? gn : gs);
  if (S_ISCHR(e->st.st_mode) || S_ISBLK(e->st.st_mode)) printf("%*u, %3u ", w[3] > 5 ? w[3] - 5 : 3, (unsigned)((e->st.st_rdev >> 8) & 0xfff), (unsigned)((e->st.st_rdev & 0xff) | ((e->st.st_rdev >> 12) & 0xfff00)));
  else printf("%*ld ", w[3], (long)e->st.st_size);
  struct tm tm;
  time_t t = e->st.st_mtim.tv_sec, now = time(0);
  localtime_r(&t, &tm);
  if (t > now - 15552000 && t < now + 3600) strftime(tb, sizeof tb, "%b %e %H:%M", &tm);
  else strftime(tb, sizeof tb, "%b %e  %Y", &tm);
  printf("%s %s", tb, e->name);
  if (S_ISLNK(e->st.st_mode)) {
    char path[4096], target[4096];
    snprintf(path, sizeof path, "%s%s%s", dir ? dir : "", dir ? "/" : "", e->name);
    ssize_t n = readlink(path, target, sizeof target - 1);
    if (n >= 0) { target[n] = 0; printf(" -> %s", target); }
  } else if (Fflag && suffix(e->st.st_mode)) putchar(suffix(e->st.st_mode));
  putchar('\n');
}
static int numw(unsigned long v) { int n = 1; while (v >= 10) { v /= 10; n++; } return n; }
static void print_list(const char *dir, struct ent *v, int n) {
  if (lflag) {
    int w[5] = {1, 1, 1, 1, 1};
    long blocks = 0;
    for (int i = 0; i < n; i++) {
      const char *un = uname_of(v[i].st.st_uid), *gn = gname_of(v[i].st.st_gid);
      int a = numw(v[i].st.st_nlink), b = un ? (int)strlen(un) : numw(v[i].st.st_uid), c = gn ? (int)strlen(gn) : numw(v[i].st.st_gid);
      int d = (S_ISCHR(v[i].st.st_mode) || S_ISBLK(v[i].st.st_mode)) ? 8 : numw((unsigned long)v[i].st.st_size);
      if (a > w[0]) w[0] = a;
      if (b > w[1]) w[1] = b;
      if (c > w[2]) w[2] = c;
      if (d > w[3]) w[3] = d;
      if (numw(v[i].st.st_ino) > w[4]) w[4] = numw(v[i].st.st_ino);
      blocks += v[i].st.st_blocks;
    }
    if (dir) printf("total %ld\n", blocks / 2);
    for (int i = 0; i < n; i++) print_long(dir, &v[i], w);
    return;
  }
  int tty = isatty(1);
  if (one || !tty) {
    for (int i = 0; i < n; i++) {
      if (iflag) printf("%lu ", v[i].st.st_ino);
      printf("%s", v[i].name);
      if (Fflag && suffix(v[i].st.st_mode)) putchar(suffix(v[i].st.st_mode));
      putchar('\n');
    }
    return;
  }
  /* Columns, filled down then across. */
  struct winsize ws;
  int width = ioctl(1, TIOCGWINSZ, &ws) == 0 && ws.ws_col ? ws.ws_col : 80;
  int maxl = 1;
  for (int i = 0; i < n; i++) { int l = (int)strlen(v[i].name) + (Fflag ? 1 : 0); if (l > maxl) maxl = l; }
  int colw = maxl + 2, cols = width / colw;
  if (cols < 1) cols = 1;
  int rows = (n + cols - 1) / cols;
  for (int r = 0; r < rows; r++) {
    for (int c = 0; c < cols; c++) {
      int i = c * rows + r;
      if (i >= n) continue;
      int l = printf("%s", v[i].name);
      if (Fflag && suffix(v[i].st.st_mode)) { putchar(suffix(v[i].st.st_mode)); l++; }
      if ((c + 1) * rows + r < n) printf("%*s", colw - l, "");
    }
    putchar('\n');
  }
}
static void list_dir(const char *path, int header) {
  DIR *d = opendir(path);
  if (!d) {
    fprintf(stderr, "ls: cannot open directory '%s': %s\n", path, strerror(errno));
    status = 2;
    return;
  }
  if (header) { if (!first_out) putchar('\n'); printf("%s:\n", path); }
  first_out = 0;
  int n = 0, cap = 64;
  struct ent *v = malloc(sizeof *v * (size_t)cap);
  struct dirent *de;
  while ((de = readdir(d))) {
    if (de->d_name[0] == '.' && !aflag && !(Aflag && strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))) continue;
    if (n == cap) { cap *= 2; v = realloc(v, sizeof *v * (size_t)cap); }
    v[n].name = strdup(de->d_name);
    char p[4096];
    snprintf(p, sizeof p, "%s/%s", path, de->d_name);
    v[n].ok = lstat(p, &v[n].st) == 0;
    if (!v[n].ok) memset(&v[n].st, 0, sizeof v[n].st);
    n++;
  }
  closedir(d);
  qsort(v, (size_t)n, sizeof *v, cmp_ent);
  print_list(path, v, n);
  if (Rflag)
    for (int i = 0; i < n; i++)
      if (S_ISDIR(v[i].st.st_mode) && strcmp(v[i].name, ".") && strcmp(v[i].name, "..")) {
        char p[4096];
        snprintf(p, sizeof p, "%s%s%s", path, path[strlen(path) - 1] == '/' ? "" : "/", v[i].name);
        list_dir(p, 1);
      }
  for (int i = 0; i < n; i++) free(v[i].name);
  free(v);
}
int main(int argc, char **argv) {
  int i = 1;
  for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
    if (!strcmp(argv[i], "--")) { i++; break; }
    for (char *p = argv[i] + 1; *p; p++) {
      switch (*p) {
      case 'l': lflag = 1; break;
      case 'a': aflag = 1; break;
      case 'A': Aflag = 1; break;
      case 'R': Rflag = 1; break;
      case '1': one = 1; break;
      case 'd': dflag = 1; break;
      case 'i': iflag = 1; break;
      case 'F': Fflag = 1; break;
      case 'r': rflag = 1; break;
      case 't': tflag = 1; break;
      case 'S': Sflag = 1; break;
      case 'h': case 's': case 'n': case 'C': break;
      default: fprintf(stderr, "ls: invalid option -- '%c'\n", *p); return 2;
      }
    }
  }
  int nargs = argc - i;
  if (!nargs) { argv[--i] = "."; nargs = 1; }
  struct ent *files = malloc(sizeof *files * (size_t)nargs);
  char **dirs = malloc(sizeof *dirs * (size_t)nargs);
  int nf = 0, nd = 0;
  for (int k = i; k < argc; k++) {
    struct stat st;
    if (lstat(argv[k], &st) < 0) {
      fprintf(stderr, "ls: cannot access '%s': %s\n", argv[k], strerror(errno));
      status = 2;
      continue;
    }
    if (S_ISLNK(st.st_mode) && !lflag) { struct stat t; if (stat(argv[k], &t) == 0 && S_ISDIR(t.st_mode) && !dflag) st = t; }
    if (S_ISDIR(st.st_mode) && !dflag) dirs[nd++] = argv[k];
    else { files[nf].name = argv[k]; files[nf].st = st; files[nf].ok = 1; nf++; }
  }
  qsort(files, (size_t)nf, sizeof *files, cmp_ent);
  if (nf) { print_list(0, files, nf); first_out = 0; }
  for (int k = 0; k < nd; k++) list_dir(dirs[k], nargs > 1 || Rflag);
  return status;
}
