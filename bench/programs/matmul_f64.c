/* matmul_f64: double-precision C = A * B (i-k-j loop order, row-major), then
 * C2 = C * A to chain rounds; checksum over the bit patterns of the result
 * (only + and *: IEEE results are identical everywhere without -ffast-math). */
#include "bench.h"

#define N 512
#define ROUNDS 15

__attribute__((noinline)) static void matmul(const double *a, const double *b, double *c, int n) {
  for (int i = 0; i < n * n; i++) c[i] = 0.0;
  for (int i = 0; i < n; i++)
    for (int k = 0; k < n; k++) {
      double aik = a[i * n + k];
      const double *brow = b + k * n;
      double *crow = c + i * n;
      for (int j = 0; j < n; j++) crow[j] += aik * brow[j];
    }
}

int main(void) {
  rng_t r = {5};
  double *a = xmalloc(N * N * sizeof(double)), *b = xmalloc(N * N * sizeof(double));
  double *c = xmalloc(N * N * sizeof(double)), *d = xmalloc(N * N * sizeof(double));
  for (int i = 0; i < N * N; i++) {
    a[i] = (double)(int32_t)(rng_u32(&r) % 2001 - 1000) / 1024.0;
    b[i] = (double)(int32_t)(rng_u32(&r) % 2001 - 1000) / 1024.0;
  }

  bench_start();
  for (int round = 0; round < ROUNDS; round++) {
    matmul(a, b, c, N);
    /* rescale into b for the next round so values stay bounded */
    for (int i = 0; i < N * N; i++) b[i] = c[i] * (1.0 / 16.0);
  }
  matmul(c, a, d, N);
  bench_end();

  uint64_t h = FNV_INIT;
  double trace = 0;
  for (int i = 0; i < N * N; i++) {
    uint64_t bits;
    memcpy(&bits, &d[i], 8);
    h = mix64(h, bits);
  }
  for (int i = 0; i < N; i++) trace += d[i * N + i];
  printf("matmul_f64: %d x %dx%d, trace %.6e\n", ROUNDS + 1, N, N, trace);
  print_checksum(h);
  return 0;
}
