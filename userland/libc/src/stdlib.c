/* stdlib: number conversions, qsort/bsearch, environment, rand, realpath, mkstemp. */
#include <stdlib.h>
#include <string.h>
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <unistd.h>
#include <fcntl.h>
#include <time.h>
#include <sys/stat.h>

/* Parses an unsigned magnitude; *neg gets the sign; *ovf is set on overflow of ULLONG. */
static unsigned long long parse_ull(const char *s, char **end, int base, int *neg, int *ovf) {
  const char *p = s;
  *neg = 0;
  *ovf = 0;
  while (isspace((unsigned char)*p)) p++;
  if (*p == '+' || *p == '-') *neg = *p++ == '-';
  if ((base == 0 || base == 16) && p[0] == '0' && (p[1] | 32) == 'x' && isxdigit((unsigned char)p[2])) {
    p += 2;
    base = 16;
  } else if (base == 0) base = *p == '0' ? 8 : 10;
  unsigned long long v = 0;
  const char *start = p;
  for (;; p++) {
    int c = (unsigned char)*p, d;
    if (isdigit(c)) d = c - '0';
    else if (isalpha(c)) d = (c | 32) - 'a' + 10;
    else break;
    if (d >= base) break;
    if (v > (ULLONG_MAX - (unsigned)d) / (unsigned)base) *ovf = 1;
    v = v * (unsigned)base + (unsigned)d;
  }
  if (p == start) {
    if (end) *end = (char *)s;
    return 0;
  }
  if (end) *end = (char *)p;
  return v;
}
unsigned long long strtoull(const char *s, char **e, int b) {
  int neg, ovf;
  unsigned long long v = parse_ull(s, e, b, &neg, &ovf);
  if (ovf) { errno = ERANGE; return ULLONG_MAX; }
  return neg ? -v : v;
}
unsigned long strtoul(const char *s, char **e, int b) { return strtoull(s, e, b); }
long long strtoll(const char *s, char **e, int b) {
  int neg, ovf;
  unsigned long long v = parse_ull(s, e, b, &neg, &ovf);
  if (ovf || (!neg && v > (unsigned long long)LLONG_MAX) || (neg && v > (unsigned long long)LLONG_MAX + 1)) {
    errno = ERANGE;
    return neg ? LLONG_MIN : LLONG_MAX;
  }
  return neg ? (long long)-v : (long long)v;
}
long strtol(const char *s, char **e, int b) { return strtoll(s, e, b); }
intmax_t strtoimax(const char *s, char **e, int b) { return strtoll(s, e, b); }
uintmax_t strtoumax(const char *s, char **e, int b) { return strtoull(s, e, b); }
int atoi(const char *s) { return (int)strtol(s, 0, 10); }
long atol(const char *s) { return strtol(s, 0, 10); }
long long atoll(const char *s) { return strtoll(s, 0, 10); }
int abs(int x) { return x < 0 ? -x : x; }
long labs(long x) { return x < 0 ? -x : x; }
long long llabs(long long x) { return x < 0 ? -x : x; }
div_t div(int a, int b) { return (div_t){a / b, a % b}; }
ldiv_t ldiv(long a, long b) { return (ldiv_t){a / b, a % b}; }

