/* Reads stdin line by line and echoes it upper-cased, then reports EOF. */
#include <ctype.h>
#include <stdio.h>
int main(void) {
  char line[256];
  int n = 0;
  while (fgets(line, sizeof line, stdin)) {
    for (char *p = line; *p; p++) *p = toupper((unsigned char)*p);
    printf("%d: %s", ++n, line);
  }
  printf("eof after %d lines\n", n);
  return 0;
}
