/* matmul_i32: 32-bit integer matrix multiply (wrapping arithmetic on uint32_t),
 * a naive i-j-k version against a transposed-B version; both must agree. */
#include "bench.h"

#define N 400
#define ROUNDS 16

__attribute__((noinline)) static void matmul_ikj(const uint32_t *a, const uint32_t *b, uint32_t *c, int n) {
  for (int i = 0; i < n * n; i++) c[i] = 0;
  for (int i = 0; i < n; i++)
    for (int k = 0; k < n; k++) {
      uint32_t aik = a[i * n + k];
      for (int j = 0; j < n; j++) c[i * n + j] += aik * b[k * n + j];
    }
}

__attribute__((noinline)) static void matmul_bt(const uint32_t *a, const uint32_t *b, uint32_t *bt, uint32_t *c, int n) {
  for (int i = 0; i < n; i++)
    for (int j = 0; j < n; j++) bt[j * n + i] = b[i * n + j];
  for (int i = 0; i < n; i++)
    for (int j = 0; j < n; j++) {
      uint32_t s0 = 0, s1 = 0;
      const uint32_t *ar = a + i * n, *br = bt + j * n;
      int k = 0;
      for (; k + 1 < n; k += 2) { s0 += ar[k] * br[k]; s1 += ar[k + 1] * br[k + 1]; }
      if (k < n) s0 += ar[k] * br[k];
      c[i * n + j] = s0 + s1;
    }
}

int main(void) {
  rng_t r = {9};
  size_t bytes = (size_t)N * N * sizeof(uint32_t);
  uint32_t *a = xmalloc(bytes), *b = xmalloc(bytes), *bt = xmalloc(bytes);
  uint32_t *c1 = xmalloc(bytes), *c2 = xmalloc(bytes);
  for (int i = 0; i < N * N; i++) { a[i] = rng_u32(&r); b[i] = rng_u32(&r) & 0xffff; }
  uint64_t h = FNV_INIT;

  bench_start();
  for (int round = 0; round < ROUNDS; round++) {
    matmul_ikj(a, b, c1, N);
    matmul_bt(a, b, bt, c2, N);
    check(memcmp(c1, c2, bytes) == 0, "ikj == transposed");
    for (int i = 0; i < N * N; i += 37) h = mix64(h, c1[i]);
    for (int i = 0; i < N * N; i++) b[i] = c1[i] >> 7;
  }
  bench_end();

  h = fnv1a(h, c1, (uint32_t)bytes);
  printf("matmul_i32: %d x 2 x %dx%d\n", ROUNDS, N, N);
  print_checksum(h);
  return 0;
}
