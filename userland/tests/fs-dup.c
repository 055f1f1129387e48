/* dup/dup2/dup3/fcntl and close-on-exec across execve (golden transcript:
 * qemu-user cannot execve a riscv64 binary without binfmt_misc), plus
 * F_SETFL/GETFL, close_range and record locks between two processes. */
#include "fs-common.h"

int main(int argc, char **argv) {
  setvbuf(stdout, NULL, _IONBF, 0);
  if (argc > 1) {
    printf("after exec: fd5 %s fd6 %s fd7 %s\n", fcntl(5, F_GETFD) >= 0 ? "open" : ename(errno),
           fcntl(6, F_GETFD) >= 0 ? "open" : ename(errno), fcntl(7, F_GETFD) >= 0 ? "open" : ename(errno));
    char b[8] = {0}; lseek(5, 0, SEEK_SET); read(5, b, 4); printf("fd5 reads [%s]\n", b);
    return 0;
  }
  enter_scratch("dup");
  write_file("f", "data", 0644);
  int fd = open("f", O_RDWR);
  SHOW("dup2 to 5", dup2(fd, 5));
  SHOW("dup3 cloexec to 6", dup3(fd, 6, O_CLOEXEC));
  SHOW("fcntl dupfd_cloexec 7", fcntl(fd, F_DUPFD_CLOEXEC, 7));
  SHOW("getfd 6", fcntl(6, F_GETFD));
  SHOW("getfd 5", fcntl(5, F_GETFD));
  CHECK("dup3 same", dup3(5, 5, 0));
  SHOW("dup2 same", dup2(5, 5));
  CHECK("dup3 bad flag", dup3(5, 8, 1));
  CHECK("dup bad", dup(closed_fd()));
  CHECK("close bad", close(closed_fd()));
  SHOW("getfl", fcntl(fd, F_GETFL) & ~0100000);
  fcntl(fd, F_SETFL, O_APPEND | O_NONBLOCK | O_RDONLY);
  SHOW("getfl after setfl", fcntl(5, F_GETFL) & ~0100000);
  /* record locks */
  struct flock l = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 2};
  CHECK("setlk", fcntl(fd, F_SETLK, &l));
  int sync[2]; pipe(sync);
  if (fork() == 0) {
    struct flock m = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 1, .l_len = 1};
    int f2 = open("f", O_RDWR);
    CHECK("child setlk conflict", fcntl(f2, F_SETLK, &m));
    fcntl(f2, F_GETLK, &m);
    printf("getlk type %d start %ld len %ld pid-is-parent %d\n", m.l_type, (long)m.l_start, (long)m.l_len, m.l_pid == getppid());
    m.l_start = 2;
    CHECK("child setlk free range", fcntl(f2, F_SETLK, &m));
    m.l_start = 0; m.l_len = 1; m.l_type = F_WRLCK;
    write(sync[1], "k", 1);
    CHECK("child setlkw waits", fcntl(f2, F_SETLKW, &m));
    _exit(0);
  }
  char k; read(sync[0], &k, 1);
  usleep(10000);
  l.l_type = F_UNLCK;
  fcntl(fd, F_SETLK, &l);
  wait(NULL);
  SHOW("close_range cloexec", syscall(436, 10, 20, 4));
  execl("/proc/self/exe", argv[0], "child", (char *)0);
  printf("exec failed %s\n", ename(errno));
  return 1;
}
