/* umount: unmount filesystems (-l lazy, -f force). */
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <sys/mount.h>
int main(int argc, char **argv) {
  int flags = 0, st = 0, any = 0;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "-l")) { flags |= MNT_DETACH; continue; }
    if (!strcmp(argv[i], "-f")) { flags |= MNT_FORCE; continue; }
    any = 1;
    if (umount2(argv[i], flags) < 0) { fprintf(stderr, "umount: %s: %s.\n", argv[i], errno == EINVAL ? "not mounted" : strerror(errno)); st = 32; }
  }
  if (!any) { fprintf(stderr, "umount: bad usage\n"); return 1; }
  return st;
}
