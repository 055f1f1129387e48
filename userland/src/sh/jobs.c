/* sh: the job table (process groups, states, notification, fg/bg/wait) and traps. */
#include "sh.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <errno.h>
#include <signal.h>
#include <sys/wait.h>

#define MAXJOBS 32
#define MAXPROCS 32
struct job {
  int used, npids, bg, notified;
  pid_t pgid, pids[MAXPROCS];
  int status[MAXPROCS], state[MAXPROCS]; /* state: 0 running, 1 stopped, 2 done */
  char *text;
};
static struct job jobs[MAXJOBS + 1];
static int cur_job, prev_job;
char *traps[65];
static volatile int trap_pending[65];

/* ---- jobs ---- */
int job_count(void) {
  int n = 0;
  for (int j = 1; j <= MAXJOBS; j++) n += jobs[j].used;
  return n;
}
static int job_done(struct job *jb) {
  for (int i = 0; i < jb->npids; i++) if (jb->state[i] != 2) return 0;
  return 1;
}
static int job_stopped(struct job *jb) {
  int any = 0;
  for (int i = 0; i < jb->npids; i++) { if (jb->state[i] == 0) return 0; if (jb->state[i] == 1) any = 1; }
  return any;
}
static void free_job(int j) {
  free(jobs[j].text);
  memset(&jobs[j], 0, sizeof jobs[j]);
  if (cur_job == j) { cur_job = prev_job; prev_job = 0; }
  if (prev_job == j) prev_job = 0;
}
/* Records the status of pid; returns 1 if it belonged to a job. */
static int record(pid_t pid, int st) {
  for (int j = 1; j <= MAXJOBS; j++)
    for (int i = 0; jobs[j].used && i < jobs[j].npids; i++)
      if (jobs[j].pids[i] == pid) {
        if (WIFSTOPPED(st)) jobs[j].state[i] = 1;
        else if (WIFCONTINUED(st)) jobs[j].state[i] = 0;
        else { jobs[j].state[i] = 2; jobs[j].status[i] = st; }
        jobs[j].notified = 0;
        return 1;
      }
  return 0;
}
static int status_of(int st) { return WIFEXITED(st) ? WEXITSTATUS(st) : WIFSTOPPED(st) ? 128 + WSTOPSIG(st) : 128 + WTERMSIG(st); }
static const char *state_text(struct job *jb, char *buf) {
  if (job_stopped(jb)) return "Stopped";
  if (!job_done(jb)) return "Running";
  int st = jb->status[jb->npids - 1];
  if (WIFSIGNALED(st)) return strsignal(WTERMSIG(st));
  if (WEXITSTATUS(st)) { sprintf(buf, "Done(%d)", WEXITSTATUS(st)); return buf; }
  return "Done";
}
void job_print(int j, int longfmt) {
  char b[32];
  struct job *jb = &jobs[j];
  if (longfmt) printf("[%d]%c %d %-22s %s\n", j, j == cur_job ? '+' : j == prev_job ? '-' : ' ', (int)jb->pgid, state_text(jb, b), jb->text ? jb->text : "");
  else printf("[%d]%c %-22s %s\n", j, j == cur_job ? '+' : j == prev_job ? '-' : ' ', state_text(jb, b), jb->text ? jb->text : "");
  fflush(stdout);
}
/* waitpid(-1, WNOHANG|WUNTRACED|WCONTINUED), falling back without WCONTINUED on kernels that reject it. */
static pid_t reap_nohang(int *st) {
  static int no_continued;
  pid_t p = waitpid(-1, st, WNOHANG | WUNTRACED | (no_continued ? 0 : WCONTINUED));
  if (p < 0 && errno == EINVAL && !no_continued) {
    no_continued = 1;
    p = waitpid(-1, st, WNOHANG | WUNTRACED);
  }
  return p;
}
/* Reaps without blocking and reports finished background jobs (interactive). */
void jobs_notify(void) {
  int st;
  pid_t p;
  while ((p = reap_nohang(&st)) > 0) record(p, st);
  for (int j = 1; j <= MAXJOBS; j++) {
    if (!jobs[j].used || !jobs[j].bg) continue;
    if (job_done(&jobs[j])) {
      if (interactive) job_print(j, 0);
      free_job(j);
    }
  }
}
int jobs_builtin(void) {
  int st;
  pid_t p;
  while ((p = reap_nohang(&st)) > 0) record(p, st);
  for (int j = 1; j <= MAXJOBS; j++) {
    if (!jobs[j].used) continue;
    job_print(j, 0);
    if (job_done(&jobs[j])) free_job(j);
  }
  return 0;
}
int find_job(const char *spec) {
  if (!spec || !strcmp(spec, "%%") || !strcmp(spec, "%+") || !strcmp(spec, "%")) return jobs[cur_job].used ? cur_job : 0;
  if (!strcmp(spec, "%-")) return jobs[prev_job].used ? prev_job : 0;
  if (spec[0] == '%') {
    if (spec[1] >= '0' && spec[1] <= '9') { int j = atoi(spec + 1); return j > 0 && j <= MAXJOBS && jobs[j].used ? j : 0; }
    for (int j = 1; j <= MAXJOBS; j++) if (jobs[j].used && jobs[j].text && !strncmp(jobs[j].text, spec + 1, strlen(spec + 1))) return j;
    return 0;
  }
  pid_t pid = atoi(spec);
  for (int j = 1; j <= MAXJOBS; j++)
    for (int i = 0; jobs[j].used && i < jobs[j].npids; i++) if (jobs[j].pids[i] == pid) return j;
  return 0;
}
/* Waits for job j in the foreground; returns its status. */
int wait_job_fg(int j) {
  struct job *jb = &jobs[j];
  int st;
  while (!job_done(jb) && !job_stopped(jb)) {
    pid_t p = waitpid(-1, &st, WUNTRACED);
    if (p < 0) {
      if (errno == EINTR) { check_traps(); continue; }
      break;
    }
    record(p, st);
  }
  if (job_control) {
    tcsetpgrp(tty_fd, shell_pgid);
  }
  if (job_stopped(jb)) {
    jb->bg = 1;
    prev_job = cur_job != j ? cur_job : prev_job;
    cur_job = j;
    printf("\n");
    job_print(j, 0);
    return 128 + SIGTSTP;
  }
  int last = jb->status[jb->npids - 1];
  if (interactive && WIFSIGNALED(last) && WTERMSIG(last) != SIGPIPE) {
    if (WTERMSIG(last) == SIGINT) printf("\n");
    else printf("%s\n", strsignal(WTERMSIG(last)));
    fflush(stdout);
  }
  int r = status_of(last);
  free_job(j);
  return r;
}
int job_continue(int j, int fg) {
  struct job *jb = &jobs[j];
  for (int i = 0; i < jb->npids; i++) if (jb->state[i] == 1) jb->state[i] = 0;
  if (fg) {
    printf("%s\n", jb->text ? jb->text : "");
    fflush(stdout);
    if (job_control) tcsetpgrp(tty_fd, jb->pgid);
    jb->bg = 0;
  } else {
    jb->bg = 1;
    printf("[%d] %s &\n", j, jb->text ? jb->text : "");
    fflush(stdout);
  }
  kill(-jb->pgid, SIGCONT);
  return fg ? wait_job_fg(j) : 0;
}
int wait_builtin(char **argv, int argc) {
  int st, r = 0;
  if (argc > 1) {
    for (int i = 1; i < argc; i++) {
      int j = find_job(argv[i]);
      if (!j) { r = 127; continue; }
      while (!job_done(&jobs[j])) {
        pid_t p = waitpid(-1, &st, 0);
        if (p < 0) { if (errno == EINTR && trap_pending[0] == 0) { check_traps(); return 128; } break; }
        record(p, st);
      }
      r = status_of(jobs[j].status[jobs[j].npids - 1]);
      free_job(j);
    }
    return r;
  }
  for (int j = 1; j <= MAXJOBS; j++) {
    while (jobs[j].used && !job_done(&jobs[j])) {
      pid_t p = waitpid(-1, &st, 0);
      if (p < 0) break;
      record(p, st);
    }
    if (jobs[j].used) free_job(j);
  }
  return 0;
}

