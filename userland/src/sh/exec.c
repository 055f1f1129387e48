/* sh: execution of the tree — simple commands, redirections, pipelines, jobs and job control, traps. */
#include "sh.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include <errno.h>
#include <signal.h>
#include <fnmatch.h>
#include <stdarg.h>
#include <sys/wait.h>
#include <sys/stat.h>

#define MAXPROCS 32

void sh_error(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  fflush(stdout);
  if (interactive && !script_name) fprintf(stderr, "%s: ", arg0);
  else fprintf(stderr, "%s: %d: ", arg0, cur_lineno);
  vfprintf(stderr, fmt, ap);
  fputc('\n', stderr);
  va_end(ap);
}

/* ---- redirections ---- */
struct saved { int fd, copy; };
static int open_heredoc(struct redir *r) {
  char *body = r->hd_quoted ? xstrdup(r->heredoc) : expand_str(r->heredoc, 1);
  size_t len = strlen(body);
  int fd[2];
  if (len < 60000 && pipe(fd) == 0) {
    write(fd[1], body, len);
    close(fd[1]);
    free(body);
    return fd[0];
  }
  char tmpl[] = "/tmp/sh-heredocXXXXXX";
  int t = mkstemp(tmpl);
  if (t < 0) { free(body); return -1; }
  unlink(tmpl);
  write(t, body, len);
  lseek(t, 0, SEEK_SET);
  free(body);
  return t;
}
/* Applies redirections; if sv is non-null records how to undo them. Returns 0 or -1. */
static int apply_redirs(struct redir *r, struct saved *sv, int *nsv) {
  for (; r; r = r->next) {
    int fd = -1;
    char *target = r->type == R_HEREDOC ? 0 : expand_str(r->word, 0);
    switch (r->type) {
    case R_IN: fd = open(target, O_RDONLY); break;
    case R_OUT: case R_CLOBBER: fd = open(target, O_WRONLY | O_CREAT | O_TRUNC, 0666); break;
    case R_APP: fd = open(target, O_WRONLY | O_CREAT | O_APPEND, 0666); break;
    case R_RDWR: fd = open(target, O_RDWR | O_CREAT, 0666); break;
    case R_HEREDOC: fd = open_heredoc(r); break;
    case R_DUPIN: case R_DUPOUT:
      if (!strcmp(target, "-")) { fd = -2; break; }
      {
        char *e;
        long v = strtol(target, &e, 10);
        if (*e || e == target) { sh_error("%s: Bad fd number", target); free(target); return -1; }
        if (fcntl((int)v, F_GETFD) < 0) { sh_error("%ld: Bad file descriptor", v); free(target); return -1; }
        fd = -3 - (int)v;
      }
      break;
    }
    if (fd == -1) {
      sh_error("cannot %s %s: %s", r->type == R_IN ? "open" : "create", target ? target : "here-document", strerror(errno));
      free(target);
      return -1;
    }
    free(target);
    if (sv && *nsv < 32) {
      int c = fcntl(r->fd, F_DUPFD_CLOEXEC, 10);
      sv[*nsv].fd = r->fd;
      sv[*nsv].copy = c;
      (*nsv)++;
    }
    if (fd == -2) close(r->fd);
    else if (fd <= -3) { if (-3 - fd != r->fd) dup2(-3 - fd, r->fd); }
    else if (fd != r->fd) { dup2(fd, r->fd); close(fd); }
  }
  return 0;
}
static void undo_redirs(struct saved *sv, int n) {
  fflush(stdout);
  fflush(stderr);
  for (int i = n - 1; i >= 0; i--) {
    if (sv[i].copy >= 0) { dup2(sv[i].copy, sv[i].fd); close(sv[i].copy); }
    else close(sv[i].fd);
  }
}

