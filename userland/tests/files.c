/* File descriptors on /tmp: open/read/write/lseek/pread/pwrite, fstat, dup/dup3/fcntl, getdents, errors. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *err(void) { return strerrorname_np(errno); }

int main(void) {
  mkdir("/tmp/nodix-files", 0755);
  const char *path = "/tmp/nodix-files/a.txt";
  int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0640);
  printf("open: %d\n", fd >= 3);
  printf("write: %zd\n", write(fd, "hello world\n", 12));
  printf("lseek end: %ld\n", (long)lseek(fd, 0, SEEK_END));
  printf("lseek set: %ld\n", (long)lseek(fd, 6, SEEK_SET));
  char buf[64] = {0};
  printf("read: %zd [%s]\n", read(fd, buf, 5), buf);
  printf("pwrite: %zd\n", pwrite(fd, "W", 1, 6));
  memset(buf, 0, sizeof buf);
  printf("pread: %zd [%s] pos still %ld\n", pread(fd, buf, 11, 0), buf, (long)lseek(fd, 0, SEEK_CUR));
  lseek(fd, 20, SEEK_SET);
  write(fd, "!", 1);
  struct stat st;
  fstat(fd, &st);
  printf("size after hole: %ld reg=%d mode=%o\n", (long)st.st_size, S_ISREG(st.st_mode), st.st_mode & 0777);
  lseek(fd, 12, SEEK_SET);
  memset(buf, 'x', 8);
  read(fd, buf, 8);
  printf("hole reads zero: %d\n", buf[0] == 0 && buf[7] == 0);
  int d = dup(fd);
  printf("dup shares offset: %ld\n", (long)lseek(d, 0, SEEK_CUR));
  int d3 = dup3(fd, 10, O_CLOEXEC);
  printf("dup3: %d cloexec=%d\n", d3, fcntl(d3, F_GETFD));
  printf("fcntl dupfd >= 20: %d\n", fcntl(fd, F_DUPFD, 20));
  printf("getfl rdwr: %d\n", (fcntl(fd, F_GETFL) & O_ACCMODE) == O_RDWR);
  close(d); close(d3);
  errno = 0; printf("closed fd: %zd %s\n", write(d3, "x", 1), err());
  errno = 0; printf("dup3 same: %d %s\n", dup3(fd, fd, 0), err());
  errno = 0; printf("lseek bad whence: %ld %s\n", (long)lseek(fd, 0, 7), err());
  errno = 0; printf("lseek negative: %ld %s\n", (long)lseek(fd, -100, SEEK_SET), err());
  close(fd);
  errno = 0; printf("missing: %d %s\n", open("/tmp/nodix-files/none", O_RDONLY), err());
  errno = 0; printf("excl: %d %s\n", open(path, O_CREAT | O_EXCL | O_WRONLY, 0644), err());
  errno = 0; printf("dir for write: %d %s\n", open("/tmp/nodix-files", O_WRONLY), err());
  errno = 0; printf("notdir: %d %s\n", open("/tmp/nodix-files/a.txt/x", O_RDONLY), err());
  errno = 0; printf("O_DIRECTORY on file: %d %s\n", open(path, O_RDONLY | O_DIRECTORY), err());
  fd = open(path, O_WRONLY | O_APPEND);
  write(fd, "tail", 4);
  fstat(fd, &st);
  printf("append size: %ld\n", (long)st.st_size);
  close(fd);
  symlink("a.txt", "/tmp/nodix-files/link");
  char lb[64] = {0};
  printf("readlink: %zd %s\n", readlink("/tmp/nodix-files/link", lb, sizeof lb), lb);
  fd = open("/tmp/nodix-files/link", O_RDONLY);
  memset(buf, 0, sizeof buf);
  read(fd, buf, 5);
  printf("through link: %s\n", buf);
  close(fd);
  DIR *dir = opendir("/tmp/nodix-files");
  int n = 0, seen_a = 0;
  struct dirent *e;
  while ((e = readdir(dir))) { n++; if (strcmp(e->d_name, "a.txt") == 0) seen_a = e->d_type == DT_REG; }
  closedir(dir);
  printf("readdir: %d entries, a.txt regular %d\n", n, seen_a);
  printf("unlink: %d %d\n", unlink("/tmp/nodix-files/link"), unlink(path));
  errno = 0; printf("unlink again: %d %s\n", unlink(path), err());
  printf("rmdir: %d\n", rmdir("/tmp/nodix-files"));
  char cwd[256];
  chdir("/tmp");
  printf("getcwd: %s\n", getcwd(cwd, sizeof cwd));
  errno = 0; printf("getcwd small: %p %s\n", (void *)getcwd(cwd, 2), err());
  return 0;
}
