/* Differential test: pipes — capacity, F_GETPIPE_SZ, PIPE_BUF atomicity
 * with two writers, EPIPE with SIGPIPE ignored, death by SIGPIPE, EOF,
 * non-blocking EAGAIN, poll readiness, a FIFO made with mknod, and EFAULT
 * leaving the pipe's contents alone. */
#include "fs-common.h"
#include <poll.h>
#include <signal.h>

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  enter_scratch("pipe");
  int p[2];
  pipe2(p, O_NONBLOCK);
  SHOW("F_GETPIPE_SZ", fcntl(p[1], F_GETPIPE_SZ));
  char buf[4096]; memset(buf, 'x', sizeof buf);
  long total = 0, n;
  while ((n = write(p[1], buf, 1000)) > 0) total += n;
  printf("capacity %ld then %s\n", total, ename(errno));
  struct pollfd pf[2] = {{p[0], POLLIN, 0}, {p[1], POLLOUT, 0}};
  SHOW("poll full", poll(pf, 2, 0));
  printf("revents r=%x w=%x\n", pf[0].revents, pf[1].revents);
  char big[70000];
  while (read(p[0], big, sizeof big) > 0) {}
  printf("drained: %s\n", ename(errno));
  SHOW("poll empty", poll(pf, 2, 0));
  printf("revents r=%x w=%x\n", pf[0].revents, pf[1].revents);
  close(p[1]);
  SHOW("poll hup", poll(pf, 1, 0));
  printf("revents r=%x\n", pf[0].revents);
  SHOW("read eof", read(p[0], buf, 10));
  close(p[0]);
  /* atomicity: two children write 4096-byte records of their letter */
  pipe(p);
  for (int k = 0; k < 2; k++) {
    if (fork() == 0) {
      close(p[0]);
      char rec[4096]; memset(rec, k ? 'B' : 'A', sizeof rec);
      for (int i = 0; i < 40; i++) write(p[1], rec, sizeof rec);
      _exit(0);
    }
  }
  close(p[1]);
  long got = 0; int torn = 0;
  static char all[40 * 4096 * 2];
  while ((n = read(p[0], all + got, sizeof all - got)) > 0) got += n;
  for (long off = 0; off < got; off += 4096) for (int i = 1; i < 4096; i++) if (all[off + i] != all[off]) { torn++; break; }
  printf("atomic: %ld bytes, torn records %d\n", got, torn);
  wait(NULL); wait(NULL);
  close(p[0]);
  /* EPIPE */
  pipe(p); close(p[0]);
  signal(SIGPIPE, SIG_IGN);
  CHECK("write no reader", write(p[1], "x", 1));
  signal(SIGPIPE, SIG_DFL);
  if (fork() == 0) { write(p[1], "x", 1); _exit(0); }
  int st; wait(&st);
  printf("child killed by %d\n", WIFSIGNALED(st) ? WTERMSIG(st) : -1);
  close(p[1]);
  /* blocking reader woken by a writer; poll with timeout */
  pipe(p);
  if (fork() == 0) { usleep(20000); write(p[1], "late", 4); _exit(0); }
  struct pollfd q = {p[0], POLLIN, 0};
  SHOW("poll wait", poll(&q, 1, 5000));
  printf("revents %x\n", q.revents);
  memset(buf, 0, 8); SHOW("read", read(p[0], buf, 8)); printf("got [%s]\n", buf);
  wait(NULL);
  close(p[0]); close(p[1]);
  /* FIFO */
  CHECK("mkfifo", mkfifo("fifo", 0600));
  struct stat sb; stat("fifo", &sb); printf("is fifo %d\n", S_ISFIFO(sb.st_mode));
  CHECK("nonblock writer no reader", open("fifo", O_WRONLY | O_NONBLOCK));
  int r = open("fifo", O_RDONLY | O_NONBLOCK);
  printf("nonblock reader %s\n", r >= 0 ? "OK" : ename(errno));
  close(r);
  if (fork() == 0) { int w = open("fifo", O_WRONLY); write(w, "through fifo", 12); close(w); _exit(0); }
  int rd = open("fifo", O_RDONLY);
  memset(buf, 0, 16);
  long m = 0;
  while ((n = read(rd, buf + m, 16 - m)) > 0) m += n;
  printf("fifo read [%s]\n", buf);
  wait(NULL);
  CHECK("lseek fifo", lseek(rd, 0, SEEK_SET));
  /* a read or write with a bad buffer: EFAULT, and the pipe keeps its bytes
     (nothing consumed, nothing added); a buffer across pages still works */
  pipe(p);
  write(p[1], "keepme", 6);
  CHECK("read to bad address", read(p[0], (void *)8, 6));
  CHECK("write from bad address", write(p[1], (void *)8, 6));
  static char cross[8192 + 64];
  char *c = cross + 4096 - ((unsigned long)cross % 4096) - 3; /* straddles a page boundary */
  memset(c, 0, 8);
  SHOW("read after EFAULT", read(p[0], c, 64));
  printf("kept [%s]\n", c);
  SHOW("write across pages", write(p[1], c, 6));
  SHOW("read back", read(p[0], cross + 8192, 64));
  close(p[0]); close(p[1]);
  return 0;
}
