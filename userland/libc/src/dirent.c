/* Directory streams over getdents64. */
#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "internal.h"

struct _DIR { int fd; int pos, len; char buf[4096]; struct dirent ent; };

DIR *fdopendir(int fd) {
  DIR *d = malloc(sizeof *d);
  if (!d) return 0;
  d->fd = fd;
  d->pos = d->len = 0;
  return d;
}
DIR *opendir(const char *p) {
  int fd = open(p, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return 0;
  DIR *d = fdopendir(fd);
  if (!d) close(fd);
  return d;
}
struct dirent *readdir(DIR *d) {
  if (d->pos >= d->len) {
    long n = __ret(__sc3(SYS_getdents64, d->fd, d->buf, sizeof d->buf));
    if (n <= 0) return 0;
    d->len = (int)n;
    d->pos = 0;
  }
  /* linux_dirent64: u64 ino, s64 off, u16 reclen, u8 type, name[] */
  char *r = d->buf + d->pos;
  unsigned short reclen;
  memcpy(&d->ent.d_ino, r, 8);
  memcpy(&d->ent.d_off, r + 8, 8);
  memcpy(&reclen, r + 16, 2);
  d->ent.d_reclen = reclen;
  d->ent.d_type = (unsigned char)r[18];
  strlcpy(d->ent.d_name, r + 19, sizeof d->ent.d_name);
  d->pos += reclen;
  return &d->ent;
}
int closedir(DIR *d) {
  int r = close(d->fd);
  free(d);
  return r;
}
void rewinddir(DIR *d) {
  lseek(d->fd, 0, SEEK_SET);
  d->pos = d->len = 0;
}
int dirfd(DIR *d) { return d->fd; }
