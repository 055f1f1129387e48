/* bpftool: inspect and drive eBPF maps and programs through bpf(2) (a subset
 * of Linux's bpftool, same command shapes). Objects outlive the command only
 * when pinned: PATH names an entry of the kernel's pin table (nodix has no
 * bpffs; "bpftool unpin PATH" removes one). PROG/MAP are "id N" or "pinned PATH".
 *   bpftool prog list | prog show PROG
 *   bpftool prog load FILE PATH [type TYPE] [map idx I MAP]...   FILE: raw eBPF instructions
 *   bpftool prog attach PROG tp NAME PATH      raw tracepoint / kprobe; the link is pinned at PATH
 *   bpftool prog run PROG [repeat N]           BPF_PROG_TEST_RUN, prints the return value
 *   bpftool prog tracelog [-n]                 /dev/trace_pipe (-n: what is there, without waiting)
 *   bpftool map create PATH type TYPE key K value V entries N [name NAME]
 *   bpftool map list | show MAP | dump MAP | freeze MAP
 *   bpftool map lookup MAP key BYTES | delete MAP key BYTES | update MAP key BYTES value BYTES [any|noexist|exist]
 *   bpftool unpin PATH
 * BYTES: numbers, one byte each (0x.. or decimal), or "hex" followed by hex bytes. */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define NR_BPF 280
enum { MAP_CREATE = 0, MAP_LOOKUP = 1, MAP_UPDATE = 2, MAP_DELETE = 3, MAP_NEXT_KEY = 4, PROG_LOAD = 5, OBJ_PIN = 6,
  OBJ_GET = 7, TEST_RUN = 10, PROG_NEXT_ID = 11, MAP_NEXT_ID = 12, PROG_FD_BY_ID = 13, MAP_FD_BY_ID = 14, INFO = 15,
  RAW_TP_OPEN = 17, MAP_FREEZE = 22 };
#define UNPIN_FLAG (1u << 30)

static unsigned char attr[144];
static void clr(void) { memset(attr, 0, sizeof attr); }
static void p32(int off, uint32_t v) { memcpy(attr + off, &v, 4); }
static void p64(int off, uint64_t v) { memcpy(attr + off, &v, 8); }
static uint32_t g32(const unsigned char *b, int off) { uint32_t v; memcpy(&v, b + off, 4); return v; }
static long bpf(int cmd) { return syscall(NR_BPF, cmd, attr, sizeof attr); }
static int fail(const char *what) { fprintf(stderr, "Error: %s: %s\n", what, strerror(errno)); return 1; }
static int usage(void) { fprintf(stderr, "Usage: bpftool { prog | map | unpin } COMMAND (see the header of bpftool.c)\n"); return 2; }

static const char *prog_types[] = { [1] = "socket_filter", [2] = "kprobe", [3] = "sched_cls", [4] = "sched_act",
  [5] = "tracepoint", [6] = "xdp", [7] = "perf_event", [8] = "cgroup_skb", [17] = "raw_tracepoint" };
static const char *map_types[] = { [1] = "hash", [2] = "array", [3] = "prog_array", [4] = "perf_event_array",
  [5] = "percpu_hash", [6] = "percpu_array", [9] = "lru_hash", [10] = "lru_percpu_hash", [27] = "ringbuf" };
#define NT(a) ((int)(sizeof a / sizeof a[0]))
static const char *prog_type_name(uint32_t t) { return t == 0x10001 ? "seccomp" : t < NT(prog_types) && prog_types[t] ? prog_types[t] : "unknown"; }
static const char *map_type_name(uint32_t t) { return t < NT(map_types) && map_types[t] ? map_types[t] : "unknown"; }
static int type_by_name(const char **names, int n, const char *s) {
  if (!strcmp(s, "seccomp")) return 0x10001;
  for (int i = 0; i < n; i++) if (names[i] && !strcmp(names[i], s)) return i;
  return -1;
}

