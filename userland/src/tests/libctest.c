/* libc unit tests: printf formatting, strtod/strtol, malloc stress, qsort, regex, setjmp,
 * sscanf, string functions. Prints "ok N name" / "FAIL ..." lines and exits non-zero on failure. */
#include <stdio.h>
#pragma GCC diagnostic ignored "-Winfinite-recursion"
#include <stdlib.h>
#include <string.h>
#include <setjmp.h>
#include <regex.h>
#include <errno.h>
#include <signal.h>
#include <fnmatch.h>
#include <time.h>
#include <unistd.h>

static int fails, count;
static void check_str(const char *name, const char *got, const char *want) {
  count++;
  if (strcmp(got, want)) { fails++; printf("FAIL %s: got [%s] want [%s]\n", name, got, want); }
}
static void check(const char *name, int ok) {
  count++;
  if (!ok) { fails++; printf("FAIL %s\n", name); }
}
#define P(want, ...) do { char b[512]; snprintf(b, sizeof b, __VA_ARGS__); check_str(#__VA_ARGS__, b, want); } while (0)

static void test_printf(void) {
  P("42", "%d", 42);
  P("-42", "%i", -42);
  P("   42", "%5d", 42);
  P("42   |", "%-5d|", 42);
  P("00042", "%05d", 42);
  P("+42", "%+d", 42);
  P(" 42", "% d", 42);
  P("00042", "%.5d", 42);
  P("", "%.0d", 0);
  P("4294967295", "%u", 4294967295u);
  P("ff FF 0xff 0XFF", "%x %X %#x %#X", 255, 255, 255, 255);
  P("17 021", "%o %#o", 15, 17);
  P("-9223372036854775808", "%ld", (long)(-9223372036854775807L - 1));
  P("18446744073709551615", "%llu", 18446744073709551615ULL);
  P("123456789", "%zu", (size_t)123456789);
  P("x", "%c", 'x');
  P("hello", "%s", "hello");
  P("hel", "%.3s", "hello");
  P("  hello", "%*s", 7, "hello");
  P("hello  |", "%-*s|", 7, "hello");
  P("0x1234", "%p", (void *)0x1234);
  P("(nil)", "%p", (void *)0);
  P("100%", "%d%%", 100);
  P("3.141593", "%f", 3.14159265358979);
  P("3.14", "%.2f", 3.14159);
  P("2.67", "%.2f", 2.675);
  P("0.12", "%.2f", 0.125);
  P("0.38", "%.2f", 0.375);
  P("2", "%.0f", 2.5);
  P("4", "%.0f", 3.5);
  P("1e+06", "%g", 1e6);
  P("100000", "%g", 1e5);
  P("0.0001", "%g", 1e-4);
  P("1e-05", "%g", 1e-5);
  P("3.14159", "%g", 3.14159265);
  P("1.000000e+00", "%e", 1.0);
  P("1.234560E+10", "%E", 12345600000.0);
  P("1.2e-300", "%.1e", 1.2e-300);
  P("-0.000000", "%f", -0.0);
  P("inf -inf nan", "%f %f %f", __builtin_inf(), -__builtin_inf(), __builtin_nan(""));
  P("   3.14", "%7.2f", 3.14159);
  P("0003.14", "%07.2f", 3.14159);
  P("+3.1", "%+.1f", 3.14);
  P("100", "%g", 100.0);
  P("0.1", "%g", 0.1);
  P("123457", "%.6g", 123456.7);
  P("1.23457e+06", "%g", 1234567.0);
  P("179769313486231570814527423731704356798070567525844996598917476803157260780028538760589558632766878171540458953514382464234321326889464182768467546703537516986049910576551282076245490090389328944075868508455133942304583236903222948165808559332123348274797826204144723168738177180919299881250404026184124858368.000000", "%f", 1.7976931348623157e308);
  P("4.94066e-324", "%g", 4.9406564584124654e-324);
  P("0.1000000000000000055511151231257827", "%.34f", 0.1);
  P("1.0", "%#.1f", 1.0);
  P("1.00000", "%#g", 1.0);
  P("ab  12", "%s%4d", "ab", 12);
  char big[10];
  int n = snprintf(big, sizeof big, "%s", "0123456789abc");
  check("snprintf truncates", n == 13 && !strcmp(big, "012345678"));
  char *a;
  check("asprintf", asprintf(&a, "%d-%s", 7, "x") == 3 && !strcmp(a, "7-x"));
  free(a);
}

