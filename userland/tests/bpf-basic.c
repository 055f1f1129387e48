/* bpf(2) from a guest program (glibc, raw syscalls, <linux/bpf.h> layouts):
 * array and hash maps, a program counting into a map through PROG_TEST_RUN,
 * a rejected program with the verifier's log, trace_printk to trace_pipe,
 * object info, ids, freeze, attachment to sys_enter, and a thousand
 * load/close cycles that must leave no program behind. */
#include <errno.h>
#include <fcntl.h>
#include <linux/bpf.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static long bpf(int cmd, union bpf_attr *a) { return syscall(__NR_bpf, cmd, a, sizeof(*a)); }

#define INSN(c, d, s, o, i) ((struct bpf_insn){ .code = (c), .dst_reg = (d), .src_reg = (s), .off = (o), .imm = (i) })
#define LD_MAP(d, fd) INSN(BPF_LD | BPF_DW | BPF_IMM, d, BPF_PSEUDO_MAP_FD, 0, fd), INSN(0, 0, 0, 0, 0)

static int map_create(int type, int ks, int vs, int n) {
  union bpf_attr a; memset(&a, 0, sizeof a);
  a.map_type = type; a.key_size = ks; a.value_size = vs; a.max_entries = n;
  strcpy(a.map_name, "counts");
  return bpf(BPF_MAP_CREATE, &a);
}
static long elem(int cmd, int fd, const void *k, void *v, uint64_t flags) {
  union bpf_attr a; memset(&a, 0, sizeof a);
  a.map_fd = fd; a.key = (uintptr_t)k; a.value = (uintptr_t)v; a.flags = flags;
  return bpf(cmd, &a);
}
static char log_buf[65536];
static int load(int type, const struct bpf_insn *p, int n, int log_level, const char *name) {
  union bpf_attr a; memset(&a, 0, sizeof a);
  a.prog_type = type; a.insns = (uintptr_t)p; a.insn_cnt = n; a.license = (uintptr_t)"GPL";
  if (log_level) { a.log_level = log_level; a.log_buf = (uintptr_t)log_buf; a.log_size = sizeof log_buf; log_buf[0] = 0; }
  strncpy(a.prog_name, name, sizeof a.prog_name - 1);
  return bpf(BPF_PROG_LOAD, &a);
}

