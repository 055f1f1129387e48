/* uname: print system information (-a -s -n -r -v -m -o). */
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>
int main(int argc, char **argv) {
  struct utsname u;
  if (uname(&u) < 0) { perror("uname"); return 1; }
  int f[7] = {0}, any = 0;
  for (int i = 1; i < argc; i++) {
    if (argv[i][0] != '-') { fprintf(stderr, "uname: extra operand '%s'\n", argv[i]); return 1; }
    for (char *p = argv[i] + 1; *p; p++) {
      const char *o = "snrvmoa";
      char *q = strchr(o, *p);
      if (!q) { fprintf(stderr, "uname: invalid option -- '%c'\n", *p); return 1; }
      if (*p == 'a') for (int k = 0; k < 6; k++) f[k] = 1;
      else f[q - o] = 1;
      any = 1;
    }
  }
  if (!any) f[0] = 1;
  const char *v[6] = {u.sysname, u.nodename, u.release, u.version, u.machine, "GNU/Linux"};
  int first = 1;
  for (int k = 0; k < 6; k++) if (f[k]) { printf("%s%s", first ? "" : " ", v[k]); first = 0; }
  putchar('\n');
  return 0;
}
