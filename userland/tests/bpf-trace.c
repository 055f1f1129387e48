/* eBPF programs on the kernel's tracepoints and a kprobe: one counter per
 * point (fork, exec, exit, sched_switch, user page faults, sys_exit, and a
 * kprobe on __riscv_sys_getppid that also records its first argument). */
#include <errno.h>
#include <linux/bpf.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static long bpf(int cmd, union bpf_attr *a) { return syscall(__NR_bpf, cmd, a, sizeof(*a)); }
#define INSN(c, d, s, o, i) ((struct bpf_insn){ .code = (c), .dst_reg = (d), .src_reg = (s), .off = (o), .imm = (i) })

static int counts;
static volatile int got;
static void on_usr1(int s) { got = s; }
static const char *points[] = { "sched_process_fork", "sched_process_exec", "sched_process_exit", "sched_switch", "page_fault_user", "sys_exit", "signal_deliver", "__riscv_sys_getppid" };
#define NP 8

/* counts[idx] += 1; for the kprobe also counts[NP] = PT_REGS_PARM1 (a0 at offset 80). */
static int load_counter(int idx, int kprobe) {
  struct bpf_insn p[] = {
    INSN(BPF_ALU64 | BPF_MOV | BPF_X, BPF_REG_6, BPF_REG_1, 0, 0),
    INSN(BPF_ST | BPF_MEM | BPF_W, BPF_REG_10, 0, -4, idx),
    INSN(BPF_LD | BPF_DW | BPF_IMM, BPF_REG_1, BPF_PSEUDO_MAP_FD, 0, counts), INSN(0, 0, 0, 0, 0),
    INSN(BPF_ALU64 | BPF_MOV | BPF_X, BPF_REG_2, BPF_REG_10, 0, 0),
    INSN(BPF_ALU64 | BPF_ADD | BPF_K, BPF_REG_2, 0, 0, -4),
    INSN(BPF_JMP | BPF_CALL, 0, 0, 0, BPF_FUNC_map_lookup_elem),
    INSN(BPF_JMP | BPF_JEQ | BPF_K, BPF_REG_0, 0, 3, 0),
    INSN(BPF_LDX | BPF_MEM | BPF_DW, BPF_REG_1, BPF_REG_0, 0, 0),
    INSN(BPF_ALU64 | BPF_ADD | BPF_K, BPF_REG_1, 0, 0, 1),
    INSN(BPF_STX | BPF_MEM | BPF_DW, BPF_REG_0, BPF_REG_1, 0, 0),
    /* kprobe: counts[NP] = ctx->a0 */
    INSN(BPF_ST | BPF_MEM | BPF_W, BPF_REG_10, 0, -4, NP),
    INSN(BPF_LD | BPF_DW | BPF_IMM, BPF_REG_1, BPF_PSEUDO_MAP_FD, 0, counts), INSN(0, 0, 0, 0, 0),
    INSN(BPF_ALU64 | BPF_MOV | BPF_X, BPF_REG_2, BPF_REG_10, 0, 0),
    INSN(BPF_ALU64 | BPF_ADD | BPF_K, BPF_REG_2, 0, 0, -4),
    INSN(BPF_JMP | BPF_CALL, 0, 0, 0, BPF_FUNC_map_lookup_elem),
    INSN(BPF_JMP | BPF_JEQ | BPF_K, BPF_REG_0, 0, 2, 0),
    INSN(BPF_LDX | BPF_MEM | BPF_DW, BPF_REG_1, BPF_REG_6, kprobe ? 80 : 0, 0),
    INSN(BPF_STX | BPF_MEM | BPF_DW, BPF_REG_0, BPF_REG_1, 0, 0),
    INSN(BPF_ALU64 | BPF_MOV | BPF_K, BPF_REG_0, 0, 0, 0),
    INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0),
  };
  int n = sizeof p / sizeof p[0];
  if (!kprobe) { p[11] = p[n - 2]; p[12] = p[n - 1]; n = 13; } /* tracepoints: stop after the count */
  static char log[8192];
  union bpf_attr a; memset(&a, 0, sizeof a);
  a.prog_type = kprobe ? BPF_PROG_TYPE_KPROBE : BPF_PROG_TYPE_RAW_TRACEPOINT;
  a.insns = (uintptr_t)p; a.insn_cnt = n; a.license = (uintptr_t)"GPL";
  a.log_level = 1; a.log_buf = (uintptr_t)log; a.log_size = sizeof log;
  int fd = bpf(BPF_PROG_LOAD, &a);
  if (fd < 0) printf("load %d: %s\n%s\n", idx, strerror(errno), log);
  return fd;
}

int main(int argc, char **argv) {
  if (argc > 1) return 0; /* the exec'd child */
  union bpf_attr a; memset(&a, 0, sizeof a);
  a.map_type = BPF_MAP_TYPE_ARRAY; a.key_size = 4; a.value_size = 8; a.max_entries = NP + 1;
  counts = bpf(BPF_MAP_CREATE, &a);
  int links[NP];
  for (int i = 0; i < NP; i++) {
    int p = load_counter(i, i == NP - 1);
    memset(&a, 0, sizeof a); a.raw_tracepoint.name = (uintptr_t)points[i]; a.raw_tracepoint.prog_fd = p;
    links[i] = bpf(BPF_RAW_TRACEPOINT_OPEN, &a);
    if (links[i] < 0) printf("attach %s: %s\n", points[i], strerror(errno));
    close(p); /* the link keeps the program */
  }
  pid_t c = fork();
  if (c == 0) { execl(argv[0], argv[0], "child", (char *)0); _exit(1); }
  int st; waitpid(c, &st, 0);
  char *m = mmap(0, 1 << 16, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  for (int i = 0; i < 16; i++) m[i * 4096] = 1;
  syscall(__NR_getppid, 4242L);
  signal(SIGUSR1, on_usr1);
  raise(SIGUSR1);
  for (int i = 0; i < NP; i++) close(links[i]);
  uint64_t v[NP + 1];
  for (uint32_t k = 0; k <= NP; k++) {
    memset(&a, 0, sizeof a); a.map_fd = counts; a.key = (uintptr_t)&k; a.value = (uintptr_t)&v[k];
    bpf(BPF_MAP_LOOKUP_ELEM, &a);
  }
  printf("fork %llu exec %llu exit %llu switch>0 %d faults>=16 %d sys_exit>10 %d signals %llu handled %d getppid %llu arg %llu\n",
    (unsigned long long)v[0], (unsigned long long)v[1], (unsigned long long)v[2], v[3] > 0, v[4] >= 16, v[5] > 10,
    (unsigned long long)v[6], got == SIGUSR1, (unsigned long long)v[7], (unsigned long long)v[8]);
  /* after detaching, nothing counts any more */
  uint64_t before = v[5];
  for (int i = 0; i < 5; i++) getppid();
  uint32_t k = 5; memset(&a, 0, sizeof a); a.map_fd = counts; a.key = (uintptr_t)&k; a.value = (uintptr_t)&v[5];
  bpf(BPF_MAP_LOOKUP_ELEM, &a);
  printf("detached %s\n", v[5] == before ? "yes" : "no");
  return 0;
}