/* "id N" or "pinned PATH" at argv[*i]: an fd, or -1. */
static int obj_fd(char **argv, int argc, int *i, int prog) {
  if (*i + 1 >= argc) { usage(); return -1; }
  const char *kind = argv[*i], *val = argv[*i + 1];
  *i += 2;
  clr();
  long fd;
  if (!strcmp(kind, "id")) { p32(0, strtoul(val, NULL, 0)); fd = bpf(prog ? PROG_FD_BY_ID : MAP_FD_BY_ID); }
  else if (!strcmp(kind, "pinned")) { p64(0, (uintptr_t)val); fd = bpf(OBJ_GET); }
  else { usage(); return -1; }
  if (fd < 0) { fprintf(stderr, "Error: get %s %s %s: %s\n", prog ? "prog" : "map", kind, val, strerror(errno)); return -1; }
  return (int)fd;
}

static int info(int fd, unsigned char *buf, int len) {
  clr(); p32(0, fd); p32(4, len); p64(8, (uintptr_t)buf);
  memset(buf, 0, len);
  return bpf(INFO) < 0 ? -1 : 0;
}

static void show_prog(int fd) {
  unsigned char pi[228];
  uint32_t ids[16];
  memset(ids, 0, sizeof ids);
  memset(pi, 0, sizeof pi);
  uint64_t arr = (uintptr_t)ids; uint32_t nr = 16;
  memcpy(pi + 52, &nr, 4); memcpy(pi + 56, &arr, 8);
  clr(); p32(0, fd); p32(4, sizeof pi); p64(8, (uintptr_t)pi);
  if (bpf(INFO) < 0) { fail("get prog info"); return; }
  char name[17] = { 0 }; memcpy(name, pi + 64, 16);
  uint64_t runs; memcpy(&runs, pi + 88, 8);
  printf("%u: %s  name %s  uid %u\n", g32(pi, 4), prog_type_name(g32(pi, 0)), name, g32(pi, 48));
  printf("\txlated %uB  jited %uB  run_cnt %llu", g32(pi, 20), g32(pi, 16), (unsigned long long)runs);
  uint32_t n = g32(pi, 52);
  for (uint32_t k = 0; k < n && k < 16; k++) printf(k ? ",%u" : "  map_ids %u", ids[k]);
  printf("\n");
}

static int show_map(int fd) {
  unsigned char mi[96];
  if (info(fd, mi, sizeof mi) < 0) return fail("get map info");
  char name[17] = { 0 }; memcpy(name, mi + 24, 16);
  printf("%u: %s  name %s  flags 0x%x\n", g32(mi, 4), map_type_name(g32(mi, 0)), name, g32(mi, 20));
  printf("\tkey %uB  value %uB  max_entries %u\n", g32(mi, 8), g32(mi, 12), g32(mi, 16));
  return 0;
}

static int list(int prog) {
  uint32_t id = 0;
  for (;;) {
    clr(); p32(0, id);
    if (bpf(prog ? PROG_NEXT_ID : MAP_NEXT_ID) < 0) break;
    id = g32(attr, 4);
    clr(); p32(0, id);
    long fd = bpf(prog ? PROG_FD_BY_ID : MAP_FD_BY_ID);
    if (fd < 0) continue;
    if (prog) show_prog(fd); else show_map(fd);
    close(fd);
  }
  return errno == ENOENT ? 0 : fail("get next id");
}

/* Parses BYTES into out (exactly n bytes); *i ends after them. */
static int parse_bytes(char **argv, int argc, int *i, unsigned char *out, uint32_t n) {
  int base = 0;
  if (*i < argc && !strcmp(argv[*i], "hex")) { base = 16; (*i)++; }
  for (uint32_t k = 0; k < n; k++) {
    if (*i >= argc) { fprintf(stderr, "Error: %u bytes expected\n", n); return -1; }
    out[k] = (unsigned char)strtoul(argv[(*i)++], NULL, base);
  }
  return 0;
}
static void print_bytes(const char *label, const unsigned char *b, uint32_t n) {
  printf("%s:", label);
  for (uint32_t k = 0; k < n; k++) printf(" %02x", b[k]);
}

static int elem(int fd, int cmd, const void *key, void *val, uint64_t flags) {
  clr(); p32(0, fd); p64(8, (uintptr_t)key); p64(16, (uintptr_t)val); p64(24, flags);
  return (int)bpf(cmd);
}

