/* The printf family: one formatter writing into a sink; exact decimal conversion of doubles. */
#include "stdio_impl.h"
#include <stdarg.h>
#include <stdint.h>
#include <string.h>
#include <stdlib.h>
#include <unistd.h>

#define LIMBS 140
/* Exact decimal digits of a finite positive double: returns digit count, *dp = decimal point. */
static int exact_digits(double v, char *out, int *dp) {
  union { double d; uint64_t u; } u = {v};
  int be = (int)((u.u >> 52) & 0x7ff);
  uint64_t m = u.u & ((1ULL << 52) - 1);
  int e;
  if (be) { m |= 1ULL << 52; e = be - 1075; } else e = -1074;
  uint32_t L[LIMBS];
  int n = 0;
  while (m) { L[n++] = (uint32_t)(m % 1000000000); m /= 1000000000; }
  int shift = e >= 0 ? e : -e;
  while (shift > 0) {
    uint64_t mul, carry = 0;
    int step;
    if (e >= 0) { step = shift < 29 ? shift : 29; mul = 1ULL << step; }
    else { step = shift < 13 ? shift : 13; mul = 1; for (int i = 0; i < step; i++) mul *= 5; }
    for (int i = 0; i < n; i++) {
      uint64_t t = (uint64_t)L[i] * mul + carry;
      L[i] = (uint32_t)(t % 1000000000);
      carry = t / 1000000000;
    }
    while (carry) { L[n++] = (uint32_t)(carry % 1000000000); carry /= 1000000000; }
    shift -= step;
  }
  /* Limbs to text, most significant first. */
  int len = 0;
  char tmp[12];
  for (int i = n - 1; i >= 0; i--) {
    uint32_t x = L[i];
    for (int k = 8; k >= 0; k--) { tmp[k] = (char)('0' + x % 10); x /= 10; }
    int k = 0;
    if (i == n - 1) while (k < 8 && tmp[k] == '0') k++;
    for (; k < 9; k++) out[len++] = tmp[k];
  }
  *dp = e >= 0 ? len : len + e;
  while (len > 0 && out[len - 1] == '0') len--;
  return len;
}
/* Rounds digits to keep k of them (half to even on exact ties); returns new count. */
static int round_digits(char *d, int n, int k, int *dp) {
  if (k >= n) return n;
  if (k < 0) { *dp += 0; return 0; }
  int up = 0;
  if (d[k] > '5') up = 1;
  else if (d[k] == '5') {
    int rest = 0;
    for (int i = k + 1; i < n; i++) if (d[i] != '0') { rest = 1; break; }
    up = rest || (k > 0 && ((d[k - 1] - '0') & 1));
  }
  n = k;
  if (up) {
    int i = k - 1;
    while (i >= 0 && d[i] == '9') d[i--] = '0';
    if (i >= 0) d[i]++;
    else { memmove(d + 1, d, (size_t)k); d[0] = '1'; (*dp)++; if (k == 0) n = 1; }
  }
  while (n > 0 && d[n - 1] == '0') n--;
  return n;
}

struct spec { int left, plus, space, alt, zero, width, prec; char conv; };

