/* Reads /dev/zero into a huge untouched mapping: the kernel runs out of memory inside read(). */
#include <fcntl.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>
int main(void) {
  size_t len = 256UL << 20;
  char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  int fd = open("/dev/zero", O_RDONLY);
  size_t done = 0;
  while (done < len) {
    ssize_t n = read(fd, p + done, 1 << 20);
    if (n <= 0) { printf("read failed at %zu MiB\n", done >> 20); return 1; }
    done += n;
  }
  printf("read everything?\n");
  return 0;
}
