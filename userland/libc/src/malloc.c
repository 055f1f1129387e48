/* malloc: power-of-two size classes carved from brk (mmap when brk fails); big blocks mmap'ed. */
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>
#include <sys/mman.h>

#define HDR 16
#define MIN_CLASS 4   /* 16 bytes */
#define MAX_CLASS 17  /* 128 KiB; larger blocks are mmap'ed */
#define BIG_CLASS 63

struct hdr { unsigned long size; unsigned long cls; };
static void *free_lists[MAX_CLASS + 1];
static char *arena, *arena_end;

static int class_of(size_t n) {
  int c = MIN_CLASS;
  while (((size_t)1 << c) < n) c++;
  return c;
}
static void *carve(size_t n) {
  if ((size_t)(arena_end - arena) < n) {
    size_t grow = n < 65536 ? 65536 : (n + 4095) & ~4095UL;
    char *cur = sbrk(0);
    if (cur != (char *)-1 && cur == arena_end && sbrk((long)grow) != (void *)-1) {
      arena_end += grow;
    } else {
      char *m = cur != (char *)-1 ? sbrk((long)grow) : (char *)-1;
      if (m == (char *)-1) {
        m = mmap(0, grow, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (m == MAP_FAILED) return 0;
      }
      arena = m;
      arena_end = m + grow;
    }
  }
  void *p = arena;
  arena += n;
  return p;
}
void *malloc(size_t n) {
  if (n > ((size_t)1 << 40)) { errno = ENOMEM; return 0; }
  if (n + HDR > ((size_t)1 << MAX_CLASS)) {
    size_t total = (n + HDR + 4095) & ~4095UL;
    struct hdr *h = mmap(0, total, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (h == MAP_FAILED) { errno = ENOMEM; return 0; }
    h->size = total;
    h->cls = BIG_CLASS;
    return (char *)h + HDR;
  }
  int c = class_of(n + HDR);
  struct hdr *h = free_lists[c];
  if (h) free_lists[c] = *(void **)((char *)h + HDR);
  else {
    h = carve((size_t)1 << c);
    if (!h) { errno = ENOMEM; return 0; }
  }
  h->size = n;
  h->cls = (unsigned long)c;
  return (char *)h + HDR;
}
void free(void *p) {
  if (!p) return;
  struct hdr *h = (struct hdr *)((char *)p - HDR);
  if (h->cls == BIG_CLASS) { munmap(h, h->size); return; }
  if (h->cls < MIN_CLASS || h->cls > MAX_CLASS) abort();
  *(void **)p = free_lists[h->cls];
  free_lists[h->cls] = h;
}
static size_t usable(struct hdr *h) {
  return h->cls == BIG_CLASS ? h->size - HDR : ((size_t)1 << h->cls) - HDR;
}
void *calloc(size_t a, size_t b) {
  if (b && a > (size_t)-1 / b) { errno = ENOMEM; return 0; }
  void *p = malloc(a * b);
  if (p) memset(p, 0, a * b);
  return p;
}
void *realloc(void *p, size_t n) {
  if (!p) return malloc(n);
  if (!n) { free(p); return 0; }
  struct hdr *h = (struct hdr *)((char *)p - HDR);
  size_t have = usable(h);
  if (n <= have) {
    if (h->cls != BIG_CLASS) h->size = n;
    return p;
  }
  void *q = malloc(n);
  if (!q) return 0;
  memcpy(q, p, have);
  free(p);
  return q;
}
void *reallocarray(void *p, size_t a, size_t b) {
  if (b && a > (size_t)-1 / b) { errno = ENOMEM; return 0; }
  return realloc(p, a * b);
}
