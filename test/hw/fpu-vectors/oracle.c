/* Differential oracle for test/hw/fpu-diff.test.ts: runs F/D instruction words
 * on a real riscv64 FPU model (qemu-riscv64's softfloat) and records the
 * results. Each instruction word is placed in an executable slot followed by
 * `ret`; operands are fa0/fa1/fa2 (64-bit patterns, so NaN-boxing is under the
 * test's control) and a0; results are fa0, a0 and fflags.
 *
 * input:  u32 n, u32 insn[n], then records {u32 idx, u32 frm, u64 a, b, c, xa}
 * output: per record {u64 fa0, u64 a0, u64 fflags}
 */
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>

struct rec { uint32_t idx, frm; uint64_t a, b, c, xa; };

int main(int argc, char **argv) {
  if (argc != 3) { fprintf(stderr, "usage: oracle IN OUT\n"); return 2; }
  FILE *in = fopen(argv[1], "rb"), *out = fopen(argv[2], "wb");
  if (!in || !out) { perror("open"); return 2; }
  uint32_t n;
  if (fread(&n, 4, 1, in) != 1) return 2;
  size_t size = ((size_t)n * 8 + 4095) & ~(size_t)4095;
  uint32_t *code = mmap(0, size, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (code == MAP_FAILED) { perror("mmap"); return 2; }
  for (uint32_t i = 0; i < n; i++) {
    if (fread(&code[2 * i], 4, 1, in) != 1) return 2;
    code[2 * i + 1] = 0x00008067; /* ret */
  }
  __builtin___clear_cache((char *)code, (char *)(code + 2 * n));
  struct rec r;
  while (fread(&r, sizeof r, 1, in) == 1) {
    uint64_t res[3];
    void *fn = &code[2 * r.idx];
    uint64_t frm = r.frm, of, ox, fl;
    __asm__ volatile(
      "fmv.d.x fa0, %[a]\n\t"
      "fmv.d.x fa1, %[b]\n\t"
      "fmv.d.x fa2, %[c]\n\t"
      "mv a0, %[xa]\n\t"
      "fsrm %[frm]\n\t"
      "csrw fflags, zero\n\t"
      "jalr ra, 0(%[fn])\n\t"
      "frflags %[fl]\n\t"
      "fmv.x.d %[of], fa0\n\t"
      "mv %[ox], a0\n\t"
      : [of] "=&r"(of), [ox] "=&r"(ox), [fl] "=&r"(fl)
      : [a] "r"(r.a), [b] "r"(r.b), [c] "r"(r.c), [xa] "r"(r.xa), [frm] "r"(frm), [fn] "r"(fn)
      : "ra", "a0", "fa0", "fa1", "fa2", "memory");
    res[0] = of; res[1] = ox; res[2] = fl;
    fwrite(res, sizeof res, 1, out);
  }
  fclose(out);
  return 0;
}