int main(void) {
  /* Array map: update, lookup, out of range, next key. */
  int am = map_create(BPF_MAP_TYPE_ARRAY, 4, 8, 4);
  uint32_t k = 1; uint64_t v = 42, out = 0;
  printf("array create %s\n", am >= 0 ? "ok" : strerror(errno));
  printf("update %ld\n", elem(BPF_MAP_UPDATE_ELEM, am, &k, &v, BPF_ANY));
  elem(BPF_MAP_LOOKUP_ELEM, am, &k, &out, 0);
  printf("lookup %llu\n", (unsigned long long)out);
  k = 9;
  printf("lookup 9: %ld %s\n", elem(BPF_MAP_LOOKUP_ELEM, am, &k, &out, 0), strerror(errno));
  uint32_t nk = 0; int keys = 0;
  for (long r = elem(BPF_MAP_GET_NEXT_KEY, am, NULL, &nk, 0); r == 0; r = elem(BPF_MAP_GET_NEXT_KEY, am, &nk, &nk, 0)) keys++;
  printf("array keys %d\n", keys);

  /* Hash map: noexist, delete, enoent. */
  int hm = map_create(BPF_MAP_TYPE_HASH, 4, 8, 16);
  k = 5; v = 7;
  printf("hash update %ld\n", elem(BPF_MAP_UPDATE_ELEM, hm, &k, &v, BPF_NOEXIST));
  long r = elem(BPF_MAP_UPDATE_ELEM, hm, &k, &v, BPF_NOEXIST);
  printf("hash noexist again %ld %s\n", r, r ? strerror(errno) : "");
  printf("hash delete %ld\n", elem(BPF_MAP_DELETE_ELEM, hm, &k, NULL, 0));
  r = elem(BPF_MAP_LOOKUP_ELEM, hm, &k, &out, 0);
  printf("hash lookup deleted %ld %s\n", r, strerror(errno));

  /* A program that adds 1 to counts[0] and returns 7. */
  struct bpf_insn count[] = {
    INSN(BPF_ST | BPF_MEM | BPF_W, BPF_REG_10, 0, -4, 0),
    LD_MAP(BPF_REG_1, am),
    INSN(BPF_ALU64 | BPF_MOV | BPF_X, BPF_REG_2, BPF_REG_10, 0, 0),
    INSN(BPF_ALU64 | BPF_ADD | BPF_K, BPF_REG_2, 0, 0, -4),
    INSN(BPF_JMP | BPF_CALL, 0, 0, 0, BPF_FUNC_map_lookup_elem),
    INSN(BPF_JMP | BPF_JEQ | BPF_K, BPF_REG_0, 0, 3, 0),
    INSN(BPF_LDX | BPF_MEM | BPF_DW, BPF_REG_1, BPF_REG_0, 0, 0),
    INSN(BPF_ALU64 | BPF_ADD | BPF_K, BPF_REG_1, 0, 0, 1),
    INSN(BPF_STX | BPF_MEM | BPF_DW, BPF_REG_0, BPF_REG_1, 0, 0),
    INSN(BPF_ALU64 | BPF_MOV | BPF_K, BPF_REG_0, 0, 0, 7),
    INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0),
  };
  int pf = load(BPF_PROG_TYPE_RAW_TRACEPOINT, count, sizeof count / sizeof count[0], 1, "count");
  printf("load %s, log has 'processed': %s\n", pf >= 0 ? "ok" : strerror(errno), strstr(log_buf, "processed") ? "yes" : "no");
  union bpf_attr a; memset(&a, 0, sizeof a);
  a.test.prog_fd = pf; a.test.repeat = 3;
  r = bpf(BPF_PROG_TEST_RUN, &a);
  k = 0; elem(BPF_MAP_LOOKUP_ELEM, am, &k, &out, 0);
  printf("test_run %ld retval %u counts[0] %llu\n", r, a.test.retval, (unsigned long long)out);

  /* Info by fd. */
  struct bpf_prog_info pi; memset(&pi, 0, sizeof pi);
  memset(&a, 0, sizeof a); a.info.bpf_fd = pf; a.info.info_len = sizeof pi; a.info.info = (uintptr_t)&pi;
  r = bpf(BPF_OBJ_GET_INFO_BY_FD, &a);
  printf("prog info %ld type %u name %s insns %u maps %u\n", r, pi.type, pi.name, pi.xlated_prog_len / 8, pi.nr_map_ids);
  struct bpf_map_info mi; memset(&mi, 0, sizeof mi);
  memset(&a, 0, sizeof a); a.info.bpf_fd = am; a.info.info_len = sizeof mi; a.info.info = (uintptr_t)&mi;
  r = bpf(BPF_OBJ_GET_INFO_BY_FD, &a);
  printf("map info %ld type %u key %u value %u max %u name %s\n", r, mi.type, mi.key_size, mi.value_size, mi.max_entries, mi.name);

  /* A rejected program: r0 read before it is written. */
  struct bpf_insn bad[] = { INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0) };
  int bf = load(BPF_PROG_TYPE_RAW_TRACEPOINT, bad, 1, 1, "bad");
  printf("bad load %d %s, log: %s", bf, strerror(errno), log_buf);
  if (log_buf[0] && log_buf[strlen(log_buf) - 1] != '\n') printf("\n");
  /* A log too small for the message: Linux refuses sizes below 128. */
  union bpf_attr b; memset(&b, 0, sizeof b);
  b.prog_type = BPF_PROG_TYPE_RAW_TRACEPOINT; b.insns = (uintptr_t)bad; b.insn_cnt = 1;
  b.log_level = 1; b.log_buf = (uintptr_t)log_buf; b.log_size = 16;
  printf("small log %ld %s\n", bpf(BPF_PROG_LOAD, &b), strerror(errno));

  /* trace_printk to the trace pipe. */
  struct bpf_insn pr[] = {
    INSN(BPF_ALU64 | BPF_MOV | BPF_K, BPF_REG_1, 0, 0, 0x6f6c6c65), /* "ello" */
    INSN(BPF_STX | BPF_MEM | BPF_W, BPF_REG_10, BPF_REG_1, -12, 0),
    INSN(BPF_ALU64 | BPF_MOV | BPF_K, BPF_REG_1, 0, 0, 0x0a642520), /* " %d\n" */
    INSN(BPF_STX | BPF_MEM | BPF_W, BPF_REG_10, BPF_REG_1, -8, 0),
    INSN(BPF_ST | BPF_MEM | BPF_W, BPF_REG_10, 0, -4, 0),
    INSN(BPF_ST | BPF_MEM | BPF_B, BPF_REG_10, 0, -13, 'h'),
    INSN(BPF_ALU64 | BPF_MOV | BPF_X, BPF_REG_1, BPF_REG_10, 0, 0),
    INSN(BPF_ALU64 | BPF_ADD | BPF_K, BPF_REG_1, 0, 0, -13),
    INSN(BPF_ALU64 | BPF_MOV | BPF_K, BPF_REG_2, 0, 0, 13),
    INSN(BPF_ALU64 | BPF_MOV | BPF_K, BPF_REG_3, 0, 0, 1234),
    INSN(BPF_JMP | BPF_CALL, 0, 0, 0, BPF_FUNC_trace_printk),
    INSN(BPF_ALU64 | BPF_MOV | BPF_K, BPF_REG_0, 0, 0, 0),
    INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0),
  };
  int tp = load(BPF_PROG_TYPE_RAW_TRACEPOINT, pr, sizeof pr / sizeof pr[0], 0, "printk");
  memset(&a, 0, sizeof a); a.test.prog_fd = tp;
  printf("printk load %s run %ld\n", tp >= 0 ? "ok" : strerror(errno), bpf(BPF_PROG_TEST_RUN, &a));
  int tfd = open("/dev/trace_pipe", O_RDONLY | O_NONBLOCK);
  char line[512] = { 0 };
  long n = tfd >= 0 ? read(tfd, line, sizeof line - 1) : -1;
  printf("trace_pipe: %s", n > 0 && strstr(line, "bpf_trace_printk: hello 1234") ? "hello 1234\n" : "missing\n");

  /* Ids: the three loaded programs are listed; GET_FD_BY_ID gives a new fd. */
  int ids = 0; memset(&a, 0, sizeof a);
  while (bpf(BPF_PROG_GET_NEXT_ID, &a) == 0) { ids++; a.start_id = a.next_id; }
  printf("prog ids %d\n", ids);
  memset(&a, 0, sizeof a); a.prog_id = pi.id;
  int again = bpf(BPF_PROG_GET_FD_BY_ID, &a);
  printf("fd by id %s\n", again >= 0 && again != pf ? "ok" : "bad");
  close(again);

  /* Attach the counter to sys_enter; every syscall adds one while attached. */
  k = 0; v = 0; elem(BPF_MAP_UPDATE_ELEM, am, &k, &v, BPF_ANY);
  memset(&a, 0, sizeof a); a.raw_tracepoint.name = (uintptr_t)"sys_enter"; a.raw_tracepoint.prog_fd = pf;
  int link = bpf(BPF_RAW_TRACEPOINT_OPEN, &a);
  printf("attach %s\n", link >= 0 ? "ok" : strerror(errno));
  for (int i = 0; i < 10; i++) getppid();
  close(link);
  elem(BPF_MAP_LOOKUP_ELEM, am, &k, &out, 0);
  uint64_t after = out;
  for (int i = 0; i < 10; i++) getppid();
  elem(BPF_MAP_LOOKUP_ELEM, am, &k, &out, 0);
  printf("sys_enter count %s, stopped after detach %s\n", after >= 10 ? ">=10" : "<10", out == after ? "yes" : "no");

  /* Global data (lddw src 2): a read-only frozen map (.rodata, as libbpf freezes it) and a writable one (.data). */
  union bpf_attr ma; memset(&ma, 0, sizeof ma);
  ma.map_type = BPF_MAP_TYPE_ARRAY; ma.key_size = 4; ma.value_size = 16; ma.max_entries = 1; ma.map_flags = BPF_F_RDONLY_PROG;
  int ro = bpf(BPF_MAP_CREATE, &ma);
  ma.map_flags = 0;
  int rw = bpf(BPF_MAP_CREATE, &ma);
  uint64_t init[2] = { 5, 0 };
  k = 0; elem(BPF_MAP_UPDATE_ELEM, ro, &k, init, BPF_ANY);
  memset(&a, 0, sizeof a); a.map_fd = ro; bpf(BPF_MAP_FREEZE, &a);
  struct bpf_insn gd[] = {
    INSN(BPF_LD | BPF_DW | BPF_IMM, BPF_REG_1, BPF_PSEUDO_MAP_VALUE, 0, ro), INSN(0, 0, 0, 0, 8),
    INSN(BPF_LDX | BPF_MEM | BPF_DW, BPF_REG_0, BPF_REG_1, -8, 0),
    INSN(BPF_LD | BPF_DW | BPF_IMM, BPF_REG_2, BPF_PSEUDO_MAP_VALUE, 0, rw), INSN(0, 0, 0, 0, 0),
    INSN(BPF_LDX | BPF_MEM | BPF_DW, BPF_REG_3, BPF_REG_2, 8, 0),
    INSN(BPF_ALU64 | BPF_ADD | BPF_X, BPF_REG_3, BPF_REG_0, 0, 0),
    INSN(BPF_STX | BPF_MEM | BPF_DW, BPF_REG_2, BPF_REG_3, 8, 0),
    INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0),
  };
  int gf = load(BPF_PROG_TYPE_RAW_TRACEPOINT, gd, sizeof gd / sizeof gd[0], 0, "globals");
  memset(&a, 0, sizeof a); a.test.prog_fd = gf; a.test.repeat = 2;
  r = bpf(BPF_PROG_TEST_RUN, &a);
  uint64_t got[2] = { 0, 0 };
  elem(BPF_MAP_LOOKUP_ELEM, rw, &k, got, 0);
  printf("globals load %s run %ld retval %u data %llu\n", gf >= 0 ? "ok" : strerror(errno), r, a.test.retval, (unsigned long long)got[1]);
  gd[6] = INSN(BPF_STX | BPF_MEM | BPF_DW, BPF_REG_1, BPF_REG_3, 0, 0); /* a store into the read-only map */
  r = load(BPF_PROG_TYPE_RAW_TRACEPOINT, gd, sizeof gd / sizeof gd[0], 1, "ro_write");
  printf("store to rodata %ld %s\n", r, strerror(errno));
  close(gf); close(ro); close(rw);

  /* Freeze: user-space updates refused. */
  memset(&a, 0, sizeof a); a.map_fd = am;
  printf("freeze %ld\n", bpf(BPF_MAP_FREEZE, &a));
  k = 1; v = 1; r = elem(BPF_MAP_UPDATE_ELEM, am, &k, &v, BPF_ANY);
  printf("update frozen %ld %s\n", r, strerror(errno));

  /* A thousand load/close cycles leave only the programs still open. */
  int fails = 0;
  for (int i = 0; i < 1000; i++) { int fd = load(BPF_PROG_TYPE_RAW_TRACEPOINT, count, sizeof count / sizeof count[0], 0, "cycle"); if (fd < 0) fails++; else close(fd); }
  close(tp);
  ids = 0; memset(&a, 0, sizeof a);
  while (bpf(BPF_PROG_GET_NEXT_ID, &a) == 0) { ids++; a.start_id = a.next_id; }
  printf("cycles failed %d, prog ids left %d\n", fails, ids);
  close(pf);
  int maps = 0; memset(&a, 0, sizeof a);
  while (bpf(BPF_MAP_GET_NEXT_ID, &a) == 0) { maps++; a.start_id = a.next_id; }
  close(am); close(hm);
  int maps_after = 0; memset(&a, 0, sizeof a);
  while (bpf(BPF_MAP_GET_NEXT_ID, &a) == 0) { maps_after++; a.start_id = a.next_id; }
  printf("map ids %d then %d\n", maps, maps_after);
  return 0;
}
