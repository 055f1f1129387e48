/* BSD err/warn helpers. */
#ifndef _ERR_H
#define _ERR_H
_Noreturn void err(int, const char *, ...);
_Noreturn void errx(int, const char *, ...);
void warn(const char *, ...);
void warnx(const char *, ...);
extern char *program_invocation_short_name;
#endif