/* ---- commands ---- */
const char *find_in_path(const char *name) {
  static char buf[4096];
  if (strchr(name, '/')) return name;
  const char *path = getvar("PATH");
  if (!path) path = "";
  for (const char *p = path;;) {
    const char *e = strchrnul(p, ':');
    snprintf(buf, sizeof buf, "%.*s%s%s", (int)(e - p), p, e > p ? "/" : "", name);
    struct stat st;
    if (stat(buf, &st) == 0 && S_ISREG(st.st_mode) && access(buf, X_OK) == 0) return buf;
    if (!*e) break;
    p = e + 1;
  }
  return 0;
}
static void trace(char **argv, int argc) {
  const char *ps4 = getvar("PS4");
  fputs(ps4 ? ps4 : "+ ", stderr);
  for (int i = 0; i < argc; i++) fprintf(stderr, "%s%s", i ? " " : "", argv[i]);
  fputc('\n', stderr);
}
static void do_assigns(struct node *n, int export_flag) {
  for (int i = 0; i < n->nassigns; i++) {
    char *eq = strchr(n->assigns[i], '=');
    char *name = strndup(n->assigns[i], (size_t)(eq - n->assigns[i]));
    char *val = expand_str(eq + 1, 2);
    if (opt_x) fprintf(stderr, "%s%s=%s\n", getvar("PS4") ? getvar("PS4") : "+ ", name, val);
    if (setvar(name, val, export_flag) < 0) { sh_error("%s: is read only", name); if (!interactive) sh_exit(2); }
    free(name);
    free(val);
  }
}
/* Runs an external command in this (child) process. */
static _Noreturn void exec_external(char **argv) {
  const char *path = find_in_path(argv[0]);
  if (!path) {
    sh_error("%s: not found", argv[0]);
    sh_exit(127);
  }
  char **env = build_env();
  execve(path, argv, env);
  int e = errno;
  if (e == ENOEXEC) {
    /* A script without #!: run it in this shell. */
    int n = 0;
    while (argv[n]) n++;
    posargs = argv + 1;
    nposargs = n - 1;
    run_file(path, 1);
    sh_exit(last_status);
  }
  sh_error("%s: %s", argv[0], e == ENOENT ? "not found" : strerror(e));
  sh_exit(e == ENOENT ? 127 : 126);
}
static int call_function(struct node *body, char **argv, int argc) {
  char **oldpos = posargs;
  int oldn = nposargs;
  posargs = argv + 1;
  nposargs = argc - 1;
  func_depth++;
  push_local_frame();
  int st = exec_node(body, 0);
  pop_local_frame();
  func_depth--;
  if (returning) { returning = 0; st = last_status; }
  posargs = oldpos;
  nposargs = oldn;
  return st;
}
static int run_job(struct node **cmds, int k, int flags, char **pre_argv);

