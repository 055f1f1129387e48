/* strace [-f] [-o FILE] [-e trace=NAME,...] PROG [ARGS]: runs PROG under
   ptrace (PTRACE_SYSCALL with TRACESYSGOOD, PTRACE_GET_SYSCALL_INFO at each
   stop) and prints each call as strace does: name(args) = ret, with
   strings escaped and cut at 32 bytes, open/mmap/prot flags, errno names,
   "--- SIGxxx {...} ---" for signals and "+++ exited with N +++" at the end. */
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include "include/sysnames.h"

#define PT_TRACEME 0
#define PT_PEEKDATA 2
#define PT_SYSCALL 24
#define PT_SETOPTIONS 0x4200
#define PT_GETEVENTMSG 0x4201
#define PT_GETSIGINFO 0x4202
#define PT_GET_SYSCALL_INFO 0x420e
#define O_TRACESYSGOOD 1
#define O_TRACEFORK 2
#define O_TRACEVFORK 4
#define O_TRACECLONE 8
#define O_TRACEEXEC 0x10
#define O_EXITKILL 0x100000
#define WALL 0x40000000
#define MAXSTR 32

struct scinfo {
  uint8_t op, pad[3];
  uint32_t arch;
  uint64_t ip, sp;
  union { struct { uint64_t nr, args[6]; } entry; struct { int64_t rval; uint8_t is_error; } exit; };
};

/* Per-traced-process state: the call in progress and its decoded arguments. */
struct proc { int pid, insys, nr, shown, fresh; uint64_t args[6]; char line[1024]; };
static struct proc procs[64];
static int nprocs, follow, main_pid;
static FILE *out;
static char *only[64];
static int nonly;

static long pt(long req, long pid, long addr, long data) { return syscall(117 /* ptrace */, req, pid, addr, data); }

static const char *const errnames[] = {
  0, "EPERM", "ENOENT", "ESRCH", "EINTR", "EIO", "ENXIO", "E2BIG", "ENOEXEC", "EBADF", "ECHILD", "EAGAIN", "ENOMEM",
  "EACCES", "EFAULT", "ENOTBLK", "EBUSY", "EEXIST", "EXDEV", "ENODEV", "ENOTDIR", "EISDIR", "EINVAL", "ENFILE", "EMFILE",
  "ENOTTY", "ETXTBSY", "EFBIG", "ENOSPC", "ESPIPE", "EROFS", "EMLINK", "EPIPE", "EDOM", "ERANGE", "EDEADLK",
  "ENAMETOOLONG", "ENOLCK", "ENOSYS", "ENOTEMPTY", "ELOOP",
};
static const char *const signames[] = {
  0, "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS", "SIGFPE", "SIGKILL", "SIGUSR1", "SIGSEGV",
  "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT", "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN",
  "SIGTTOU", "SIGURG", "SIGXCPU", "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS",
};

static void signame(char *b, int sig) {
  if (sig > 0 && sig < 32) strcpy(b, signames[sig]);
  else if (sig >= 32 && sig <= 64) sprintf(b, "SIGRT_%d", sig - 32);
  else sprintf(b, "%d", sig);
}

static struct proc *find(int pid, int create) {
  for (int i = 0; i < nprocs; i++) if (procs[i].pid == pid) return &procs[i];
  if (!create || nprocs == 64) return 0;
  memset(&procs[nprocs], 0, sizeof procs[0]);
  procs[nprocs].pid = pid;
  return &procs[nprocs++];
}

static void drop(int pid) {
  for (int i = 0; i < nprocs; i++) if (procs[i].pid == pid) { procs[i] = procs[--nprocs]; return; }
}

/* Reads n bytes of the tracee's memory at addr (word by word); returns bytes read. */
static int peek(int pid, uint64_t addr, char *buf, int n) {
  int done = 0;
  while (done < n) {
    long w;
    uint64_t a = addr + done;
    uint64_t al = a & ~7ull;
    if (pt(PT_PEEKDATA, pid, (long)al, (long)&w) != 0) break;
    int off = (int)(a - al), k = 8 - off;
    if (k > n - done) k = n - done;
    memcpy(buf + done, (char *)&w + off, k);
    done += k;
  }
  return done;
}

