/* id: print user and group ids (-u -g -n -G). */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <pwd.h>
#include <grp.h>
int main(int argc, char **argv) {
  int u = 0, g = 0, G = 0, n = 0;
  const char *user = 0;
  for (int i = 1; i < argc; i++) {
    if (argv[i][0] == '-') { for (char *p = argv[i] + 1; *p; p++) { if (*p == 'u') u = 1; else if (*p == 'g') g = 1; else if (*p == 'G') G = 1; else if (*p == 'n') n = 1; else { fprintf(stderr, "id: invalid option -- '%c'\n", *p); return 1; } } }
    else user = argv[i];
  }
  uid_t uid = geteuid();
  gid_t gid = getegid();
  gid_t groups[64];
  int ng;
  if (user) {
    struct passwd *p = getpwnam(user);
    if (!p) { fprintf(stderr, "id: '%s': no such user\n", user); return 1; }
    uid = p->pw_uid;
    gid = p->pw_gid;
    ng = 0;
    groups[ng++] = gid;
    struct group *gr;
    setgrent();
    while ((gr = getgrent()) && ng < 64)
      for (char **m = gr->gr_mem; *m; m++) if (!strcmp(*m, user) && gr->gr_gid != gid) { groups[ng++] = gr->gr_gid; break; }
    endgrent();
  } else {
    ng = getgroups(64, groups);
    if (ng < 0) ng = 0;
  }
  struct passwd *pw = getpwuid(uid);
  if (u || g) {
    unsigned id = u ? uid : gid;
    if (n) {
      if (u && pw) puts(pw->pw_name);
      else if (g) { struct group *gr = getgrgid(gid); if (gr) puts(gr->gr_name); else printf("%u\n", id); }
      else printf("%u\n", id);
    } else printf("%u\n", id);
    return 0;
  }
  if (G) {
    printf("%u", gid);
    for (int i = 0; i < ng; i++) if (groups[i] != gid) printf(" %u", groups[i]);
    putchar('\n');
    return 0;
  }
  printf("uid=%u", uid);
  if (pw) printf("(%s)", pw->pw_name);
  struct group *gr = getgrgid(gid);
  printf(" gid=%u", gid);
  if (gr) printf("(%s)", gr->gr_name);
  printf(" groups=%u", gid);
  if (gr) printf("(%s)", gr->gr_name);
  for (int i = 0; i < ng; i++) {
    if (groups[i] == gid) continue;
    printf(",%u", groups[i]);
    struct group *x = getgrgid(groups[i]);
    if (x) printf("(%s)", x->gr_name);
  }
  putchar('\n');
  return 0;
}
