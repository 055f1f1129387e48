/* The module syscalls' errno contract, from a guest program (glibc, static):
 * init_module from memory, EEXIST, ENOEXEC, EFAULT, finit_module flags and fd
 * checks, delete_module flags, ENOENT, and EPERM after dropping root. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>

static char img[1 << 16];
static void show(const char *what, long r) { printf("%s: %s\n", what, r == 0 ? "ok" : strerror(errno)); }

int main(int argc, char **argv) {
  int fd = open(argc > 1 ? argv[1] : "/lib/modules/6.1.0-nodix/hello.ko.ts", O_RDONLY);
  if (fd < 0) { perror("open"); return 1; }
  long n = read(fd, img, sizeof img);
  show("init_module", syscall(SYS_init_module, img, n, "greeting=raw"));
  show("again", syscall(SYS_init_module, img, n, ""));
  show("garbage", syscall(SYS_init_module, "\x7f" "ELF\x02", 5L, ""));
  show("bad pointer", syscall(SYS_init_module, (void *)16, 100L, ""));
  show("finit bad flags", syscall(SYS_finit_module, fd, "", 64));
  show("finit bad fd", syscall(SYS_finit_module, -1, "", 0));
  show("delete bad flags", syscall(SYS_delete_module, "hello", 1));
  show("delete", syscall(SYS_delete_module, "hello", O_NONBLOCK));
  show("delete again", syscall(SYS_delete_module, "hello", O_NONBLOCK));
  lseek(fd, 0, SEEK_SET);
  show("finit", syscall(SYS_finit_module, fd, "times=0", 0));
  if (setuid(1000) != 0) { perror("setuid"); return 1; }
  show("user init", syscall(SYS_init_module, img, n, ""));
  show("user delete", syscall(SYS_delete_module, "hello", O_NONBLOCK));
  return 0;
}