/* Runs a simple command; in a child (EX_NOFORK) external commands replace the process. */
static int exec_simple(struct node *n, int flags) {
  struct strlist args = {0, 0, 0};
  cur_lineno = n->lineno;
  cmdsub_status = 0;
  expand_words(n->words, n->nwords, &args);
  if (!args.n) {
    do_assigns(n, 0);
    int st = cmdsub_status;
    struct saved sv[32];
    int nsv = 0;
    if (apply_redirs(n->redir, sv, &nsv) < 0) st = 2;
    undo_redirs(sv, nsv);
    return st;
  }
  if (opt_x) trace(args.v, args.n);
  int special = 0;
  builtin_fn bf = find_builtin(args.v[0], &special);
  struct node *fn = bf && special ? 0 : find_func(args.v[0]);
  if (!bf && !fn && !(flags & EX_NOFORK)) {
    /* External: fork as a job. */
    int st = run_job(&n, 1, flags, args.v);
    free(args.v);
    return st;
  }
  if (!bf && !fn) {
    /* In a child already. */
    struct saved sv[1];
    int nsv = 0;
    (void)sv;
    do_assigns(n, 1);
    if (apply_redirs(n->redir, 0, &nsv) < 0) sh_exit(2);
    exec_external(args.v);
  }
  if (bf && !strcmp(args.v[0], "exec")) {
    do_assigns(n, 1);
    if (apply_redirs(n->redir, 0, 0) < 0) { if (!interactive) sh_exit(1); return 1; }
    if (args.n == 1) return 0;
    exec_external(args.v + 1);
  }
  struct saved sv[32];
  int nsv = 0;
  do_assigns(n, 0);
  int st;
  if (apply_redirs(n->redir, sv, &nsv) < 0) st = 2;
  else if (fn) st = call_function(fn, args.v, args.n);
  else {
    clearerr(stdout);
    st = bf(args.n, args.v);
    /* The builtin's output goes to its redirection now: a failed write is the builtin's error
       (dash: "echo: I/O error", status 1), and the unwritten text is dropped, never flushed
       later to whatever stdout is once the redirection is undone. */
    if (fflush(stdout) == EOF || ferror(stdout)) {
      __fpurge(stdout);
      clearerr(stdout);
      sh_error("%s: %s: I/O error", args.v[0], args.v[0]);
      if (st == 0) st = 1;
    }
    fflush(stderr);
  }
  undo_redirs(sv, nsv);
  free(args.v);
  return st;
}
static void child_setup(pid_t pgid, int fg) {
  in_subshell = 1;
  if (job_control) {
    setpgid(0, pgid);
    if (fg) tcsetpgrp(tty_fd, pgid ? pgid : getpid());
    signal(SIGTSTP, SIG_DFL);
    signal(SIGTTIN, SIG_DFL);
    signal(SIGTTOU, SIG_DFL);
    signal(SIGINT, SIG_DFL);
    signal(SIGQUIT, SIG_DFL);
  }
  signal(SIGCHLD, SIG_DFL);
  for (int s = 1; s < 65; s++) if (traps[s] && *traps[s]) { signal(s, SIG_DFL); free(traps[s]); traps[s] = 0; }
  if (traps[0]) { free(traps[0]); traps[0] = 0; }
  /* Jobs belong to the parent shell. */
  jobs_forget();
}
/* Forks the commands of a pipeline (or one command) as a job; waits unless EX_BG. */
static int run_job(struct node **cmds, int k, int flags, char **pre_argv) {
  int bg = flags & EX_BG;
  const char *text = k > 1 && cmds[k] ? cmds[k]->text : cmds[0]->text ? cmds[0]->text : pre_argv ? pre_argv[0] : "";
  int j = job_alloc(text, bg);
  if (!j) { sh_error("too many jobs"); return 1; }
  pid_t pgid = 0;
  int in = -1;
  fflush(stdout);
  fflush(stderr);
  for (int i = 0; i < k; i++) {
    int pfd[2] = {-1, -1};
    if (i + 1 < k && pipe(pfd) < 0) { sh_error("pipe: %s", strerror(errno)); break; }
    pid_t pid = fork();
    if (pid < 0) { sh_error("fork: %s", strerror(errno)); break; }
    if (pid == 0) {
      child_setup(pgid, !bg);
      if (!job_control && bg) {
        signal(SIGINT, SIG_IGN);
        signal(SIGQUIT, SIG_IGN);
        if (i == 0) { int nul = open("/dev/null", O_RDONLY); if (nul >= 0 && nul != 0) { dup2(nul, 0); close(nul); } }
      }
      job_control = 0;
      interactive = 0;
      if (in >= 0) { dup2(in, 0); close(in); }
      if (pfd[1] >= 0) { dup2(pfd[1], 1); close(pfd[1]); close(pfd[0]); }
      struct node *c = cmds[i];
      int st;
      if (pre_argv && k == 1) {
        struct saved sv[1];
        (void)sv;
        do_assigns(c, 1);
        if (apply_redirs(c->redir, 0, 0) < 0) sh_exit(2);
        exec_external(pre_argv);
      }
      if (c->type == N_SUBSHELL) {
        struct saved sv[32];
        int nsv = 0;
        if (apply_redirs(c->redir, sv, &nsv) < 0) sh_exit(2);
        st = exec_node(c->a, EX_NOFORK);
      } else st = exec_node(c, EX_NOFORK);
      sh_exit(st);
    }
    if (!pgid) pgid = pid;
    if (job_control) setpgid(pid, pgid);
    job_add(j, pid);
    if (in >= 0) close(in);
    if (pfd[1] >= 0) close(pfd[1]);
    in = pfd[0];
  }
  if (in >= 0) close(in);
  if (!job_npids(j)) { job_discard(j); return 1; }
  if (bg) { job_background(j); return 0; }
  if (job_control) tcsetpgrp(tty_fd, pgid);
  return wait_job_fg(j);
}
static void collect_pipe(struct node *n, struct node **v, int *k) {
  if (n->type == N_PIPE) { collect_pipe(n->a, v, k); collect_pipe(n->b, v, k); }
  else if (*k < MAXPROCS) v[(*k)++] = n;
}
static int exec_compound_redirs(struct node *n, int flags, int (*body)(struct node *, int)) {
  struct saved sv[32];
  int nsv = 0;
  if (apply_redirs(n->redir, sv, &nsv) < 0) { undo_redirs(sv, nsv); return 2; }
  int st = body(n, flags);
  undo_redirs(sv, nsv);
  return st;
}
static int loop_ctl(void) {
  /* After a loop body: returns 1 to leave the loop. */
  if (returning) return 1;
  if (break_n) { break_n--; return 1; }
  if (continue_n) { if (--continue_n) return 1; }
  return 0;
}
static int body_of(struct node *n, int flags) {
  int st = 0;
  flags &= ~EX_NOFORK;
  switch (n->type) {
  case N_GROUP: return n->a ? exec_node(n->a, flags) : 0;
  case N_IF:
    if (!exec_node(n->a, flags | EX_COND)) return n->b ? exec_node(n->b, flags) : 0;
    if (break_n || continue_n || returning) return last_status;
    if (!n->c) return 0;
    return exec_node(n->c, flags);
  case N_WHILE: case N_UNTIL:
    loop_depth++;
    for (;;) {
      int c = exec_node(n->a, flags | EX_COND);
      if (break_n || continue_n || returning) { if (loop_ctl()) break; continue; }
      if ((c == 0) != (n->type == N_WHILE)) break;
      st = exec_node(n->b, flags);
      if (loop_ctl()) break;
    }
    loop_depth--;
    return st;
  case N_FOR: {
    struct strlist items = {0, 0, 0};
    if (n->has_in) expand_words(n->words, n->nwords, &items);
    else for (int i = 0; i < nposargs; i++) sl_push(&items, xstrdup(posargs[i]));
    loop_depth++;
    for (int i = 0; i < items.n; i++) {
      if (setvar(n->name, items.v[i], 0) < 0) { sh_error("%s: is read only", n->name); st = 1; break; }
      st = exec_node(n->b, flags);
      if (loop_ctl()) break;
    }
    loop_depth--;
    return st;
  }
  case N_CASE: {
    char *w = expand_str(n->name, 0);
    for (struct caseitem *ci = n->items; ci; ci = ci->next)
      for (int i = 0; i < ci->npats; i++) {
        char *pat = expand_pattern(ci->pats[i]);
        int m = fnmatch(pat, w, 0) == 0;
        free(pat);
        if (m) { free(w); return ci->body ? exec_node(ci->body, flags) : 0; }
      }
    free(w);
    return 0;
  }
  }
  return 0;
}
int exec_node(struct node *n, int flags) {
  int st = 0;
  if (!n) return 0;
  int nofork = flags & EX_NOFORK;
  switch (n->type) {
  case N_CMD: st = exec_simple(n, flags); break;
  case N_PIPE: {
    struct node *v[MAXPROCS + 1];
    int k = 0;
    collect_pipe(n, v, &k);
    v[k] = n;
    st = run_job(v, k, flags & ~EX_NOFORK, 0);
    break;
  }
  case N_AND: case N_OR:
    st = exec_node(n->a, (flags & ~EX_NOFORK) | EX_COND);
    if (break_n || continue_n || returning) break;
    if ((st == 0) == (n->type == N_AND)) st = exec_node(n->b, flags);
    last_status = st;
    return st;
  case N_SEQ:
    exec_node(n->a, flags & ~EX_NOFORK);
    if (break_n || continue_n || returning) return last_status;
    return exec_node(n->b, flags);
  case N_BG: {
    struct node *v[2] = {n->a, n->a};
    st = run_job(v, 1, EX_BG, 0);
    break;
  }
  case N_NOT: st = !exec_node(n->a, (flags & ~EX_NOFORK) | EX_COND); last_status = st; return st;
  case N_SUBSHELL:
    if (nofork) {
      struct saved sv[32];
      int nsv = 0;
      if (apply_redirs(n->redir, sv, &nsv) < 0) return 1;
      st = exec_node(n->a, EX_NOFORK);
    } else {
      struct node *v[2] = {n, n};
      st = run_job(v, 1, flags, 0);
    }
    break;
  case N_FUNC: define_func(n->name, n->a); st = 0; break;
  default: st = exec_compound_redirs(n, flags, body_of); break;
  }
  last_status = st;
  check_traps();
  if (opt_e && st && !(flags & EX_COND) && (n->type == N_CMD || n->type == N_PIPE || n->type == N_SUBSHELL)) sh_exit(st);
  return st;
}

/* ---- sources ---- */
static int run_src(struct src *s) {
  int eof = 0, err = 0;
  for (;;) {
    struct node *n = parse_next(s, &eof, &err);
    if (err) {
      last_status = 2;
      if (!interactive) sh_exit(2);
      continue;
    }
    if (eof) break;
    if (n && !opt_n) exec_node(n, 0);
    if (returning && func_depth == 0) break;
  }
  return last_status;
}
int run_string(const char *str, const char *name) {
  struct src *s = src_string(str);
  int st = run_src(s);
  src_free(s);
  (void)name;
  return st;
}
int run_file(const char *path, int must_exist) {
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (must_exist) sh_error("cannot open %s: %s", path, errno == ENOENT ? "No such file" : strerror(errno));
    return -1;
  }
  struct src *s = src_fd(fd, 0);
  int saved_line = cur_lineno;
  int st = run_src(s);
  cur_lineno = saved_line;
  src_free(s);
  close(fd);
  return st;
}


