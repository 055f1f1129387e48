/* whoami: print the effective user name. */
#include <stdio.h>
#include <pwd.h>
#include <unistd.h>
int main(void) {
  struct passwd *p = getpwuid(geteuid());
  if (!p) { fprintf(stderr, "whoami: cannot find name for user ID %u\n", geteuid()); return 1; }
  puts(p->pw_name);
  return 0;
}
