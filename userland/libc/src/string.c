/* String and memory functions. */
#include <string.h>
#include <stdlib.h>
#include <ctype.h>
#include <stdint.h>

void *memcpy(void *d, const void *s, size_t n) {
  unsigned char *a = d;
  const unsigned char *b = s;
  if ((((uintptr_t)a | (uintptr_t)b) & 7) == 0) {
    for (; n >= 8; n -= 8, a += 8, b += 8) *(uint64_t *)a = *(const uint64_t *)b;
  }
  while (n--) *a++ = *b++;
  return d;
}
void *memmove(void *d, const void *s, size_t n) {
  unsigned char *a = d;
  const unsigned char *b = s;
  if (a == b || n == 0) return d;
  if (a < b || a >= b + n) return memcpy(d, s, n);
  while (n--) a[n] = b[n];
  return d;
}
void *memset(void *d, int c, size_t n) {
  unsigned char *a = d;
  if (((uintptr_t)a & 7) == 0) {
    uint64_t v = (unsigned char)c * 0x0101010101010101ULL;
    for (; n >= 8; n -= 8, a += 8) *(uint64_t *)a = v;
  }
  while (n--) *a++ = (unsigned char)c;
  return d;
}
int memcmp(const void *x, const void *y, size_t n) {
  const unsigned char *a = x, *b = y;
  for (; n; n--, a++, b++)
    if (*a != *b) return *a - *b;
  return 0;
}
void *memchr(const void *s, int c, size_t n) {
  const unsigned char *p = s;
  for (; n; n--, p++)
    if (*p == (unsigned char)c) return (void *)p;
  return 0;
}
void *memrchr(const void *s, int c, size_t n) {
  const unsigned char *p = s;
  while (n--)
    if (p[n] == (unsigned char)c) return (void *)(p + n);
  return 0;
}
void *mempcpy(void *d, const void *s, size_t n) { return (char *)memcpy(d, s, n) + n; }
size_t strlen(const char *s) {
  const char *p = s;
  while (*p) p++;
  return (size_t)(p - s);
}
size_t strnlen(const char *s, size_t n) {
  size_t i = 0;
  while (i < n && s[i]) i++;
  return i;
}
char *strcpy(char *d, const char *s) {
  char *r = d;
  while ((*d++ = *s++)) {}
  return r;
}
char *stpcpy(char *d, const char *s) {
  while ((*d = *s++)) d++;
  return d;
}
char *strncpy(char *d, const char *s, size_t n) {
  size_t i = 0;
  for (; i < n && s[i]; i++) d[i] = s[i];
  for (; i < n; i++) d[i] = 0;
  return d;
}
size_t strlcpy(char *d, const char *s, size_t n) {
  size_t l = strlen(s);
  if (n) {
    size_t c = l < n - 1 ? l : n - 1;
    memcpy(d, s, c);
    d[c] = 0;
  }
  return l;
}
char *strcat(char *d, const char *s) {
  strcpy(d + strlen(d), s);
  return d;
}
char *strncat(char *d, const char *s, size_t n) {
  char *p = d + strlen(d);
  while (n-- && *s) *p++ = *s++;
  *p = 0;
  return d;
}
int strcmp(const char *a, const char *b) {
  while (*a && *a == *b) a++, b++;
  return (unsigned char)*a - (unsigned char)*b;
}
int strncmp(const char *a, const char *b, size_t n) {
  for (; n; n--, a++, b++) {
    if (*a != *b) return (unsigned char)*a - (unsigned char)*b;
    if (!*a) return 0;
  }
  return 0;
}
int strcoll(const char *a, const char *b) { return strcmp(a, b); }
int strcasecmp(const char *a, const char *b) {
  while (*a && tolower((unsigned char)*a) == tolower((unsigned char)*b)) a++, b++;
  return tolower((unsigned char)*a) - tolower((unsigned char)*b);
}
int strncasecmp(const char *a, const char *b, size_t n) {
  for (; n; n--, a++, b++) {
    int x = tolower((unsigned char)*a), y = tolower((unsigned char)*b);
    if (x != y) return x - y;
    if (!x) return 0;
  }
  return 0;
}
char *strchrnul(const char *s, int c) {
  while (*s && *s != (char)c) s++;
  return (char *)s;
}
char *strchr(const char *s, int c) {
  s = strchrnul(s, c);
  return *s == (char)c ? (char *)s : 0;
}
char *strrchr(const char *s, int c) {
  const char *r = 0;
  do if (*s == (char)c) r = s; while (*s++);
  return (char *)r;
}
char *strstr(const char *h, const char *n) {
  size_t l = strlen(n);
  if (!l) return (char *)h;
  for (; *h; h++)
    if (*h == *n && !strncmp(h, n, l)) return (char *)h;
  return 0;
}
size_t strspn(const char *s, const char *a) {
  size_t i = 0;
  while (s[i] && strchr(a, s[i])) i++;
  return i;
}
size_t strcspn(const char *s, const char *a) {
  size_t i = 0;
  while (s[i] && !strchr(a, s[i])) i++;
  return i;
}
char *strpbrk(const char *s, const char *a) {
  s += strcspn(s, a);
  return *s ? (char *)s : 0;
}
char *strtok_r(char *s, const char *d, char **save) {
  if (!s) s = *save;
  s += strspn(s, d);
  if (!*s) { *save = s; return 0; }
  char *e = s + strcspn(s, d);
  if (*e) *e++ = 0;
  *save = e;
  return s;
}
char *strtok(char *s, const char *d) {
  static char *save;
  return strtok_r(s, d, &save);
}
char *strsep(char **sp, const char *d) {
  char *s = *sp;
  if (!s) return 0;
  char *e = s + strcspn(s, d);
  if (*e) { *e = 0; *sp = e + 1; }
  else *sp = 0;
  return s;
}
char *strdup(const char *s) {
  size_t l = strlen(s) + 1;
  char *d = malloc(l);
  return d ? memcpy(d, s, l) : 0;
}
char *strndup(const char *s, size_t n) {
  size_t l = strnlen(s, n);
  char *d = malloc(l + 1);
  if (!d) return 0;
  memcpy(d, s, l);
  d[l] = 0;
  return d;
}
