// Compute kernels with no imports, for comparing generated code: Kiln vs V8 (TurboFan) vs gcc -O2.
// Each is exported and returns a checksum so the work cannot be optimized away.
#include <stdint.h>

#ifdef __wasm__
#define EXPORT(name) __attribute__((export_name(#name)))
#else
#define EXPORT(name)
#endif

EXPORT(fib) int32_t fib(int32_t n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

static uint8_t sieve_buf[1 << 22];

EXPORT(sieve) int32_t sieve(int32_t n) {
    if (n > (int32_t)sizeof sieve_buf) n = sizeof sieve_buf;
    for (volatile int32_t i = 0; i < n; i++) sieve_buf[i] = 1; // volatile: no memset call (no libc here)
    int32_t count = 0;
    for (int32_t i = 2; i < n; i++) {
        if (!sieve_buf[i]) continue;
        count++;
        for (int32_t j = i + i; j < n; j += i) sieve_buf[j] = 0;
    }
    return count;
}

#define N 160
static double ma[N * N], mb[N * N], mc[N * N];

EXPORT(matmul) double matmul(int32_t rounds) {
    for (int i = 0; i < N * N; i++) { ma[i] = (double)(i % 17) * 0.5; mb[i] = (double)(i % 13) * 0.25; }
    double sum = 0;
    for (int r = 0; r < rounds; r++) {
        for (int i = 0; i < N; i++)
            for (int j = 0; j < N; j++) {
                double acc = 0;
                for (int k = 0; k < N; k++) acc += ma[i * N + k] * mb[k * N + j];
                mc[i * N + j] = acc;
            }
        sum += mc[(r * 7) % (N * N)];
        ma[r % (N * N)] += 1.0;
    }
    return sum;
}

static uint32_t words[1 << 18];

EXPORT(hash) uint32_t hash(int32_t rounds) {
    uint32_t x = 2463534242u;
    for (uint32_t i = 0; i < (1u << 18); i++) { x ^= x << 13; x ^= x >> 17; x ^= x << 5; words[i] = x; }
    uint32_t h = 2166136261u;
    for (int r = 0; r < rounds; r++)
        for (uint32_t i = 0; i < (1u << 18); i++) {
            h = (h ^ words[i]) * 16777619u;
            h = (h << 13) | (h >> 19);
        }
    return h;
}