static int map_cmd(int argc, char **argv) {
  if (argc < 1) return usage();
  const char *cmd = argv[0];
  int i = 1;
  if (!strcmp(cmd, "list") || (!strcmp(cmd, "show") && argc == 1)) return list(0);
  if (!strcmp(cmd, "create")) {
    if (argc < 2) return usage();
    const char *path = argv[1], *name = "";
    int type = -1; uint32_t key = 0, value = 0, entries = 0, flags = 0;
    for (i = 2; i + 1 < argc; i += 2) {
      if (!strcmp(argv[i], "type")) type = type_by_name(map_types, NT(map_types), argv[i + 1]);
      else if (!strcmp(argv[i], "key")) key = strtoul(argv[i + 1], NULL, 0);
      else if (!strcmp(argv[i], "value")) value = strtoul(argv[i + 1], NULL, 0);
      else if (!strcmp(argv[i], "entries")) entries = strtoul(argv[i + 1], NULL, 0);
      else if (!strcmp(argv[i], "name")) name = argv[i + 1];
      else if (!strcmp(argv[i], "flags")) flags = strtoul(argv[i + 1], NULL, 0);
      else return usage();
    }
    if (type < 0) { fprintf(stderr, "Error: unknown map type\n"); return 1; }
    clr(); p32(0, type); p32(4, key); p32(8, value); p32(12, entries); p32(16, flags);
    strncpy((char *)attr + 28, name, 15);
    long fd = bpf(MAP_CREATE);
    if (fd < 0) return fail("map create");
    clr(); p64(0, (uintptr_t)path); p32(8, fd);
    if (bpf(OBJ_PIN) < 0) return fail("pin map");
    return 0;
  }
  int fd = obj_fd(argv, argc, &i, 0);
  if (fd < 0) return 1;
  unsigned char mi[96];
  if (info(fd, mi, sizeof mi) < 0) return fail("get map info");
  uint32_t ks = g32(mi, 8), vs = g32(mi, 12);
  unsigned char *k = calloc(1, ks + 8), *nk = calloc(1, ks + 8), *v = calloc(1, vs + 8);
  if (!strcmp(cmd, "show")) return show_map(fd);
  if (!strcmp(cmd, "freeze")) { clr(); p32(0, fd); return bpf(MAP_FREEZE) < 0 ? fail("freeze") : 0; }
  if (!strcmp(cmd, "dump")) {
    int n = 0, have = 0;
    while (elem(fd, MAP_NEXT_KEY, have ? k : NULL, nk, 0) == 0) {
      memcpy(k, nk, ks); have = 1;
      if (elem(fd, MAP_LOOKUP, k, v, 0) < 0) continue;
      print_bytes("key", k, ks); printf("  "); print_bytes("value", v, vs); printf("\n");
      n++;
    }
    printf("Found %d element%s\n", n, n == 1 ? "" : "s");
    return 0;
  }
  if (i >= argc || strcmp(argv[i], "key")) return usage();
  i++;
  if (parse_bytes(argv, argc, &i, k, ks) < 0) return 1;
  if (!strcmp(cmd, "lookup")) {
    if (elem(fd, MAP_LOOKUP, k, v, 0) < 0) return fail("lookup");
    print_bytes("key", k, ks); printf("  "); print_bytes("value", v, vs); printf("\n");
    return 0;
  }
  if (!strcmp(cmd, "delete")) return elem(fd, MAP_DELETE, k, NULL, 0) < 0 ? fail("delete") : 0;
  if (!strcmp(cmd, "update")) {
    if (i >= argc || strcmp(argv[i], "value")) return usage();
    i++;
    if (parse_bytes(argv, argc, &i, v, vs) < 0) return 1;
    uint64_t fl = 0;
    if (i < argc) fl = !strcmp(argv[i], "noexist") ? 1 : !strcmp(argv[i], "exist") ? 2 : 0;
    return elem(fd, MAP_UPDATE, k, v, fl) < 0 ? fail("update") : 0;
  }
  return usage();
}

static char log_buf[1 << 16];

