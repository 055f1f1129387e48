/* vfork and posix_spawn (glibc uses clone with CLONE_VM|CLONE_VFORK). */
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;
int shared_var = 1;

int main(int argc, char **argv) {
  if (argc > 1 && strcmp(argv[1], "child") == 0) { printf("spawned child says %s\n", argv[2]); return 7; }
  fflush(stdout);
  pid_t p = vfork();
  if (p == 0) { shared_var = 2; _exit(4); }
  int st;
  waitpid(p, &st, 0);
  printf("vfork: exit %d, parent sees %d\n", WEXITSTATUS(st), shared_var);
  char *args[] = {"spawn", "child", "hi", NULL};
  pid_t c;
  int r = posix_spawn(&c, "/proc/self/exe", NULL, NULL, args, environ);
  if (r != 0) { printf("posix_spawn failed %d\n", r); return 1; }
  waitpid(c, &st, 0);
  printf("posix_spawn: exit %d\n", WEXITSTATUS(st));
  r = posix_spawn(&c, "/does/not/exist", NULL, NULL, args, environ);
  printf("posix_spawn missing: %d\n", r);
  return 0;
}
