/* lz77: LZSS compressor (32 KiB window, hash chains, lazy-free greedy parsing)
 * and decompressor over generated text-like data with random stretches.
 * Measured: compress + decompress of the whole buffer, ROUNDS times. */
#include "bench.h"

#define DATA_SIZE (8u << 20)
#define ROUNDS 5
#define WIN_BITS 15
#define WIN_SIZE (1u << WIN_BITS)
#define WIN_MASK (WIN_SIZE - 1)
#define HASH_BITS 15
#define HASH_SIZE (1u << HASH_BITS)
#define MIN_MATCH 3
#define MAX_MATCH 258
#define MAX_CHAIN 48

static int32_t head[HASH_SIZE];
static int32_t prev_[WIN_SIZE];

static inline uint32_t hash3(const uint8_t *p) {
  uint32_t v = (uint32_t)p[0] << 16 | (uint32_t)p[1] << 8 | p[2];
  return (v * 2654435761u) >> (32 - HASH_BITS);
}

/* Output: groups of 8 items preceded by a flag byte (bit set = match).
 * literal: 1 byte. match: 2 bytes distance-1 (little endian), 1 byte length-3. */
__attribute__((noinline)) static uint32_t compress(const uint8_t *in, uint32_t n, uint8_t *out) {
  for (uint32_t i = 0; i < HASH_SIZE; i++) head[i] = -1;
  uint32_t op = 0, pos = 0;
  uint32_t flag_pos = 0, nitems = 8;
  while (pos < n) {
    if (nitems == 8) { flag_pos = op++; out[flag_pos] = 0; nitems = 0; }
    uint32_t best_len = 0, best_dist = 0;
    if (pos + MIN_MATCH <= n) {
      uint32_t h = hash3(in + pos);
      int32_t cand = head[h];
      uint32_t maxlen = n - pos < MAX_MATCH ? n - pos : MAX_MATCH;
      int chain = MAX_CHAIN;
      while (cand >= 0 && pos - (uint32_t)cand <= WIN_SIZE && chain-- > 0) {
        const uint8_t *a = in + cand, *b = in + pos;
        if (a[best_len] == b[best_len]) {
          uint32_t l = 0;
          while (l < maxlen && a[l] == b[l]) l++;
          if (l > best_len) {
            best_len = l; best_dist = pos - (uint32_t)cand;
            if (l == maxlen) break;
          }
        }
        int32_t nx = prev_[cand & WIN_MASK];
        if (nx >= cand) break;
        cand = nx;
      }
    }
    uint32_t adv;
    if (best_len >= MIN_MATCH) {
      out[flag_pos] |= (uint8_t)(1u << nitems);
      uint32_t d = best_dist - 1;
      out[op++] = (uint8_t)d; out[op++] = (uint8_t)(d >> 8);
      out[op++] = (uint8_t)(best_len - MIN_MATCH);
      adv = best_len;
    } else {
      out[op++] = in[pos];
      adv = 1;
    }
    nitems++;
    /* insert every position covered into the hash chains */
    uint32_t end = pos + adv;
    for (; pos < end; pos++) {
      if (pos + MIN_MATCH <= n) {
        uint32_t h = hash3(in + pos);
        prev_[pos & WIN_MASK] = head[h];
        head[h] = (int32_t)pos;
      }
    }
  }
  return op;
}

__attribute__((noinline)) static uint32_t decompress(const uint8_t *in, uint32_t n, uint8_t *out) {
  uint32_t ip = 0, op = 0;
  while (ip < n) {
    uint32_t flags = in[ip++];
    for (int k = 0; k < 8 && ip < n; k++) {
      if (flags & (1u << k)) {
        uint32_t d = (uint32_t)in[ip] | (uint32_t)in[ip + 1] << 8;
        uint32_t len = (uint32_t)in[ip + 2] + MIN_MATCH;
        ip += 3;
        const uint8_t *src = out + op - d - 1;
        for (uint32_t i = 0; i < len; i++) out[op + i] = src[i];
        op += len;
      } else {
        out[op++] = in[ip++];
      }
    }
  }
  return op;
}

static const char *words[] = {
  "the", "of", "and", "to", "in", "a", "is", "that", "for", "it", "as", "was", "with",
  "be", "by", "on", "not", "he", "this", "are", "or", "his", "from", "at", "which",
  "but", "have", "an", "had", "they", "you", "were", "their", "one", "all", "we",
  "compiler", "register", "allocation", "instruction", "webassembly", "memory",
  "function", "module", "table", "global", "import", "export", "branch", "value",
};

static void gen(uint8_t *buf, uint32_t n, rng_t *r) {
  uint32_t i = 0, nw = sizeof words / sizeof words[0];
  while (i < n) {
    uint32_t kind = rng_below(r, 100);
    if (kind < 3) {            /* a stretch of noise */
      uint32_t len = 16 + rng_below(r, 64);
      for (uint32_t k = 0; k < len && i < n; k++) buf[i++] = (uint8_t)rng_u32(r);
    } else if (kind < 8 && i > 1024) { /* a copy of earlier text, slightly mutated */
      uint32_t len = 20 + rng_below(r, 200), from = i - 1 - rng_below(r, i < 30000 ? i - 1 : 30000);
      for (uint32_t k = 0; k < len && i < n; k++) buf[i++] = buf[from + k];
      if (i < n) buf[i++] = (uint8_t)('A' + rng_below(r, 26));
    } else {
      const char *w = words[rng_below(r, nw)];
      while (*w && i < n) buf[i++] = (uint8_t)*w++;
      if (i < n) buf[i++] = rng_below(r, 12) == 0 ? '\n' : ' ';
    }
  }
}

int main(void) {
  rng_t r = {42};
  uint8_t *data = xmalloc(DATA_SIZE);
  uint8_t *comp = xmalloc(DATA_SIZE + DATA_SIZE / 8 + 16);
  uint8_t *back = xmalloc(DATA_SIZE + MAX_MATCH);
  gen(data, DATA_SIZE, &r);
  uint32_t csize[ROUNDS], dsize[ROUNDS];
  uint64_t h = FNV_INIT;

  bench_start();
  for (int round = 0; round < ROUNDS; round++) {
    /* vary the input a little each round so no work can be hoisted */
    data[round * 7919u % DATA_SIZE] ^= (uint8_t)(round + 1);
    csize[round] = compress(data, DATA_SIZE, comp);
    dsize[round] = decompress(comp, csize[round], back);
    h = fnv1a(h, comp, csize[round] < 65536 ? csize[round] : 65536);
    h = mix64(h, csize[round]);
  }
  bench_end();

  check(dsize[ROUNDS - 1] == DATA_SIZE && memcmp(back, data, DATA_SIZE) == 0, "roundtrip");
  h = fnv1a(h, comp, csize[ROUNDS - 1]);
  printf("lz77: %u bytes -> %u bytes (%u rounds)\n", DATA_SIZE, csize[ROUNDS - 1], ROUNDS);
  print_checksum(h);
  return 0;
}