/* Appends s's escaped bytes, strace style; octal escapes use the fewest digits unless a digit follows. */
static char *put_bytes(char *o, const unsigned char *s, int n, int cut) {
  *o++ = '"';
  for (int i = 0; i < n; i++) {
    unsigned c = s[i];
    switch (c) {
    case '\n': *o++ = '\\'; *o++ = 'n'; break;
    case '\t': *o++ = '\\'; *o++ = 't'; break;
    case '\r': *o++ = '\\'; *o++ = 'r'; break;
    case '\v': *o++ = '\\'; *o++ = 'v'; break;
    case '\f': *o++ = '\\'; *o++ = 'f'; break;
    case '"': *o++ = '\\'; *o++ = '"'; break;
    case '\\': *o++ = '\\'; *o++ = '\\'; break;
    default:
      if (c >= 32 && c < 127) *o++ = c;
      else if (i + 1 < n && s[i + 1] >= '0' && s[i + 1] <= '7') o += sprintf(o, "\\%03o", c);
      else o += sprintf(o, "\\%o", c);
    }
  }
  *o++ = '"';
  if (cut) { strcpy(o, "..."); o += 3; }
  *o = 0;
  return o;
}

/* A NUL-terminated string in the tracee; paths are shown whole (up to 256), others cut at MAXSTR. */
static char *put_str(char *o, int pid, uint64_t addr, int max) {
  if (addr == 0) return o + sprintf(o, "NULL");
  char buf[260];
  int n = 0, cut = 0;
  for (;;) {
    char c;
    if (peek(pid, addr + n, &c, 1) != 1) { if (n == 0) return o + sprintf(o, "%#llx", (unsigned long long)addr); break; }
    if (c == 0) break;
    if (n == max) { cut = 1; break; }
    buf[n++] = c;
  }
  return put_bytes(o, (unsigned char *)buf, n, cut);
}

static char *put_buf(char *o, int pid, uint64_t addr, long len) {
  if (len < 0) return o + sprintf(o, "%#llx", (unsigned long long)addr);
  char buf[MAXSTR];
  int n = len > MAXSTR ? MAXSTR : (int)len;
  if (peek(pid, addr, buf, n) != n) return o + sprintf(o, "%#llx", (unsigned long long)addr);
  return put_bytes(o, (unsigned char *)buf, n, len > MAXSTR);
}

struct flag { unsigned long v; const char *name; };
static const struct flag oflags[] = {
  {01, "O_WRONLY"}, {02, "O_RDWR"}, {0100, "O_CREAT"}, {0200, "O_EXCL"}, {0400, "O_NOCTTY"}, {01000, "O_TRUNC"},
  {02000, "O_APPEND"}, {04000, "O_NONBLOCK"}, {010000, "O_DSYNC"}, {020000, "O_ASYNC"}, {040000, "O_DIRECT"},
  {0200000, "O_DIRECTORY"}, {0400000, "O_NOFOLLOW"}, {01000000, "O_NOATIME"}, {02000000, "O_CLOEXEC"}, {010000000, "O_PATH"}, {0, 0},
};
static const struct flag prots[] = { {1, "PROT_READ"}, {2, "PROT_WRITE"}, {4, "PROT_EXEC"}, {0, 0} };
static const struct flag mflags[] = {
  {0x10, "MAP_FIXED"}, {0x20, "MAP_ANONYMOUS"}, {0x100, "MAP_GROWSDOWN"}, {0x800, "MAP_DENYWRITE"}, {0x2000, "MAP_LOCKED"},
  {0x4000, "MAP_NORESERVE"}, {0x8000, "MAP_POPULATE"}, {0x10000, "MAP_NONBLOCK"}, {0x20000, "MAP_STACK"},
  {0x100000, "MAP_FIXED_NOREPLACE"}, {0, 0},
};

static char *put_flags(char *o, const struct flag *t, unsigned long v, const char *zero) {
  char *s = o;
  if (zero != 0) { o += sprintf(o, "%s", zero); }
  for (; t->name; t++) if ((v & t->v) == t->v) { o += sprintf(o, "%s%s", o == s ? "" : "|", t->name); v &= ~t->v; }
  if (v != 0 || o == s) o += sprintf(o, "%s%#lx", o == s ? "" : "|", v);
  return o;
}

