/* pwd: print the working directory (-L logical from $PWD when valid, -P physical). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <limits.h>
#include <sys/stat.h>
#include <err.h>
int main(int argc, char **argv) {
  int phys = argc > 1 && !strcmp(argv[1], "-P");
  const char *pwd = getenv("PWD");
  struct stat a, b;
  if (!phys && pwd && pwd[0] == '/' && !strstr(pwd, "/.") && stat(pwd, &a) == 0 && stat(".", &b) == 0 && a.st_ino == b.st_ino && a.st_dev == b.st_dev) {
    puts(pwd);
    return 0;
  }
  char buf[PATH_MAX];
  if (!getcwd(buf, sizeof buf)) err(1, "getcwd");
  puts(buf);
  return 0;
}
