/* Differential test: file I/O and offsets, O_APPEND from two processes,
 * holes, truncate, directory listing, rename/unlink of open files, hard and
 * symbolic links, and MAP_SHARED coherence with read/write. */
#include "fs-common.h"
#include <dirent.h>
#include <sys/mman.h>

static int cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static void offsets(void) {
  int fd = open("a.txt", O_RDWR | O_CREAT | O_TRUNC, 0644);
  SHOW("write", write(fd, "hello world", 11));
  SHOW("lseek cur", lseek(fd, 0, SEEK_CUR));
  SHOW("lseek set", lseek(fd, 6, SEEK_SET));
  char b[32] = {0};
  SHOW("read", read(fd, b, sizeof b - 1));
  printf("got [%s]\n", b);
  SHOW("pwrite", pwrite(fd, "W", 1, 6));
  SHOW("pos after pwrite", lseek(fd, 0, SEEK_CUR));
  memset(b, 0, sizeof b);
  SHOW("pread", pread(fd, b, 5, 6));
  printf("got [%s]\n", b);
  SHOW("lseek end", lseek(fd, -2, SEEK_END));
  SHOW("lseek neg", lseek(fd, -100, SEEK_SET));
  SHOW("lseek whence", lseek(fd, 0, 42));
  SHOW("pread neg", pread(fd, b, 1, -1));
  int p[2]; pipe(p);
  SHOW("lseek pipe", lseek(p[0], 0, SEEK_SET));
  SHOW("pread pipe", pread(p[0], b, 1, 0));
  close(p[0]); close(p[1]);
  /* Holes: a write past EOF leaves zeros. */
  SHOW("lseek far", lseek(fd, 100000, SEEK_SET));
  SHOW("write far", write(fd, "Z", 1));
  struct stat st; fstat(fd, &st);
  printf("size %ld\n", (long)st.st_size);
  char z[16]; memset(z, 7, sizeof z);
  SHOW("pread hole", pread(fd, z, 16, 50000));
  int zeros = 0; for (int i = 0; i < 16; i++) zeros += z[i] == 0;
  printf("hole zeros %d\n", zeros);
  /* truncate down then up: the old bytes do not come back. */
  CHECK("ftruncate 3", ftruncate(fd, 3));
  CHECK("truncate 10", truncate("a.txt", 10));
  memset(b, 'x', sizeof b);
  SHOW("pread after trunc", pread(fd, b, 20, 0));
  printf("bytes %02x %02x %02x %02x %02x\n", b[0], b[2], b[3], b[9], (unsigned char)b[10]);
  CHECK("ftruncate neg", ftruncate(fd, -1));
  int ro = open("a.txt", O_RDONLY);
  CHECK("ftruncate rdonly", ftruncate(ro, 0));
  CHECK("write rdonly", write(ro, "x", 1));
  CHECK("read wronly", read(open("a.txt", O_WRONLY), b, 1));
  close(ro); close(fd);
  /* O_TRUNC empties. */
  fd = open("a.txt", O_WRONLY | O_TRUNC);
  fstat(fd, &st); printf("size after O_TRUNC %ld\n", (long)st.st_size);
  close(fd);
}

static void append_two(void) {
  int fd = open("log", O_WRONLY | O_CREAT | O_TRUNC | O_APPEND, 0644);
  pid_t c = fork();
  char line[33];
  for (int i = 0; i < 200; i++) {
    snprintf(line, sizeof line, "%c%030d\n", c == 0 ? 'c' : 'p', i);
    write(fd, line, 32);
  }
  if (c == 0) _exit(0);
  waitpid(c, NULL, 0);
  close(fd);
  struct stat st; stat("log", &st);
  printf("append size %ld\n", (long)st.st_size);
  FILE *f = fopen("log", "r");
  char buf[64]; int good = 0, cc = 0, pc = 0;
  while (fgets(buf, sizeof buf, f)) { if (strlen(buf) == 32) good++; if (buf[0] == 'c') cc++; if (buf[0] == 'p') pc++; }
  fclose(f);
  printf("append lines %d c=%d p=%d\n", good, cc, pc);
}

static void shared_offset(void) {
  int fd = open("s", O_RDWR | O_CREAT | O_TRUNC, 0644);
  write(fd, "0123456789", 10);
  lseek(fd, 0, SEEK_SET);
  int d = dup(fd);
  char c;
  read(fd, &c, 1); read(d, &c, 1);
  printf("dup shares offset: %ld %c\n", (long)lseek(fd, 0, SEEK_CUR), c);
  if (fork() == 0) { read(fd, &c, 1); _exit(0); }
  wait(NULL);
  printf("fork shares offset: %ld\n", (long)lseek(d, 0, SEEK_CUR));
  int o = open("s", O_RDONLY);
  printf("new open own offset: %ld\n", (long)lseek(o, 0, SEEK_CUR));
  close(o); close(d); close(fd);
}

