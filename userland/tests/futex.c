/* futex wait/wake between threads, EAGAIN on a changed value, ETIMEDOUT. */
#include <errno.h>
#include <linux/futex.h>
#include <pthread.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static int word;
static int stage;

static long futex(int *uaddr, int op, int val, const struct timespec *ts) {
  return syscall(SYS_futex, uaddr, op, val, ts, NULL, 0);
}

static void *waiter(void *arg) {
  (void)arg;
  __atomic_store_n(&stage, 1, __ATOMIC_SEQ_CST);
  while (__atomic_load_n(&word, __ATOMIC_SEQ_CST) == 0) futex(&word, FUTEX_WAIT_PRIVATE, 0, NULL);
  return (void *)(long)word;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, waiter, NULL);
  while (__atomic_load_n(&stage, __ATOMIC_SEQ_CST) == 0) sched_yield();
  usleep(10000);
  __atomic_store_n(&word, 7, __ATOMIC_SEQ_CST);
  long woke = futex(&word, FUTEX_WAKE_PRIVATE, 1, NULL);
  void *ret;
  pthread_join(t, &ret);
  printf("woken<=1: %d, thread saw %ld\n", woke <= 1, (long)ret);
  errno = 0;
  long r = futex(&word, FUTEX_WAIT_PRIVATE, 3, NULL);
  printf("wrong value: %ld %s\n", r, errno == EAGAIN ? "EAGAIN" : "?");
  struct timespec ts = {0, 20 * 1000 * 1000};
  errno = 0;
  r = futex(&word, FUTEX_WAIT_PRIVATE, 7, &ts);
  printf("timeout: %ld %s\n", r, errno == ETIMEDOUT ? "ETIMEDOUT" : "?");
  printf("wake nobody: %ld\n", futex(&word, FUTEX_WAKE_PRIVATE, 5, NULL));
  errno = 0;
  r = syscall(SYS_futex, &word, 99, 0, NULL, NULL, 0);
  printf("bad op: %ld %s\n", r, errno == ENOSYS ? "ENOSYS" : "?");
  return 0;
}
