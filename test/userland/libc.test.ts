// Runs the libc unit test program (userland/src/tests/libctest.c, committed as
// userland/bin/tests/libctest): printf formatting incl. exact float conversion,
// strtod/strtol, sscanf, qsort/bsearch, a malloc/realloc stress, regex (BRE,
// ERE, submatches, errors), fnmatch, setjmp/longjmp and siglongjmp out of a
// signal handler, string and time functions.
import { guest, testWith } from './harness.js';

const t = testWith('qemu-riscv64');

t('libc unit tests pass', (tt) => {
  const r = guest('tests/libctest');
  tt.is(r.status, 0, r.stdout);
  tt.regex(r.stdout, /^\d+ checks, 0 failed$/m);
  tt.notRegex(r.stdout, /FAIL/);
});
