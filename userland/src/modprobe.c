/* modprobe: loads a module and, first, the modules it depends on, from
 * /lib/modules/RELEASE/modules.dep ("m.ko.ts: dep2.ko.ts dep1.ko.ts": loaded
 * from the end of the list); a module already loaded is skipped.
 *   modprobe [-r] [-n] NAME [PARAM=VALUE...]   (-r removes NAME then its deps) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
static char dir[256];
static int dry;
/* The module's name from a file name: "a/b-c.ko.ts" -> "b_c". */
static void nameof(const char *file, char *out, size_t n) {
  const char *b = strrchr(file, '/');
  snprintf(out, n, "%s", b ? b + 1 : file);
  char *dot = strstr(out, ".ko");
  if (dot) *dot = 0;
  for (char *p = out; *p; p++) if (*p == '-') *p = '_';
}
static int loaded(const char *name) {
  FILE *f = fopen("/proc/modules", "r");
  char line[512], n[128];
  int yes = 0;
  while (f && fgets(line, sizeof line, f)) if (sscanf(line, "%127s", n) == 1 && !strcmp(n, name)) yes = 1;
  if (f) fclose(f);
  return yes;
}
static int insert(const char *file, const char *params) {
  char name[128], path[512];
  nameof(file, name, sizeof name);
  if (loaded(name)) return 0;
  snprintf(path, sizeof path, "%s/%s", dir, file);
  if (dry) { printf("insmod %s %s\n", path, params); return 0; }
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) { fprintf(stderr, "modprobe: FATAL: Module %s not found in directory %s\n", name, dir); return 1; }
  long r = syscall(SYS_finit_module, fd, params, 0);
  int e = errno;
  close(fd);
  if (r < 0 && e != EEXIST) { fprintf(stderr, "modprobe: ERROR: could not insert '%s': %s\n", name, strerror(e)); return 1; }
  return 0;
}
int main(int argc, char **argv) {
  int remove = 0, i = 1;
  for (; i < argc && argv[i][0] == '-'; i++) {
    if (!strcmp(argv[i], "-r")) remove = 1;
    else if (!strcmp(argv[i], "-n")) dry = 1;
    else { fprintf(stderr, "modprobe: unknown option %s\n", argv[i]); return 1; }
  }
  if (i >= argc) { fprintf(stderr, "Usage: modprobe [-r] [-n] MODULE [PARAM=VALUE...]\n"); return 1; }
  struct utsname u;
  uname(&u);
  snprintf(dir, sizeof dir, "/lib/modules/%s", u.release);
  char want[128], params[2048] = "", depfile[300], line[2048];
  nameof(argv[i], want, sizeof want);
  for (int j = i + 1; j < argc; j++) {
    if (j > i + 1) strncat(params, " ", sizeof params - strlen(params) - 1);
    strncat(params, argv[j], sizeof params - strlen(params) - 1);
  }
  snprintf(depfile, sizeof depfile, "%s/modules.dep", dir);
  FILE *f = fopen(depfile, "r");
  if (!f) { fprintf(stderr, "modprobe: FATAL: could not open %s: %s\n", depfile, strerror(errno)); return 1; }
  char *deps[64];
  int nd = 0, found = 0;
  char mod[256] = "";
  while (fgets(line, sizeof line, f)) {
    char *colon = strchr(line, ':');
    if (!colon) continue;
    *colon = 0;
    char n[128];
    nameof(line, n, sizeof n);
    if (strcmp(n, want)) continue;
    found = 1;
    snprintf(mod, sizeof mod, "%s", line);
    for (char *t = strtok(colon + 1, " \t\n"); t && nd < 64; t = strtok(0, " \t\n")) deps[nd++] = strdup(t);
    break;
  }
  fclose(f);
  if (!found) { fprintf(stderr, "modprobe: FATAL: Module %s not found in directory %s\n", want, dir); return 1; }
  if (remove) {
    int st = 0;
    char n[128];
    nameof(mod, n, sizeof n);
    if (!loaded(n)) { fprintf(stderr, "modprobe: FATAL: Module %s is not in kernel.\n", n); return 1; }
    if (dry) printf("rmmod %s\n", n);
    else if (syscall(SYS_delete_module, n, O_NONBLOCK) < 0) { fprintf(stderr, "modprobe: FATAL: Module %s is in use.\n", n); return 1; }
    for (int j = 0; j < nd; j++) { /* dependencies nobody else uses go too */
      nameof(deps[j], n, sizeof n);
      if (dry) printf("rmmod %s\n", n);
      else syscall(SYS_delete_module, n, O_NONBLOCK);
    }
    return st;
  }
  for (int j = nd - 1; j >= 0; j--) if (insert(deps[j], "")) return 1;
  return insert(mod, params);
}
