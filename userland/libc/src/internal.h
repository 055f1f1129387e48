/* Internal: raw riscv64 Linux syscalls (ecall, a7 = number, -errno in a0). */
#ifndef _LIBC_INTERNAL_H
#define _LIBC_INTERNAL_H
#include <bits/syscall.h>
#include <errno.h>

static inline long __sc(long n, long a, long b, long c, long d, long e, long f) {
  register long a7 __asm__("a7") = n;
  register long a0 __asm__("a0") = a;
  register long a1 __asm__("a1") = b;
  register long a2 __asm__("a2") = c;
  register long a3 __asm__("a3") = d;
  register long a4 __asm__("a4") = e;
  register long a5 __asm__("a5") = f;
  __asm__ volatile("ecall" : "+r"(a0) : "r"(a7), "r"(a1), "r"(a2), "r"(a3), "r"(a4), "r"(a5) : "memory");
  return a0;
}
#define __sc0(n) __sc(n, 0, 0, 0, 0, 0, 0)
#define __sc1(n, a) __sc(n, (long)(a), 0, 0, 0, 0, 0)
#define __sc2(n, a, b) __sc(n, (long)(a), (long)(b), 0, 0, 0, 0)
#define __sc3(n, a, b, c) __sc(n, (long)(a), (long)(b), (long)(c), 0, 0, 0)
#define __sc4(n, a, b, c, d) __sc(n, (long)(a), (long)(b), (long)(c), (long)(d), 0, 0)
#define __sc5(n, a, b, c, d, e) __sc(n, (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), 0)
#define __sc6(n, a, b, c, d, e, f) __sc(n, (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), (long)(f))

/* Turns a raw result into the C convention: -1 with errno set. */
static inline long __ret(long r) {
  if ((unsigned long)r > -4096UL) { errno = (int)-r; return -1; }
  return r;
}
extern unsigned long *__auxv;
void __stdio_flush_all(void);
#endif