/* Argument kinds: d int, u unsigned, x hex, p pointer, s path, b buffer (len next), B buffer at exit (len = result),
   C string at exit, A int[2] at exit, I ioctl request, F dirfd, o open flags, O flags without an access mode, m mode, P prot, M map flags, S signal, v argv, e envp. */
static const char *spec(int nr) {
  switch (nr) {
  case 17: return "Cu"; case 23: return "d"; case 24: return "ddo"; case 25: return "ddx"; case 29: return "dIp";
  case 34: return "Fsm"; case 35: return "Fsx"; case 48: return "Fsd"; case 49: return "s"; case 56: return "Fsom";
  case 57: return "d"; case 59: return "AO"; case 61: return "dpu"; case 62: return "ddd"; case 63: return "dBu";
  case 64: return "dbu"; case 65: return "dpd"; case 66: return "dpd"; case 78: return "FsBu"; case 79: return "Fspx";
  case 80: return "dp"; case 93: return "d"; case 94: return "d"; case 96: return "p"; case 98: return "pdddpd";
  case 99: return "pu"; case 101: return "pp"; case 113: return "dp"; case 115: return "ddpp"; case 124: return "";
  case 129: return "dS"; case 130: return "dS"; case 131: return "ddS"; case 134: return "Sppu"; case 135: return "dppu";
  case 160: return "p"; case 172: case 173: case 174: case 175: case 176: case 177: case 178: return "";
  case 214: return "p"; case 215: return "pu"; case 220: return "xpppp"; case 221: return "sve"; case 222: return "puPMdx";
  case 226: return "puP"; case 260: return "dpdp"; case 261: return "ddpp"; case 278: return "pux";
  default: return "xxxxxx";
  }
}

static const char *sysname(int nr, char *tmp) {
  if (nr >= 0 && nr < NR_SYSNAMES && sysnames[nr]) return sysnames[nr];
  sprintf(tmp, "syscall_%#x", nr);
  return tmp;
}

static char *put_arg(char *o, struct proc *p, char kind, int i, long rval) {
  uint64_t v = p->args[i];
  switch (kind) {
  case 'd': return o + sprintf(o, "%d", (int)v);
  case 'u': return o + sprintf(o, "%llu", (unsigned long long)v);
  case 'x': return o + sprintf(o, "%#llx", (unsigned long long)v);
  case 'I': {
    static const struct { unsigned v; const char *n; } ioc[] = {
      {0x5401, "TCGETS"}, {0x5402, "TCSETS"}, {0x5403, "TCSETSW"}, {0x5404, "TCSETSF"}, {0x540f, "TIOCGPGRP"},
      {0x5410, "TIOCSPGRP"}, {0x5413, "TIOCGWINSZ"}, {0x5414, "TIOCSWINSZ"}, {0x541b, "FIONREAD"}, {0x5421, "FIONBIO"},
    };
    for (unsigned j = 0; j < sizeof ioc / sizeof *ioc; j++) if (ioc[j].v == (unsigned)v) return o + sprintf(o, "%s", ioc[j].n);
    return o + sprintf(o, "%#llx", (unsigned long long)v);
  }
  case 'p': return v == 0 ? o + sprintf(o, "NULL") : o + sprintf(o, "%#llx", (unsigned long long)v);
  case 's': return put_str(o, p->pid, v, 256);
  case 'b': return put_buf(o, p->pid, v, (long)p->args[i + 1]);
  case 'B': return put_buf(o, p->pid, v, rval);
  case 'C': return put_str(o, p->pid, v, 256);
  case 'A': {
    int fd[2];
    if (peek(p->pid, v, (char *)fd, 8) != 8) return o + sprintf(o, "%#llx", (unsigned long long)v);
    return o + sprintf(o, "[%d, %d]", fd[0], fd[1]);
  }
  case 'F': return (int)v == -100 ? o + sprintf(o, "AT_FDCWD") : o + sprintf(o, "%d", (int)v);
  case 'o': return put_flags(o, oflags, v, (v & 3) == 0 ? "O_RDONLY" : 0);
  case 'O': return v == 0 ? o + sprintf(o, "0") : put_flags(o, oflags, v, 0);
  case 'm': return o + sprintf(o, "%#llo", (unsigned long long)v);
  case 'P': return v == 0 ? o + sprintf(o, "PROT_NONE") : put_flags(o, prots, v, 0);
  case 'M': {
    const char *t = (v & 3) == 1 ? "MAP_SHARED" : (v & 3) == 2 ? "MAP_PRIVATE" : "MAP_SHARED_VALIDATE";
    o += sprintf(o, "%s", t);
    return (v & ~3ull) ? put_flags(o + sprintf(o, "|"), mflags, v & ~3ull, 0) : o;
  }
  case 'S': { char b[16]; signame(b, (int)v); return o + sprintf(o, "%s", b); }
  case 'v': case 'e': {
    int n = 0;
    if (kind == 'v') *o++ = '[';
    for (;; n++) {
      uint64_t a = 0;
      if (peek(p->pid, v + 8 * n, (char *)&a, 8) != 8 || a == 0 || n == 32) break;
      if (kind == 'v') { if (n) o += sprintf(o, ", "); o = put_str(o, p->pid, a, MAXSTR); }
    }
    if (kind == 'v') { *o++ = ']'; *o = 0; return o; }
    return o + sprintf(o, "%#llx /* %d var%s */", (unsigned long long)v, n, n == 1 ? "" : "s");
  }
  }
  return o;
}

