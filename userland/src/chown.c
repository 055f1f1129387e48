/* chown: change file owner and group (USER[:GROUP], numeric ids, -R, -h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>
#include <dirent.h>
#include <pwd.h>
#include <grp.h>
#include <sys/stat.h>
static int rflag, hflag, st;
static void do_chown(const char *path, uid_t u, gid_t g) {
  if ((hflag ? lchown(path, u, g) : chown(path, u, g)) < 0) { fprintf(stderr, "chown: changing ownership of '%s': %s\n", path, strerror(errno)); st = 1; }
  struct stat sb;
  if (rflag && lstat(path, &sb) == 0 && S_ISDIR(sb.st_mode)) {
    DIR *d = opendir(path);
    if (!d) return;
    struct dirent *e;
    while ((e = readdir(d))) {
      if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
      char p[4096];
      snprintf(p, sizeof p, "%s/%s", path, e->d_name);
      do_chown(p, u, g);
    }
    closedir(d);
  }
}
int main(int argc, char **argv) {
  int i = 1;
  for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) { if (argv[i][1] == 'R') rflag = 1; else if (argv[i][1] == 'h') hflag = 1; }
  if (i + 1 >= argc) { fprintf(stderr, "chown: missing operand\n"); return 1; }
  char *spec = argv[i++];
  uid_t u = (uid_t)-1;
  gid_t g = (gid_t)-1;
  char *colon = strchr(spec, ':');
  if (!colon) colon = strchr(spec, '.');
  if (colon) *colon = 0;
  if (*spec) {
    char *e;
    long v = strtol(spec, &e, 10);
    if (!*e) u = (uid_t)v;
    else { struct passwd *p = getpwnam(spec); if (!p) { fprintf(stderr, "chown: invalid user: '%s'\n", spec); return 1; } u = p->pw_uid; if (colon && !colon[1]) g = p->pw_gid; }
  }
  if (colon && colon[1]) {
    char *e;
    long v = strtol(colon + 1, &e, 10);
    if (!*e) g = (gid_t)v;
    else { struct group *gr = getgrnam(colon + 1); if (!gr) { fprintf(stderr, "chown: invalid group: '%s'\n", colon + 1); return 1; } g = gr->gr_gid; }
  }
  for (; i < argc; i++) do_chown(argv[i], u, g);
  return st;
}
