/* Files benchmark (bench/fs.bench.ts; also built natively with gcc):
 *   bench_fs pipe MB   — a child writes MB MiB to a pipe in 64 KiB writes, the parent reads; prints MB/s
 *   bench_fs file MB   — sequential 64 KiB writes of MB MiB to DIR/bench.dat, then reads it back; prints "write MB/s read MB/s"
 * Times come from CLOCK_MONOTONIC. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/wait.h>

static double now(void) { struct timespec ts; clock_gettime(CLOCK_MONOTONIC, &ts); return ts.tv_sec + ts.tv_nsec / 1e9; }
static char buf[65536];

int main(int argc, char **argv) {
  if (argc < 3) return 2;
  long mb = atol(argv[2]);
  long total = mb * 1024 * 1024;
  memset(buf, 'x', sizeof buf);
  if (strcmp(argv[1], "pipe") == 0) {
    int p[2];
    if (pipe(p) != 0) return 1;
    double t0 = now();
    pid_t c = fork();
    if (c == 0) {
      close(p[0]);
      for (long done = 0; done < total;) { ssize_t n = write(p[1], buf, sizeof buf); if (n <= 0) _exit(1); done += n; }
      _exit(0);
    }
    close(p[1]);
    static char rb[65536];
    long got = 0; ssize_t n;
    while ((n = read(p[0], rb, sizeof rb)) > 0) got += n;
    waitpid(c, NULL, 0);
    double dt = now() - t0;
    printf("%.1f\n", got / dt / 1048576.0);
    return got == total ? 0 : 1;
  }
  const char *dir = argc > 3 ? argv[3] : "/tmp";
  char path[256]; snprintf(path, sizeof path, "%s/bench.dat", dir);
  int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
  if (fd < 0) return 1;
  double t0 = now();
  for (long done = 0; done < total; done += sizeof buf) if (write(fd, buf, sizeof buf) != sizeof buf) return 1;
  double t1 = now();
  lseek(fd, 0, SEEK_SET);
  long got = 0; ssize_t n;
  while ((n = read(fd, buf, sizeof buf)) > 0) got += n;
  double t2 = now();
  close(fd); unlink(path);
  printf("%.1f %.1f\n", total / (t1 - t0) / 1048576.0, got / (t2 - t1) / 1048576.0);
  return 0;
}