static int wanted(int nr) {
  if (nonly == 0) return 1;
  char tmp[32];
  const char *n = sysname(nr, tmp);
  for (int i = 0; i < nonly; i++) if (strcmp(only[i], n) == 0) return 1;
  return 0;
}

static void prefix(int pid) { if (follow && nprocs > 1) fprintf(out, "[pid %5d] ", pid); }

/* Entry: decode the arguments known before the call (everything but 'B'). */
static void on_entry(struct proc *p, struct scinfo *si) {
  p->insys = 1;
  p->nr = (int)si->entry.nr;
  memcpy(p->args, si->entry.args, sizeof p->args);
  p->shown = wanted(p->nr);
  if (!p->shown) return;
  char tmp[32], *o = p->line;
  o += sprintf(o, "%s(", sysname(p->nr, tmp));
  if (p->nr == 220) { /* clone(flags, stack, ptid, tls, ctid) as strace names them */
    static const struct flag cf[] = {
      {0x100, "CLONE_VM"}, {0x200, "CLONE_FS"}, {0x400, "CLONE_FILES"}, {0x800, "CLONE_SIGHAND"}, {0x4000, "CLONE_VFORK"},
      {0x8000, "CLONE_PARENT"}, {0x10000, "CLONE_THREAD"}, {0x40000, "CLONE_SYSVSEM"}, {0x80000, "CLONE_SETTLS"},
      {0x100000, "CLONE_PARENT_SETTID"}, {0x200000, "CLONE_CHILD_CLEARTID"}, {0x1000000, "CLONE_CHILD_SETTID"}, {0, 0},
    };
    uint64_t f = p->args[0];
    o += sprintf(o, "child_stack=");
    o = put_arg(o, p, 'p', 1, 0);
    o += sprintf(o, ", flags=");
    if (f & ~0xffull) o = put_flags(o, cf, f & ~0xffull, 0);
    if (f & 0xff) { char b[16]; signame(b, (int)(f & 0xff)); o += sprintf(o, "%s%s", (f & ~0xffull) ? "|" : "", b); }
    if (f & 0x200000 || f & 0x1000000) o += sprintf(o, ", child_tidptr=%#llx", (unsigned long long)p->args[4]);
    strcpy(o, ")");
    return;
  }
  const char *k = spec(p->nr);
  for (int i = 0; k[i]; i++) {
    if (k[i] == 'm' && p->nr == 56 && !(p->args[2] & 020100100)) break; /* openat shows a mode only with O_CREAT/O_TMPFILE */
    if (i) o += sprintf(o, ", ");
    if (k[i] == 'B' || k[i] == 'C' || k[i] == 'A') { o += sprintf(o, "\x01"); continue; } /* filled in at exit */
    o = put_arg(o, p, k[i], i, 0);
  }
  strcpy(o, ")");
  if (p->nr == 93 || p->nr == 94) { prefix(p->pid); fprintf(out, "%s = ?\n", p->line); p->shown = 0; }
}

