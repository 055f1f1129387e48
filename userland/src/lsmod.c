/* lsmod: show loaded kernel modules from /proc/modules (kmod's layout). */
#include <stdio.h>
#include <string.h>
#include <errno.h>
int main(void) {
  FILE *f = fopen("/proc/modules", "r");
  if (!f) { fprintf(stderr, "lsmod: could not open /proc/modules: %s\n", strerror(errno)); return 1; }
  printf("Module                  Size  Used by\n");
  char line[1024], name[256], deps[768];
  unsigned long size;
  int used;
  while (fgets(line, sizeof line, f)) {
    deps[0] = 0;
    if (sscanf(line, "%255s %lu %d %767s", name, &size, &used, deps) < 3) continue;
    if (!strcmp(deps, "-")) deps[0] = 0;
    size_t l = strlen(deps);
    if (l && deps[l - 1] == ',') deps[l - 1] = 0;
    printf("%-19s %8lu  %d%s%s\n", name, size, used, *deps ? " " : "", deps);
  }
  fclose(f);
  return 0;
}
