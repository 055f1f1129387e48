/* execve from a non-main thread: the new image runs with the process's pid as its tid. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static void *execer(void *a) {
  (void)a;
  char *args[] = {"thread_exec", "again", NULL};
  execv("/proc/self/exe", args);
  return NULL;
}

int main(int argc, char **argv) {
  if (argc > 1 && strcmp(argv[1], "again") == 0) {
    printf("new image: tid == pid: %d\n", (long)syscall(SYS_gettid) == (long)getpid());
    return 3;
  }
  pthread_t t;
  pthread_create(&t, NULL, execer, NULL);
  for (;;) pause();
}
