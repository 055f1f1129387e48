/* Buffered FILE streams over read/write; line buffering for ttys. */
#include "stdio_impl.h"
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

static unsigned char inbuf[BUFSIZ], outbuf[BUFSIZ];
static struct _FILE f_in = {0, F_READ | F_STATIC, -1, inbuf, BUFSIZ, 0, 0, 0, -1, 0, 0, 0, 0};
static struct _FILE f_out = {1, F_WRITE | F_STATIC, -1, outbuf, BUFSIZ, 0, 0, 0, -1, 0, 0, 0, 0};
static struct _FILE f_err = {2, F_WRITE | F_STATIC, _IONBF, 0, 0, 0, 0, 0, -1, 0, 0, 0, 0};
FILE *stdin = &f_in, *stdout = &f_out, *stderr = &f_err;
static FILE *open_files;

static int resolve_mode(FILE *f) {
  if (f->mode < 0) f->mode = isatty(f->fd) ? _IOLBF : _IOFBF;
  return f->mode;
}
static int flush_out(FILE *f) {
  size_t off = 0;
  if (f->flags & F_MEM) { f->wpos = 0; return 0; }
  while (off < f->wpos) {
    ssize_t n = write(f->fd, f->buf + off, f->wpos - off);
    if (n < 0) {
      if (errno == EINTR) continue;
      f->flags |= F_ERR;
      memmove(f->buf, f->buf + off, f->wpos - off);
      f->wpos -= off;
      return EOF;
    }
    off += (size_t)n;
  }
  f->wpos = 0;
  return 0;
}
int fflush(FILE *f) {
  if (!f) {
    __stdio_flush_all();
    return 0;
  }
  if (f->wpos) return flush_out(f);
  if (f->rend > f->rpos && !(f->flags & F_MEM)) {
    /* Give unread input back to the file so the offset is right for others
       (only possible on seekable files; a pipe keeps its buffered bytes). */
    if (lseek(f->fd, -(off_t)(f->rend - f->rpos), SEEK_CUR) >= 0) f->rpos = f->rend = 0;
  }
  return 0;
}
void __stdio_flush_all(void) {
  fflush(stdout);
  fflush(stderr);
  for (FILE *f = open_files; f; f = f->next)
    if (f->wpos) flush_out(f);
}
static int ensure_buf(FILE *f) {
  if (f->buf || (f->flags & F_MEM)) return 0;
  f->buf = malloc(BUFSIZ);
  if (!f->buf) { f->mode = _IONBF; return -1; }
  f->size = BUFSIZ;
  f->flags |= F_OWNBUF;
  return 0;
}
/* Refills the read buffer; returns 0 at EOF/error. */
static size_t fill(FILE *f) {
  if (f->flags & F_MEM) {
    if (f->mempos >= f->memlen) { f->flags |= F_EOF; return 0; }
    return 1;
  }
  if (f == stdin) fflush(stdout);
  ensure_buf(f);
  unsigned char one;
  unsigned char *dst = f->buf ? f->buf : &one;
  size_t cap = f->buf ? f->size : 1;
  ssize_t n;
  do n = read(f->fd, dst, cap); while (n < 0 && errno == EINTR);
  if (n <= 0) {
    f->flags |= n == 0 ? F_EOF : F_ERR;
    return 0;
  }
  if (!f->buf) { f->unget = one; return 1; }
  f->rpos = 0;
  f->rend = (size_t)n;
  return (size_t)n;
}
int fgetc(FILE *f) {
  if (f->unget >= 0) { int c = f->unget; f->unget = -1; return c; }
  if (f->flags & F_MEM) {
    if (f->mempos >= f->memlen) { f->flags |= F_EOF; return EOF; }
    return f->mem[f->mempos++];
  }
  if (f->rpos < f->rend) return f->buf[f->rpos++];
  if (f->wpos) flush_out(f);
  if (!fill(f)) return EOF;
  if (f->unget >= 0) { int c = f->unget; f->unget = -1; return c; }
  return f->buf[f->rpos++];
}
int getc(FILE *f) { return fgetc(f); }
int getchar(void) { return fgetc(stdin); }
int ungetc(int c, FILE *f) {
  if (c == EOF) return EOF;
  f->unget = (unsigned char)c;
  f->flags &= ~F_EOF;
  return (unsigned char)c;
}
static size_t put_bytes(FILE *f, const unsigned char *s, size_t n) {
  if (f->flags & F_MEM) {
    size_t room = f->memlen > f->mempos ? f->memlen - f->mempos : 0;
    size_t c = n < room ? n : room;
    memcpy(f->mem + f->mempos, s, c);
    f->mempos += c;
    if (f->mempos < f->memlen) f->mem[f->mempos] = 0;
    return c;
  }
  if (f->rend > f->rpos) fflush(f);
  f->rpos = f->rend = 0;
  int mode = resolve_mode(f);
  if (mode != _IONBF) ensure_buf(f);
  if (mode == _IONBF || !f->buf) {
    size_t off = 0;
    if (f->wpos) flush_out(f);
    while (off < n) {
      ssize_t w = write(f->fd, s + off, n - off);
      if (w < 0) {
        if (errno == EINTR) continue;
        f->flags |= F_ERR;
        return off;
      }
      off += (size_t)w;
    }
    return n;
  }
  size_t done = 0;
  while (done < n) {
    size_t room = f->size - f->wpos;
    size_t c = n - done < room ? n - done : room;
    memcpy(f->buf + f->wpos, s + done, c);
    f->wpos += c;
    done += c;
    if (f->wpos == f->size && flush_out(f) < 0) return done;
  }
  if (mode == _IOLBF && memchr(s, '\n', n) && flush_out(f) < 0) return n;
  return n;
}
int fputc(int c, FILE *f) {
  unsigned char ch = (unsigned char)c;
  if (f->mode == _IOFBF && f->buf && f->wpos < f->size && !(f->flags & F_MEM) && f->rend == f->rpos) {
    f->buf[f->wpos++] = ch;
    return ch;
  }
  return put_bytes(f, &ch, 1) == 1 ? ch : EOF;
}
int putc(int c, FILE *f) { return fputc(c, f); }
int putchar(int c) { return fputc(c, stdout); }
int fputs(const char *s, FILE *f) {
  size_t l = strlen(s);
  return put_bytes(f, (const unsigned char *)s, l) == l ? 0 : EOF;
}
int puts(const char *s) {
  if (fputs(s, stdout) < 0) return EOF;
  return fputc('\n', stdout) < 0 ? EOF : 0;
}
size_t fwrite(const void *p, size_t sz, size_t n, FILE *f) {
  if (!sz || !n) return 0;
  return put_bytes(f, p, sz * n) / sz;
}
size_t fread(void *p, size_t sz, size_t n, FILE *f) {
  size_t want = sz * n, got = 0;
  unsigned char *d = p;
  if (!want) return 0;
  if (f->unget >= 0) { d[got++] = (unsigned char)f->unget; f->unget = -1; }
  while (got < want) {
    if (f->flags & F_MEM) {
      int c = fgetc(f);
      if (c == EOF) break;
      d[got++] = (unsigned char)c;
      continue;
    }
    if (f->rpos < f->rend) {
      size_t c = f->rend - f->rpos;
      if (c > want - got) c = want - got;
      memcpy(d + got, f->buf + f->rpos, c);
      f->rpos += c;
      got += c;
      continue;
    }
    if (want - got >= BUFSIZ) {
      if (f == stdin) fflush(stdout);
      ssize_t r = read(f->fd, d + got, want - got);
      if (r < 0 && errno == EINTR) continue;
      if (r <= 0) { f->flags |= r ? F_ERR : F_EOF; break; }
      got += (size_t)r;
      continue;
    }
    if (!fill(f)) break;
    if (f->unget >= 0) { d[got++] = (unsigned char)f->unget; f->unget = -1; }
  }
  return got / sz;
}
ssize_t getdelim(char **lp, size_t *cap, int delim, FILE *f) {
  size_t n = 0;
  if (!*lp || !*cap) {
    *cap = 128;
    *lp = malloc(*cap);
    if (!*lp) return -1;
  }
  for (;;) {
    int c = fgetc(f);
    if (c == EOF) break;
    if (n + 2 > *cap) {
      char *nb = realloc(*lp, *cap * 2);
      if (!nb) return -1;
      *lp = nb;
      *cap *= 2;
    }
    (*lp)[n++] = (char)c;
    if (c == delim) break;
  }
  (*lp)[n] = 0;
  return n ? (ssize_t)n : -1;
}
ssize_t getline(char **lp, size_t *cap, FILE *f) { return getdelim(lp, cap, '\n', f); }
char *fgets(char *s, int n, FILE *f) {
  int i = 0;
  if (n <= 0) return 0;
  while (i < n - 1) {
    int c = fgetc(f);
    if (c == EOF) break;
    s[i++] = (char)c;
    if (c == '\n') break;
  }
  if (!i) return 0;
  s[i] = 0;
  return s;
}
static int parse_mode(const char *m, int *fl) {
  int o;
  switch (*m) {
  case 'r': o = O_RDONLY; *fl = F_READ; break;
  case 'w': o = O_WRONLY | O_CREAT | O_TRUNC; *fl = F_WRITE; break;
  case 'a': o = O_WRONLY | O_CREAT | O_APPEND; *fl = F_WRITE | F_APPEND; break;
  default: errno = EINVAL; return -1;
  }
  if (strchr(m, '+')) { o = (o & ~O_ACCMODE) | O_RDWR; *fl |= F_READ | F_WRITE; }
  if (strchr(m, 'e')) o |= O_CLOEXEC;
  if (strchr(m, 'x')) o |= O_EXCL;
  return o;
}
static FILE *new_file(int fd, int fl) {
  FILE *f = calloc(1, sizeof *f);
  if (!f) return 0;
  f->fd = fd;
  f->flags = fl;
  f->mode = -1;
  f->unget = -1;
  f->next = open_files;
  open_files = f;
  return f;
}
FILE *fdopen(int fd, const char *m) {
  int fl;
  if (parse_mode(m, &fl) < 0) return 0;
  return new_file(fd, fl);
}
FILE *fopen(const char *p, const char *m) {
  int fl, o = parse_mode(m, &fl);
  if (o < 0) return 0;
  int fd = open(p, o, 0666);
  if (fd < 0) return 0;
  FILE *f = new_file(fd, fl);
  if (!f) close(fd);
  return f;
}
FILE *fmemopen(void *buf, size_t n, const char *m) {
  int fl;
  if (parse_mode(m, &fl) < 0) return 0;
  FILE *f = new_file(-1, fl | F_MEM);
  if (!f) return 0;
  f->mem = buf;
  f->memlen = n;
  if (*m == 'r') {} else if (n) f->mem[0] = 0;
  return f;
}
int fclose(FILE *f) {
  int r = fflush(f);
  if (f->fd >= 0 && close(f->fd) < 0) r = EOF;
  if (f->flags & F_STATIC) { f->fd = -1; return r; }
  for (FILE **pp = &open_files; *pp; pp = &(*pp)->next)
    if (*pp == f) { *pp = f->next; break; }
  if (f->flags & F_OWNBUF) free(f->buf);
  free(f);
  return r;
}
FILE *freopen(const char *p, const char *m, FILE *f) {
  int fl, o = parse_mode(m, &fl);
  if (o < 0) return 0;
  fflush(f);
  int fd = open(p, o, 0666);
  if (fd < 0) return 0;
  if (f->fd >= 0) { dup2(fd, f->fd); close(fd); } else f->fd = fd;
  f->flags = (f->flags & (F_STATIC | F_OWNBUF)) | fl;
  f->rpos = f->rend = f->wpos = 0;
  f->unget = -1;
  return f;
}
int fileno(FILE *f) { return f->fd; }
int feof(FILE *f) { return !!(f->flags & F_EOF); }
int ferror(FILE *f) { return !!(f->flags & F_ERR); }
void clearerr(FILE *f) { f->flags &= ~(F_EOF | F_ERR); }
/* Discards buffered output and unread input (glibc's __fpurge, <stdio_ext.h>). */
void __fpurge(FILE *f) { f->wpos = 0; f->rpos = f->rend = 0; f->unget = -1; }
int fseeko(FILE *f, off_t o, int w) {
  if (f->flags & F_MEM) {
    off_t base = w == SEEK_SET ? 0 : w == SEEK_CUR ? (off_t)f->mempos : (off_t)f->memlen;
    if (base + o < 0 || base + o > (off_t)f->memlen) { errno = EINVAL; return -1; }
    f->mempos = (size_t)(base + o);
    f->flags &= ~F_EOF;
    return 0;
  }
  if (f->wpos && flush_out(f) < 0) return -1;
  if (w == SEEK_CUR) o -= (off_t)(f->rend - f->rpos) + (f->unget >= 0);
  f->rpos = f->rend = 0;
  f->unget = -1;
  if (lseek(f->fd, o, w) < 0) return -1;
  f->flags &= ~F_EOF;
  return 0;
}
int fseek(FILE *f, long o, int w) { return fseeko(f, o, w); }
off_t ftello(FILE *f) {
  if (f->flags & F_MEM) return (off_t)f->mempos;
  off_t p = lseek(f->fd, 0, SEEK_CUR);
  if (p < 0) return -1;
  return p - (off_t)(f->rend - f->rpos) + (off_t)f->wpos - (f->unget >= 0);
}
long ftell(FILE *f) { return ftello(f); }
void rewind(FILE *f) { fseeko(f, 0, SEEK_SET); clearerr(f); }
int setvbuf(FILE *f, char *b, int mode, size_t n) {
  f->mode = mode;
  if (b && n) {
    if (f->flags & F_OWNBUF) free(f->buf);
    f->flags &= ~F_OWNBUF;
    f->buf = (unsigned char *)b;
    f->size = n;
  }
  return 0;
}
void setbuf(FILE *f, char *b) { setvbuf(f, b, b ? _IOFBF : _IONBF, BUFSIZ); }
void setlinebuf(FILE *f) { setvbuf(f, 0, _IOLBF, 0); }
void perror(const char *s) {
  const char *m = strerror(errno);
  if (s && *s) { fputs(s, stderr); fputs(": ", stderr); }
  fputs(m, stderr);
  fputc('\n', stderr);
}
int remove(const char *p) {
  if (unlink(p) == 0) return 0;
  if (errno == EISDIR) return rmdir(p);
  return -1;
}
