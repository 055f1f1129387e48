/* /proc from the inside: a glibc program reads /proc/self/status and
 * /proc/self/maps with stdio and checks its own Name, Pid, PPid, mappings,
 * VmRSS growth, a sleeping child's State, cmdline/exe/fd/fdinfo/mem/io, the
 * writable files (comm, oom_score_adj, hostname, randomize_va_space) with
 * garbage rejected, and the ptrace access checks as a non-root user.
 * Prints "ok <what>" or "FAIL <what>"; exits 1 on any failure. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sys/syscall.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

static int fails;
static void check(int ok, const char *what) { printf("%s %s\n", ok ? "ok" : "FAIL", what); if (!ok) fails++; }

/* The value after "Key:" in /proc/<pid>/status (whitespace skipped), or "" */
static const char *status_field(const char *path, const char *key) {
  static char val[256];
  char line[512];
  size_t n = strlen(key);
  FILE *f = fopen(path, "r");
  val[0] = 0;
  if (!f) return val;
  while (fgets(line, sizeof line, f)) {
    if (strncmp(line, key, n) == 0 && line[n] == ':') {
      char *v = line + n + 1;
      while (*v == ' ' || *v == '\t') v++;
      v[strcspn(v, "\n")] = 0;
      snprintf(val, sizeof val, "%s", v);
      break;
    }
  }
  fclose(f);
  return val;
}

static long vmrss(void) { return atol(status_field("/proc/self/status", "VmRSS")); }

/* Finds the maps line starting at addr; copies perms and offset. */
static int find_mapping(unsigned long addr, char *perms, unsigned long *off, char *name) {
  char line[512];
  FILE *f = fopen("/proc/self/maps", "r");
  int found = 0;
  while (f && fgets(line, sizeof line, f)) {
    unsigned long s, e, o; char p[5]; char nm[256] = "";
    unsigned dmaj, dmin; unsigned long ino;
    if (sscanf(line, "%lx-%lx %4s %lx %x:%x %lu %255s", &s, &e, p, &o, &dmaj, &dmin, &ino, nm) >= 7 && s == addr) {
      strcpy(perms, p); *off = o; strcpy(name, nm); found = 1; break;
    }
  }
  if (f) fclose(f);
  return found;
}

static int write_file(const char *path, const char *s, size_t n) {
  int fd = open(path, O_WRONLY);
  if (fd < 0) return -errno;
  ssize_t r = write(fd, s, n);
  int e = errno;
  close(fd);
  return r < 0 ? -e : (int)r;
}

static int read_file(const char *path, char *buf, size_t n) {
  int fd = open(path, O_RDONLY);
  if (fd < 0) return -errno;
  ssize_t r = read(fd, buf, n - 1);
  int e = errno;
  close(fd);
  if (r < 0) return -e;
  buf[r] = 0;
  return (int)r;
}

static int tpipe[2];
static volatile pid_t worker_tid;
static void *worker(void *arg) {
  char x;
  (void)arg;
  worker_tid = (pid_t)syscall(SYS_gettid);
  read(tpipe[0], &x, 1);
  return NULL;
}

/* A second thread: task/ lists both, its own stat/status/comm, Threads: 2. */
static void threads(void) {
  char path[96], buf[512];
  pthread_t th;
  pipe(tpipe);
  pthread_create(&th, NULL, worker, NULL);
  while (worker_tid == 0) usleep(1000);
  snprintf(path, sizeof path, "/proc/self/task/%d/status", worker_tid);
  for (int i = 0; i < 500 && strcmp(status_field(path, "State"), "S (sleeping)") != 0; i++) usleep(10000);
  check(strcmp(status_field(path, "State"), "S (sleeping)") == 0, "the blocked thread is S in task/<tid>/status");
  check(atoi(status_field(path, "Pid")) == worker_tid && atoi(status_field(path, "Tgid")) == getpid(), "task/<tid>/status has Pid = tid, Tgid = pid");
  check(atoi(status_field("/proc/self/status", "Threads")) == 2, "status Threads: 2");
  DIR *d = opendir("/proc/self/task");
  struct dirent *de; int n = 0, sawme = 0, sawworker = 0;
  while (d && (de = readdir(d))) {
    if (de->d_name[0] == '.') continue;
    n++;
    if (atoi(de->d_name) == getpid()) sawme = 1;
    if (atoi(de->d_name) == worker_tid) sawworker = 1;
  }
  if (d) closedir(d);
  check(n == 2 && sawme && sawworker, "task/ lists both threads");
  snprintf(path, sizeof path, "/proc/self/task/%d/comm", worker_tid);
  check(write_file(path, "worker", 6) == 6, "a thread's comm is writable");
  read_file(path, buf, sizeof buf);
  check(strcmp(buf, "worker\n") == 0, "the thread's comm reads back");
  char main_comm[64];
  read_file("/proc/self/comm", main_comm, sizeof main_comm);
  check(strcmp(main_comm, "worker\n") != 0, "the process's comm is unchanged");
  snprintf(path, sizeof path, "/proc/self/task/%d/stat", worker_tid);
  read_file(path, buf, sizeof buf);
  char want[64];
  snprintf(want, sizeof want, "%d (worker) S ", worker_tid);
  check(strncmp(buf, want, strlen(want)) == 0, "task/<tid>/stat shows the thread's tid, comm and state");
  write(tpipe[1], "x", 1);
  pthread_join(th, NULL);
}

