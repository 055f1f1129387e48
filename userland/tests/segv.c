/* Dies of SIGSEGV (default action) after printing one line. */
#include <stdio.h>
int main(void) {
  printf("about to fault\n");
  fflush(stdout);
  *(volatile int *)8 = 1;
  return 0;
}
