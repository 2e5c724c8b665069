/* sha256: FIPS 180-4 SHA-256 over a generated buffer; each round hashes the buffer
 * with the previous digest written into its first 32 bytes (a hash chain).
 * Self-test: the digest of "abc" is checked before measuring. */
#include "bench.h"

#define BUF_SIZE (1u << 20)
#define ROUNDS 160

typedef struct { uint32_t h[8]; uint64_t len; uint8_t buf[64]; uint32_t used; } sha256_t;

static const uint32_t K[64] = {
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static inline uint32_t ror(uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }

static void block(uint32_t *h, const uint8_t *p) {
  uint32_t w[64];
  for (int i = 0; i < 16; i++)
    w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 | (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
  for (int i = 16; i < 64; i++) {
    uint32_t s0 = ror(w[i - 15], 7) ^ ror(w[i - 15], 18) ^ (w[i - 15] >> 3);
    uint32_t s1 = ror(w[i - 2], 17) ^ ror(w[i - 2], 19) ^ (w[i - 2] >> 10);
    w[i] = w[i - 16] + s0 + w[i - 7] + s1;
  }
  uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
  for (int i = 0; i < 64; i++) {
    uint32_t S1 = ror(e, 6) ^ ror(e, 11) ^ ror(e, 25);
    uint32_t ch = (e & f) ^ (~e & g);
    uint32_t t1 = hh + S1 + ch + K[i] + w[i];
    uint32_t S0 = ror(a, 2) ^ ror(a, 13) ^ ror(a, 22);
    uint32_t mj = (a & b) ^ (a & c) ^ (b & c);
    uint32_t t2 = S0 + mj;
    hh = g; g = f; f = e; e = d + t1; d = c; c = b; b = a; a = t1 + t2;
  }
  h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e; h[5] += f; h[6] += g; h[7] += hh;
}

static void sha_init(sha256_t *s) {
  static const uint32_t iv[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
  memcpy(s->h, iv, sizeof iv); s->len = 0; s->used = 0;
}

static void sha_update(sha256_t *s, const uint8_t *p, uint32_t n) {
  s->len += n;
  if (s->used) {
    while (n && s->used < 64) { s->buf[s->used++] = *p++; n--; }
    if (s->used == 64) { block(s->h, s->buf); s->used = 0; }
  }
  while (n >= 64) { block(s->h, p); p += 64; n -= 64; }
  while (n) { s->buf[s->used++] = *p++; n--; }
}

static void sha_final(sha256_t *s, uint8_t out[32]) {
  uint64_t bits = s->len * 8;
  uint8_t pad = 0x80, zero = 0, lenb[8];
  sha_update(s, &pad, 1);
  while (s->used != 56) sha_update(s, &zero, 1);
  for (int i = 0; i < 8; i++) lenb[i] = (uint8_t)(bits >> (56 - 8 * i));
  sha_update(s, lenb, 8);
  for (int i = 0; i < 8; i++) {
    out[4 * i] = (uint8_t)(s->h[i] >> 24); out[4 * i + 1] = (uint8_t)(s->h[i] >> 16);
    out[4 * i + 2] = (uint8_t)(s->h[i] >> 8); out[4 * i + 3] = (uint8_t)s->h[i];
  }
}

__attribute__((noinline)) static void sha256(const uint8_t *p, uint32_t n, uint8_t out[32]) {
  sha256_t s; sha_init(&s); sha_update(&s, p, n); sha_final(&s, out);
}

int main(void) {
  static const uint8_t abc_digest[32] = {
    0xba, 0x78, 0x16, 0xbf, 0x8f, 0x01, 0xcf, 0xea, 0x41, 0x41, 0x40, 0xde, 0x5d, 0xae, 0x22, 0x23,
    0xb0, 0x03, 0x61, 0xa3, 0x96, 0x17, 0x7a, 0x9c, 0xb4, 0x10, 0xff, 0x61, 0xf2, 0x00, 0x15, 0xad};
  uint8_t d[32];
  sha256((const uint8_t *)"abc", 3, d);
  check(memcmp(d, abc_digest, 32) == 0, "sha256(\"abc\")");

  rng_t r = {1};
  uint8_t *buf = xmalloc(BUF_SIZE + 63);
  for (uint32_t i = 0; i < BUF_SIZE + 63; i++) buf[i] = (uint8_t)rng_u32(&r);

  bench_start();
  for (int round = 0; round < ROUNDS; round++) {
    memcpy(buf, d, 32);
    /* odd lengths exercise the padding paths */
    sha256(buf, BUF_SIZE + (uint32_t)(round % 64), d);
  }
  bench_end();

  printf("sha256: %d x %u bytes, digest ", ROUNDS, BUF_SIZE);
  for (int i = 0; i < 32; i++) printf("%02x", d[i]);
  printf("\n");
  print_checksum(fnv1a(FNV_INIT, d, 32));
  return 0;
}
