/* mmap corners: FIXED, FIXED_NOREPLACE, mremap grow/move, MADV_DONTNEED, PROT_NONE guard, munmap, file mappings, msync. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

/* The lowest free descriptor: certainly closed, unlike a fixed number the host may have passed down. */
static int closed_fd(void) { int fd = dup(0); close(fd); return fd; }

#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE 0x100000
#endif

static int child_faults(char *p) {
  fflush(stdout);
  pid_t c = fork();
  if (c == 0) { *(volatile char *)p = 1; _exit(0); }
  int st;
  waitpid(c, &st, 0);
  return WIFSIGNALED(st) ? WTERMSIG(st) : -WEXITSTATUS(st);
}

int main(void) {
  long pg = 4096;
  char *a = mmap(NULL, 4 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  memset(a, 'a', 4 * pg);
  char *r = mmap(a + pg, pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
  printf("fixed replaces: %d zero=%d neighbour=%c\n", r == a + pg, r[0] == 0, a[0]);
  madvise(a + 2 * pg, pg, MADV_DONTNEED);
  printf("dontneed zeroes: %d, others kept: %c\n", a[2 * pg + 5] == 0, a[3 * pg]);
  char *b = mremap(a, 4 * pg, 64 * pg, MREMAP_MAYMOVE);
  printf("mremap: ok=%d data=%c%c tail=%d\n", b != MAP_FAILED, b[0], b[3 * pg], b[63 * pg]);
  char *c2 = mremap(b, 64 * pg, 2 * pg, 0);
  printf("shrink in place: %d\n", c2 == b);
  printf("after shrink fault sig: %d\n", child_faults(b + 10 * pg));
  char *g = mmap(NULL, 3 * pg, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  mprotect(g + pg, pg, PROT_READ | PROT_WRITE);
  g[pg] = 'g';
  printf("guard below sig: %d, above sig: %d, middle ok: %c\n", child_faults(g), child_faults(g + 2 * pg), g[pg]);
  munmap(g, 3 * pg);
  printf("unmapped sig: %d\n", child_faults(g + pg));
  errno = 0;
  printf("munmap unaligned: %d %s\n", munmap(g + 1, pg), errno == EINVAL ? "EINVAL" : "?");
  errno = 0;
  printf("mmap len 0: %s\n", mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == MAP_FAILED && errno == EINVAL ? "EINVAL" : "?");
  int fd = open("/tmp/nodix-mmap-test", O_RDWR | O_CREAT | O_TRUNC, 0644);
  char text[6000];
  for (int i = 0; i < 6000; i++) text[i] = 'A' + i % 26;
  write(fd, text, sizeof text);
  char *f = mmap(NULL, 6000, PROT_READ, MAP_PRIVATE, fd, 0);
  printf("file map: %c%c%c last=%c past-eof=%d\n", f[0], f[1], f[25], f[5999], f[6000]);
  char *f2 = mmap(NULL, pg, PROT_READ, MAP_PRIVATE, fd, pg);
  printf("file offset map: %c\n", f2[0]);
  printf("msync: %d\n", msync(f, pg, MS_SYNC));
  errno = 0;
  printf("bad fd: %s\n", mmap(NULL, pg, PROT_READ, MAP_PRIVATE, closed_fd(), 0) == MAP_FAILED && errno == EBADF ? "EBADF" : "?");
  close(fd);
  unlink("/tmp/nodix-mmap-test");
  return 0;
}
