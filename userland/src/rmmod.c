/* rmmod: unload kernel modules (delete_module; -f forces). */
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>
int main(int argc, char **argv) {
  int flags = O_NONBLOCK, st = 0, any = 0;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "-f")) { flags |= O_TRUNC; continue; }
    any = 1;
    char name[256];
    const char *b = strrchr(argv[i], '/');
    snprintf(name, sizeof name, "%s", b ? b + 1 : argv[i]);
    char *dot = strrchr(name, '.');
    if (dot && (!strcmp(dot, ".ko") || !strcmp(dot, ".js") || !strcmp(dot, ".ts"))) *dot = 0;
    if (syscall(SYS_delete_module, name, flags) < 0) {
      if (errno == ENOENT) fprintf(stderr, "rmmod: ERROR: Module %s is not currently loaded\n", name);
      else if (errno == EWOULDBLOCK || errno == EBUSY) fprintf(stderr, "rmmod: ERROR: Module %s is in use\n", name);
      else fprintf(stderr, "rmmod: ERROR: could not remove module %s: %s\n", name, strerror(errno));
      st = 1;
    }
  }
  if (!any) { fprintf(stderr, "Usage: rmmod [-f] MODULE...\n"); return 1; }
  return st;
}
