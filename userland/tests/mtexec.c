/* fork and execve from a multi-threaded process: the child has one thread; exec kills the other threads. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void *sleeper(void *a) { (void)a; for (;;) { struct timespec t = {1, 0}; nanosleep(&t, NULL); } return NULL; }

int main(int argc, char **argv) {
  if (argc > 1 && strcmp(argv[1], "again") == 0) { printf("new image, pid same: %s\n", argv[2]); return 0; }
  pthread_t t[3];
  for (int i = 0; i < 3; i++) pthread_create(&t[i], NULL, sleeper, NULL);
  fflush(stdout);
  pid_t c = fork();
  if (c == 0) { printf("forked child alone\n"); fflush(stdout); _exit(6); }
  int st;
  waitpid(c, &st, 0);
  printf("child exit %d\n", WEXITSTATUS(st));
  char pid[32];
  snprintf(pid, sizeof pid, "%d", getpid());
  char *args[] = {"mtexec", "again", pid, NULL};
  fflush(stdout);
  execv("/proc/self/exe", args);
  printf("exec failed\n");
  return 1;
}