static void test_strto(void) {
  char *e;
  check("strtod 1.5", strtod("1.5", &e) == 1.5 && !*e);
  check("strtod 0.1", strtod("0.1", 0) == 0.1);
  check("strtod 1e-5", strtod("1e-5", 0) == 1e-5);
  check("strtod 123.456e2", strtod("123.456e2", 0) == 12345.6);
  check("strtod -2.5e+3", strtod("  -2.5e+3x", &e) == -2500 && *e == 'x');
  check("strtod hex", strtod("0x1.8p1", 0) == 3.0);
  check("strtod inf", strtod("inf", 0) == __builtin_inf());
  check("strtod max", strtod("1.7976931348623157e308", 0) == 1.7976931348623157e308);
  check("strtod 3.14159", strtod("3.14159", 0) == 3.14159);
  check("strtod none", strtod("abc", &e) == 0 && !strcmp(e, "abc"));
  check("strtol", strtol("  -123abc", &e, 10) == -123 && *e == 'a');
  check("strtol hex", strtol("0x1f", 0, 0) == 31);
  check("strtol octal", strtol("017", 0, 0) == 15);
  check("strtol base 36", strtol("zz", 0, 36) == 1295);
  errno = 0;
  check("strtol overflow", strtol("99999999999999999999", 0, 10) == 9223372036854775807L && errno == ERANGE);
  check("strtoul", strtoul("18446744073709551615", 0, 10) == 18446744073709551615UL);
  check("atoi", atoi("42") == 42);
  int x, y;
  char w[16];
  double d;
  check("sscanf", sscanf("12 abc 3.5 0x10", "%d %s %lf %i", &x, w, &d, &y) == 4 && x == 12 && !strcmp(w, "abc") && d == 3.5 && y == 16);
  check("sscanf set", sscanf("key=value", "%[^=]=%s", w, w + 8) == 2 && !strcmp(w, "key") && !strcmp(w + 8, "value"));
  check("sscanf eof", sscanf("", "%d", &x) == EOF);
}

static int cmp_int(const void *a, const void *b) { return *(const int *)a - *(const int *)b; }
static void test_qsort(void) {
  static int v[5000];
  unsigned s = 12345;
  for (int i = 0; i < 5000; i++) { s = s * 1103515245 + 12345; v[i] = (int)(s >> 8) % 1000; }
  qsort(v, 5000, sizeof *v, cmp_int);
  int ok = 1;
  for (int i = 1; i < 5000; i++) if (v[i - 1] > v[i]) ok = 0;
  check("qsort random", ok);
  for (int i = 0; i < 5000; i++) v[i] = 5000 - i;
  qsort(v, 5000, sizeof *v, cmp_int);
  ok = 1;
  for (int i = 0; i < 5000; i++) if (v[i] != i + 1) ok = 0;
  check("qsort reversed", ok);
  int k = 77;
  check("bsearch", *(int *)bsearch(&k, v, 5000, sizeof *v, cmp_int) == 77);
}