static int prog_load(int argc, char **argv) {
  if (argc < 3) return usage();
  const char *file = argv[1], *path = argv[2];
  int type = 17;
  int map_fds[16], nmaps = 0, idx[16];
  for (int i = 3; i < argc;) {
    if (!strcmp(argv[i], "type") && i + 1 < argc) {
      type = type_by_name(prog_types, NT(prog_types), argv[i + 1]);
      if (type < 0) { fprintf(stderr, "Error: unknown program type %s\n", argv[i + 1]); return 1; }
      i += 2;
    } else if (!strcmp(argv[i], "map") && i + 2 < argc && !strcmp(argv[i + 1], "idx") && nmaps < 16) {
      idx[nmaps] = atoi(argv[i + 2]);
      i += 3;
      int fd = obj_fd(argv, argc, &i, 0);
      if (fd < 0) return 1;
      map_fds[nmaps++] = fd;
    } else return usage();
  }
  int f = open(file, O_RDONLY);
  if (f < 0) return fail(file);
  static unsigned char insns[1 << 20];
  long n = 0, r;
  while ((r = read(f, insns + n, sizeof insns - n)) > 0) n += r;
  close(f);
  if (n <= 0 || n % 8) { fprintf(stderr, "Error: %s: not a whole number of 8-byte instructions\n", file); return 1; }
  /* lddw with src 1 (map fd) and imm I: the map given as "map idx I". */
  for (long o = 0; o + 16 <= n; o += 8) {
    if (insns[o] != 0x18 || (insns[o + 1] >> 4) != 1) continue;
    int32_t imm; memcpy(&imm, insns + o + 4, 4);
    for (int m = 0; m < nmaps; m++) if (idx[m] == imm) { memcpy(insns + o + 4, &map_fds[m], 4); break; }
    o += 8;
  }
  clr(); p32(0, type); p32(4, n / 8); p64(8, (uintptr_t)insns); p64(16, (uintptr_t)"GPL");
  p32(24, 1); p32(28, sizeof log_buf); p64(32, (uintptr_t)log_buf);
  const char *base = strrchr(path, '/');
  strncpy((char *)attr + 48, base ? base + 1 : path, 15);
  long fd = bpf(PROG_LOAD);
  if (fd < 0) {
    fprintf(stderr, "Error: load %s: %s\n%s", file, strerror(errno), log_buf);
    return 1;
  }
  clr(); p64(0, (uintptr_t)path); p32(8, fd);
  return bpf(OBJ_PIN) < 0 ? fail("pin program") : 0;
}

static int prog_cmd(int argc, char **argv) {
  if (argc < 1) return usage();
  const char *cmd = argv[0];
  if (!strcmp(cmd, "list") || (!strcmp(cmd, "show") && argc == 1)) return list(1);
  if (!strcmp(cmd, "load")) return prog_load(argc, argv);
  if (!strcmp(cmd, "tracelog")) {
    int fd = open("/dev/trace_pipe", O_RDONLY | (argc > 1 && !strcmp(argv[1], "-n") ? O_NONBLOCK : 0));
    if (fd < 0) return fail("/dev/trace_pipe");
    char buf[4096]; long r;
    while ((r = read(fd, buf, sizeof buf)) > 0) write(1, buf, r);
    return 0;
  }
  int i = 1, fd = obj_fd(argv, argc, &i, 1);
  if (fd < 0) return 1;
  if (!strcmp(cmd, "show")) { show_prog(fd); return 0; }
  if (!strcmp(cmd, "run")) {
    uint32_t repeat = 1;
    if (i + 1 < argc && !strcmp(argv[i], "repeat")) repeat = strtoul(argv[i + 1], NULL, 0);
    clr(); p32(0, fd); p32(32, repeat);
    if (bpf(TEST_RUN) < 0) return fail("prog run");
    printf("Return value: %u\n", g32(attr, 4));
    return 0;
  }
  if (!strcmp(cmd, "attach")) {
    if (i + 2 >= argc || strcmp(argv[i], "tp")) return usage();
    clr(); p64(0, (uintptr_t)argv[i + 1]); p32(8, fd);
    long l = bpf(RAW_TP_OPEN);
    if (l < 0) return fail("attach");
    clr(); p64(0, (uintptr_t)argv[i + 2]); p32(8, l);
    return bpf(OBJ_PIN) < 0 ? fail("pin link") : 0;
  }
  return usage();
}

int main(int argc, char **argv) {
  if (argc < 2) return usage();
  if (!strcmp(argv[1], "prog")) return prog_cmd(argc - 2, argv + 2);
  if (!strcmp(argv[1], "map")) return map_cmd(argc - 2, argv + 2);
  if (!strcmp(argv[1], "unpin") && argc == 3) {
    clr(); p64(0, (uintptr_t)argv[2]); p32(12, UNPIN_FLAG);
    return bpf(OBJ_PIN) < 0 ? fail("unpin") : 0;
  }
  return usage();
}
