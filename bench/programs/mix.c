/* A CPU-bound mix for the bare-metal bench: integer hashing, branchy sorting
 * and searching, a sieve and matrix multiply for memory traffic, modular
 * arithmetic for multiply/divide, and a little double-precision work. Its size
 * is the word `bench_rounds` (patched in RAM by bench/machine.bench.ts and the
 * tests; the default gives a few hundred million instructions). It prints a
 * checksum through the HTIF console and exits 0. Freestanding: no libc. */
#include <stdint.h>

volatile uint64_t bench_rounds = 160;
extern volatile uint64_t tohost, fromhost;

static void htif_putchar(char c) {
  tohost = (1ull << 56) | (1ull << 48) | (uint8_t)c;
  while (fromhost == 0) {}
  fromhost = 0;
}

static void puts_hex(const char *label, uint64_t v) {
  while (*label) htif_putchar(*label++);
  for (int i = 60; i >= 0; i -= 4) htif_putchar("0123456789abcdef"[(v >> i) & 15]);
  htif_putchar('\n');
}

#define N_SORT 512
#define N_SIEVE 65536
#define N_MAT 24

static uint32_t arr[N_SORT];
static uint8_t sieve[N_SIEVE];
static int32_t ma[N_MAT][N_MAT], mb[N_MAT][N_MAT], mc[N_MAT][N_MAT];

static uint64_t xorshift(uint64_t *s) {
  uint64_t x = *s;
  x ^= x << 13; x ^= x >> 7; x ^= x << 17;
  return *s = x;
}

/* Integer hashing: shifts, xors, adds, 32- and 64-bit. */
static uint64_t k_hash(uint64_t seed, int n) {
  uint64_t h = 0xcbf29ce484222325ull;
  uint32_t w = (uint32_t)seed;
  for (int i = 0; i < n; i++) {
    h ^= (uint8_t)(seed >> (i & 56));
    h *= 0x100000001b3ull;
    w = (w << 5) + w + (uint32_t)i;
    h += w ^ (h >> 29);
  }
  return h;
}

/* Branches: insertion sort, then binary searches. */
static uint64_t k_sort(uint64_t *s) {
  for (int i = 0; i < N_SORT; i++) arr[i] = (uint32_t)xorshift(s);
  for (int i = 1; i < N_SORT; i++) {
    uint32_t v = arr[i];
    int j = i - 1;
    while (j >= 0 && arr[j] > v) { arr[j + 1] = arr[j]; j--; }
    arr[j + 1] = v;
  }
  uint64_t found = 0;
  for (int k = 0; k < 256; k++) {
    uint32_t key = arr[(k * 37) & (N_SORT - 1)] + (k & 1);
    int lo = 0, hi = N_SORT - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >> 1;
      if (arr[mid] == key) { found += (uint64_t)mid; break; }
      if (arr[mid] < key) lo = mid + 1; else hi = mid - 1;
    }
  }
  return found + arr[0] + arr[N_SORT - 1];
}

/* Memory: sieve of Eratosthenes over bytes. */
static uint64_t k_sieve(void) {
  for (int i = 0; i < N_SIEVE; i++) sieve[i] = 1;
  sieve[0] = sieve[1] = 0;
  for (int i = 2; i * i < N_SIEVE; i++)
    if (sieve[i]) for (int j = i * i; j < N_SIEVE; j += i) sieve[j] = 0;
  uint64_t count = 0;
  for (int i = 0; i < N_SIEVE; i++) count += sieve[i];
  return count;
}

/* Memory and multiply: integer matrix product. */
static uint64_t k_matmul(uint64_t *s) {
  for (int i = 0; i < N_MAT; i++)
    for (int j = 0; j < N_MAT; j++) { ma[i][j] = (int32_t)(xorshift(s) & 255) - 128; mb[i][j] = (int32_t)(xorshift(s) & 255) - 128; }
  for (int i = 0; i < N_MAT; i++)
    for (int j = 0; j < N_MAT; j++) {
      int32_t acc = 0;
      for (int k = 0; k < N_MAT; k++) acc += ma[i][k] * mb[k][j];
      mc[i][j] = acc;
    }
  uint64_t sum = 0;
  for (int i = 0; i < N_MAT; i++) sum += (uint64_t)(int64_t)mc[i][(i * 7) % N_MAT];
  return sum;
}

/* Multiply/divide: modular exponentiation and gcds. */
static uint64_t k_muldiv(uint64_t *s) {
  uint64_t acc = 0;
  for (int i = 0; i < 64; i++) {
    uint64_t m = (xorshift(s) >> 34) | 1, b = xorshift(s) % m, e = xorshift(s) & 0xffff, r = 1;
    while (e) { if (e & 1) r = r * b % m; b = b * b % m; e >>= 1; }
    uint64_t a = xorshift(s) | 1, c = xorshift(s) | 1;
    while (c) { uint64_t t = a % c; a = c; c = t; }
    int64_t q = (int64_t)xorshift(s) / ((int64_t)(i + 1) - 32);
    acc += r + a + (uint64_t)q + (uint32_t)((uint32_t)acc / (uint32_t)(i + 3));
  }
  return acc;
}

static double fsqrt(double x) { double r; __asm__("fsqrt.d %0, %1" : "=f"(r) : "f"(x)); return r; }

/* A little floating point: a few steps of a damped oscillator and a norm. */
static uint64_t k_float(uint64_t *s) {
  double x = (double)(xorshift(s) & 1023) / 64.0, v = 0.0, dt = 0.01, acc = 0.0;
  for (int i = 0; i < 200; i++) {
    double a = -4.0 * x - 0.1 * v;
    v += a * dt;
    x += v * dt;
    acc += fsqrt(x * x + v * v);
  }
  return (uint64_t)(int64_t)(acc * 1000.0);
}

int main(void) {
  uint64_t seed = 0x9e3779b97f4a7c15ull, sum = 0;
  uint64_t rounds = bench_rounds;
  for (uint64_t r = 0; r < rounds; r++) {
    sum += k_hash(seed + r, 20000);
    sum ^= k_sort(&seed);
    sum += k_sieve();
    sum += k_matmul(&seed);
    sum ^= k_muldiv(&seed);
    sum += k_float(&seed);
  }
  puts_hex("checksum ", sum);
  return 0;
}