static void listing(void) {
  mkdir("dir", 0755);
  const char *names[] = {"dir/zeta", "dir/alpha", "dir/mid", "dir/.hidden"};
  for (int i = 0; i < 4; i++) write_file(names[i], "x", 0644);
  mkdir("dir/sub", 0755);
  symlink("alpha", "dir/link");
  DIR *d = opendir("dir");
  char *got[16]; int n = 0; struct dirent *e;
  while ((e = readdir(d)) != NULL) {
    char t = e->d_type == DT_DIR ? 'd' : e->d_type == DT_REG ? 'f' : e->d_type == DT_LNK ? 'l' : '?';
    char *s = malloc(64); snprintf(s, 64, "%s:%c", e->d_name, t); got[n++] = s;
  }
  closedir(d);
  qsort(got, n, sizeof got[0], cmp);
  printf("listing:"); for (int i = 0; i < n; i++) printf(" %s", got[i]); printf("\n");
  struct stat st; stat("dir", &st);
  printf("dir nlink %ld\n", (long)st.st_nlink);
}

static void open_unlinked(void) {
  write_file("victim", "still here", 0644);
  int fd = open("victim", O_RDONLY);
  CHECK("unlink open", unlink("victim"));
  CHECK("stat gone", access("victim", F_OK));
  char b[16] = {0};
  SHOW("read unlinked", read(fd, b, 15));
  printf("got [%s]\n", b);
  struct stat st; fstat(fd, &st); printf("nlink unlinked %ld\n", (long)st.st_nlink);
  close(fd);
  write_file("old", "OLD", 0644); write_file("new", "NEW", 0644);
  fd = open("new", O_RDONLY);
  CHECK("rename over open", rename("old", "new"));
  memset(b, 0, sizeof b); read(fd, b, 15); printf("open fd sees [%s]\n", b);
  int f2 = open("new", O_RDONLY); memset(b, 0, sizeof b); read(f2, b, 15); printf("path sees [%s]\n", b);
  close(fd); close(f2);
  CHECK("rename missing", rename("old", "x"));
  CHECK("rename self", rename("new", "new"));
  mkdir("rd", 0755); mkdir("rd/in", 0755);
  CHECK("rename dir into itself", rename("rd", "rd/in/x"));
  CHECK("rename file over dir", rename("new", "rd"));
  write_file("f1", "1", 0644);
  CHECK("rename dir over file", rename("rd", "f1"));
  mkdir("e1", 0755); mkdir("e2", 0755); write_file("e2/x", "x", 0644);
  CHECK("rename over nonempty", rename("e1", "e2"));
  CHECK("rename over empty dir", rename("e1", "rd/in"));
  CHECK("renameat2 noreplace", renameat2(AT_FDCWD, "f1", AT_FDCWD, "new", RENAME_NOREPLACE));
}

static void links(void) {
  write_file("orig", "data", 0644);
  CHECK("link", link("orig", "hard"));
  struct stat a, b;
  stat("orig", &a); stat("hard", &b);
  printf("nlink %ld same ino %d\n", (long)a.st_nlink, a.st_ino == b.st_ino);
  CHECK("link exists", link("orig", "hard"));
  CHECK("link dir", link("dir", "dirlink"));
  CHECK("link missing", link("nope", "x"));
  unlink("orig"); stat("hard", &b); printf("nlink after unlink %ld\n", (long)b.st_nlink);
  CHECK("symlink", symlink("hard", "soft"));
  CHECK("symlink exists", symlink("x", "soft"));
  char t[64] = {0};
  SHOW("readlink", readlink("soft", t, sizeof t));
  printf("target [%s]\n", t);
  SHOW("readlink short", readlink("soft", t, 2));
  CHECK("readlink file", readlink("hard", t, sizeof t));
  lstat("soft", &a); stat("soft", &b);
  printf("lstat link %d stat reg %d size %ld\n", S_ISLNK(a.st_mode), S_ISREG(b.st_mode), (long)a.st_size);
  symlink("missing", "dangling");
  CHECK("stat dangling", stat("dangling", &a));
  CHECK("lstat dangling", lstat("dangling", &a));
  symlink("loop2", "loop1"); symlink("loop1", "loop2");
  CHECK("open loop", open("loop1", O_RDONLY));
  CHECK("open nofollow", open("soft", O_RDONLY | O_NOFOLLOW));
  SHOW("open path nofollow", open("soft", O_PATH | O_NOFOLLOW) >= 0);
  symlink(".", "dot"); 
  CHECK("through dot links", access("dot/dot/dot/hard", R_OK));
  symlink("/tmp", "abs");
  CHECK("absolute link dir", access("abs/.", F_OK));
  CHECK("symlink empty", symlink("", "e"));
}

static void mapped(void) {
  int fd = open("m", O_RDWR | O_CREAT | O_TRUNC, 0644);
  ftruncate(fd, 8192);
  char *p = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  pwrite(fd, "via write", 9, 100);
  printf("mmap sees [%.9s]\n", p + 100);
  memcpy(p + 5000, "via mmap", 8);
  char b[9] = {0}; pread(fd, b, 8, 5000);
  printf("read sees [%s]\n", b);
  munmap(p, 8192); close(fd);
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  enter_scratch("io");
  offsets();
  append_two();
  shared_offset();
  listing();
  open_unlinked();
  links();
  mapped();
  return 0;
}
