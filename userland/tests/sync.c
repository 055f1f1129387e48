/* Condition variables, barriers, semaphores (with timeout), rwlocks, detached threads, pthread_exit, many threads. */
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <time.h>

#define N 1000
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t nonempty = PTHREAD_COND_INITIALIZER, nonfull = PTHREAD_COND_INITIALIZER;
static int queue[8], head, count;
static long consumed_sum;
static pthread_barrier_t bar;
static sem_t sem;
static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
static int shared_val;

static void *producer(void *a) {
  long base = (long)a;
  for (int i = 0; i < N; i++) {
    pthread_mutex_lock(&m);
    while (count == 8) pthread_cond_wait(&nonfull, &m);
    queue[(head + count++) % 8] = (int)(base + i);
    pthread_cond_signal(&nonempty);
    pthread_mutex_unlock(&m);
  }
  return NULL;
}

static void *consumer(void *a) {
  (void)a;
  for (int i = 0; i < N; i++) {
    pthread_mutex_lock(&m);
    while (count == 0) pthread_cond_wait(&nonempty, &m);
    consumed_sum += queue[head];
    head = (head + 1) % 8; count--;
    pthread_cond_signal(&nonfull);
    pthread_mutex_unlock(&m);
  }
  return NULL;
}

static void *barrier_worker(void *a) {
  int r = pthread_barrier_wait(&bar);
  __atomic_fetch_add(&shared_val, 1, __ATOMIC_SEQ_CST);
  pthread_rwlock_rdlock(&rw);
  pthread_rwlock_unlock(&rw);
  sem_post(&sem);
  pthread_exit((void *)(long)(r == PTHREAD_BARRIER_SERIAL_THREAD ? 1000 + (long)a : (long)a));
}

static void *detached(void *a) { (void)a; sem_post(&sem); return NULL; }

int main(void) {
  pthread_t p[2], c[2];
  pthread_create(&p[0], NULL, producer, (void *)0);
  pthread_create(&p[1], NULL, producer, (void *)100000);
  pthread_create(&c[0], NULL, consumer, NULL);
  pthread_create(&c[1], NULL, consumer, NULL);
  for (int i = 0; i < 2; i++) { pthread_join(p[i], NULL); pthread_join(c[i], NULL); }
  printf("consumed sum %ld (expected %ld)\n", consumed_sum, 2L * N * (N - 1) / 2 + 100000L * N);
  pthread_barrier_init(&bar, NULL, 16);
  sem_init(&sem, 0, 0);
  pthread_t w[16];
  for (long i = 0; i < 16; i++) pthread_create(&w[i], NULL, barrier_worker, (void *)i);
  int serial = 0;
  long sum = 0;
  for (int i = 0; i < 16; i++) { void *r; pthread_join(w[i], &r); if ((long)r >= 1000) { serial++; sum += (long)r - 1000; } else sum += (long)r; }
  printf("barrier: %d serial, sum %ld, count %d\n", serial, sum, shared_val);
  for (int i = 0; i < 16; i++) sem_wait(&sem);
  pthread_t d;
  pthread_attr_t at;
  pthread_attr_init(&at);
  pthread_attr_setdetachstate(&at, PTHREAD_CREATE_DETACHED);
  pthread_create(&d, &at, detached, NULL);
  sem_wait(&sem);
  printf("detached thread ran\n");
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  ts.tv_nsec += 20000000; if (ts.tv_nsec >= 1000000000) { ts.tv_sec++; ts.tv_nsec -= 1000000000; }
  int r = sem_timedwait(&sem, &ts);
  printf("sem_timedwait: %d %s\n", r, errno == ETIMEDOUT ? "ETIMEDOUT" : "?");
  pthread_rwlock_wrlock(&rw);
  printf("rwlock write ok\n");
  pthread_rwlock_unlock(&rw);
  return 0;
}
