/* seccomp from a guest program (glibc, <linux/seccomp.h>, <linux/filter.h>):
 * no_new_privs, a classic filter that checks the arch, returns EPERM for
 * getppid and kills the process on getpriority; inheritance across fork and
 * execve; strict mode; GET_ACTION_AVAIL; an eBPF seccomp filter (nodix only,
 * argument "ebpf"). */
#include <errno.h>
#include <linux/audit.h>
#include <linux/bpf.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static void install(void) {
  struct sock_filter f[] = {
    BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_RISCV64, 1, 0),
    BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS),
    BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_getppid, 0, 1),
    BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM),
    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_getpriority, 0, 1),
    BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS),
    BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
  };
  struct sock_fprog p = { .len = sizeof f / sizeof f[0], .filter = f };
  long r = syscall(__NR_seccomp, SECCOMP_SET_MODE_FILTER, 0, &p);
  printf("install %ld\n", r);
}

static void report(const char *what, int st) {
  if (WIFSIGNALED(st)) printf("%s: killed by %d\n", what, WTERMSIG(st));
  else printf("%s: exit %d\n", what, WEXITSTATUS(st));
  fflush(stdout);
}

static int ebpf(void) {
  /* r0 = ctx->nr == getppid ? ERRNO|EACCES : ALLOW */
  struct bpf_insn p[] = {
    { .code = BPF_LDX | BPF_MEM | BPF_W, .dst_reg = 2, .src_reg = 1, .off = 0 },
    { .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = 0, .imm = SECCOMP_RET_ALLOW },
    { .code = BPF_JMP | BPF_JNE | BPF_K, .dst_reg = 2, .off = 1, .imm = __NR_getppid },
    { .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = 0, .imm = SECCOMP_RET_ERRNO | EACCES },
    { .code = BPF_JMP | BPF_EXIT },
  };
  union bpf_attr a; memset(&a, 0, sizeof a);
  a.prog_type = 0x10001; a.insns = (unsigned long)p; a.insn_cnt = 5; a.license = (unsigned long)"GPL";
  int fd = syscall(__NR_bpf, BPF_PROG_LOAD, &a, sizeof a);
  printf("ebpf load %s\n", fd >= 0 ? "ok" : strerror(errno));
  prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
  long r = syscall(__NR_seccomp, SECCOMP_SET_MODE_FILTER, 1 << 30, &fd);
  printf("ebpf install %ld\n", r);
  errno = 0;
  r = syscall(__NR_getppid);
  printf("getppid %ld %s\n", r, strerror(errno));
  printf("getpid ok %d\n", getpid() > 0);
  return 0;
}

int main(int argc, char **argv) {
  if (argc > 1 && strcmp(argv[1], "after-exec") == 0) {
    errno = 0;
    long r = syscall(__NR_getppid);
    printf("after exec: getppid %ld %s, mode %d\n", r, strerror(errno), prctl(PR_GET_SECCOMP));
    return 3;
  }
  if (argc > 1 && strcmp(argv[1], "ebpf") == 0) return ebpf();
  setvbuf(stdout, NULL, _IONBF, 0);
  printf("nnp %d\n", prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0));
  unsigned act = SECCOMP_RET_KILL_PROCESS;
  printf("action avail %ld\n", syscall(__NR_seccomp, SECCOMP_GET_ACTION_AVAIL, 0, &act));
  act = 0x12340000;
  long r = syscall(__NR_seccomp, SECCOMP_GET_ACTION_AVAIL, 0, &act);
  printf("bogus action %ld %s\n", r, strerror(errno));

  pid_t c = fork();
  if (c == 0) {
    printf("set nnp %d, nnp %d\n", prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0));
    install();
    printf("mode %d\n", prctl(PR_GET_SECCOMP));
    errno = 0;
    r = syscall(__NR_getppid);
    printf("getppid %ld %s\n", r, strerror(errno));
    printf("getpid ok %d\n", getpid() > 0);
    pid_t g = fork();
    if (g == 0) {
      errno = 0;
      r = syscall(__NR_getppid);
      printf("grandchild getppid %ld %s\n", r, strerror(errno));
      _exit(0);
    }
    int st; waitpid(g, &st, 0); report("grandchild", st);
    g = fork();
    if (g == 0) { execl(argv[0], argv[0], "after-exec", (char *)0); _exit(99); }
    waitpid(g, &st, 0); report("exec child", st);
    syscall(__NR_getpriority, 0, 0);
    printf("not reached\n");
    _exit(0);
  }
  int st; waitpid(c, &st, 0); report("filtered child", st);
  errno = 0;
  printf("parent getppid ok %d\n", syscall(__NR_getppid) >= 0);

  c = fork();
  if (c == 0) {
    syscall(__NR_seccomp, SECCOMP_SET_MODE_STRICT, 0, NULL);
    write(1, "strict: write ok\n", 17);
    syscall(__NR_getpid);
    write(1, "not reached\n", 12);
    syscall(__NR_exit, 0);
  }
  waitpid(c, &st, 0); report("strict child", st);
  return 0;
}
