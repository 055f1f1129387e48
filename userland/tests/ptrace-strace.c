/* A small traced program for the strace test: mmap/mprotect flags, openat
   flags and mode, an errno, a long escaped string, a caught signal, exit 5. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static int fds[2];
static void on_usr1(int s) { (void)s; }
static void on_alrm(int s) { (void)s; write(fds[1], "x", 1); }

int main(void) {
  void *p = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  mprotect(p, 4096, PROT_READ);
  open("/nonexistent/x", O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  static const char msg[] = "\033[1mtab\there\001x\n0123456789abcdefghijklmnopqrstuvwxyz\n";
  write(1, msg, sizeof msg - 1);
  signal(SIGUSR1, on_usr1);
  kill(getpid(), SIGUSR1);
  /* A read blocked on an empty pipe, interrupted by SIGALRM whose SA_RESTART handler fills the pipe. */
  pipe(fds);
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_alrm;
  sa.sa_flags = SA_RESTART;
  sigaction(SIGALRM, &sa, NULL);
  alarm(1);
  char c;
  read(fds[0], &c, 1);
  _exit(5);
}
