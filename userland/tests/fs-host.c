/* Run by test/fs/hostfs.test.ts with a host directory mounted read-write at
 * /mnt and read-only at /ro: reads and writes through, EROFS, and escape
 * attempts through '..', absolute and relative symlinks, which must all stay
 * inside the guest's own tree. */
#include "fs-common.h"

static void show_file(const char *label, const char *path) {
  char b[64] = {0};
  int fd = open(path, O_RDONLY);
  if (fd < 0) { printf("%s: %s\n", label, ename(errno)); return; }
  ssize_t n = read(fd, b, sizeof b - 1);
  if (n > 0 && b[n - 1] == '\n') b[n - 1] = 0;
  printf("%s: [%s]\n", label, b);
  close(fd);
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  show_file("host file", "/mnt/hello.txt");
  show_file("dotdot escape", "/mnt/../../../etc/hostname");
  show_file("abs symlink", "/mnt/abs/hostname");
  show_file("rel symlink", "/mnt/rel/etc/hostname");
  show_file("sub/../..", "/mnt/sub/../../etc/hostname");
  char t[64] = {0};
  readlink("/mnt/abs", t, sizeof t); printf("readlink abs: %s\n", t);
  CHECK("chdir mnt", chdir("/mnt/sub"));
  show_file("relative ../../..", "../../../etc/hostname");
  int fd = open("/mnt/out.txt", O_WRONLY | O_CREAT | O_TRUNC, 0644);
  write(fd, "written in guest\n", 17);
  CHECK("fsync", fsync(fd));
  close(fd);
  CHECK("mkdir", mkdir("/mnt/newdir", 0755));
  CHECK("rename", rename("/mnt/newdir", "/mnt/renamed"));
  CHECK("symlink", symlink("/etc", "/mnt/made-link"));
  CHECK("unlink", unlink("/mnt/gone.txt"));
  fd = open("/mnt/hello.txt", O_WRONLY | O_APPEND);
  write(fd, "appended\n", 9);
  close(fd);
  CHECK("ro open write", open("/ro/hello.txt", O_WRONLY));
  CHECK("ro creat", open("/ro/new", O_WRONLY | O_CREAT, 0644));
  CHECK("ro mkdir", mkdir("/ro/d", 0755));
  CHECK("ro unlink", unlink("/ro/hello.txt"));
  CHECK("ro chmod", chmod("/ro/hello.txt", 0777));
  CHECK("ro access W", access("/ro/hello.txt", W_OK));
  show_file("ro read", "/ro/hello.txt");
  CHECK("mount hostfs from guest", mount("/", "/tmp", "hostfs", 0, NULL));
  struct stat a, b;
  stat("/mnt/..", &a); stat("/", &b);
  printf("/mnt/.. is /: %d\n", a.st_ino == b.st_ino && a.st_dev == b.st_dev);
  return 0;
}