static void on_exit_stop(struct proc *p, struct scinfo *si) {
  p->insys = 0;
  if (!p->shown) return;
  long r = (long)si->exit.rval;
  char final[1400], *o = final;
  const char *k = spec(p->nr);
  int argi = 0;
  for (const char *s = p->line; *s; s++) {
    if (*s == '\x01') {
      while (k[argi] && k[argi] != 'B' && k[argi] != 'C' && k[argi] != 'A') argi++;
      o = si->exit.is_error || r < 0 ? o + sprintf(o, "%#llx", (unsigned long long)p->args[argi]) : put_arg(o, p, k[argi], argi, r);
      argi++;
    } else *o++ = *s;
  }
  *o = 0;
  prefix(p->pid);
  if (r == -512 || r == -514 || r == -516) { /* a blocked call interrupted by a signal, before the restart rules apply */
    fprintf(out, "%s = ? %s\n", final, r == -512 ? "ERESTARTSYS (To be restarted if SA_RESTART is set)"
            : r == -514 ? "ERESTARTNOHAND (To be restarted if no handler)" : "ERESTART_RESTARTBLOCK (Interrupted by signal)");
  } else if (si->exit.is_error) {
    int e = (int)-r;
    if (e > 0 && e < (int)(sizeof errnames / sizeof *errnames)) fprintf(out, "%s = -1 %s (%s)\n", final, errnames[e], strerror(e));
    else fprintf(out, "%s = -1 E%d (%s)\n", final, e, strerror(e));
  } else if (p->nr == 214 || p->nr == 222) fprintf(out, "%s = %#lx\n", final, r);
  else fprintf(out, "%s = %ld\n", final, r);
}

static void on_signal(int pid, int sig) {
  unsigned char si[128];
  char name[16];
  signame(name, sig);
  prefix(pid);
  if (pt(PT_GETSIGINFO, pid, 0, (long)si) != 0) { fprintf(out, "--- stopped by %s ---\n", name); return; }
  int code, spid, uid;
  memcpy(&code, si + 8, 4); memcpy(&spid, si + 16, 4); memcpy(&uid, si + 20, 4);
  fprintf(out, "--- %s {si_signo=%s, si_code=", name, name);
  if (code == 0) fprintf(out, "SI_USER, si_pid=%d, si_uid=%d", spid, uid);
  else if (code == -6) fprintf(out, "SI_TKILL, si_pid=%d, si_uid=%d", spid, uid);
  else if (code == 0x80) fprintf(out, "SI_KERNEL");
  else if (sig == SIGCHLD && code >= 1 && code <= 6) {
    static const char *const cld[] = { 0, "CLD_EXITED", "CLD_KILLED", "CLD_DUMPED", "CLD_TRAPPED", "CLD_STOPPED", "CLD_CONTINUED" };
    int status;
    memcpy(&status, si + 24, 4);
    fprintf(out, "%s, si_pid=%d, si_uid=%d, si_status=", cld[code], spid, uid);
    if (code == 1) fprintf(out, "%d", status); else { char b[16]; signame(b, status); fprintf(out, "%s", b); }
    fprintf(out, ", si_utime=0, si_stime=0");
  } else if (sig == SIGSEGV || sig == SIGBUS || sig == SIGILL || sig == SIGTRAP || sig == SIGFPE) {
    uint64_t addr;
    memcpy(&addr, si + 16, 8);
    const char *n = sig == SIGSEGV ? (code == 1 ? "SEGV_MAPERR" : code == 2 ? "SEGV_ACCERR" : 0)
                  : sig == SIGTRAP ? (code == 1 ? "TRAP_BRKPT" : 0) : sig == SIGILL ? (code == 1 ? "ILL_ILLOPC" : 0) : 0;
    if (n) fprintf(out, "%s", n); else fprintf(out, "%d", code);
    fprintf(out, ", si_addr=%s", addr == 0 ? "NULL" : "");
    if (addr) fprintf(out, "%#llx", (unsigned long long)addr);
  } else fprintf(out, "%d", code);
  fprintf(out, "} ---\n");
}