static void test_malloc(void) {
  static void *p[2000];
  static size_t sz[2000];
  unsigned s = 1;
  int ok = 1;
  for (int round = 0; round < 20; round++)
    for (int i = 0; i < 2000; i++) {
      s = s * 1664525 + 1013904223;
      if (p[i]) {
        for (size_t k = 0; k < sz[i]; k++) if (((unsigned char *)p[i])[k] != (unsigned char)(i + sz[i])) { ok = 0; break; }
        if (s & 1) { free(p[i]); p[i] = 0; continue; }
        size_t ns = (s >> 4) % 3000;
        p[i] = realloc(p[i], ns + 1);
        if (ns + 1 > sz[i]) memset((char *)p[i] + sz[i], (unsigned char)(i + sz[i]), ns + 1 - sz[i]);
        size_t old = sz[i];
        sz[i] = ns + 1;
        memset(p[i], (unsigned char)(i + sz[i]), sz[i]);
        (void)old;
      } else {
        sz[i] = (s >> 4) % ((s & 0x100) ? 300000 : 200) + 1;
        p[i] = malloc(sz[i]);
        if (!p[i]) { ok = 0; continue; }
        memset(p[i], (unsigned char)(i + sz[i]), sz[i]);
      }
    }
  for (int i = 0; i < 2000; i++) free(p[i]);
  check("malloc stress", ok);
  int *c = calloc(1000, sizeof *c);
  ok = c != 0;
  for (int i = 0; c && i < 1000; i++) if (c[i]) ok = 0;
  check("calloc zeroes", ok);
  free(c);
}

static void test_regex(void) {
  struct { const char *re; int fl; const char *s; int match, so, eo; } t[] = {
    {"abc", 0, "xxabcxx", 1, 2, 5},
    {"a.c", 0, "abc", 1, 0, 3},
    {"^ab*c$", 0, "abbbc", 1, 0, 5},
    {"^ab*c$", 0, "abbbcd", 0, 0, 0},
    {"a\\{2,3\\}", 0, "caaaa", 1, 1, 4},
    {"a{2,3}", REG_EXTENDED, "caaaa", 1, 1, 4},
    {"a{2}", 0, "a{2}", 1, 0, 4},
    {"\\(ab\\)*c", 0, "ababc", 1, 0, 5},
    {"(ab)+c", REG_EXTENDED, "xababc", 1, 1, 6},
    {"cat|dog", REG_EXTENDED, "hotdog", 1, 3, 6},
    {"a|ab", REG_EXTENDED, "ab", 1, 0, 2},
    {"[[:digit:]]+", REG_EXTENDED, "abc123def", 1, 3, 6},
    {"[^a-c]", 0, "abcd", 1, 3, 4},
    {"[]x]", 0, "a]", 1, 1, 2},
    {"\\(a\\)\\1", 0, "xaa", 1, 1, 3},
    {"colou?r", REG_EXTENDED, "color", 1, 0, 5},
    {"HeLLo", REG_ICASE, "say hello", 1, 4, 9},
    {"x*", 0, "abc", 1, 0, 0},
    {"(a*)*b", REG_EXTENDED, "aaab", 1, 0, 4},
    {"\\<word\\>", 0, "a word here", 1, 2, 6},
    {"a+?", REG_EXTENDED, "", 0, 0, 0},
  };
  for (size_t i = 0; i < sizeof t / sizeof *t; i++) {
    regex_t re;
    regmatch_t m[2];
    char name[64];
    snprintf(name, sizeof name, "regex %s", t[i].re);
    int c = regcomp(&re, t[i].re, t[i].fl);
    if (t[i].match == 0 && !strcmp(t[i].re, "a+?")) { check(name, c == 0 || c == REG_BADRPT); if (!c) regfree(&re); continue; }
    if (c) { check(name, 0); continue; }
    int r = regexec(&re, t[i].s, 2, m, 0);
    check(name, t[i].match ? r == 0 && m[0].rm_so == t[i].so && m[0].rm_eo == t[i].eo : r == REG_NOMATCH);
    regfree(&re);
  }
  regex_t re;
  check("regcomp unmatched (", regcomp(&re, "(a", REG_EXTENDED) == REG_EPAREN);
  check("regcomp unmatched [", regcomp(&re, "[a", 0) == REG_EBRACK);
  regmatch_t m[3];
  regcomp(&re, "([a-z]+)=([0-9]+)", REG_EXTENDED);
  check("regex submatches", regexec(&re, " key=42 ", 3, m, 0) == 0 && m[1].rm_so == 1 && m[1].rm_eo == 4 && m[2].rm_so == 5 && m[2].rm_eo == 7);
  regfree(&re);
  check("fnmatch *.c", fnmatch("*.c", "main.c", 0) == 0 && fnmatch("*.c", "main.h", 0) != 0);
  check("fnmatch [a-c]?", fnmatch("[a-c]?", "bx", 0) == 0 && fnmatch("[!a-c]?", "bx", 0) != 0);
}

