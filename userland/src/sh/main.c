/* sh: a POSIX-style shell — variables, options, startup, the read-eval loop and job-control setup. */
#include "sh.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include <errno.h>
#include <signal.h>
#include <ctype.h>
#include <limits.h>
#include <pwd.h>

int last_status, interactive, job_control, tty_fd = -1;
pid_t shell_pgid, last_bg_pid;
char **posargs;
int nposargs;
char *arg0 = "sh";
int opt_e, opt_x, opt_f, opt_u, opt_n, opt_v;
int break_n, continue_n, returning, loop_depth, func_depth;
int in_subshell, cmdsub_status;
int cur_lineno = 1;
char *script_name;

void *xmalloc(size_t n) {
  void *p = malloc(n ? n : 1);
  if (!p) { write(2, "sh: out of memory\n", 18); _exit(2); }
  return p;
}
void *xrealloc(void *p, size_t n) {
  p = realloc(p, n ? n : 1);
  if (!p) { write(2, "sh: out of memory\n", 18); _exit(2); }
  return p;
}
char *xstrdup(const char *s) { return strcpy(xmalloc(strlen(s) + 1), s); }
_Noreturn void sh_exit(int st) {
  if (!in_subshell) run_exit_trap();
  fflush(stdout);
  fflush(stderr);
  exit(st);
}

/* ---- variables ---- */
struct var { char *name, *val; int exp, ro; struct var *next; };
static struct var *vars;
struct localsave { char *name, *val; int existed, exp; struct localsave *next; int frame; };
static struct localsave *locals;
static int frame_no;

int is_name(const char *s, size_t n) {
  if (!n || !(isalpha((unsigned char)s[0]) || s[0] == '_')) return 0;
  for (size_t i = 1; i < n; i++) if (!(isalnum((unsigned char)s[i]) || s[i] == '_')) return 0;
  return 1;
}
static struct var *lookup(const char *name) {
  for (struct var *v = vars; v; v = v->next) if (!strcmp(v->name, name)) return v;
  return 0;
}
char *getvar(const char *name) {
  struct var *v = lookup(name);
  return v ? v->val : 0;
}
int setvar(const char *name, const char *val, int export_flag) {
  struct var *v = lookup(name);
  if (v && v->ro) return -1;
  if (!v) {
    v = calloc(1, sizeof *v);
    v->name = xstrdup(name);
    v->next = vars;
    vars = v;
  }
  char *nv = xstrdup(val);
  free(v->val);
  v->val = nv;
  if (export_flag) v->exp = 1;
  return 0;
}
int unsetvar(const char *name) {
  for (struct var **pp = &vars; *pp; pp = &(*pp)->next)
    if (!strcmp((*pp)->name, name)) {
      if ((*pp)->ro) return -1;
      struct var *v = *pp;
      *pp = v->next;
      free(v->name);
      free(v->val);
      free(v);
      return 0;
    }
  return 0;
}
void exportvar(const char *name) {
  struct var *v = lookup(name);
  if (!v) {
    /* Exported but unset: remember the flag with no value. */
    v = calloc(1, sizeof *v);
    v->name = xstrdup(name);
    v->next = vars;
    vars = v;
  }
  v->exp = 1;
}
int readonly_var(const char *name, int set) {
  struct var *v = lookup(name);
  if (!v && set) { setvar(name, "", 0); v = lookup(name); v->val = 0; }
  if (v && set) v->ro = 1;
  return v && v->ro;
}
void push_local_frame(void) { frame_no++; }
void pop_local_frame(void) {
  while (locals && locals->frame == frame_no) {
    struct localsave *l = locals;
    locals = l->next;
    struct var *v = lookup(l->name);
    if (v) v->ro = 0;
    if (l->existed) { setvar(l->name, l->val ? l->val : "", 0); if (!l->val) { v = lookup(l->name); free(v->val); v->val = 0; } lookup(l->name)->exp = l->exp; }
    else unsetvar(l->name);
    free(l->name);
    free(l->val);
    free(l);
  }
  frame_no--;
}
void local_var(const char *name) {
  for (struct localsave *l = locals; l && l->frame == frame_no; l = l->next) if (!strcmp(l->name, name)) return;
  struct localsave *l = calloc(1, sizeof *l);
  struct var *v = lookup(name);
  l->name = xstrdup(name);
  l->existed = v != 0;
  l->val = v && v->val ? xstrdup(v->val) : 0;
  l->exp = v ? v->exp : 0;
  l->frame = frame_no;
  l->next = locals;
  locals = l;
}
char **build_env(void) {
  int n = 0;
  for (struct var *v = vars; v; v = v->next) if (v->exp && v->val) n++;
  char **env = xmalloc(sizeof *env * (size_t)(n + 1));
  n = 0;
  for (struct var *v = vars; v; v = v->next)
    if (v->exp && v->val) {
      env[n] = xmalloc(strlen(v->name) + strlen(v->val) + 2);
      sprintf(env[n], "%s=%s", v->name, v->val);
      n++;
    }
  env[n] = 0;
  return env;
}
static int cmpvar(const void *a, const void *b) { return strcmp((*(struct var *const *)a)->name, (*(struct var *const *)b)->name); }
static void print_quoted(const char *s) {
  putchar('\'');
  for (; *s; s++) { if (*s == '\'') fputs("'\\''", stdout); else putchar(*s); }
  putchar('\'');
}
/* which: 0 all (set), 1 exported, 2 readonly */
void print_vars(int which) {
  int n = 0;
  for (struct var *v = vars; v; v = v->next) n++;
  struct var **a = xmalloc(sizeof *a * (size_t)(n + 1));
  n = 0;
  for (struct var *v = vars; v; v = v->next) a[n++] = v;
  qsort(a, (size_t)n, sizeof *a, cmpvar);
  for (int i = 0; i < n; i++) {
    struct var *v = a[i];
    if (which == 1 && !v->exp) continue;
    if (which == 2 && !v->ro) continue;
    if (which == 0 && !v->val) continue;
    if (which) printf("%s %s", which == 1 ? "export" : "readonly", v->name);
    else printf("%s", v->name);
    if (v->val) { putchar('='); print_quoted(v->val); }
    putchar('\n');
  }
  free(a);
}

