/* Error messages (glibc's wording), err/warn, assert, basename/dirname. */
#include <string.h>
#include <errno.h>
#include <stdio.h>
#include <stdarg.h>
#include <stdlib.h>
#include <err.h>

static const char *const msgs[] = {
  [0] = "Success", [EPERM] = "Operation not permitted", [ENOENT] = "No such file or directory",
  [ESRCH] = "No such process", [EINTR] = "Interrupted system call", [EIO] = "Input/output error",
  [ENXIO] = "No such device or address", [E2BIG] = "Argument list too long", [ENOEXEC] = "Exec format error",
  [EBADF] = "Bad file descriptor", [ECHILD] = "No child processes", [EAGAIN] = "Resource temporarily unavailable",
  [ENOMEM] = "Cannot allocate memory", [EACCES] = "Permission denied", [EFAULT] = "Bad address",
  [ENOTBLK] = "Block device required", [EBUSY] = "Device or resource busy", [EEXIST] = "File exists",
  [EXDEV] = "Invalid cross-device link", [ENODEV] = "No such device", [ENOTDIR] = "Not a directory",
  [EISDIR] = "Is a directory", [EINVAL] = "Invalid argument", [ENFILE] = "Too many open files in system",
  [EMFILE] = "Too many open files", [ENOTTY] = "Inappropriate ioctl for device", [ETXTBSY] = "Text file busy",
  [EFBIG] = "File too large", [ENOSPC] = "No space left on device", [ESPIPE] = "Illegal seek",
  [EROFS] = "Read-only file system", [EMLINK] = "Too many links", [EPIPE] = "Broken pipe",
  [EDOM] = "Numerical argument out of domain", [ERANGE] = "Numerical result out of range",
  [EDEADLK] = "Resource deadlock avoided", [ENAMETOOLONG] = "File name too long", [ENOLCK] = "No locks available",
  [ENOSYS] = "Function not implemented", [ENOTEMPTY] = "Directory not empty",
  [ELOOP] = "Too many levels of symbolic links", [ENOMSG] = "No message of desired type",
  [ENODATA] = "No data available", [ETIME] = "Timer expired", [EOVERFLOW] = "Value too large for defined data type",
  [EILSEQ] = "Invalid or incomplete multibyte or wide character", [ENOTSOCK] = "Socket operation on non-socket",
  [EOPNOTSUPP] = "Operation not supported", [EADDRINUSE] = "Address already in use",
  [ETIMEDOUT] = "Connection timed out", [ECONNREFUSED] = "Connection refused",
  [EALREADY] = "Operation already in progress", [EINPROGRESS] = "Operation now in progress",
  [ESTALE] = "Stale file handle", [EDQUOT] = "Disk quota exceeded", [ECANCELED] = "Operation canceled",
};
char *strerror(int e) {
  static char buf[32];
  if (e >= 0 && e < (int)(sizeof msgs / sizeof *msgs) && msgs[e]) return (char *)msgs[e];
  snprintf(buf, sizeof buf, "Unknown error %d", e);
  return buf;
}
static void vwarn_(int with_errno, const char *fmt, va_list ap) {
  int e = errno;
  fprintf(stderr, "%s: ", program_invocation_short_name);
  if (fmt) vfprintf(stderr, fmt, ap);
  if (with_errno) fprintf(stderr, fmt ? ": %s\n" : "%s\n", strerror(e));
  else fputc('\n', stderr);
}
void warn(const char *fmt, ...) { va_list ap; va_start(ap, fmt); vwarn_(1, fmt, ap); va_end(ap); }
void warnx(const char *fmt, ...) { va_list ap; va_start(ap, fmt); vwarn_(0, fmt, ap); va_end(ap); }
_Noreturn void err(int c, const char *fmt, ...) { va_list ap; va_start(ap, fmt); vwarn_(1, fmt, ap); va_end(ap); exit(c); }
_Noreturn void errx(int c, const char *fmt, ...) { va_list ap; va_start(ap, fmt); vwarn_(0, fmt, ap); va_end(ap); exit(c); }
_Noreturn void __assert_fail(const char *e, const char *file, int line, const char *fn) {
  fprintf(stderr, "%s: %s:%d: %s: Assertion `%s' failed.\n", program_invocation_short_name, file, line, fn, e);
  abort();
}
char *basename(char *p) {
  if (!p || !*p) return ".";
  size_t l = strlen(p);
  while (l > 1 && p[l - 1] == '/') p[--l] = 0;
  char *s = strrchr(p, '/');
  return s && s[1] ? s + 1 : p;
}
char *dirname(char *p) {
  if (!p || !*p) return ".";
  size_t l = strlen(p);
  while (l > 1 && p[l - 1] == '/') l--;
  while (l > 0 && p[l - 1] != '/') l--;
  if (!l) return ".";
  while (l > 1 && p[l - 1] == '/') l--;
  p[l] = 0;
  return p;
}