static void pad(__sink s, void *c, char ch, int n) {
  char b[32];
  memset(b, ch, sizeof b);
  while (n > 0) { int k = n < 32 ? n : 32; s(c, b, (size_t)k); n -= k; }
}
/* Emits prefix + body with width/zero padding. */
static int emit(__sink s, void *c, const struct spec *sp, const char *pre, const char *body, int blen, int zeros_ok) {
  int plen = (int)strlen(pre), tot = plen + blen, w = sp->width > tot ? sp->width - tot : 0;
  if (!sp->left && !(sp->zero && zeros_ok)) pad(s, c, ' ', w);
  s(c, pre, (size_t)plen);
  if (!sp->left && sp->zero && zeros_ok) pad(s, c, '0', w);
  s(c, body, (size_t)blen);
  if (sp->left) pad(s, c, ' ', w);
  return tot + w;
}
static int fmt_float(__sink s, void *c, struct spec *sp, double v) {
  static char d[1200];
  char body[1400];
  const char *pre = "";
  int upper = sp->conv >= 'A' && sp->conv <= 'Z';
  char conv = (char)(sp->conv | 32);
  union { double d; uint64_t u; } u = {v};
  int neg = (int)(u.u >> 63);
  if (neg) v = -v, pre = "-";
  else if (sp->plus) pre = "+";
  else if (sp->space) pre = " ";
  if (v != v || v > 1.7976931348623157e308) {
    const char *t = v != v ? (upper ? "NAN" : "nan") : (upper ? "INF" : "inf");
    return emit(s, c, sp, pre, t, 3, 0);
  }
  int prec = sp->prec < 0 ? 6 : sp->prec, dp = 1, n = 0;
  if (v != 0) n = exact_digits(v, d, &dp);
  int bl = 0, strip = 0;
  if (conv == 'g') {
    int P = prec ? prec : 1;
    int dp2 = dp;
    char g[1200];
    memcpy(g, d, (size_t)n);
    int n2 = v != 0 ? round_digits(g, n, P, &dp2) : 0;
    int X = v != 0 ? dp2 - 1 : 0;
    (void)n2;
    if (P > X && X >= -4) { conv = 'f'; prec = P - 1 - X; }
    else { conv = 'e'; prec = P - 1; }
    strip = !sp->alt;
  }
  if (conv == 'f') {
    n = round_digits(d, n, dp + prec, &dp);
    if (dp <= 0) body[bl++] = '0';
    else for (int i = 0; i < dp; i++) body[bl++] = i < n ? d[i] : '0';
    if (prec || sp->alt) body[bl++] = '.';
    for (int i = 0; i < prec; i++) { int k = dp + i; body[bl++] = k >= 0 && k < n ? d[k] : '0'; }
  } else {
    n = v != 0 ? round_digits(d, n, prec + 1, &dp) : 0;
    int X = v != 0 ? dp - 1 : 0;
    body[bl++] = n ? d[0] : '0';
    if (prec || sp->alt) body[bl++] = '.';
    for (int i = 1; i <= prec; i++) body[bl++] = i < n ? d[i] : '0';
    if (strip) {
      if (memchr(body, '.', (size_t)bl)) { while (body[bl - 1] == '0') bl--; if (body[bl - 1] == '.') bl--; }
      strip = 0;
    }
    body[bl++] = upper ? 'E' : 'e';
    body[bl++] = X < 0 ? '-' : '+';
    int ax = X < 0 ? -X : X;
    if (ax >= 100) body[bl++] = (char)('0' + ax / 100);
    body[bl++] = (char)('0' + ax / 10 % 10);
    body[bl++] = (char)('0' + ax % 10);
  }
  if (strip && memchr(body, '.', (size_t)bl)) {
    while (body[bl - 1] == '0') bl--;
    if (body[bl - 1] == '.') bl--;
  }
  return emit(s, c, sp, pre, body, bl, 1);
}
static int fmt_int(__sink s, void *c, struct spec *sp, uint64_t v, int neg) {
  char body[80], *e = body + sizeof body, *p = e;
  const char *pre = neg ? "-" : sp->plus ? "+" : sp->space ? " " : "";
  unsigned base = 10;
  const char *dig = "0123456789abcdef";
  switch (sp->conv) {
  case 'o': base = 8; pre = ""; break;
  case 'x': base = 16; pre = sp->alt && v ? "0x" : ""; break;
  case 'X': base = 16; dig = "0123456789ABCDEF"; pre = sp->alt && v ? "0X" : ""; break;
  case 'p': base = 16; pre = "0x"; break;
  case 'u': pre = ""; break;
  }
  while (v) { *--p = dig[v % base]; v /= base; }
  int digits = (int)(e - p);
  int prec = sp->prec;
  while (digits < prec && p > body) { *--p = '0'; digits++; }
  if (sp->conv == 'o' && sp->alt && (p == e || *p != '0')) *--p = '0';
  if (prec < 0 && p == e) *--p = '0';
  return emit(s, c, sp, pre, p, (int)(e - p), prec < 0);
}

int __vformat(__sink s, void *c, const char *f, va_list ap) {
  int total = 0;
  while (*f) {
    const char *q = f;
    while (*q && *q != '%') q++;
    if (q > f) { s(c, f, (size_t)(q - f)); total += (int)(q - f); f = q; continue; }
    f++;
    struct spec sp = {0, 0, 0, 0, 0, 0, -1, 0};
    for (;; f++) {
      if (*f == '-') sp.left = 1;
      else if (*f == '+') sp.plus = 1;
      else if (*f == ' ') sp.space = 1;
      else if (*f == '#') sp.alt = 1;
      else if (*f == '0') sp.zero = 1;
      else break;
    }
    if (*f == '*') { sp.width = va_arg(ap, int); if (sp.width < 0) { sp.left = 1; sp.width = -sp.width; } f++; }
    else while (*f >= '0' && *f <= '9') sp.width = sp.width * 10 + (*f++ - '0');
    if (*f == '.') {
      f++;
      sp.prec = 0;
      if (*f == '*') { sp.prec = va_arg(ap, int); f++; }
      else while (*f >= '0' && *f <= '9') sp.prec = sp.prec * 10 + (*f++ - '0');
    }
    int lng = 0; /* -2 hh, -1 h, 1 l, 2 ll */
    for (;; f++) {
      if (*f == 'h') lng--;
      else if (*f == 'l' || *f == 'z' || *f == 'j' || *f == 't') lng++;
      else if (*f == 'L') lng = 2;
      else break;
    }
    sp.conv = *f;
    if (!*f) break;
    f++;
    switch (sp.conv) {
    case 'd': case 'i': {
      long long v = lng >= 1 ? va_arg(ap, long) : va_arg(ap, int);
      if (lng == -1) v = (short)v;
      if (lng <= -2) v = (signed char)v;
      total += fmt_int(s, c, &sp, v < 0 ? -(uint64_t)v : (uint64_t)v, v < 0);
      break;
    }
    case 'u': case 'x': case 'X': case 'o': {
      uint64_t v = lng >= 1 ? va_arg(ap, unsigned long) : va_arg(ap, unsigned);
      if (lng == -1) v = (unsigned short)v;
      if (lng <= -2) v = (unsigned char)v;
      sp.plus = sp.space = 0;
      total += fmt_int(s, c, &sp, v, 0);
      break;
    }
    case 'p': {
      void *p = va_arg(ap, void *);
      if (!p) { total += emit(s, c, &sp, "", "(nil)", 5, 0); break; }
      sp.plus = sp.space = 0;
      total += fmt_int(s, c, &sp, (uintptr_t)p, 0);
      break;
    }
    case 'c': {
      char ch = (char)va_arg(ap, int);
      total += emit(s, c, &sp, "", &ch, 1, 0);
      break;
    }
    case 's': {
      const char *str = va_arg(ap, const char *);
      if (!str) str = "(null)";
      int l = sp.prec >= 0 ? (int)strnlen(str, (size_t)sp.prec) : (int)strlen(str);
      total += emit(s, c, &sp, "", str, l, 0);
      break;
    }
    case 'f': case 'F': case 'e': case 'E': case 'g': case 'G': {
      double v = lng == 2 ? (double)va_arg(ap, long double) : va_arg(ap, double);
      total += fmt_float(s, c, &sp, v);
      break;
    }
    case 'n': *va_arg(ap, int *) = total; break;
    case '%': s(c, "%", 1); total++; break;
    default: s(c, "%", 1); s(c, &sp.conv, 1); total += 2; break;
    }
  }
  return total;
}