/* ---- startup ---- */
static void init_job_control(void) {
  tty_fd = fcntl(0, F_DUPFD_CLOEXEC, 10);
  if (tty_fd < 0) return;
  pid_t pg;
  while ((pg = tcgetpgrp(tty_fd)) >= 0 && pg != getpgrp()) kill(-getpgrp(), SIGTTIN);
  signal(SIGINT, SIG_IGN);
  signal(SIGQUIT, SIG_IGN);
  signal(SIGTSTP, SIG_IGN);
  signal(SIGTTIN, SIG_IGN);
  signal(SIGTTOU, SIG_IGN);
  shell_pgid = getpid();
  if (getpgrp() != shell_pgid && setpgid(0, shell_pgid) < 0) { job_control = 0; return; }
  if (tcsetpgrp(tty_fd, shell_pgid) < 0) { job_control = 0; return; }
  job_control = 1;
}
static void usage(void) {
  fprintf(stderr, "usage: sh [-eixfnuv] [-c command [name [arg...]] | file [arg...]]\n");
  exit(2);
}
int main(int argc, char **argv) {
  char *cmd = 0;
  int force_i = 0, login = argv[0] && argv[0][0] == '-', read_stdin = 0;
  int i = 1;
  for (; i < argc; i++) {
    char *a = argv[i];
    if (a[0] != '-' && a[0] != '+') break;
    if (!strcmp(a, "--") || !strcmp(a, "-")) { i++; break; }
    int on = a[0] == '-';
    for (char *p = a + 1; *p; p++) {
      switch (*p) {
      case 'c': cmd = (char *)1; break;
      case 'i': force_i = on; break;
      case 'l': login = 1; break;
      case 's': read_stdin = 1; break;
      case 'e': opt_e = on; break;
      case 'x': opt_x = on; break;
      case 'f': opt_f = on; break;
      case 'u': opt_u = on; break;
      case 'n': opt_n = on; break;
      case 'v': opt_v = on; break;
      case 'm': break;
      default: fprintf(stderr, "sh: Illegal option -%c\n", *p); usage();
      }
    }
  }
  if (cmd) {
    if (i >= argc) { fprintf(stderr, "sh: -c requires an argument\n"); exit(2); }
    cmd = argv[i++];
    if (i < argc) arg0 = argv[i++];
    else arg0 = argv[0] ? argv[0] : "sh";
  } else if (i < argc && !read_stdin) {
    script_name = argv[i++];
    arg0 = script_name;
  } else arg0 = argv[0] ? argv[0] : "sh";
  if (arg0[0] == '-') arg0++;
  {
    char *s = strrchr(arg0, '/');
    if (!cmd && !script_name && s) arg0 = s + 1;
  }
  posargs = argv + i;
  nposargs = argc - i;

  for (char **e = environ; e && *e; e++) {
    char *eq = strchr(*e, '=');
    if (!eq || !is_name(*e, (size_t)(eq - *e))) continue;
    char *name = strndup(*e, (size_t)(eq - *e));
    setvar(name, eq + 1, 1);
    free(name);
  }
  char buf[32];
  sprintf(buf, "%d", (int)getppid());
  setvar("PPID", buf, 0);
  if (!getvar("PS1")) setvar("PS1", geteuid() ? "$ " : "# ", 0);
  if (!getvar("PS2")) setvar("PS2", "> ", 0);
  if (!getvar("PS4")) setvar("PS4", "+ ", 0);
  if (!getvar("PATH")) setvar("PATH", "/bin:/usr/bin:/sbin:/usr/sbin", 1);
  setvar("OPTIND", "1", 0);
  {
    char cwd[PATH_MAX];
    const char *pwd = getvar("PWD");
    if (getcwd(cwd, sizeof cwd)) {
      struct stat;
      if (!pwd || pwd[0] != '/') setvar("PWD", cwd, 1);
      else {
        char *r = realpath(pwd, 0);
        if (!r || strcmp(r, cwd)) setvar("PWD", cwd, 1);
        free(r);
      }
    }
  }
  interactive = force_i || (!cmd && !script_name && isatty(0) && isatty(2));
  if (interactive) {
    init_job_control();
    signal(SIGINT, SIG_IGN);
    signal(SIGQUIT, SIG_IGN);
  }
  if (login) {
    run_file("/etc/profile", 0);
    const char *home = getvar("HOME");
    if (home) {
      char p[PATH_MAX];
      snprintf(p, sizeof p, "%s/.profile", home);
      run_file(p, 0);
    }
  }
  if (cmd) {
    run_string(cmd, 0);
    sh_exit(last_status);
  }
  if (script_name) {
    int fd = open(script_name, O_RDONLY);
    if (fd < 0) {
      fprintf(stderr, "sh: 0: cannot open %s: %s\n", script_name, errno == ENOENT ? "No such file" : strerror(errno));
      exit(errno == ENOENT ? 127 : 126);
    }
    close(fd);
    run_file(script_name, 1);
    sh_exit(last_status);
  }
  struct src *s = src_fd(0, interactive && isatty(0));
  for (;;) {
    if (interactive) jobs_notify();
    int eof = 0, err = 0;
    struct node *n = parse_next(s, &eof, &err);
    if (err) {
      last_status = 2;
      if (!interactive) sh_exit(2);
      continue;
    }
    if (eof) break;
    if (n && !opt_n) exec_node(n, 0);
    check_traps();
  }
  if (interactive) fputs("\n", stderr);
  sh_exit(last_status);
}