/* Decimal/hex floating conversion: up to 19 significant digits scaled in quad precision. */
double strtod(const char *s, char **end) {
  const char *p = s;
  while (isspace((unsigned char)*p)) p++;
  int neg = 0;
  if (*p == '+' || *p == '-') neg = *p++ == '-';
  if (!strncasecmp(p, "inf", 3)) {
    p += strncasecmp(p, "infinity", 8) ? 3 : 8;
    if (end) *end = (char *)p;
    return neg ? -__builtin_inf() : __builtin_inf();
  }
  if (!strncasecmp(p, "nan", 3)) {
    if (end) *end = (char *)p + 3;
    return neg ? -__builtin_nan("") : __builtin_nan("");
  }
  if (p[0] == '0' && (p[1] | 32) == 'x') {
    const char *q = p + 2;
    long double v = 0;
    int any = 0, exp = 0;
    for (; isxdigit((unsigned char)*q); q++, any = 1) v = v * 16 + (isdigit((unsigned char)*q) ? *q - '0' : (*q | 32) - 'a' + 10);
    if (*q == '.')
      for (q++; isxdigit((unsigned char)*q); q++, any = 1, exp -= 4) v = v * 16 + (isdigit((unsigned char)*q) ? *q - '0' : (*q | 32) - 'a' + 10);
    if (any) {
      if ((*q | 32) == 'p' && (isdigit((unsigned char)q[1]) || ((q[1] == '-' || q[1] == '+') && isdigit((unsigned char)q[2])))) {
        exp += (int)strtol(q + 1, (char **)&q, 10);
      }
      if (end) *end = (char *)q;
      while (exp > 0) v *= 2, exp--;
      while (exp < 0) v /= 2, exp++;
      return neg ? -(double)v : (double)v;
    }
  }
  unsigned long long mant = 0;
  int digits = 0, dexp = 0, any = 0;
  for (; isdigit((unsigned char)*p); p++, any = 1) {
    if (digits < 19) { mant = mant * 10 + (unsigned)(*p - '0'); if (mant) digits++; }
    else dexp++;
  }
  if (*p == '.') {
    for (p++; isdigit((unsigned char)*p); p++, any = 1) {
      if (digits < 19) { mant = mant * 10 + (unsigned)(*p - '0'); if (mant) digits++; dexp--; }
    }
  }
  if (!any) {
    if (end) *end = (char *)s;
    return 0;
  }
  if ((*p | 32) == 'e') {
    const char *q = p + 1;
    int eneg = 0;
    if (*q == '+' || *q == '-') eneg = *q++ == '-';
    if (isdigit((unsigned char)*q)) {
      long e = 0;
      for (; isdigit((unsigned char)*q); q++) if (e < 100000) e = e * 10 + (*q - '0');
      dexp += (int)(eneg ? -e : e);
      p = q;
    }
  }
  if (end) *end = (char *)p;
  long double v = (long double)mant, scale = 1, base = 10;
  int e = dexp < 0 ? -dexp : dexp;
  if (e > 5000) e = 5000;
  while (e) {
    if (e & 1) scale *= base;
    base *= base;
    e >>= 1;
  }
  v = dexp < 0 ? v / scale : v * scale;
  double r = (double)v;
  if (mant && (r == 0 || r > 1.7976931348623157e308)) errno = ERANGE;
  return neg ? -r : r;
}
float strtof(const char *s, char **e) { return (float)strtod(s, e); }
double atof(const char *s) { return strtod(s, 0); }

static void swapb(char *a, char *b, size_t n) {
  while (n--) { char t = *a; *a++ = *b; *b++ = t; }
}
/* Quicksort (median of three) with insertion sort for small ranges. */
static void qs(char *b, size_t n, size_t w, int (*cmp)(const void *, const void *)) {
  while (n > 8) {
    char *lo = b, *mid = b + (n / 2) * w, *hi = b + (n - 1) * w;
    if (cmp(mid, lo) < 0) swapb(mid, lo, w);
    if (cmp(hi, mid) < 0) { swapb(hi, mid, w); if (cmp(mid, lo) < 0) swapb(mid, lo, w); }
    swapb(mid, b, w); /* pivot to front */
    size_t i = 1, j = n - 1;
    for (;;) {
      while (i <= j && cmp(b + i * w, b) < 0) i++;
      while (j >= i && cmp(b + j * w, b) > 0) j--;
      if (i >= j) break;
      swapb(b + i * w, b + j * w, w);
      i++;
      j--;
    }
    swapb(b, b + j * w, w);
    /* Recurse on the smaller side. */
    if (j < n - j - 1) { qs(b, j, w, cmp); b += (j + 1) * w; n -= j + 1; }
    else { qs(b + (j + 1) * w, n - j - 1, w, cmp); n = j; }
  }
  for (size_t i = 1; i < n; i++)
    for (size_t k = i; k > 0 && cmp(b + (k - 1) * w, b + k * w) > 0; k--) swapb(b + (k - 1) * w, b + k * w, w);
}
void qsort(void *b, size_t n, size_t w, int (*cmp)(const void *, const void *)) {
  if (n > 1 && w) qs(b, n, w, cmp);
}
void *bsearch(const void *k, const void *b, size_t n, size_t w, int (*cmp)(const void *, const void *)) {
  const char *base = b;
  while (n) {
    const char *m = base + (n / 2) * w;
    int c = cmp(k, m);
    if (!c) return (void *)m;
    if (c > 0) { base = m + w; n -= n / 2 + 1; }
    else n /= 2;
  }
  return 0;
}

