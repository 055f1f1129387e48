/* Differential test: permission checks as a non-root user (the child
 * drops to uid/gid 1000 after fork) and the root bypass rules. */
#include "fs-common.h"
#include <sys/sysmacros.h>

static void as_user(void) {
  if (setgid(1000) != 0 || setuid(1000) != 0) { printf("setuid failed\n"); _exit(1); }
  CHECK("open 0600 root file", open("secret", O_RDONLY));
  CHECK("open 0644 for write", open("public", O_WRONLY));
  CHECK("open 0644 for read", open("public", O_RDONLY));
  CHECK("create in 0755 root dir", open("rootdir/new", O_CREAT | O_WRONLY, 0644));
  CHECK("mkdir in 0755 root dir", mkdir("rootdir/sub", 0755));
  CHECK("search 0700 dir", access("private/inside", F_OK));
  CHECK("list 0711 dir", open("exec-only", O_RDONLY | O_DIRECTORY));
  CHECK("stat through 0711 dir", access("exec-only/f", F_OK));
  CHECK("unlink in root dir", unlink("rootdir/file"));
  CHECK("sticky: unlink other's", unlink("sticky/rootfile"));
  CHECK("sticky: create own", open("sticky/mine", O_CREAT | O_WRONLY, 0644));
  CHECK("sticky: unlink own", unlink("sticky/mine"));
  CHECK("sticky: rename other's", rename("sticky/rootfile", "sticky/x"));
  CHECK("chmod other's", chmod("public", 0777));
  CHECK("chown other's", chown("public", 1000, 1000));
  CHECK("access R public", access("public", R_OK));
  CHECK("access W public", access("public", W_OK));
  CHECK("access X public", access("public", X_OK));
  CHECK("truncate other's", truncate("public", 0));
  CHECK("utimes other's now", utimensat(AT_FDCWD, "public", NULL, 0));
  CHECK("exec 0644", execl("public", "public", (char *)0));
  CHECK("mknod chr", mknod("dev", S_IFCHR | 0600, makedev(1, 3)));
  CHECK("mknod fifo", mknod("sticky/fifo", S_IFIFO | 0600, 0));
  /* own files */
  CHECK("create in 0777 dir", open("open/mine", O_CREAT | O_WRONLY, 0600));
  CHECK("chmod own", chmod("open/mine", 0400));
  CHECK("open own 0400 write", open("open/mine", O_WRONLY));
  CHECK("chmod own back", chmod("open/mine", 0600));
  CHECK("chown own to self", chown("open/mine", 1000, 1000));
  CHECK("chown own to root", chown("open/mine", 0, 0));
  CHECK("chown own to other group", chown("open/mine", -1, 0));
  struct stat st; stat("open/mine", &st);
  printf("mine uid %d gid %d mode %o\n", (int)st.st_uid, (int)st.st_gid, st.st_mode & 07777);
  CHECK("setgid dir group", open("sgid/f", O_CREAT | O_WRONLY, 0644));
  stat("sgid/f", &st); printf("sgid file gid %d\n", (int)st.st_gid);
  CHECK("chroot", chroot("open"));
  _exit(0);
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  enter_scratch("perm");
  chmod(".", 0755);
  write_file("secret", "s", 0600);
  write_file("public", "p", 0644);
  mkdir("rootdir", 0755); write_file("rootdir/file", "f", 0644);
  mkdir("private", 0700); write_file("private/inside", "i", 0644);
  mkdir("exec-only", 0711); write_file("exec-only/f", "f", 0644);
  mkdir("sticky", 0777); chmod("sticky", 01777); write_file("sticky/rootfile", "r", 0644);
  mkdir("open", 0777); chmod("open", 0777);
  mkdir("sgid", 0777); chmod("sgid", 02777); chown("sgid", 0, 55);
  /* root: bypass except exec without any x bit */
  CHECK("root open 0600", open("secret", O_RDWR));
  CHECK("root open 0000", (chmod("public", 0), open("public", O_RDWR)));
  chmod("public", 0644);
  CHECK("root access X on 0644", access("public", X_OK));
  CHECK("root access X on dir", access("private", X_OK));
  CHECK("root exec 0644", execl("public", "public", (char *)0));
  pid_t c = fork();
  if (c == 0) as_user();
  int status; waitpid(c, &status, 0);
  printf("child exit %d\n", WEXITSTATUS(status));
  return 0;
}
