/* C runtime start: environment, auxv, main, exit; atexit; errno. */
#include <stdlib.h>
#include <unistd.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include "internal.h"

int errno;
char **environ;
unsigned long *__auxv;
char *program_invocation_short_name = "";
int main(int, char **, char **);

_Noreturn void __libc_start(long *sp) {
  int argc = (int)sp[0];
  char **argv = (char **)(sp + 1);
  char **envp = argv + argc + 1;
  char **p = envp;
  while (*p) p++;
  __auxv = (unsigned long *)(p + 1);
  environ = envp;
  if (argc > 0 && argv[0]) {
    char *s = argv[0], *b = s;
    for (; *s; s++) if (*s == '/') b = s + 1;
    program_invocation_short_name = b;
  }
  exit(main(argc, argv, envp));
}

static void (*atexit_fns[32])(void);
static int atexit_n;

int atexit(void (*f)(void)) {
  if (atexit_n == 32) return -1;
  atexit_fns[atexit_n++] = f;
  return 0;
}

_Noreturn void exit(int code) {
  while (atexit_n > 0) atexit_fns[--atexit_n]();
  __stdio_flush_all();
  _exit(code);
}

_Noreturn void _Exit(int code) { _exit(code); }

_Noreturn void _exit(int code) {
  for (;;) __sc1(SYS_exit_group, code);
}

_Noreturn void abort(void) {
  sigset_t s;
  sigemptyset(&s);
  sigaddset(&s, SIGABRT);
  sigprocmask(SIG_UNBLOCK, &s, 0);
  raise(SIGABRT);
  signal(SIGABRT, SIG_DFL);
  raise(SIGABRT);
  _exit(127);
}

_Noreturn void siglongjmp(sigjmp_buf env, int v) {
  if (env[26]) __sc4(SYS_rt_sigprocmask, SIG_SETMASK, &env[27], 0, 8);
  longjmp(env, v);
}

long syscall(long n, ...) {
  va_list ap;
  va_start(ap, n);
  long a = va_arg(ap, long), b = va_arg(ap, long), c = va_arg(ap, long);
  long d = va_arg(ap, long), e = va_arg(ap, long), f = va_arg(ap, long);
  va_end(ap);
  return __ret(__sc(n, a, b, c, d, e, f));
}

unsigned long getauxval(unsigned long type) {
  for (unsigned long *a = __auxv; a && a[0]; a += 2)
    if (a[0] == type) return a[1];
  return 0;
}
