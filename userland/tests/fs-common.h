/* Shared helpers for the fs-*.c differential tests: a private scratch
 * directory under /tmp (so qemu-riscv64 on the host and nodix see the same
 * relative tree), and printing of results as errno names. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

static const char *ename(int e) {
  switch (e) {
    case 0: return "OK"; case EPERM: return "EPERM"; case ENOENT: return "ENOENT"; case EBADF: return "EBADF";
    case EAGAIN: return "EAGAIN"; case EACCES: return "EACCES"; case EEXIST: return "EEXIST"; case EXDEV: return "EXDEV";
    case ENOTDIR: return "ENOTDIR"; case EISDIR: return "EISDIR"; case EINVAL: return "EINVAL"; case EMFILE: return "EMFILE";
    case ENOTTY: return "ENOTTY"; case EFBIG: return "EFBIG"; case ENOSPC: return "ENOSPC"; case ESPIPE: return "ESPIPE";
    case EROFS: return "EROFS"; case EMLINK: return "EMLINK"; case EPIPE: return "EPIPE"; case ENAMETOOLONG: return "ENAMETOOLONG";
    case ENOTEMPTY: return "ENOTEMPTY"; case ELOOP: return "ELOOP"; case EBUSY: return "EBUSY"; case ENXIO: return "ENXIO";
    case EFAULT: return "EFAULT"; case EINTR: return "EINTR"; case EDEADLK: return "EDEADLK";
    default: { static char b[32]; snprintf(b, sizeof b, "E%d", e); return b; }
  }
}

/** Prints "label: OK" / "label: ENAME" for a call returning -1 on error. */
#define CHECK(label, expr) do { errno = 0; long _r = (long)(expr); printf("%s: %s\n", label, _r < 0 ? ename(errno) : "OK"); } while (0)
/** Prints the value of a call, or its errno name. */
#define SHOW(label, expr) do { errno = 0; long _r = (long)(expr); if (_r < 0) printf("%s: %s\n", label, ename(errno)); else printf("%s: %ld\n", label, _r); } while (0)

static char scratch[64];

/** Creates and enters a fresh scratch directory (removed by the caller with `rm -r` semantics not needed: tmp). */
static void enter_scratch(const char *tag) {
  snprintf(scratch, sizeof scratch, "/tmp/nodix-%s-XXXXXX", tag);
  if (mkdtemp(scratch) == NULL || chdir(scratch) != 0) { perror("scratch"); exit(2); }
  umask(022);
}

/** A descriptor number that is certainly not open: the lowest free one. A fixed number such as 99 may be
 * open in the process that runs the test (qemu-user passes the host's inherited descriptors through). */
static int closed_fd(void) {
  int fd = dup(0);
  if (fd < 0) { perror("dup"); exit(2); }
  close(fd);
  return fd;
}

static void write_file(const char *path, const char *text, int mode) {
  int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
  if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text)) { perror(path); exit(2); }
  close(fd);
}

static void cleanup(void) {
  char cmd[128];
  if (chdir("/") != 0) return;
  /* No shell under qemu-user's view of nodix: remove with unlinkat walk is overkill; leave the tmp dir on the host only. */
  (void)cmd;
}