/* NoNewPrivs, Seccomp and Seccomp_filters follow prctl and an installed filter (in a child). */
static void seccomp_fields(void) {
  pid_t c = fork();
  if (c == 0) {
    int bad = 0;
    if (atoi(status_field("/proc/self/status", "NoNewPrivs")) != 0 || atoi(status_field("/proc/self/status", "Seccomp")) != 0) bad |= 1;
    prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
    if (atoi(status_field("/proc/self/status", "NoNewPrivs")) != 1) bad |= 2;
    struct sock_filter allow[] = { BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW) };
    struct sock_fprog prog = { 1, allow };
    if (prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog, 0, 0) != 0) bad |= 4;
    if (atoi(status_field("/proc/self/status", "Seccomp")) != 2 || atoi(status_field("/proc/self/status", "Seccomp_filters")) != 1) bad |= 8;
    _exit(bad);
  }
  int st = 0;
  waitpid(c, &st, 0);
  check(WIFEXITED(st) && WEXITSTATUS(st) == 0, "status NoNewPrivs, Seccomp and Seccomp_filters follow prctl");
}

int main(int argc, char **argv) {
  char buf[4096], want[64], path[64];
  (void)argc;
  /* Name, Pid, PPid */
  const char *base = strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argv[0];
  snprintf(want, 16, "%s", base);
  check(strcmp(status_field("/proc/self/status", "Name"), want) == 0, "status Name is argv[0]'s basename (15 bytes)");
  check(atoi(status_field("/proc/self/status", "Pid")) == getpid(), "status Pid");
  check(atoi(status_field("/proc/self/status", "PPid")) == getppid(), "status PPid");
  check(strncmp(status_field("/proc/self/status", "State"), "R (running)", 11) == 0, "status State R while reading");

  /* maps: an anonymous mapping and a file mapping at an offset */
  char perms[8], name[256]; unsigned long off = 99;
  char *anon = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  check(find_mapping((unsigned long)anon, perms, &off, name) && strcmp(perms, "rw-p") == 0 && off == 0 && name[0] == 0, "maps lists a new anonymous mapping rw-p at offset 0");
  int fd = open("/tmp/proc-self.dat", O_RDWR | O_CREAT | O_TRUNC, 0644);
  memset(buf, 'x', sizeof buf);
  write(fd, buf, 4096); write(fd, buf, 4096);
  char *fm = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 4096);
  check(find_mapping((unsigned long)fm, perms, &off, name) && strcmp(perms, "r--s") == 0 && off == 4096 && strcmp(name, "/tmp/proc-self.dat") == 0, "maps lists a file mapping r--s at offset 0x1000 with its path");
  /* exe mapping and the stack */
  int sawstack = 0, sawexe = 0;
  FILE *mf = fopen("/proc/self/maps", "r");
  while (mf && fgets(buf, sizeof buf, mf)) { if (strstr(buf, "[stack]")) sawstack = 1; if (strstr(buf, base) && strstr(buf, "r-xp")) sawexe = 1; }
  if (mf) fclose(mf);
  check(sawstack && sawexe, "maps has [stack] and the executable's r-xp text");

  /* VmRSS moves when memory is touched */
  long before = vmrss();
  size_t big = 2 << 20;
  char *m = mmap(NULL, big, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  for (size_t i = 0; i < big; i += 4096) m[i] = 1;
  long after = vmrss();
  check(after - before >= 2000, "VmRSS grows by the 2 MiB touched");
  munmap(m, big);
  check(vmrss() < after - 1000, "VmRSS shrinks after munmap");
  check(atol(status_field("/proc/self/status", "VmHWM")) >= after, "VmHWM keeps the peak");

  /* cmdline and exe */
  int n = read_file("/proc/self/cmdline", buf, sizeof buf);
  check(n > 0 && strcmp(buf, argv[0]) == 0 && buf[strlen(argv[0])] == 0, "cmdline is argv, NUL-terminated");
  n = readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (n > 0) buf[n] = 0;
  check(n > 0 && strcmp(buf, argv[0]) == 0, "exe links to the program");
  n = readlink("/proc/self", buf, sizeof buf - 1);
  if (n > 0) buf[n] = 0;
  check(n > 0 && atoi(buf) == getpid(), "/proc/self links to the pid");
  snprintf(want, sizeof want, "%d/task/%d", getpid(), gettid());
  n = readlink("/proc/thread-self", buf, sizeof buf - 1);
  if (n > 0) buf[n] = 0;
  check(n > 0 && strcmp(buf, want) == 0, "/proc/thread-self links to pid/task/tid");

  /* fd/ and fdinfo/ */
  lseek(fd, 123, SEEK_SET);
  snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
  n = readlink(path, buf, sizeof buf - 1);
  if (n > 0) buf[n] = 0;
  check(n > 0 && strcmp(buf, "/tmp/proc-self.dat") == 0, "fd/N links to the open file");
  snprintf(path, sizeof path, "/proc/self/fdinfo/%d", fd);
  read_file(path, buf, sizeof buf);
  check(strncmp(buf, "pos:\t123\nflags:\t0100002\n", 24) == 0, "fdinfo shows pos and octal flags");
  DIR *d = opendir("/proc/self/fd");
  int count = 0, sawfd = 0;
  struct dirent *de;
  while (d && (de = readdir(d))) { if (de->d_name[0] != '.') count++; if (atoi(de->d_name) == fd && de->d_type == DT_LNK) sawfd = 1; }
  if (d) closedir(d);
  check(count >= 4 && sawfd, "fd/ lists the descriptors as symlinks");
  int rfd = open(path, O_RDONLY);
  check(rfd >= 0, "open fdinfo");
  close(rfd);

  /* mem: read and write our own memory */
  static volatile long secret = 0x1122334455667788L;
  int memfd = open("/proc/self/mem", O_RDWR);
  long got = 0;
  check(memfd >= 0 && pread(memfd, &got, sizeof got, (off_t)(unsigned long)&secret) == sizeof got && got == 0x1122334455667788L, "mem reads a variable at its address");
  long nv = 42;
  check(pwrite(memfd, &nv, sizeof nv, (off_t)(unsigned long)&secret) == sizeof nv && secret == 42, "mem writes a variable");
  check(pread(memfd, &got, sizeof got, 0x1000) < 0 && errno == EIO, "mem at an unmapped address is EIO");
  close(memfd);

  /* io counts reads */
  read_file("/proc/self/io", buf, sizeof buf);
  check(strncmp(buf, "rchar: ", 7) == 0 && atol(buf + 7) > 4096, "io rchar counts bytes read");

  /* comm: writable, cut at 15 bytes */
  check(write_file("/proc/self/comm", "renamed", 7) == 7, "comm write");
  read_file("/proc/self/comm", buf, sizeof buf);
  check(strcmp(buf, "renamed\n") == 0, "comm reads back");
  write_file("/proc/self/comm", "abcdefghijklmnopqrstuvwxyz", 26);
  read_file("/proc/self/comm", buf, sizeof buf);
  check(strcmp(buf, "abcdefghijklmno\n") == 0, "comm is cut to 15 bytes");
  check(strcmp(status_field("/proc/self/status", "Name"), "abcdefghijklmno") == 0, "status Name follows comm");

  /* oom_score_adj: validated */
  check(write_file("/proc/self/oom_score_adj", "abc", 3) == -EINVAL, "oom_score_adj rejects abc");
  check(write_file("/proc/self/oom_score_adj", "2000", 4) == -EINVAL, "oom_score_adj rejects 2000");
  check(write_file("/proc/self/oom_score_adj", "5x\n", 3) == -EINVAL, "oom_score_adj rejects 5x");
  read_file("/proc/self/oom_score_adj", buf, sizeof buf);
  check(strcmp(buf, "0\n") == 0, "oom_score_adj unchanged after garbage");
  check(write_file("/proc/self/oom_score_adj", "-17\n", 4) == 4, "oom_score_adj accepts -17");
  read_file("/proc/self/oom_score_adj", buf, sizeof buf);
  check(strcmp(buf, "-17\n") == 0, "oom_score_adj reads back");
  read_file("/proc/self/oom_score", buf, sizeof buf);
  check(atoi(buf) >= 0 && atoi(buf) <= 2000, "oom_score in range");

  /* sysctls */
  check(write_file("/proc/sys/kernel/randomize_va_space", "7", 1) == -EINVAL, "randomize_va_space rejects 7");
  check(write_file("/proc/sys/kernel/randomize_va_space", "x", 1) == -EINVAL, "randomize_va_space rejects x");
  check(write_file("/proc/sys/kernel/randomize_va_space", "0\n", 2) == 2, "randomize_va_space accepts 0");
  read_file("/proc/sys/kernel/randomize_va_space", buf, sizeof buf);
  check(strcmp(buf, "0\n") == 0, "randomize_va_space reads back");
  char longname[80]; memset(longname, 'h', 70); longname[70] = 0;
  check(write_file("/proc/sys/kernel/hostname", longname, 70) == -EINVAL, "hostname rejects 70 bytes");
  check(write_file("/proc/sys/kernel/hostname", "box\n", 4) == 4, "hostname write");
  struct utsname u; uname(&u);
  check(strcmp(u.nodename, "box") == 0, "uname sees the new hostname");
  check(write_file("/proc/sys/kernel/ostype", "BSD", 3) < 0, "ostype is read-only");
  check(write_file("/proc/self/status", "x", 1) < 0, "status is read-only");

  /* a sleeping child: State S, wchan, syscall; then a non-root child's access checks */
  int p[2]; pipe(p);
  pid_t c = fork();
  if (c == 0) { char x; close(p[1]); read(p[0], &x, 1); _exit(0); }
  close(p[0]);
  snprintf(path, sizeof path, "/proc/%d/status", c);
  /* Wait (up to 5 s) for the child to reach its read; it must then show as sleeping. */
  for (int i = 0; i < 500 && strcmp(status_field(path, "State"), "S (sleeping)") != 0; i++) usleep(10000);
  check(strcmp(status_field(path, "State"), "S (sleeping)") == 0, "a child blocked in read is S (sleeping)");
  snprintf(path, sizeof path, "/proc/%d/stat", c);
  read_file(path, buf, sizeof buf);
  char *rp = strrchr(buf, ')');
  check(rp && rp[1] == ' ' && rp[2] == 'S', "stat field 3 is S");
  snprintf(path, sizeof path, "/proc/%d/syscall", c);
  read_file(path, buf, sizeof buf);
  check(strncmp(buf, "63 0x", 5) == 0, "syscall shows read (63) and its arguments");
  snprintf(path, sizeof path, "/proc/%d/task/%d/stat", c, c);
  check(read_file(path, buf, sizeof buf) > 0, "task/<tid>/stat readable");
  snprintf(path, sizeof path, "/proc/%d/comm", c);
  check(write_file(path, "other", 5) == -EINVAL, "comm of another process is EINVAL");
  write(p[1], "x", 1);
  waitpid(c, NULL, 0);
  snprintf(path, sizeof path, "/proc/%d/status", c);
  check(open(path, O_RDONLY) < 0 && errno == ENOENT, "a reaped child's directory is gone");

  pid_t me = getpid();
  c = fork();
  if (c == 0) {
    if (setgid(1000) || setuid(1000)) _exit(3);
    char q[64]; int bad = 0;
    snprintf(q, sizeof q, "/proc/%d/environ", me);
    if (open(q, O_RDONLY) >= 0 || errno != EACCES) bad |= 1;
    snprintf(q, sizeof q, "/proc/%d/mem", me);
    if (open(q, O_RDONLY) >= 0 || errno != EACCES) bad |= 2;
    snprintf(q, sizeof q, "/proc/%d/fd", me);
    if (opendir(q) != NULL || errno != EACCES) bad |= 4;
    snprintf(q, sizeof q, "/proc/%d/status", me);
    if (open(q, O_RDONLY) < 0) bad |= 8;
    FILE *ks = fopen("/proc/kallsyms", "r");
    char l[128] = "";
    if (!ks || !fgets(l, sizeof l, ks) || strncmp(l, "0000000000000000 ", 17) != 0) bad |= 16;
    if (ks) fclose(ks);
    if (read_file("/proc/self/environ", l, sizeof l) < 0) bad |= 32;
    _exit(bad);
  }
  int st = 0;
  waitpid(c, &st, 0);
  check(WIFEXITED(st) && (WEXITSTATUS(st) & 1) == 0, "another user's environ is EACCES");
  check(WIFEXITED(st) && (WEXITSTATUS(st) & 2) == 0, "another user's mem is EACCES");
  check(WIFEXITED(st) && (WEXITSTATUS(st) & 4) == 0, "another user's fd/ is EACCES");
  check(WIFEXITED(st) && (WEXITSTATUS(st) & 8) == 0, "another user's status is readable");
  check(WIFEXITED(st) && (WEXITSTATUS(st) & 16) == 0, "kallsyms addresses are zero for non-root");
  check(WIFEXITED(st) && (WEXITSTATUS(st) & 32) == 0, "own environ is readable as non-root");
  FILE *ks = fopen("/proc/kallsyms", "r");
  check(ks && fgets(buf, sizeof buf, ks) && strncmp(buf, "ffffffff8", 9) == 0, "kallsyms addresses are in the kernel half for root");
  if (ks) fclose(ks);
  threads();
  seccomp_fields();
  printf("%s\n", fails ? "FAILED" : "PASSED");
  return fails ? 1 : 0;
}
