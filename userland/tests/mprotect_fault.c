/* mprotect then a fault: the default action of SIGSEGV kills the child. */
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void) {
  char *p = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  strcpy(p + 4096, "still readable");
  if (mprotect(p + 4096, 4096, PROT_READ) != 0) { printf("mprotect failed\n"); return 1; }
  printf("read after mprotect: %s\n", p + 4096);
  p[0] = 'a'; p[2 * 4096] = 'b'; /* neighbours stay writable */
  printf("neighbours: %c %c\n", p[0], p[2 * 4096]);
  fflush(stdout);
  pid_t c = fork();
  if (c == 0) { p[4096] = 'x'; _exit(0); }
  int st;
  waitpid(c, &st, 0);
  printf("write to read-only: signaled %d sig %d\n", WIFSIGNALED(st), WTERMSIG(st));
  mprotect(p, 4096, PROT_NONE);
  fflush(stdout);
  c = fork();
  if (c == 0) { volatile char x = p[0]; (void)x; _exit(0); }
  waitpid(c, &st, 0);
  printf("read PROT_NONE: signaled %d sig %d\n", WIFSIGNALED(st), WTERMSIG(st));
  mprotect(p, 4096, PROT_READ | PROT_WRITE);
  printf("restored: %c\n", p[0]);
  fflush(stdout);
  c = fork();
  if (c == 0) { *(volatile int *)16 = 1; _exit(0); }
  waitpid(c, &st, 0);
  printf("null write: signaled %d sig %d\n", WIFSIGNALED(st), WTERMSIG(st));
  fflush(stdout);
  c = fork();
  if (c == 0) { volatile char x = *(volatile char *)0xffffffc000000000UL; (void)x; _exit(0); }
  waitpid(c, &st, 0);
  printf("kernel half read: signaled %d sig %d\n", WIFSIGNALED(st), WTERMSIG(st));
  return 0;
}
