/* Non-local jumps: ra, sp, s0-s11, fs0-fs11; sigjmp_buf adds a saved mask. */
#ifndef _SETJMP_H
#define _SETJMP_H
typedef unsigned long jmp_buf[26];
typedef unsigned long sigjmp_buf[28];
int setjmp(jmp_buf) __attribute__((returns_twice));
_Noreturn void longjmp(jmp_buf, int);
int _setjmp(jmp_buf) __attribute__((returns_twice));
_Noreturn void _longjmp(jmp_buf, int);
int sigsetjmp(sigjmp_buf, int) __attribute__((returns_twice));
_Noreturn void siglongjmp(sigjmp_buf, int);
#endif
