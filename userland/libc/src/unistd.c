/* Thin syscall wrappers: files, processes, ids, sessions. */
#include <unistd.h>
#include <fcntl.h>
#include <stdarg.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <sys/mman.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/utsname.h>
#include <sys/resource.h>
#include <sys/sysinfo.h>
#include <sys/time.h>
#include <poll.h>
#include <signal.h>
#include <time.h>
#include "internal.h"

ssize_t read(int fd, void *b, size_t n) { return __ret(__sc3(SYS_read, fd, b, n)); }
ssize_t write(int fd, const void *b, size_t n) { return __ret(__sc3(SYS_write, fd, b, n)); }
ssize_t pread(int fd, void *b, size_t n, off_t o) { return __ret(__sc4(SYS_pread64, fd, b, n, o)); }
ssize_t pwrite(int fd, const void *b, size_t n, off_t o) { return __ret(__sc4(SYS_pwrite64, fd, b, n, o)); }
int close(int fd) { return (int)__ret(__sc1(SYS_close, fd)); }
off_t lseek(int fd, off_t o, int w) { return __ret(__sc3(SYS_lseek, fd, o, w)); }
int dup(int fd) { return (int)__ret(__sc1(SYS_dup, fd)); }
int dup3(int a, int b, int f) { return (int)__ret(__sc3(SYS_dup3, a, b, f)); }
int dup2(int a, int b) {
  if (a == b) return fcntl(a, F_GETFD) < 0 ? -1 : a;
  return dup3(a, b, 0);
}
int pipe2(int fd[2], int f) { return (int)__ret(__sc2(SYS_pipe2, fd, f)); }
int pipe(int fd[2]) { return pipe2(fd, 0); }

int openat(int dir, const char *p, int fl, ...) {
  va_list ap;
  va_start(ap, fl);
  mode_t m = va_arg(ap, mode_t);
  va_end(ap);
  return (int)__ret(__sc4(SYS_openat, dir, p, fl, m));
}
int open(const char *p, int fl, ...) {
  va_list ap;
  va_start(ap, fl);
  mode_t m = va_arg(ap, mode_t);
  va_end(ap);
  return (int)__ret(__sc4(SYS_openat, AT_FDCWD, p, fl, m));
}
int creat(const char *p, mode_t m) { return open(p, O_WRONLY | O_CREAT | O_TRUNC, m); }
int fcntl(int fd, int cmd, ...) {
  va_list ap;
  va_start(ap, cmd);
  long a = va_arg(ap, long);
  va_end(ap);
  return (int)__ret(__sc3(SYS_fcntl, fd, cmd, a));
}
int ioctl(int fd, unsigned long req, ...) {
  va_list ap;
  va_start(ap, req);
  void *a = va_arg(ap, void *);
  va_end(ap);
  return (int)__ret(__sc3(SYS_ioctl, fd, req, a));
}