static jmp_buf jb;
static sigjmp_buf sjb;
static int depth_fn(int n) {
  if (n <= 0) longjmp(jb, 7);
  return depth_fn(n - 1) + 1;
}
static void on_usr1(int s) { siglongjmp(sjb, s); }
static void test_setjmp(void) {
  volatile int stage = 0;
  int r = setjmp(jb);
  if (r == 0) { stage = 1; depth_fn(50); }
  check("longjmp value", r == 7 && stage == 1);
  r = setjmp(jb);
  if (!r) longjmp(jb, 0);
  check("longjmp 0 becomes 1", r == 1);
  signal(SIGUSR1, on_usr1);
  r = sigsetjmp(sjb, 1);
  if (r == 0) { raise(SIGUSR1); check("not reached", 0); }
  sigset_t cur;
  sigprocmask(SIG_BLOCK, 0, &cur);
  check("siglongjmp from handler", r == SIGUSR1 && !sigismember(&cur, SIGUSR1));
}

static void test_strings(void) {
  char b[64];
  strcpy(b, "hello");
  strcat(b, " world");
  check_str("strcat", b, "hello world");
  check("strchr", strchr(b, 'w') == b + 6 && strrchr(b, 'o') == b + 7);
  check("strstr", strstr(b, "lo w") == b + 3 && !strstr(b, "xyz"));
  check("strncmp", strncmp("abcd", "abce", 3) == 0 && strcmp("a", "b") < 0);
  check("strcasecmp", strcasecmp("HeLLo", "hello") == 0);
  check("strspn", strspn("aabbc", "ab") == 4 && strcspn("abc:d", ":") == 3);
  char t[] = "a,b,,c", *sv, *tok;
  int n = 0;
  for (tok = strtok_r(t, ",", &sv); tok; tok = strtok_r(0, ",", &sv)) n++;
  check("strtok_r", n == 3);
  memmove(b + 1, b, 5);
  check("memmove overlap", !memcmp(b, "hhello", 6));
  setenv("FOO", "bar", 1);
  check("setenv/getenv", !strcmp(getenv("FOO"), "bar"));
  setenv("FOO", "baz", 0);
  check("setenv no overwrite", !strcmp(getenv("FOO"), "bar"));
  unsetenv("FOO");
  check("unsetenv", getenv("FOO") == 0);
  check_str("strerror", strerror(ENOENT), "No such file or directory");
  time_t t0 = 86400 * 365 + 3600 * 5 + 61;
  struct tm tm;
  gmtime_r(&t0, &tm);
  strftime(b, sizeof b, "%Y-%m-%d %H:%M:%S %a %b", &tm);
  check_str("strftime", b, "1971-01-01 05:01:01 Fri Jan");
  check("timegm", timegm(&tm) == t0);
}