/* ---- traps ---- */
static void on_trap(int sig) { trap_pending[sig] = 1; }
void set_trap(int sig, const char *cmd) {
  free(traps[sig]);
  traps[sig] = cmd ? xstrdup(cmd) : 0;
  if (sig == 0) return;
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  if (!cmd) sa.sa_handler = (interactive && (sig == SIGINT || sig == SIGQUIT || sig == SIGTSTP || sig == SIGTTOU || sig == SIGTTIN)) ? SIG_IGN : SIG_DFL;
  else if (!*cmd) sa.sa_handler = SIG_IGN;
  else sa.sa_handler = on_trap;
  sigaction(sig, &sa, 0);
}
void check_traps(void) {
  for (int s = 1; s < 65; s++) {
    if (!trap_pending[s]) continue;
    trap_pending[s] = 0;
    if (traps[s] && *traps[s]) {
      int saved = last_status;
      run_string(traps[s], "trap");
      last_status = saved;
    }
  }
}
void run_exit_trap(void) {
  if (!traps[0]) return;
  char *t = traps[0];
  traps[0] = 0;
  run_string(t, "trap");
  free(t);
}
pid_t job_pgid(int j) { return jobs[j].pgid; }

/* Starts a new job entry; returns its number or 0 when the table is full. */
int job_alloc(const char *text, int bg) {
  int j = 1;
  while (j <= MAXJOBS && jobs[j].used) j++;
  if (j > MAXJOBS) return 0;
  memset(&jobs[j], 0, sizeof jobs[j]);
  jobs[j].used = 1;
  jobs[j].bg = bg;
  jobs[j].text = xstrdup(text ? text : "");
  return j;
}
/* Adds a forked process; the first one's pid is the job's process group. */
void job_add(int j, pid_t pid) {
  if (!jobs[j].pgid) jobs[j].pgid = pid;
  if (jobs[j].npids < MAXPROCS) jobs[j].pids[jobs[j].npids++] = pid;
}
int job_npids(int j) { return jobs[j].npids; }
void job_discard(int j) { free_job(j); }
/* Records a job started in the background: $!, current job, "[n] pid". */
void job_background(int j) {
  last_bg_pid = jobs[j].pids[jobs[j].npids - 1];
  prev_job = cur_job;
  cur_job = j;
  if (interactive) { printf("[%d] %d\n", j, (int)last_bg_pid); fflush(stdout); }
}
/* In a child: the parent's jobs are not ours. */
void jobs_forget(void) { memset(jobs, 0, sizeof jobs); }