int fstatat(int d, const char *p, struct stat *st, int fl) { return (int)__ret(__sc4(SYS_newfstatat, d, p, st, fl)); }
int stat(const char *p, struct stat *st) { return fstatat(AT_FDCWD, p, st, 0); }
int lstat(const char *p, struct stat *st) { return fstatat(AT_FDCWD, p, st, AT_SYMLINK_NOFOLLOW); }
int fstat(int fd, struct stat *st) { return (int)__ret(__sc2(SYS_fstat, fd, st)); }
int chmod(const char *p, mode_t m) { return (int)__ret(__sc3(SYS_fchmodat, AT_FDCWD, p, m)); }
int fchmod(int fd, mode_t m) { return (int)__ret(__sc2(SYS_fchmod, fd, m)); }
int chown(const char *p, uid_t u, gid_t g) { return (int)__ret(__sc5(SYS_fchownat, AT_FDCWD, p, u, g, 0)); }
int lchown(const char *p, uid_t u, gid_t g) { return (int)__ret(__sc5(SYS_fchownat, AT_FDCWD, p, u, g, AT_SYMLINK_NOFOLLOW)); }
int fchown(int fd, uid_t u, gid_t g) { return (int)__ret(__sc3(SYS_fchown, fd, u, g)); }
int mkdir(const char *p, mode_t m) { return (int)__ret(__sc3(SYS_mkdirat, AT_FDCWD, p, m)); }
int mknod(const char *p, mode_t m, dev_t d) { return (int)__ret(__sc4(SYS_mknodat, AT_FDCWD, p, m, d)); }
int mkfifo(const char *p, mode_t m) { return mknod(p, m | S_IFIFO, 0); }
mode_t umask(mode_t m) { return (mode_t)__sc1(SYS_umask, m); }
int utimensat(int d, const char *p, const struct timespec t[2], int fl) { return (int)__ret(__sc4(SYS_utimensat, d, p, t, fl)); }
int futimens(int fd, const struct timespec t[2]) { return utimensat(fd, 0, t, 0); }
int unlink(const char *p) { return (int)__ret(__sc3(SYS_unlinkat, AT_FDCWD, p, 0)); }
int rmdir(const char *p) { return (int)__ret(__sc3(SYS_unlinkat, AT_FDCWD, p, AT_REMOVEDIR)); }
int link(const char *a, const char *b) { return (int)__ret(__sc5(SYS_linkat, AT_FDCWD, a, AT_FDCWD, b, 0)); }
int symlink(const char *a, const char *b) { return (int)__ret(__sc3(SYS_symlinkat, a, AT_FDCWD, b)); }
ssize_t readlink(const char *p, char *b, size_t n) { return __ret(__sc4(SYS_readlinkat, AT_FDCWD, p, b, n)); }
int rename(const char *a, const char *b) { return (int)__ret(__sc5(SYS_renameat2, AT_FDCWD, a, AT_FDCWD, b, 0)); }
int access(const char *p, int m) { return (int)__ret(__sc4(SYS_faccessat, AT_FDCWD, p, m, 0)); }
int truncate(const char *p, off_t l) { return (int)__ret(__sc2(SYS_truncate, p, l)); }
int ftruncate(int fd, off_t l) { return (int)__ret(__sc2(SYS_ftruncate, fd, l)); }
int fsync(int fd) { return (int)__ret(__sc1(SYS_fsync, fd)); }
void sync(void) { __sc0(SYS_sync); }
int chdir(const char *p) { return (int)__ret(__sc1(SYS_chdir, p)); }
int fchdir(int fd) { return (int)__ret(__sc1(SYS_fchdir, fd)); }
int chroot(const char *p) { return (int)__ret(__sc1(SYS_chroot, p)); }
char *getcwd(char *b, size_t n) {
  static char own[4096];
  if (!b) { b = own; n = sizeof own; }
  return __ret(__sc2(SYS_getcwd, b, n)) < 0 ? 0 : b;
}
int isatty(int fd) {
  unsigned char t[64]; /* struct termios */
  return ioctl(fd, TCGETS, t) == 0;
}
int mount(const char *s, const char *t, const char *f, unsigned long fl, const void *d) {
  return (int)__ret(__sc5(SYS_mount, s, t, f, fl, d));
}
int umount2(const char *t, int fl) { return (int)__ret(__sc2(SYS_umount2, t, fl)); }
int umount(const char *t) { return umount2(t, 0); }
int uname(struct utsname *u) { return (int)__ret(__sc1(SYS_uname, u)); }
int sysinfo(struct sysinfo *s) { return (int)__ret(__sc1(SYS_sysinfo, s)); }
int klogctl(int t, char *b, int n) { return (int)__ret(__sc3(SYS_syslog, t, b, n)); }
int sethostname(const char *n, size_t l) { return (int)__ret(__sc2(SYS_sethostname, n, l)); }
int gethostname(char *n, size_t l) {
  struct utsname u;
  if (uname(&u) < 0) return -1;
  size_t i = 0;
  for (; i + 1 < l && u.nodename[i]; i++) n[i] = u.nodename[i];
  if (l) n[i] = 0;
  return 0;
}
int getrusage(int w, struct rusage *r) { return (int)__ret(__sc2(SYS_getrusage, w, r)); }
int getrlimit(int r, struct rlimit *l) { return (int)__ret(__sc4(SYS_prlimit64, 0, r, 0, l)); }
int setrlimit(int r, const struct rlimit *l) { return (int)__ret(__sc4(SYS_prlimit64, 0, r, l, 0)); }
int poll(struct pollfd *f, nfds_t n, int ms) {
  struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
  return (int)__ret(__sc5(SYS_ppoll, f, n, ms < 0 ? 0 : &ts, 0, 8));
}

