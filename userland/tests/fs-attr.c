/* Differential test: attributes and the remaining data calls — umask,
 * chmod/fchmod, utimensat (explicit, UTIME_OMIT), statx, fallocate,
 * readv/writev, sendfile, eventfd, select on a pipe, O_PATH descriptors. */
#include "fs-common.h"
#include <sys/uio.h>
#include <sys/sendfile.h>
#include <sys/eventfd.h>
#include <sys/select.h>
#include <sys/statfs.h>
#include <stdint.h>

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  enter_scratch("attr");
  struct stat st;
  umask(027);
  close(open("u", O_CREAT | O_WRONLY, 0666)); stat("u", &st); printf("creat 0666 umask 027: %o\n", st.st_mode & 07777);
  mkdir("ud", 0777); stat("ud", &st); printf("mkdir 0777 umask 027: %o\n", st.st_mode & 07777);
  umask(022);
  CHECK("chmod", chmod("u", 04755)); stat("u", &st); printf("mode %o\n", st.st_mode & 07777);
  int fd = open("u", O_RDWR);
  CHECK("fchmod", fchmod(fd, 0600)); fstat(fd, &st); printf("mode %o\n", st.st_mode & 07777);
  struct timespec ts[2] = {{1000000000, 5}, {1234567890, 123456789}};
  CHECK("utimensat", utimensat(AT_FDCWD, "u", ts, 0));
  stat("u", &st); printf("atime %ld.%09ld mtime %ld.%09ld\n", (long)st.st_atim.tv_sec, st.st_atim.tv_nsec, (long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
  ts[0].tv_nsec = UTIME_OMIT; ts[1].tv_sec = 42; ts[1].tv_nsec = 0;
  CHECK("utimensat omit", utimensat(AT_FDCWD, "u", ts, 0));
  stat("u", &st); printf("atime %ld mtime %ld\n", (long)st.st_atim.tv_sec, (long)st.st_mtim.tv_sec);
  ts[0].tv_nsec = 1000000000;
  CHECK("utimensat bad nsec", utimensat(AT_FDCWD, "u", ts, 0));
  CHECK("futimens", futimens(fd, NULL));
  struct statx sx;
  CHECK("statx", statx(AT_FDCWD, "u", 0, STATX_BASIC_STATS, &sx));
  printf("statx mask basic %d mode %o size %lld nlink %u\n", (sx.stx_mask & STATX_BASIC_STATS) == STATX_BASIC_STATS, sx.stx_mode & 07777, (long long)sx.stx_size, sx.stx_nlink);
  CHECK("statx bad flags", statx(AT_FDCWD, "u", 0x80000000, STATX_BASIC_STATS, &sx));
  CHECK("fallocate", fallocate(fd, 0, 0, 10000)); fstat(fd, &st); printf("size after fallocate %ld\n", (long)st.st_size);
  CHECK("fallocate keep size", fallocate(fd, FALLOC_FL_KEEP_SIZE, 0, 20000)); fstat(fd, &st); printf("size %ld\n", (long)st.st_size);
  CHECK("fallocate zero len", fallocate(fd, 0, 0, 0));
  ftruncate(fd, 0);
  struct iovec iov[3] = {{"abc", 3}, {"", 0}, {"defgh", 5}};
  SHOW("writev", writev(fd, iov, 3));
  lseek(fd, 0, SEEK_SET);
  char a[4] = {0}, b[8] = {0};
  struct iovec rv[2] = {{a, 2}, {b, 7}};
  SHOW("readv", readv(fd, rv, 2)); printf("readv [%s] [%s]\n", a, b);
  SHOW("preadv", preadv(fd, rv, 2, 3)); printf("preadv [%s] [%s]\n", a, b);
  int p[2]; pipe(p);
  off_t off = 2;
  SHOW("sendfile", sendfile(p[1], fd, &off, 100)); printf("offset now %ld pos %ld\n", (long)off, (long)lseek(fd, 0, SEEK_CUR));
  memset(b, 0, 8); read(p[0], b, 7); printf("pipe got [%s]\n", b);
  fd_set rs; FD_ZERO(&rs); FD_SET(p[0], &rs);
  struct timeval tv = {0, 0};
  SHOW("select empty", select(p[0] + 1, &rs, NULL, NULL, &tv));
  write(p[1], "z", 1);
  FD_ZERO(&rs); FD_SET(p[0], &rs);
  fd_set ws; FD_ZERO(&ws); FD_SET(p[1], &ws);
  SHOW("select ready", select(p[1] + 1, &rs, &ws, NULL, &tv)); printf("isset r %d w %d\n", FD_ISSET(p[0], &rs) != 0, FD_ISSET(p[1], &ws) != 0);
  int bad = closed_fd();
  FD_ZERO(&rs); FD_SET(bad, &rs);
  CHECK("select bad fd", select(bad + 1, &rs, NULL, NULL, &tv));
  int e = eventfd(3, EFD_NONBLOCK);
  uint64_t v = 0;
  SHOW("eventfd read", read(e, &v, 8)); printf("value %llu\n", (unsigned long long)v);
  CHECK("eventfd empty", read(e, &v, 8));
  v = 5; write(e, &v, 8); v = 2; write(e, &v, 8);
  read(e, &v, 8); printf("summed %llu\n", (unsigned long long)v);
  CHECK("eventfd short", read(e, &v, 4));
  int s = eventfd(2, EFD_SEMAPHORE | EFD_NONBLOCK);
  read(s, &v, 8); printf("semaphore %llu\n", (unsigned long long)v);
  int op = open("u", O_PATH);
  CHECK("read O_PATH", read(op, b, 1));
  CHECK("fstat O_PATH", fstat(op, &st));
  CHECK("fchmod O_PATH", fchmod(op, 0644));
  CHECK("fstatat O_PATH empty", fstatat(op, "", &st, AT_EMPTY_PATH));
  SHOW("fcntl getfl O_PATH", fcntl(op, F_GETFL) == O_PATH);
  struct statfs sf;
  CHECK("statfs", statfs(".", &sf));
  CHECK("statfs missing", statfs("nope", &sf));
  return 0;
}
