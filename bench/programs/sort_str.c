/* sort_str: sorting strings by pointer: a quicksort and a top-down mergesort with an
 * own byte-wise comparison (so libc's strcmp does not decide the result), over strings
 * with shared prefixes. */
#include "bench.h"

#define N 200000u
#define ROUNDS 6

static inline int scmp(const char *a, const char *b) {
  while (*a && *a == *b) { a++; b++; }
  return (int)(uint8_t)*a - (int)(uint8_t)*b;
}

static void quicksort(const char **a, int32_t lo, int32_t hi) {
  while (hi - lo > 12) {
    int32_t mid = lo + (hi - lo) / 2;
    const char *t;
    if (scmp(a[mid], a[lo]) < 0) { t = a[mid]; a[mid] = a[lo]; a[lo] = t; }
    if (scmp(a[hi], a[lo]) < 0) { t = a[hi]; a[hi] = a[lo]; a[lo] = t; }
    if (scmp(a[hi], a[mid]) < 0) { t = a[hi]; a[hi] = a[mid]; a[mid] = t; }
    const char *pivot = a[mid];
    int32_t i = lo, j = hi;
    while (i <= j) {
      while (scmp(a[i], pivot) < 0) i++;
      while (scmp(a[j], pivot) > 0) j--;
      if (i <= j) { t = a[i]; a[i] = a[j]; a[j] = t; i++; j--; }
    }
    if (j - lo < hi - i) { quicksort(a, lo, j); lo = i; }
    else { quicksort(a, i, hi); hi = j; }
  }
  for (int32_t i = lo + 1; i <= hi; i++) {
    const char *v = a[i];
    int32_t j = i - 1;
    while (j >= lo && scmp(a[j], v) > 0) { a[j + 1] = a[j]; j--; }
    a[j + 1] = v;
  }
}

static void msort(const char **a, const char **tmp, uint32_t lo, uint32_t hi) {
  if (hi - lo < 2) return;
  uint32_t mid = lo + (hi - lo) / 2;
  msort(a, tmp, lo, mid);
  msort(a, tmp, mid, hi);
  if (scmp(a[mid - 1], a[mid]) <= 0) return;
  uint32_t i = lo, j = mid, k = lo;
  while (i < mid && j < hi) tmp[k++] = scmp(a[j], a[i]) < 0 ? a[j++] : a[i++];
  while (i < mid) tmp[k++] = a[i++];
  while (j < hi) tmp[k++] = a[j++];
  memcpy(a + lo, tmp + lo, (hi - lo) * sizeof *a);
}

static const char *prefixes[] = {"", "kiln", "kiln_compiler_", "wasm.", "wasm.func.", "http://example.org/",
                                 "aaaaaaaaaaaaaaaa", "z"};

int main(void) {
  rng_t r = {11};
  /* one arena holds all strings (max 19 + 24 + 1 bytes each) */
  char *arena = xmalloc(N * 48);
  const char **orig = xmalloc(N * sizeof(char *)), **q = xmalloc(N * sizeof(char *));
  const char **m = xmalloc(N * sizeof(char *)), **tmp = xmalloc(N * sizeof(char *));
  uint64_t h = FNV_INIT;

  bench_start();
  for (int round = 0; round < ROUNDS; round++) {
    char *p = arena;
    for (uint32_t i = 0; i < N; i++) {
      orig[i] = p;
      const char *pre = prefixes[rng_below(&r, sizeof prefixes / sizeof prefixes[0])];
      while (*pre) *p++ = *pre++;
      uint32_t len = 1 + rng_below(&r, 24), alpha = round == 1 ? 4 : 26;
      for (uint32_t k = 0; k < len; k++) *p++ = (char)('a' + rng_below(&r, alpha));
      *p++ = 0;
    }
    memcpy(q, orig, N * sizeof(char *));
    memcpy(m, orig, N * sizeof(char *));
    quicksort(q, 0, (int32_t)N - 1);
    msort(m, tmp, 0, N);
    for (uint32_t i = 0; i < N; i++) check(scmp(q[i], m[i]) == 0, "quicksort == mergesort");
    for (uint32_t i = 0; i < N; i += 997) h = fnv1a(h, q[i], (uint32_t)strlen(q[i]));
  }
  bench_end();

  for (uint32_t i = 1; i < N; i++) check(scmp(q[i - 1], q[i]) <= 0, "sorted");
  printf("sort_str: %d rounds x %u strings, quicksort + mergesort\n", ROUNDS, N);
  print_checksum(h);
  return 0;
}
