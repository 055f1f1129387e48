/* MAP_SHARED anonymous memory updated atomically by parent and child. */
#include <stdio.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void) {
  long *shared = mmap(NULL, 2 * 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  long *private = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (shared == MAP_FAILED || private == MAP_FAILED) { printf("mmap failed\n"); return 1; }
  shared[1000] = 5; /* second page, touched before fork */
  pid_t p = fork();
  for (int i = 0; i < 100000; i++) __atomic_fetch_add(&shared[0], 1, __ATOMIC_SEQ_CST);
  if (p == 0) {
    shared[1000] += 1;
    shared[600] = 42; /* first page: the parent sees it too */
    private[0] = 99;
    _exit(0);
  }
  int st;
  waitpid(p, &st, 0);
  printf("counter=%ld second=%ld child-wrote=%ld private=%ld\n", shared[0], shared[1000], shared[600], private[0]);
  munmap(shared, 2 * 4096);
  return 0;
}
