/* execve with argv and envp (re-executes itself through /proc/self/exe). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <errno.h>

extern char **environ;

int main(int argc, char **argv) {
  if (argc > 1 && strcmp(argv[1], "child") == 0) {
    printf("child argc=%d\n", argc);
    for (int i = 1; i < argc; i++) printf("argv[%d]=%s\n", i, argv[i]);
    for (char **e = environ; *e; e++) printf("env %s\n", *e);
    printf("FOO=%s\n", getenv("FOO"));
    return 5;
  }
  char *args[] = {"execve-test", "child", "two words", "", "last", NULL};
  char *envs[] = {"FOO=bar", "EMPTY=", "X=1=2", NULL};
  fflush(stdout);
  pid_t p = fork();
  if (p == 0) { execve("/proc/self/exe", args, envs); printf("execve failed %d\n", errno); _exit(1); }
  int st;
  waitpid(p, &st, 0);
  printf("exec child exit %d\n", WEXITSTATUS(st));
  errno = 0;
  printf("missing: %d %s\n", execve("/nonexistent/prog", args, envs), errno == ENOENT ? "ENOENT" : "?");
  return 0;
}