static void usage(void) {
  fprintf(stderr, "usage: strace [-f] [-o FILE] [-e trace=NAME,...] PROG [ARGS]\n");
  exit(1);
}

int main(int argc, char **argv) {
  int i = 1;
  out = stderr;
  for (; i < argc && argv[i][0] == '-'; i++) {
    if (strcmp(argv[i], "-f") == 0) follow = 1;
    else if (strcmp(argv[i], "-o") == 0 && i + 1 < argc) {
      out = fopen(argv[++i], "w");
      if (out == 0) { fprintf(stderr, "strace: can't fopen '%s': %s\n", argv[i], strerror(errno)); return 1; }
    } else if (strcmp(argv[i], "-e") == 0 && i + 1 < argc) {
      char *e = argv[++i];
      if (strncmp(e, "trace=", 6) == 0) e += 6;
      for (char *t = strtok(e, ","); t && nonly < 64; t = strtok(0, ",")) only[nonly++] = t;
    } else if (strcmp(argv[i], "--") == 0) { i++; break; }
    else usage();
  }
  if (i >= argc) usage();
  int pid = fork();
  if (pid < 0) { fprintf(stderr, "strace: fork: %s\n", strerror(errno)); return 1; }
  if (pid == 0) {
    pt(PT_TRACEME, 0, 0, 0);
    kill(getpid(), SIGSTOP);
    execvp(argv[i], argv + i);
    fprintf(stderr, "strace: exec: %s\n", strerror(errno));
    _exit(1);
  }
  main_pid = pid;
  int st, code = 0;
  if (waitpid(pid, &st, 0) != pid || !WIFSTOPPED(st)) { fprintf(stderr, "strace: child did not stop\n"); return 1; }
  long opts = O_TRACESYSGOOD | O_TRACEEXEC | O_EXITKILL | (follow ? O_TRACEFORK | O_TRACEVFORK | O_TRACECLONE : 0);
  pt(PT_SETOPTIONS, pid, 0, opts);
  find(pid, 1);
  pt(PT_SYSCALL, pid, 0, 0);
  while (nprocs > 0) {
    int w = waitpid(-1, &st, WALL);
    if (w < 0) break;
    struct proc *p = find(w, 0);
    if (p == 0) { p = find(w, 1); p->fresh = 1; } /* the child stopped before its parent's fork event */
    if (WIFEXITED(st) || WIFSIGNALED(st)) {
      if (p->insys && p->shown) { prefix(w); fprintf(out, "%s = ?\n", p->line); }
      prefix(w);
      if (WIFEXITED(st)) fprintf(out, "+++ exited with %d +++\n", WEXITSTATUS(st));
      else { char b[16]; signame(b, WTERMSIG(st)); fprintf(out, "+++ killed by %s%s +++\n", b, WCOREDUMP(st) ? " (core dumped)" : ""); }
      if (w == main_pid) code = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
      drop(w);
      continue;
    }
    int sig = WSTOPSIG(st), inject = 0;
    if (sig == (SIGTRAP | 0x80)) {
      struct scinfo si;
      memset(&si, 0, sizeof si);
      pt(PT_GET_SYSCALL_INFO, w, sizeof si, (long)&si);
      if (si.op == 1) on_entry(p, &si);
      else if (si.op == 2) on_exit_stop(p, &si);
    } else if ((st >> 16) != 0) {
      /* PTRACE_EVENT stop: a fork/vfork/clone names the new tracee (GETEVENTMSG); exec prints nothing. */
      int ev = st >> 16;
      unsigned long msg = 0;
      if (ev >= 1 && ev <= 3 && pt(PT_GETEVENTMSG, w, 0, (long)&msg) == 0 && find((int)msg, 0) == 0) find((int)msg, 1)->fresh = 1;
    } else if (sig == SIGSTOP && p->fresh) {
      p->fresh = 0; /* a new child's initial stop */
    } else {
      on_signal(w, sig);
      inject = sig;
    }
    pt(PT_SYSCALL, w, 0, inject);
  }
  fflush(out);
  return code;
}
