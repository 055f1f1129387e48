/* brk growth and shrink. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(void) {
  char *base = sbrk(0);
  if (sbrk(1 << 20) == (void *)-1) { printf("grow failed\n"); return 1; }
  char *top = sbrk(0);
  printf("grew by %ld\n", (long)(top - base));
  memset(base, 0x5a, 1 << 20);
  long sum = 0;
  for (int i = 0; i < (1 << 20); i += 4096) sum += base[i];
  printf("touched sum=%ld\n", sum);
  if (brk(base + 4096) != 0) { printf("shrink failed\n"); return 1; }
  printf("shrunk to %ld\n", (long)((char *)sbrk(0) - base));
  printf("kept byte %d\n", base[100]);
  if (sbrk(8192) == (void *)-1) { printf("regrow failed\n"); return 1; }
  printf("regrown page reads %d\n", base[4096 + 10]);
  printf("brk below start fails: %d\n", brk(base - (64 << 20)) == -1 || (char *)sbrk(0) == base + 3 * 4096);
  return 0;
}
