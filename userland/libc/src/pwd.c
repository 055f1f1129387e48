/* /etc/passwd and /etc/group lookups. */
#include <pwd.h>
#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static FILE *pwf, *grf;
static char pwline[512], grline[1024];
static struct passwd pw;
static struct group gr;
static char *members[64];

static char *field(char **s) {
  char *f = *s, *c = strchr(f, ':');
  if (c) { *c = 0; *s = c + 1; } else *s = f + strlen(f);
  return f;
}
void setpwent(void) { if (pwf) rewind(pwf); }
void endpwent(void) { if (pwf) fclose(pwf); pwf = 0; }
struct passwd *getpwent(void) {
  if (!pwf && !(pwf = fopen("/etc/passwd", "re"))) return 0;
  while (fgets(pwline, sizeof pwline, pwf)) {
    char *s = pwline;
    s[strcspn(s, "\n")] = 0;
    if (!*s || *s == '#') continue;
    pw.pw_name = field(&s);
    pw.pw_passwd = field(&s);
    pw.pw_uid = (uid_t)atoi(field(&s));
    pw.pw_gid = (gid_t)atoi(field(&s));
    pw.pw_gecos = field(&s);
    pw.pw_dir = field(&s);
    pw.pw_shell = field(&s);
    return &pw;
  }
  return 0;
}
struct passwd *getpwnam(const char *n) {
  struct passwd *p;
  setpwent();
  while ((p = getpwent()))
    if (!strcmp(p->pw_name, n)) break;
  endpwent();
  return p;
}
struct passwd *getpwuid(uid_t u) {
  struct passwd *p;
  setpwent();
  while ((p = getpwent()))
    if (p->pw_uid == u) break;
  endpwent();
  return p;
}
void setgrent(void) { if (grf) rewind(grf); }
void endgrent(void) { if (grf) fclose(grf); grf = 0; }
struct group *getgrent(void) {
  if (!grf && !(grf = fopen("/etc/group", "re"))) return 0;
  while (fgets(grline, sizeof grline, grf)) {
    char *s = grline;
    s[strcspn(s, "\n")] = 0;
    if (!*s || *s == '#') continue;
    gr.gr_name = field(&s);
    gr.gr_passwd = field(&s);
    gr.gr_gid = (gid_t)atoi(field(&s));
    int n = 0;
    char *m;
    while (s && *s && n < 63 && (m = strsep(&s, ","))) if (*m) members[n++] = m;
    members[n] = 0;
    gr.gr_mem = members;
    return &gr;
  }
  return 0;
}
struct group *getgrnam(const char *n) {
  struct group *g;
  setgrent();
  while ((g = getgrent()))
    if (!strcmp(g->gr_name, n)) break;
  endgrent();
  return g;
}
struct group *getgrgid(gid_t id) {
  struct group *g;
  setgrent();
  while ((g = getgrent()))
    if (g->gr_gid == id) break;
  endgrent();
  return g;
}
int initgroups(const char *user, gid_t base) {
  gid_t list[32];
  size_t n = 0;
  list[n++] = base;
  struct group *g;
  setgrent();
  while ((g = getgrent()) && n < 32)
    for (char **m = g->gr_mem; *m; m++)
      if (!strcmp(*m, user) && g->gr_gid != base) { list[n++] = g->gr_gid; break; }
  endgrent();
  return setgroups(n, list);
}
char *getlogin(void) {
  struct passwd *p = getpwuid(getuid());
  return p ? p->pw_name : 0;
}
