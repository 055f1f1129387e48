/* FUTEX_CMP_REQUEUE, FUTEX_REQUEUE, WAIT_BITSET/WAKE_BITSET, shared futex across fork. */
#include <errno.h>
#include <linux/futex.h>
#include <pthread.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static int a, b, started, released;

static long fx(int *u, int op, int val, long val2, int *u2, int val3) {
  return syscall(SYS_futex, u, op, val, val2, u2, val3);
}

static void *waiter(void *arg) {
  (void)arg;
  __atomic_fetch_add(&started, 1, __ATOMIC_SEQ_CST);
  while (__atomic_load_n(&released, __ATOMIC_SEQ_CST) == 0) fx(&a, FUTEX_WAIT_PRIVATE, 0, 0, NULL, 0);
  return NULL;
}

static void *bitwaiter(void *arg) {
  __atomic_fetch_add(&started, 1, __ATOMIC_SEQ_CST);
  fx(&b, FUTEX_WAIT_BITSET_PRIVATE, 0, 0, NULL, (int)(long)arg);
  return NULL;
}

int main(void) {
  pthread_t t[3];
  for (int i = 0; i < 3; i++) pthread_create(&t[i], NULL, waiter, NULL);
  while (__atomic_load_n(&started, __ATOMIC_SEQ_CST) < 3) sched_yield();
  usleep(20000);
  errno = 0;
  long r = fx(&a, FUTEX_CMP_REQUEUE_PRIVATE, 0, 1, &b, 5);
  printf("cmp mismatch: %ld %s\n", r, errno == EAGAIN ? "EAGAIN" : "?");
  r = fx(&a, FUTEX_CMP_REQUEUE_PRIVATE, 1, 1, &b, 0);
  printf("cmp_requeue woke+moved: %ld\n", r);
  __atomic_store_n(&released, 1, __ATOMIC_SEQ_CST);
  r = fx(&b, FUTEX_WAKE_PRIVATE, 10, 0, NULL, 0);
  long r2 = fx(&a, FUTEX_WAKE_PRIVATE, 10, 0, NULL, 0);
  printf("woken from b: %ld, some left on a: %d\n", r, r2 >= 1);
  for (int i = 0; i < 3; i++) pthread_join(t[i], NULL);
  started = 0;
  pthread_create(&t[0], NULL, bitwaiter, (void *)1L);
  pthread_create(&t[1], NULL, bitwaiter, (void *)2L);
  while (__atomic_load_n(&started, __ATOMIC_SEQ_CST) < 2) sched_yield();
  usleep(20000);
  printf("wake bit 4: %ld\n", fx(&b, FUTEX_WAKE_BITSET_PRIVATE, 10, 0, NULL, 4));
  printf("wake bit 2: %ld\n", fx(&b, FUTEX_WAKE_BITSET_PRIVATE, 10, 0, NULL, 2));
  printf("wake bit 1: %ld\n", fx(&b, FUTEX_WAKE_BITSET_PRIVATE, 10, 0, NULL, 1));
  pthread_join(t[0], NULL);
  pthread_join(t[1], NULL);
  int *shared = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  fflush(stdout);
  pid_t c = fork();
  if (c == 0) {
    while (__atomic_load_n(shared, __ATOMIC_SEQ_CST) == 0) fx(shared, FUTEX_WAIT, 0, 0, NULL, 0);
    _exit(__atomic_load_n(shared, __ATOMIC_SEQ_CST));
  }
  usleep(20000);
  __atomic_store_n(shared, 9, __ATOMIC_SEQ_CST);
  fx(shared, FUTEX_WAKE, 1, 0, NULL, 0);
  int st;
  waitpid(c, &st, 0);
  printf("shared futex across fork: child exit %d\n", WEXITSTATUS(st));
  return 0;
}
