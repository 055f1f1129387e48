/* Allocates and touches memory until the kernel's OOM killer stops it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
int main(void) {
  for (long i = 0;; i++) {
    char *p = malloc(1 << 20);
    if (p == NULL) { printf("malloc failed after %ld MiB\n", i); return 1; }
    memset(p, 1, 1 << 20);
  }
}
