/* hashtable: open addressing with linear probing and backward-shift deletion (no
 * tombstones), 64-bit keys and 32-bit values; rounds of insert, lookup (hits and
 * misses), update and delete over many keys, with the table growing by rehash. */
#include "bench.h"

#define KEYS 400000u
#define ROUNDS 6

typedef struct { uint64_t *keys; uint32_t *vals; uint8_t *used; uint32_t cap, count; } table_t;

static inline uint32_t slot_of(uint64_t k, uint32_t mask) {
  k ^= k >> 33; k *= 0xff51afd7ed558ccdull; k ^= k >> 33;
  return (uint32_t)k & mask;
}

static void t_init(table_t *t, uint32_t cap) {
  t->cap = cap; t->count = 0;
  t->keys = xmalloc(cap * sizeof(uint64_t));
  t->vals = xmalloc(cap * sizeof(uint32_t));
  t->used = xmalloc(cap);
  memset(t->used, 0, cap);
}

static void t_free(table_t *t) { free(t->keys); free(t->vals); free(t->used); }

static void t_put(table_t *t, uint64_t k, uint32_t v);

static void t_grow(table_t *t) {
  table_t n;
  t_init(&n, t->cap * 2);
  for (uint32_t i = 0; i < t->cap; i++)
    if (t->used[i]) t_put(&n, t->keys[i], t->vals[i]);
  t_free(t);
  *t = n;
}

/* insert or update; returns nothing, count tracks new keys */
static void t_put(table_t *t, uint64_t k, uint32_t v) {
  if ((t->count + 1) * 4 > t->cap * 3) t_grow(t);
  uint32_t mask = t->cap - 1, i = slot_of(k, mask);
  while (t->used[i]) {
    if (t->keys[i] == k) { t->vals[i] = v; return; }
    i = (i + 1) & mask;
  }
  t->used[i] = 1; t->keys[i] = k; t->vals[i] = v; t->count++;
}

static int t_get(const table_t *t, uint64_t k, uint32_t *v) {
  uint32_t mask = t->cap - 1, i = slot_of(k, mask);
  while (t->used[i]) {
    if (t->keys[i] == k) { *v = t->vals[i]; return 1; }
    i = (i + 1) & mask;
  }
  return 0;
}

static int t_del(table_t *t, uint64_t k) {
  uint32_t mask = t->cap - 1, i = slot_of(k, mask);
  while (t->used[i]) {
    if (t->keys[i] == k) {
      /* backward-shift: move later entries of the cluster into the hole when allowed */
      uint32_t hole = i, j = i;
      for (;;) {
        j = (j + 1) & mask;
        if (!t->used[j]) break;
        uint32_t home = slot_of(t->keys[j], mask);
        /* can entry j move to hole? only if home is not cyclically in (hole, j] */
        if (((j - home) & mask) >= ((j - hole) & mask)) {
          t->keys[hole] = t->keys[j]; t->vals[hole] = t->vals[j]; hole = j;
        }
      }
      t->used[hole] = 0; t->count--;
      return 1;
    }
    i = (i + 1) & mask;
  }
  return 0;
}

int main(void) {
  rng_t r = {17};
  uint64_t *keys = xmalloc(KEYS * sizeof(uint64_t));
  uint64_t h = FNV_INIT;
  table_t t;
  t_init(&t, 1024);

  bench_start();
  for (int round = 0; round < ROUNDS; round++) {
    /* keys with structure (sequential-ish high bits) and randomness in the low bits */
    for (uint32_t i = 0; i < KEYS; i++) keys[i] = ((uint64_t)(round * KEYS + i) << 20) ^ (rng_next(&r) & 0xfffff);
    for (uint32_t i = 0; i < KEYS; i++) t_put(&t, keys[i], i);
    uint32_t hits = 0, misses = 0, sum = 0, v;
    for (uint32_t i = 0; i < 2 * KEYS; i++) {
      uint64_t k = (i & 1) ? keys[rng_below(&r, KEYS)] : rng_next(&r) | 1ull << 63;
      if (t_get(&t, k, &v)) { hits++; sum += v; } else misses++;
    }
    for (uint32_t i = 0; i < KEYS; i += 3) t_put(&t, keys[i], i * 7u);
    uint32_t deleted = 0;
    for (uint32_t i = 0; i < KEYS; i += 2) deleted += (uint32_t)t_del(&t, keys[i]);
    for (uint32_t i = 0; i < KEYS; i++) {
      int present = t_get(&t, keys[i], &v);
      check(present == (int)(i & 1), "present iff not deleted");
      if (present) sum += v;
    }
    h = mix64(mix64(mix64(mix64(h, hits), misses), sum), t.count);
    h = mix64(h, deleted);
  }
  bench_end();

  printf("hashtable: %d rounds x %u keys, final count %u, capacity %u\n", ROUNDS, KEYS, t.count, t.cap);
  print_checksum(h);
  t_free(&t);
  return 0;
}
