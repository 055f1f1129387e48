/* 4 pthreads with a mutex, thread-local storage and join. */
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static long counter;
static __thread long tls_value;
static __thread int tls_init = 7;

static void *worker(void *arg) {
  long id = (long)arg;
  tls_value = id * 100;
  for (int i = 0; i < 20000; i++) {
    pthread_mutex_lock(&lock);
    counter++;
    pthread_mutex_unlock(&lock);
    tls_value++;
  }
  return (void *)(tls_value + tls_init);
}

int main(void) {
  pthread_t th[4];
  for (long i = 0; i < 4; i++)
    if (pthread_create(&th[i], NULL, worker, (void *)i) != 0) { printf("create failed\n"); return 1; }
  for (int i = 0; i < 4; i++) {
    void *ret;
    pthread_join(th[i], &ret);
    printf("thread %d returned %ld\n", i, (long)ret);
  }
  printf("counter=%ld main tls=%ld init=%d\n", counter, tls_value, tls_init);
  return 0;
}