static void file_sink(void *c, const char *p, size_t n) { fwrite(p, 1, n, c); }
int vfprintf(FILE *f, const char *fmt, va_list ap) { return __vformat(file_sink, f, fmt, ap); }
int vprintf(const char *fmt, va_list ap) { return vfprintf(stdout, fmt, ap); }
struct strbuf { char *b; size_t cap, len; int grow; };
static void str_sink(void *c, const char *p, size_t n) {
  struct strbuf *sb = c;
  if (sb->grow && sb->len + n + 1 > sb->cap) {
    size_t nc = (sb->len + n + 1) * 2;
    char *nb = realloc(sb->b, nc);
    if (!nb) { sb->grow = -1; return; }
    sb->b = nb;
    sb->cap = nc;
  }
  for (size_t i = 0; i < n; i++, sb->len++)
    if (sb->len + 1 < sb->cap) sb->b[sb->len] = p[i];
}
int vsnprintf(char *b, size_t n, const char *fmt, va_list ap) {
  struct strbuf sb = {b, n, 0, 0};
  int r = __vformat(str_sink, &sb, fmt, ap);
  if (n) b[sb.len < n ? sb.len : n - 1] = 0;
  return r;
}
int vsprintf(char *b, const char *fmt, va_list ap) { return vsnprintf(b, (size_t)-1 / 2, fmt, ap); }
int vasprintf(char **out, const char *fmt, va_list ap) {
  struct strbuf sb = {malloc(64), 64, 0, 1};
  if (!sb.b) return -1;
  int r = __vformat(str_sink, &sb, fmt, ap);
  if (sb.grow < 0) { free(sb.b); return -1; }
  sb.b[sb.len] = 0;
  *out = sb.b;
  return r;
}
struct fdbuf { int fd; size_t n; char b[256]; };
static void fd_sink(void *c, const char *p, size_t n) {
  struct fdbuf *fb = c;
  for (size_t i = 0; i < n; i++) {
    if (fb->n == sizeof fb->b) { write(fb->fd, fb->b, fb->n); fb->n = 0; }
    fb->b[fb->n++] = p[i];
  }
}
int vdprintf(int fd, const char *fmt, va_list ap) {
  struct fdbuf fb;
  fb.fd = fd;
  fb.n = 0;
  int r = __vformat(fd_sink, &fb, fmt, ap);
  if (fb.n) write(fd, fb.b, fb.n);
  return r;
}
#define VARIADIC(name, call, ...) \
  int name(__VA_ARGS__, const char *fmt, ...) { va_list ap; va_start(ap, fmt); int r = call; va_end(ap); return r; }
int printf(const char *fmt, ...) { va_list ap; va_start(ap, fmt); int r = vfprintf(stdout, fmt, ap); va_end(ap); return r; }
VARIADIC(fprintf, vfprintf(f, fmt, ap), FILE *f)
VARIADIC(dprintf, vdprintf(fd, fmt, ap), int fd)
VARIADIC(sprintf, vsprintf(b, fmt, ap), char *b)
VARIADIC(snprintf, vsnprintf(b, n, fmt, ap), char *b, size_t n)
VARIADIC(asprintf, vasprintf(b, fmt, ap), char **b)
