/* bench.h: shared helpers for Kiln's benchmark programs.
 *
 * Every program brackets its measured region with bench_start() / bench_end().
 *  - wasm32-wasi: these are the Sightglass-style imports ("bench" "start") and
 *    ("bench" "end"), type [] -> [], supplied by the host (node-runner.mjs, kiln bench).
 *  - native: they read CLOCK_MONOTONIC; bench_end prints "bench-time-ns N" to stderr.
 * Inputs come from a deterministic PRNG; each program prints "checksum XXXXXXXXXXXXXXXX"
 * to stdout, which must agree between native, V8 and Kiln.
 * Only fixed-width integer types are used for data that reaches the checksum
 * (long and size_t differ between wasm32 and x86-64). */
#ifndef KILN_BENCH_H
#define KILN_BENCH_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if defined(__wasm__)
__attribute__((import_module("bench"), import_name("start"))) void bench_start(void);
__attribute__((import_module("bench"), import_name("end"))) void bench_end(void);
#else
#include <time.h>
static uint64_t bench_t0_;
static uint64_t bench_now_ns_(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}
__attribute__((noinline)) static void bench_start(void) {
  __asm__ volatile("" ::: "memory");
  bench_t0_ = bench_now_ns_();
  __asm__ volatile("" ::: "memory");
}
__attribute__((noinline)) static void bench_end(void) {
  __asm__ volatile("" ::: "memory");
  uint64_t t = bench_now_ns_();
  fprintf(stderr, "bench-time-ns %llu\n", (unsigned long long)(t - bench_t0_));
}
#endif

/* splitmix64: deterministic, fast, good enough for inputs. */
typedef struct { uint64_t s; } rng_t;
static inline uint64_t rng_next(rng_t *r) {
  uint64_t z = (r->s += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}
static inline uint32_t rng_u32(rng_t *r) { return (uint32_t)(rng_next(r) >> 32); }
/* uniform in [0, n), n > 0 (slight bias is irrelevant here) */
static inline uint32_t rng_below(rng_t *r, uint32_t n) {
  return (uint32_t)(((uint64_t)rng_u32(r) * n) >> 32);
}

/* FNV-1a 64 over bytes, and a word mixer for running checksums. */
static inline uint64_t fnv1a(uint64_t h, const void *p, uint32_t n) {
  const uint8_t *b = (const uint8_t *)p;
  for (uint32_t i = 0; i < n; i++) { h ^= b[i]; h *= 0x100000001B3ull; }
  return h;
}
#define FNV_INIT 0xCBF29CE484222325ull
static inline uint64_t mix64(uint64_t h, uint64_t v) {
  h ^= v + 0x9E3779B97F4A7C15ull + (h << 6) + (h >> 2);
  return h;
}

__attribute__((unused)) static void *xmalloc(size_t n) {
  void *p = malloc(n);
  if (!p) { fprintf(stderr, "out of memory (%zu bytes)\n", n); exit(2); }
  return p;
}

__attribute__((unused)) static void check(int ok, const char *what) {
  if (!ok) { printf("FAILED: %s\n", what); fflush(stdout); exit(1); }
}

static void print_checksum(uint64_t h) {
  printf("checksum %016llx\n", (unsigned long long)h);
  fflush(stdout);
}

#endif
