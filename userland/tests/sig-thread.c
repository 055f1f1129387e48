/* Signals in a multi-threaded process: a process-directed signal goes to a
 * thread that does not block it; pthread_kill (tgkill) reaches exactly that
 * thread; thread-directed pending signals are private to the thread while
 * process-directed ones are seen by all; sigwait in a dedicated thread. */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <sys/wait.h>

static volatile pid_t handled_by[65];
static volatile int count[65];
static pid_t tid_worker;
static pthread_barrier_t bar;
static volatile int stop;

static pid_t gettid_(void) { return (pid_t)syscall(SYS_gettid); }
static void h(int sig) { handled_by[sig] = gettid_(); count[sig]++; }

static void *worker(void *arg) {
  (void)arg;
  tid_worker = gettid_();
  sigset_t s; sigemptyset(&s); sigaddset(&s, SIGUSR1);
  pthread_sigmask(SIG_UNBLOCK, &s, NULL); /* only the worker takes SIGUSR1 */
  pthread_barrier_wait(&bar);
  while (!stop) usleep(1000);
  return NULL;
}

static void *waiter(void *arg) {
  sigset_t s; sigemptyset(&s); sigaddset(&s, SIGRTMIN);
  int sig = 0;
  pthread_barrier_wait(&bar);
  sigwait(&s, &sig);
  *(int *)arg = sig - SIGRTMIN + 1000;
  return NULL;
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = h;
  sigaction(SIGUSR1, &sa, NULL);
  sigaction(SIGUSR2, &sa, NULL);
  sigset_t s; sigemptyset(&s); sigaddset(&s, SIGUSR1); sigaddset(&s, SIGRTMIN);
  pthread_sigmask(SIG_BLOCK, &s, NULL);
  pthread_barrier_init(&bar, NULL, 3);
  pthread_t w, q;
  int got = 0;
  pthread_create(&w, NULL, worker, NULL);
  pthread_create(&q, NULL, waiter, &got);
  pthread_barrier_wait(&bar);

  kill(getpid(), SIGUSR1);
  while (count[SIGUSR1] == 0) usleep(1000);
  printf("process SIGUSR1 handled by worker: %d (main: %d)\n", handled_by[SIGUSR1] == tid_worker, handled_by[SIGUSR1] == gettid_());

  pthread_kill(w, SIGUSR2);
  while (count[SIGUSR2] == 0) usleep(1000);
  printf("pthread_kill SIGUSR2 handled by worker: %d\n", handled_by[SIGUSR2] == tid_worker);
  raise(SIGUSR2);
  printf("raise SIGUSR2 handled by main: %d\n", handled_by[SIGUSR2] == gettid_());

  /* thread-directed pending is private; process-directed pending is shared */
  sigset_t b2; sigemptyset(&b2); sigaddset(&b2, SIGUSR2);
  pthread_sigmask(SIG_BLOCK, &b2, NULL);
  raise(SIGUSR2);
  sigset_t pend;
  sigpending(&pend);
  printf("main sees its own pending USR2: %d\n", sigismember(&pend, SIGUSR2));

  sigqueue(getpid(), SIGRTMIN, (union sigval){ .sival_int = 1 });
  pthread_join(q, NULL);
  printf("sigwait thread got: %d\n", got);

  stop = 1;
  pthread_join(w, NULL);
  /* with the worker gone, a process SIGUSR1 stays pending (main blocks it) */
  kill(getpid(), SIGUSR1);
  sigpending(&pend);
  printf("USR1 pending after worker exit: %d count=%d\n", sigismember(&pend, SIGUSR1), count[SIGUSR1]);
  pthread_sigmask(SIG_UNBLOCK, &s, NULL);
  pthread_sigmask(SIG_UNBLOCK, &b2, NULL);
  printf("after unblock: USR1 count=%d by main=%d USR2 count=%d\n", count[SIGUSR1], handled_by[SIGUSR1] == gettid_(), count[SIGUSR2]);
  /* a fatal signal directed at one thread kills the whole process */
  pid_t c = fork();
  if (c == 0) {
    pthread_barrier_init(&bar, NULL, 2);
    stop = 0;
    pthread_create(&w, NULL, worker, NULL);
    pthread_barrier_wait(&bar);
    pthread_kill(w, SIGTERM);
    for (;;) pause();
  }
  int st;
  waitpid(c, &st, 0);
  printf("child killed through one thread: signalled=%d sig=%d\n", WIFSIGNALED(st), WTERMSIG(st));
  return 0;
}