static char **own_env; /* environ when we own the array */
static size_t env_cap;
char *getenv(const char *n) {
  size_t l = strlen(n);
  if (!environ) return 0;
  for (char **e = environ; *e; e++)
    if (!strncmp(*e, n, l) && (*e)[l] == '=') return *e + l + 1;
  return 0;
}
static int env_put(char *kv, size_t namelen) {
  size_t n = 0;
  if (environ)
    for (; environ[n]; n++)
      if (!strncmp(environ[n], kv, namelen + 1)) { environ[n] = kv; return 0; }
  if (environ != own_env || n + 2 > env_cap) {
    size_t cap = (n + 2) * 2;
    char **ne = malloc(cap * sizeof *ne);
    if (!ne) return -1;
    for (size_t i = 0; i < n; i++) ne[i] = environ[i];
    if (environ == own_env) free(own_env);
    own_env = environ = ne;
    env_cap = cap;
  }
  environ[n] = kv;
  environ[n + 1] = 0;
  return 0;
}
int setenv(const char *n, const char *v, int over) {
  size_t l = strlen(n);
  if (!l || strchr(n, '=')) { errno = EINVAL; return -1; }
  if (!over && getenv(n)) return 0;
  size_t vl = strlen(v);
  char *kv = malloc(l + vl + 2);
  if (!kv) return -1;
  memcpy(kv, n, l);
  kv[l] = '=';
  memcpy(kv + l + 1, v, vl + 1);
  return env_put(kv, l);
}
int putenv(char *kv) {
  char *eq = strchr(kv, '=');
  if (!eq) return unsetenv(kv);
  return env_put(kv, (size_t)(eq - kv));
}
int unsetenv(const char *n) {
  size_t l = strlen(n);
  if (!l || strchr(n, '=')) { errno = EINVAL; return -1; }
  if (!environ) return 0;
  char **w = environ;
  for (char **e = environ; *e; e++)
    if (!(strncmp(*e, n, l) == 0 && (*e)[l] == '=')) *w++ = *e;
  *w = 0;
  return 0;
}
int clearenv(void) {
  if (environ) environ[0] = 0;
  return 0;
}

static unsigned long rnd_state = 1;
int rand(void) {
  rnd_state = rnd_state * 6364136223846793005UL + 1442695040888963407UL;
  return (int)(rnd_state >> 33);
}
void srand(unsigned s) { rnd_state = s; }
long random(void) { return rand(); }
void srandom(unsigned s) { srand(s); }

char *realpath(const char *path, char *out) {
  char buf[PATH_MAX], link[PATH_MAX], rest[PATH_MAX];
  size_t bl = 0;
  int hops = 0;
  if (strlen(path) >= PATH_MAX) { errno = ENAMETOOLONG; return 0; }
  if (path[0] != '/') {
    if (!getcwd(buf, sizeof buf)) return 0;
    bl = strlen(buf);
    if (bl == 1) bl = 0;
  }
  strcpy(rest, path);
  char *p = rest;
  while (*p) {
    while (*p == '/') p++;
    if (!*p) break;
    char *e = strchrnul(p, '/');
    size_t cl = (size_t)(e - p);
    if (cl == 1 && p[0] == '.') { p = e; continue; }
    if (cl == 2 && p[0] == '.' && p[1] == '.') {
      while (bl && buf[bl - 1] != '/') bl--;
      if (bl) bl--;
      p = e;
      continue;
    }
    if (bl + cl + 2 > PATH_MAX) { errno = ENAMETOOLONG; return 0; }
    buf[bl++] = '/';
    memcpy(buf + bl, p, cl);
    size_t prev = bl - 1;
    bl += cl;
    buf[bl] = 0;
    p = e;
    struct stat st;
    if (lstat(buf, &st) < 0) return 0;
    if (S_ISLNK(st.st_mode)) {
      if (++hops > 40) { errno = ELOOP; return 0; }
      ssize_t n = readlink(buf, link, sizeof link - 1);
      if (n < 0) return 0;
      link[n] = 0;
      if (strlen(link) + strlen(p) + 2 > PATH_MAX) { errno = ENAMETOOLONG; return 0; }
      char tmp[PATH_MAX];
      strcpy(tmp, link); /* p is "" or starts with '/' */
      strcat(tmp, p);
      strcpy(rest, tmp);
      p = rest;
      bl = link[0] == '/' ? 0 : prev;
    } else if (*p && !S_ISDIR(st.st_mode)) { errno = ENOTDIR; return 0; }
  }
  if (!bl) buf[bl++] = '/';
  buf[bl] = 0;
  if (!out) return strdup(buf);
  strcpy(out, buf);
  return out;
}

int mkstemp(char *t) {
  size_t l = strlen(t);
  if (l < 6 || strcmp(t + l - 6, "XXXXXX")) { errno = EINVAL; return -1; }
  static unsigned long seq;
  for (int tries = 0; tries < 100; tries++) {
    unsigned long v = (unsigned long)getpid() * 7919 + (unsigned long)time(0) + seq++ * 104729;
    for (int i = 0; i < 6; i++) { t[l - 6 + i] = "abcdefghijklmnopqrstuvwxyz0123456789"[v % 36]; v /= 36; }
    int fd = open(t, O_RDWR | O_CREAT | O_EXCL, 0600);
    if (fd >= 0 || errno != EEXIST) return fd;
  }
  return -1;
}
