/* sort_int: quicksort (median-of-three, insertion sort for short runs) and a bottom-up
 * mergesort of 32-bit integers; both results must agree and be ordered. */
#include "bench.h"

#define N (1u << 20)
#define ROUNDS 6

static void insertion(int32_t *a, int32_t lo, int32_t hi) {
  for (int32_t i = lo + 1; i <= hi; i++) {
    int32_t v = a[i], j = i - 1;
    while (j >= lo && a[j] > v) { a[j + 1] = a[j]; j--; }
    a[j + 1] = v;
  }
}

static void quicksort(int32_t *a, int32_t lo, int32_t hi) {
  while (hi - lo > 16) {
    int32_t mid = lo + (hi - lo) / 2, t;
    if (a[mid] < a[lo]) { t = a[mid]; a[mid] = a[lo]; a[lo] = t; }
    if (a[hi] < a[lo]) { t = a[hi]; a[hi] = a[lo]; a[lo] = t; }
    if (a[hi] < a[mid]) { t = a[hi]; a[hi] = a[mid]; a[mid] = t; }
    int32_t pivot = a[mid], i = lo, j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) { t = a[i]; a[i] = a[j]; a[j] = t; i++; j--; }
    }
    /* recurse into the smaller side, loop on the larger */
    if (j - lo < hi - i) { quicksort(a, lo, j); lo = i; }
    else { quicksort(a, i, hi); hi = j; }
  }
  insertion(a, lo, hi);
}

static void mergesort(int32_t *a, int32_t *tmp, uint32_t n) {
  int32_t *src = a, *dst = tmp;
  for (uint32_t w = 1; w < n; w *= 2) {
    for (uint32_t lo = 0; lo < n; lo += 2 * w) {
      uint32_t mid = lo + w < n ? lo + w : n, hi = lo + 2 * w < n ? lo + 2 * w : n;
      uint32_t i = lo, j = mid, k = lo;
      while (i < mid && j < hi) dst[k++] = src[j] < src[i] ? src[j++] : src[i++];
      while (i < mid) dst[k++] = src[i++];
      while (j < hi) dst[k++] = src[j++];
    }
    int32_t *t = src; src = dst; dst = t;
  }
  if (src != a) memcpy(a, src, n * sizeof *a);
}

int main(void) {
  rng_t r = {3};
  int32_t *orig = xmalloc(N * sizeof(int32_t)), *q = xmalloc(N * sizeof(int32_t));
  int32_t *m = xmalloc(N * sizeof(int32_t)), *tmp = xmalloc(N * sizeof(int32_t));
  uint64_t h = FNV_INIT;

  bench_start();
  for (int round = 0; round < ROUNDS; round++) {
    /* round 1: few distinct values; round 2: mostly sorted; others: uniform */
    for (uint32_t i = 0; i < N; i++) {
      int32_t v = (int32_t)rng_u32(&r);
      if (round == 1) v &= 0x3ff;
      if (round == 2) v = (int32_t)i * 4 + (rng_below(&r, 100) == 0 ? v % 1000 : 0);
      orig[i] = v;
    }
    memcpy(q, orig, N * sizeof(int32_t));
    memcpy(m, orig, N * sizeof(int32_t));
    quicksort(q, 0, (int32_t)N - 1);
    mergesort(m, tmp, N);
    for (uint32_t i = 0; i < N; i += 4099) h = mix64(h, (uint32_t)q[i]);
    h = mix64(h, (uint32_t)m[N / 3]);
    check(memcmp(q, m, N * sizeof(int32_t)) == 0, "quicksort == mergesort");
  }
  bench_end();

  for (uint32_t i = 1; i < N; i++) check(q[i - 1] <= q[i], "sorted");
  printf("sort_int: %d rounds x %u integers, quicksort + mergesort\n", ROUNDS, N);
  print_checksum(h);
  return 0;
}