#include <stddef.h>
#include <sys/stat.h>
#include <termios.h>
#include <dirent.h>
#include <fcntl.h>
static void test_layouts(void) {
  check("sizeof struct stat == 128", sizeof(struct stat) == 128);
  check("stat.st_size at 48", offsetof(struct stat, st_size) == 48);
  check("stat.st_mtim at 88", offsetof(struct stat, st_mtim) == 88);
  check("sizeof struct termios == 36", sizeof(struct termios) == 36);
  check("sizeof struct sigaction == 24", sizeof(struct sigaction) == 24);
  check("sigaction.sa_mask at 16", offsetof(struct sigaction, sa_mask) == 16);
  check("sizeof jmp_buf", sizeof(jmp_buf) == 26 * 8);
}
static void test_stdio_files(void) {
  char path[] = "/tmp/libctest-XXXXXX";
  int fd = mkstemp(path);
  check("mkstemp", fd >= 0);
  if (fd < 0) return;
  close(fd);
  FILE *f = fopen(path, "w+");
  check("fopen w+", f != 0);
  fprintf(f, "line one\nline two\n%d %s\n", 42, "end");
  check("ftell after writes", ftell(f) == 25);
  rewind(f);
  char buf[64];
  check("fgets", fgets(buf, sizeof buf, f) && !strcmp(buf, "line one\n"));
  int c = fgetc(f);
  ungetc(c, f);
  check("ungetc", fgetc(f) == 'l');
  char *line = 0;
  size_t cap = 0;
  check("getline", getline(&line, &cap, f) == 8 && !strcmp(line, "ine two\n"));
  int n;
  char w[16];
  check("fscanf", fscanf(f, "%d %15s", &n, w) == 2 && n == 42 && !strcmp(w, "end"));
  check("fgetc newline then EOF", fgetc(f) == '\n' && fgetc(f) == EOF && feof(f));
  fseek(f, 5, SEEK_SET);
  check("fseek + fread", fread(buf, 1, 3, f) == 3 && !memcmp(buf, "one", 3));
  free(line);
  check("fclose", fclose(f) == 0);
  f = fopen(path, "a");
  fputs("appended\n", f);
  fclose(f);
  f = fopen(path, "r");
  size_t total = fread(buf, 1, sizeof buf, f);
  check("append mode", total == 34 && !memcmp(buf + 25, "appended\n", 9));
  fclose(f);
  check("fopen missing sets errno", fopen("/nonexistent/x", "r") == 0 && errno == ENOENT);
  unlink(path);
  /* Directory streams. */
  char dir[] = "/tmp/libctest-dir-XXXXXX";
  strcpy(dir + strlen(dir) - 6, "ABCDEF");
  mkdir(dir, 0700);
  char p2[128];
  for (int i = 0; i < 3; i++) { snprintf(p2, sizeof p2, "%s/f%d", dir, i); close(open(p2, O_CREAT | O_WRONLY, 0600)); }
  DIR *d = opendir(dir);
  int names = 0, dots = 0;
  struct dirent *e;
  while (d && (e = readdir(d))) { if (e->d_name[0] == 'f') names++; else if (e->d_name[0] == '.') dots++; }
  if (d) closedir(d);
  check("readdir sees files and dots", names == 3 && dots == 2);
  for (int i = 0; i < 3; i++) { snprintf(p2, sizeof p2, "%s/f%d", dir, i); unlink(p2); }
  check("rmdir", rmdir(dir) == 0);
}
static void test_getopt(void) {
  char *argv[] = {"prog", "-a", "-b", "val", "-cfile", "rest", 0};
  int a = 0, c = 0;
  const char *b = 0, *cv = 0;
  int o;
  optind = 1;
  while ((o = getopt(6, argv, "ab:c:")) != -1) {
    if (o == 'a') a = 1;
    else if (o == 'b') b = optarg;
    else if (o == 'c') { c = 1; cv = optarg; }
  }
  check("getopt", a && b && !strcmp(b, "val") && c && !strcmp(cv, "file") && optind == 5 && !strcmp(argv[optind], "rest"));
}

int main(void) {
  test_layouts();
  test_stdio_files();
  test_getopt();
  test_printf();
  test_strto();
  test_qsort();
  test_malloc();
  test_regex();
  test_setjmp();
  test_strings();
  printf("%d checks, %d failed\n", count, fails);
  return fails != 0;
}
