/* chacha20: RFC 8439 ChaCha20 block function and stream cipher, encrypting and
 * decrypting a generated buffer with a fresh nonce per round.
 * Self-test: the RFC 8439 section 2.3.2 block test vector. */
#include "bench.h"

#define BUF_SIZE (1u << 20)
#define ROUNDS 150

#define QR(a, b, c, d) \
  a += b; d ^= a; d = d << 16 | d >> 16; \
  c += d; b ^= c; b = b << 12 | b >> 20; \
  a += b; d ^= a; d = d << 8 | d >> 24;  \
  c += d; b ^= c; b = b << 7 | b >> 25;

static void chacha_block(const uint32_t in[16], uint32_t out[16]) {
  uint32_t x[16];
  for (int i = 0; i < 16; i++) x[i] = in[i];
  for (int i = 0; i < 10; i++) {
    QR(x[0], x[4], x[8], x[12]) QR(x[1], x[5], x[9], x[13])
    QR(x[2], x[6], x[10], x[14]) QR(x[3], x[7], x[11], x[15])
    QR(x[0], x[5], x[10], x[15]) QR(x[1], x[6], x[11], x[12])
    QR(x[2], x[7], x[8], x[13]) QR(x[3], x[4], x[9], x[14])
  }
  for (int i = 0; i < 16; i++) out[i] = x[i] + in[i];
}

static inline uint32_t le32(const uint8_t *p) {
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void chacha_setup(uint32_t st[16], const uint8_t key[32], uint32_t counter, const uint8_t nonce[12]) {
  st[0] = 0x61707865; st[1] = 0x3320646e; st[2] = 0x79622d32; st[3] = 0x6b206574;
  for (int i = 0; i < 8; i++) st[4 + i] = le32(key + 4 * i);
  st[12] = counter;
  for (int i = 0; i < 3; i++) st[13 + i] = le32(nonce + 4 * i);
}

__attribute__((noinline)) static void chacha_xor(const uint8_t key[32], const uint8_t nonce[12],
                                                 const uint8_t *in, uint8_t *out, uint32_t n) {
  uint32_t st[16], ks[16];
  chacha_setup(st, key, 1, nonce);
  uint32_t off = 0;
  while (off < n) {
    chacha_block(st, ks);
    st[12]++;
    uint32_t take = n - off < 64 ? n - off : 64;
    for (uint32_t i = 0; i < take; i++)
      out[off + i] = in[off + i] ^ (uint8_t)(ks[i / 4] >> (8 * (i % 4)));
    off += take;
  }
}

int main(void) {
  /* RFC 8439 2.3.2 */
  uint8_t key[32], nonce[12] = {0, 0, 0, 9, 0, 0, 0, 0x4a, 0, 0, 0, 0};
  for (int i = 0; i < 32; i++) key[i] = (uint8_t)i;
  uint32_t st[16], out[16];
  chacha_setup(st, key, 1, nonce);
  chacha_block(st, out);
  check(out[0] == 0xe4e7f110 && out[1] == 0x15593bd1 && out[15] == 0x4e3c50a2, "RFC 8439 block");

  rng_t r = {7};
  uint8_t *plain = xmalloc(BUF_SIZE), *cipher = xmalloc(BUF_SIZE), *back = xmalloc(BUF_SIZE);
  for (uint32_t i = 0; i < BUF_SIZE; i++) plain[i] = (uint8_t)rng_u32(&r);
  for (int i = 0; i < 32; i++) key[i] = (uint8_t)rng_u32(&r);
  uint64_t h = FNV_INIT;

  bench_start();
  for (int round = 0; round < ROUNDS; round++) {
    nonce[0] = (uint8_t)round; nonce[1] = (uint8_t)(round >> 8);
    uint32_t n = BUF_SIZE - (uint32_t)(round % 61);
    chacha_xor(key, nonce, plain, cipher, n);
    chacha_xor(key, nonce, cipher, back, n);
    h = mix64(h, le32(cipher + (round * 4099u) % (n - 4)));
    h = mix64(h, le32(back + n - 4));
    /* feed the ciphertext back so rounds depend on each other */
    for (int i = 0; i < 32; i++) key[i] ^= cipher[n - 1 - i];
  }
  bench_end();

  check(memcmp(back, plain, BUF_SIZE - (uint32_t)((ROUNDS - 1) % 61)) == 0, "decrypt(encrypt(x)) == x");
  h = fnv1a(h, cipher, BUF_SIZE - (uint32_t)((ROUNDS - 1) % 61));
  printf("chacha20: %d x 2 x %u bytes\n", ROUNDS, BUF_SIZE);
  print_checksum(h);
  return 0;
}
