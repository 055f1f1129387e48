/* sh: shared declarations of the shell (parser, expansion, execution, jobs, builtins). */
#ifndef SH_H
#define SH_H
#include <stddef.h>
#include <sys/types.h>

enum { N_CMD, N_PIPE, N_AND, N_OR, N_SEQ, N_BG, N_NOT, N_SUBSHELL, N_GROUP, N_IF, N_WHILE, N_UNTIL, N_FOR, N_CASE, N_FUNC };
enum { R_IN, R_OUT, R_APP, R_CLOBBER, R_DUPIN, R_DUPOUT, R_RDWR, R_HEREDOC };

struct redir {
  int fd, type;
  char *word;      /* target word (raw) or heredoc delimiter */
  char *heredoc;   /* heredoc body */
  int hd_quoted, hd_strip;
  struct redir *next;
};
struct caseitem { char **pats; int npats; struct node *body; struct caseitem *next; };
struct node {
  int type;
  struct node *a, *b, *c;  /* children: left/right, cond/then/else, body */
  char **words; int nwords; /* simple command words (raw) / for list */
  char **assigns; int nassigns;
  struct redir *redir;
  char *name;               /* for variable, function name */
  int has_in;               /* for: explicit "in" list */
  struct caseitem *items;
  int lineno;
  char *text;               /* source text for job display (pipelines) */
};

/* parse.c */
struct src;
struct src *src_string(const char *s);
struct src *src_fd(int fd, int interactive);
void src_free(struct src *);
/* Parses the next complete command; *eof set at end of input; returns NULL on error or empty. */
struct node *parse_next(struct src *s, int *eof, int *err);
int src_lineno(struct src *);
void heredocs_reset(void);

/* expand.c */
struct strlist { char **v; int n, cap; };
void sl_push(struct strlist *, char *);
int expand_words(char **words, int n, struct strlist *out); /* full expansion with splitting+glob */
char *expand_str(const char *raw, int heredoc);             /* no splitting/glob (assignments, redir targets) */
char *expand_pattern(const char *raw);                      /* case patterns: quoted chars escaped */
long arith_eval(const char *expr, int *err);
char *run_cmdsub(const char *cmd);

/* vars (main.c) */
char *getvar(const char *name);
int setvar(const char *name, const char *val, int export_flag);
int unsetvar(const char *name);
void exportvar(const char *name);
void export_all_assigns(void);
char **build_env(void);
void print_vars(int exported_only);
int is_name(const char *s, size_t n);
int readonly_var(const char *name, int set);
void local_var(const char *name);
void push_local_frame(void);
void pop_local_frame(void);

/* exec.c */
int exec_node(struct node *, int flags); /* returns exit status */
#define EX_BG 1
#define EX_NOFORK 2  /* last command may exec in place (subshell/child) */
#define EX_COND 4    /* in a condition: set -e does not apply */
int run_string(const char *s, const char *name);
int run_file(const char *path, int must_exist);
void sh_error(const char *fmt, ...);
int wait_job_fg(int j);
void jobs_notify(void);
int find_job(const char *spec);
void job_print(int j, int longfmt);
int job_continue(int j, int fg);
int jobs_builtin(void);
int wait_builtin(char **argv, int argc);
int job_count(void);
pid_t job_pgid(int j);
int job_alloc(const char *text, int bg);
void job_add(int j, pid_t pid);
int job_npids(int j);
void job_discard(int j);
void job_background(int j);
void jobs_forget(void);
const char *find_in_path(const char *name);
void set_trap(int sig, const char *cmd);
void run_exit_trap(void);
void check_traps(void);
extern char *traps[65];

/* builtins.c */
typedef int (*builtin_fn)(int, char **);
builtin_fn find_builtin(const char *name, int *special);
struct node *find_func(const char *name);
void define_func(const char *name, struct node *body);

/* edit.c */
char *edit_line(const char *prompt); /* NULL at EOF */
void history_add(const char *line);
void history_print(void);

/* globals */
extern int last_status, interactive, job_control, tty_fd;
extern pid_t shell_pgid, last_bg_pid;
extern char **posargs; extern int nposargs;
extern char *arg0;
extern int opt_e, opt_x, opt_f, opt_u, opt_n, opt_v;
extern int break_n, continue_n, returning, loop_depth, func_depth;
extern int in_subshell, cmdsub_status;
extern int cur_lineno;
extern char *script_name;

void *xmalloc(size_t);
void *xrealloc(void *, size_t);
char *xstrdup(const char *);
_Noreturn void sh_exit(int);
#endif
