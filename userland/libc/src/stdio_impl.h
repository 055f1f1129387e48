/* Internal: the FILE structure. */
#ifndef _STDIO_IMPL_H
#define _STDIO_IMPL_H
#include <stdio.h>
struct _FILE {
  int fd;
  int flags;    /* F_* below */
  int mode;     /* _IOFBF, _IOLBF, _IONBF */
  unsigned char *buf;
  size_t size;
  size_t rpos, rend; /* read window */
  size_t wpos;       /* pending write bytes */
  int unget;         /* -1 when empty */
  unsigned char *mem; size_t memlen, mempos; /* fmemopen */
  struct _FILE *next;
};
#define F_READ 1
#define F_WRITE 2
#define F_EOF 4
#define F_ERR 8
#define F_OWNBUF 16
#define F_APPEND 32
#define F_MEM 64
#define F_STATIC 128
/* Formats into a sink; returns the count printed. */
typedef void (*__sink)(void *, const char *, size_t);
int __vformat(__sink, void *, const char *, va_list);
void __stdio_flush_all(void);
#endif