pid_t fork(void) { return (pid_t)__ret(__sc5(SYS_clone, SIGCHLD, 0, 0, 0, 0)); }
pid_t vfork(void) { return fork(); }
int execve(const char *p, char *const a[], char *const e[]) { return (int)__ret(__sc3(SYS_execve, p, a, e)); }
pid_t wait4(pid_t p, int *s, int o, struct rusage *r) { return (pid_t)__ret(__sc4(SYS_wait4, p, s, o, r)); }
pid_t waitpid(pid_t p, int *s, int o) { return wait4(p, s, o, 0); }
pid_t wait(int *s) { return wait4(-1, s, 0, 0); }
pid_t getpid(void) { return (pid_t)__sc0(SYS_getpid); }
pid_t getppid(void) { return (pid_t)__sc0(SYS_getppid); }
pid_t gettid(void) { return (pid_t)__sc0(SYS_gettid); }
uid_t getuid(void) { return (uid_t)__sc0(SYS_getuid); }
uid_t geteuid(void) { return (uid_t)__sc0(SYS_geteuid); }
gid_t getgid(void) { return (gid_t)__sc0(SYS_getgid); }
gid_t getegid(void) { return (gid_t)__sc0(SYS_getegid); }
int setuid(uid_t u) { return (int)__ret(__sc1(SYS_setuid, u)); }
int setgid(gid_t g) { return (int)__ret(__sc1(SYS_setgid, g)); }
int seteuid(uid_t u) { return (int)__ret(__sc3(SYS_setresuid, -1, u, -1)); }
int setegid(gid_t g) { return (int)__ret(__sc3(SYS_setresgid, -1, g, -1)); }
int setreuid(uid_t a, uid_t b) { return (int)__ret(__sc2(SYS_setreuid, a, b)); }
int setregid(gid_t a, gid_t b) { return (int)__ret(__sc2(SYS_setregid, a, b)); }
int getgroups(int n, gid_t g[]) { return (int)__ret(__sc2(SYS_getgroups, n, g)); }
int setgroups(size_t n, const gid_t *g) { return (int)__ret(__sc2(SYS_setgroups, n, g)); }
int setpgid(pid_t p, pid_t g) { return (int)__ret(__sc2(SYS_setpgid, p, g)); }
pid_t getpgid(pid_t p) { return (pid_t)__ret(__sc1(SYS_getpgid, p)); }
pid_t getpgrp(void) { return getpgid(0); }
pid_t setsid(void) { return (pid_t)__ret(__sc0(SYS_setsid)); }
pid_t getsid(pid_t p) { return (pid_t)__ret(__sc1(SYS_getsid, p)); }
pid_t tcgetpgrp(int fd) {
  int p;
  return ioctl(fd, TIOCGPGRP, &p) < 0 ? -1 : p;
}
int tcsetpgrp(int fd, pid_t p) { return ioctl(fd, TIOCSPGRP, &p); }

void *mmap(void *a, size_t n, int pr, int fl, int fd, off_t o) {
  long r = __sc6(SYS_mmap, a, n, pr, fl, fd, o);
  if ((unsigned long)r > -4096UL) { errno = (int)-r; return MAP_FAILED; }
  return (void *)r;
}
int munmap(void *a, size_t n) { return (int)__ret(__sc2(SYS_munmap, a, n)); }
int mprotect(void *a, size_t n, int p) { return (int)__ret(__sc3(SYS_mprotect, a, n, p)); }
void *mremap(void *a, size_t o, size_t n, int f, ...) {
  long r = __sc4(SYS_mremap, a, o, n, f);
  if ((unsigned long)r > -4096UL) { errno = (int)-r; return MAP_FAILED; }
  return (void *)r;
}
static unsigned long cur_brk;
int brk(void *a) {
  unsigned long r = (unsigned long)__sc1(SYS_brk, a);
  cur_brk = r;
  if (r < (unsigned long)a) { errno = ENOMEM; return -1; }
  return 0;
}
void *sbrk(long inc) {
  if (!cur_brk) cur_brk = (unsigned long)__sc1(SYS_brk, 0);
  unsigned long old = cur_brk;
  if (inc && brk((void *)(old + inc)) < 0) return (void *)-1;
  return (void *)old;
}

int nanosleep(const struct timespec *a, struct timespec *b) { return (int)__ret(__sc2(SYS_nanosleep, a, b)); }
unsigned sleep(unsigned s) {
  struct timespec t = {s, 0};
  if (nanosleep(&t, &t) < 0) return (unsigned)t.tv_sec;
  return 0;
}
int usleep(useconds_t u) {
  struct timespec t = {u / 1000000, (long)(u % 1000000) * 1000};
  return nanosleep(&t, 0);
}
int pause(void) {
  sigset_t s;
  sigprocmask(SIG_BLOCK, 0, &s);
  return sigsuspend(&s);
}
long sysconf(int n) {
  switch (n) {
  case _SC_PAGESIZE: return 4096;
  case _SC_CLK_TCK: return 100;
  case _SC_OPEN_MAX: return 1024;
  case _SC_NPROCESSORS_ONLN: return 1;
  case _SC_ARG_MAX: return 131072;
  case _SC_PHYS_PAGES: {
    struct sysinfo si;
    return sysinfo(&si) < 0 ? -1 : (long)(si.totalram * si.mem_unit / 4096);
  }
  }
  errno = EINVAL;
  return -1;
}
#include <sys/statfs.h>
int statfs(const char *p, struct statfs *s) { return (int)__ret(__sc2(SYS_statfs, p, s)); }
int fstatfs(int fd, struct statfs *s) { return (int)__ret(__sc2(SYS_fstatfs, fd, s)); }
