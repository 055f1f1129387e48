/* A small traced program for the strace test: mmap/mprotect flags, openat
   flags and mode, an errno, a long escaped string, a caught signal, exit 5. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static void on_usr1(int s) { (void)s; }

int main(void) {
  void *p = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  mprotect(p, 4096, PROT_READ);
  open("/nonexistent/x", O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  static const char msg[] = "\033[1mtab\there\001x\n0123456789abcdefghijklmnopqrstuvwxyz\n";
  write(1, msg, sizeof msg - 1);
  signal(SIGUSR1, on_usr1);
  kill(getpid(), SIGUSR1);
  _exit(5);
}
