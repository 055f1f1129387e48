/* Differential test: path edge cases and their errno — ENAMETOOLONG,
 * ENOTDIR, EISDIR, EEXIST, ELOOP, ENOENT for the empty path, trailing
 * slashes, '.', '..' at the root, *at() with a dirfd and AT_EMPTY_PATH,
 * rmdir/unlink of the wrong type, O_DIRECTORY, RLIMIT_NOFILE (EMFILE),
 * getcwd/chdir/fchdir. */
#include "fs-common.h"
#include <sys/resource.h>

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  enter_scratch("path");
  char name[300]; memset(name, 'n', 256); name[256] = 0;
  CHECK("open 256-char name", open(name, O_RDONLY | O_CREAT, 0644));
  name[255] = 0;
  CHECK("open 255-char name", open(name, O_RDONLY | O_CREAT, 0644));
  char *longp = malloc(5000); memset(longp, 'a', 4999); longp[4999] = 0;
  for (int i = 100; i < 4999; i += 100) longp[i] = '/';
  CHECK("stat 5000-char path", access(longp, F_OK));
  write_file("file", "x", 0644);
  mkdir("d", 0755);
  CHECK("file as dir", open("file/x", O_RDONLY));
  CHECK("file trailing slash", open("file/", O_RDONLY));
  CHECK("stat file/", access("file/", F_OK));
  CHECK("create under file", open("file/new", O_CREAT | O_WRONLY, 0644));
  CHECK("open dir wronly", open("d", O_WRONLY));
  CHECK("open dir rdwr", open("d", O_RDWR));
  CHECK("open dir rdonly", open("d", O_RDONLY));
  CHECK("creat dir", open("d", O_CREAT | O_WRONLY, 0644));
  CHECK("creat d/", open("newdir/", O_CREAT | O_WRONLY, 0644));
  CHECK("O_DIRECTORY file", open("file", O_RDONLY | O_DIRECTORY));
  CHECK("O_EXCL existing", open("file", O_CREAT | O_EXCL | O_WRONLY, 0644));
  CHECK("mkdir existing", mkdir("d", 0755));
  CHECK("mkdir existing file", mkdir("file", 0755));
  CHECK("mkdir trailing slash", mkdir("d2/", 0755));
  CHECK("mkdir missing parent", mkdir("no/such", 0755));
  CHECK("mkdir .", mkdir(".", 0755));
  CHECK("empty path open", open("", O_RDONLY));
  CHECK("empty path stat", access("", F_OK));
  CHECK("empty path mkdir", mkdir("", 0755));
  CHECK("empty path unlink", unlink(""));
  CHECK("missing", open("nothere", O_RDONLY));
  symlink("self", "self");
  CHECK("self loop", open("self", O_RDONLY));
  CHECK("self loop creat", open("self", O_CREAT | O_WRONLY, 0644));
  CHECK("loop mid path", access("self/x", F_OK));
  /* 40 links in a chain are fine, 41 are ELOOP. */
  write_file("c0", "end", 0644);
  char a[16], b[16];
  for (int i = 1; i <= 41; i++) { snprintf(a, sizeof a, "c%d", i - 1); snprintf(b, sizeof b, "c%d", i); symlink(a, b); }
  CHECK("chain of 40", access("c40", F_OK));
  CHECK("chain of 41", access("c41", F_OK));
  CHECK("unlink dir", unlink("d"));
  CHECK("rmdir file", rmdir("file"));
  CHECK("rmdir .", rmdir("."));
  CHECK("rmdir ..", rmdir(".."));
  CHECK("rmdir d/.", rmdir("d/."));
  write_file("d/inner", "x", 0644);
  CHECK("rmdir nonempty", rmdir("d"));
  CHECK("unlink d/inner/", unlink("d/inner/"));
  CHECK("rmdir missing", rmdir("gone"));
  /* dot and dot-dot */
  struct stat s1, s2;
  stat("/", &s1); stat("/..", &s2);
  printf("/.. is /: %d\n", s1.st_ino == s2.st_ino && s1.st_dev == s2.st_dev);
  stat("/../../tmp", &s2); stat("/tmp", &s1);
  printf("/../../tmp is /tmp: %d\n", s1.st_ino == s2.st_ino);
  CHECK("d/../file", access("d/../file", F_OK));
  CHECK("d/./../d/inner", access("d/./../d/inner", F_OK));
  CHECK("file/..", access("file/..", F_OK));
  /* *at() relative to a directory fd, AT_EMPTY_PATH */
  int dfd = open("d", O_RDONLY | O_DIRECTORY);
  CHECK("openat dirfd", openat(dfd, "inner", O_RDONLY));
  CHECK("openat file fd", openat(open("file", O_RDONLY), "x", O_RDONLY));
  CHECK("openat bad fd", openat(closed_fd(), "x", O_RDONLY));
  CHECK("openat bad fd abs", openat(closed_fd(), "/tmp", O_RDONLY));
  CHECK("fstatat empty no flag", fstatat(dfd, "", &s1, 0));
  CHECK("fstatat empty", fstatat(dfd, "", &s1, AT_EMPTY_PATH));
  printf("empty-path is dir: %d\n", S_ISDIR(s1.st_mode));
  CHECK("fstatat bad flags", fstatat(dfd, "inner", &s1, 0x8000));
  CHECK("mkdirat dirfd", mkdirat(dfd, "sub", 0755));
  CHECK("unlinkat removedir", unlinkat(dfd, "sub", AT_REMOVEDIR));
  CHECK("unlinkat bad flag", unlinkat(dfd, "inner", 0x4));
  CHECK("faccessat bad mode", faccessat(AT_FDCWD, "file", 8, 0));
  /* cwd */
  char cwd[256];
  CHECK("chdir d", chdir("d"));
  getcwd(cwd, sizeof cwd);
  printf("cwd ends with /d: %d\n", strcmp(cwd + strlen(cwd) - 2, "/d") == 0);
  CHECK("chdir file", chdir("../file"));
  CHECK("chdir missing", chdir("../none"));
  CHECK("getcwd small", (long)getcwd(cwd, 2) - 1);
  CHECK("fchdir file", fchdir(open("../file", O_RDONLY)));
  CHECK("fchdir back", fchdir(open("..", O_RDONLY)));
  CHECK("relative after fchdir", access("file", F_OK));
  /* RLIMIT_NOFILE */
  struct rlimit rl = {16, 16};
  setrlimit(RLIMIT_NOFILE, &rl);
  int last = 0, fd;
  while ((fd = open("file", O_RDONLY)) >= 0) last = fd;
  printf("last fd %d errno %s\n", last, ename(errno));
  CHECK("dup at limit", dup(0));
  CHECK("fcntl dupfd over limit", fcntl(0, F_DUPFD, 20));
  CHECK("dup2 over limit", dup2(0, 16));
  return 0;
}
