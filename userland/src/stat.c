/* stat: display file status (GNU default layout; -c FORMAT with %n %s %a %A %F %u %U %g %G %i %h %b %Y %X %Z %y; -L). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <time.h>
#include <pwd.h>
#include <grp.h>
#include <unistd.h>
#include <sys/stat.h>

#define MAJ(d) ((((d) >> 8) & 0xfff) | (((d) >> 32) & ~0xfffUL))
#define MIN(d) (((d) & 0xff) | (((d) >> 12) & ~0xffUL))
static const char *ftype(mode_t m, off_t size) {
  if (S_ISREG(m)) return size ? "regular file" : "regular empty file";
  if (S_ISDIR(m)) return "directory";
  if (S_ISLNK(m)) return "symbolic link";
  if (S_ISCHR(m)) return "character special file";
  if (S_ISBLK(m)) return "block special file";
  if (S_ISFIFO(m)) return "fifo";
  if (S_ISSOCK(m)) return "socket";
  return "weird file";
}
static void perms(mode_t m, char *s) {
  s[0] = S_ISDIR(m) ? 'd' : S_ISLNK(m) ? 'l' : S_ISCHR(m) ? 'c' : S_ISBLK(m) ? 'b' : S_ISFIFO(m) ? 'p' : S_ISSOCK(m) ? 's' : '-';
  for (int i = 0; i < 9; i++) s[i + 1] = (m & (0400 >> i)) ? "rwxrwxrwx"[i] : '-';
  if (m & S_ISUID) s[3] = (m & 0100) ? 's' : 'S';
  if (m & S_ISGID) s[6] = (m & 010) ? 's' : 'S';
  if (m & S_ISVTX) s[9] = (m & 01) ? 't' : 'T';
  s[10] = 0;
}
static void ts(const struct timespec *t, char *b, size_t n) {
  struct tm tm;
  gmtime_r(&t->tv_sec, &tm);
  char d[64];
  strftime(d, sizeof d, "%Y-%m-%d %H:%M:%S", &tm);
  snprintf(b, n, "%s.%09ld +0000", d, t->tv_nsec);
}
static void format(const char *f, const char *name, struct stat *s) {
  char b[128];
  struct passwd *pw;
  struct group *gr;
  for (; *f; f++) {
    if (*f == '\\' && f[1] == 'n') { putchar('\n'); f++; continue; }
    if (*f != '%' || !f[1]) { putchar(*f); continue; }
    switch (*++f) {
    case 'n': fputs(name, stdout); break;
    case 's': printf("%ld", (long)s->st_size); break;
    case 'a': printf("%o", s->st_mode & 07777); break;
    case 'A': perms(s->st_mode, b); fputs(b, stdout); break;
    case 'F': fputs(ftype(s->st_mode, s->st_size), stdout); break;
    case 'f': printf("%x", s->st_mode); break;
    case 'u': printf("%u", s->st_uid); break;
    case 'g': printf("%u", s->st_gid); break;
    case 'U': pw = getpwuid(s->st_uid); if (pw) fputs(pw->pw_name, stdout); else printf("UNKNOWN"); break;
    case 'G': gr = getgrgid(s->st_gid); if (gr) fputs(gr->gr_name, stdout); else printf("UNKNOWN"); break;
    case 'i': printf("%lu", s->st_ino); break;
    case 'h': printf("%u", s->st_nlink); break;
    case 'b': printf("%ld", s->st_blocks); break;
    case 'B': printf("512"); break;
    case 'o': printf("%d", s->st_blksize); break;
    case 'd': printf("%lu", s->st_dev); break;
    case 'Y': printf("%ld", (long)s->st_mtim.tv_sec); break;
    case 'X': printf("%ld", (long)s->st_atim.tv_sec); break;
    case 'Z': printf("%ld", (long)s->st_ctim.tv_sec); break;
    case 'y': ts(&s->st_mtim, b, sizeof b); fputs(b, stdout); break;
    case 'x': ts(&s->st_atim, b, sizeof b); fputs(b, stdout); break;
    case 'z': ts(&s->st_ctim, b, sizeof b); fputs(b, stdout); break;
    case '%': putchar('%'); break;
    default: putchar('%'); putchar(*f); break;
    }
  }
  putchar('\n');
}
int main(int argc, char **argv) {
  int i = 1, st = 0, deref = 0;
  const char *fmt = 0;
  for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
    if (!strcmp(argv[i], "-L")) deref = 1;
    else if (!strcmp(argv[i], "-c") && i + 1 < argc) fmt = argv[++i];
    else if (!strncmp(argv[i], "--format=", 9)) fmt = argv[i] + 9;
    else { fprintf(stderr, "stat: invalid option -- '%s'\n", argv[i] + 1); return 1; }
  }
  if (i >= argc) { fprintf(stderr, "stat: missing operand\n"); return 1; }
  for (; i < argc; i++) {
    struct stat s;
    if ((deref ? stat(argv[i], &s) : lstat(argv[i], &s)) < 0) {
      fprintf(stderr, "stat: cannot statx '%s': %s\n", argv[i], strerror(errno));
      st = 1;
      continue;
    }
    if (fmt) { format(fmt, argv[i], &s); continue; }
    char p[12], a[64], m[64], c[64], nm[4200];
    perms(s.st_mode, p);
    if (S_ISLNK(s.st_mode)) {
      char t[4096];
      ssize_t n = readlink(argv[i], t, sizeof t - 1);
      t[n < 0 ? 0 : n] = 0;
      snprintf(nm, sizeof nm, "%s -> %s", argv[i], t);
    } else snprintf(nm, sizeof nm, "%s", argv[i]);
    printf("  File: %s\n", nm);
    printf("  Size: %-10ld\tBlocks: %-10ld IO Block: %-6d %s\n", (long)s.st_size, s.st_blocks, s.st_blksize, ftype(s.st_mode, s.st_size));
    if (S_ISCHR(s.st_mode) || S_ISBLK(s.st_mode))
      printf("Device: %lu,%lu\tInode: %-11lu Links: %-5u Device type: %lu,%lu\n", MAJ(s.st_dev), MIN(s.st_dev), s.st_ino, s.st_nlink, MAJ(s.st_rdev), MIN(s.st_rdev));
    else printf("Device: %lu,%lu\tInode: %-11lu Links: %u\n", MAJ(s.st_dev), MIN(s.st_dev), s.st_ino, s.st_nlink);
    struct passwd *pw = getpwuid(s.st_uid);
    struct group *gr = getgrgid(s.st_gid);
    printf("Access: (%04o/%s)  Uid: (%5u/%8s)   Gid: (%5u/%8s)\n", s.st_mode & 07777, p, s.st_uid, pw ? pw->pw_name : "UNKNOWN", s.st_gid, gr ? gr->gr_name : "UNKNOWN");
    ts(&s.st_atim, a, sizeof a);
    ts(&s.st_mtim, m, sizeof m);
    ts(&s.st_ctim, c, sizeof c);
    printf("Access: %s\nModify: %s\nChange: %s\n Birth: -\n", a, m, c);
  }
  return st;
}
