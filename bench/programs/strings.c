/* strings: building (formatting numbers and words into a growing text buffer),
 * searching (naive and Boyer-Moore-Horspool substring search, both must agree) and
 * splitting (tokenizing on separators, hashing and counting tokens). Own routines,
 * not libc's, so the compiled code is what is measured. */
#include "bench.h"

#define TEXT_WORDS 600000u
#define ROUNDS 6

typedef struct { char *p; uint32_t len, cap; } sbuf;

static void sb_put(sbuf *b, const char *s, uint32_t n) {
  if (b->len + n + 1 > b->cap) {
    uint32_t cap = b->cap ? b->cap : 256;
    while (b->len + n + 1 > cap) cap *= 2;
    char *np = xmalloc(cap);
    for (uint32_t i = 0; i < b->len; i++) np[i] = b->p[i];
    free(b->p);
    b->p = np; b->cap = cap;
  }
  for (uint32_t i = 0; i < n; i++) b->p[b->len + i] = s[i];
  b->len += n;
  b->p[b->len] = 0;
}

static void sb_putc(sbuf *b, char c) { sb_put(b, &c, 1); }

static void sb_putu(sbuf *b, uint32_t v) {
  char tmp[10]; int n = 0;
  do { tmp[n++] = (char)('0' + v % 10); v /= 10; } while (v);
  while (n) sb_putc(b, tmp[--n]);
}

static const char *vocab[] = {
  "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa",
  "lambda", "mu", "nu", "xi", "omicron", "pi", "rho", "sigma", "tau", "upsilon", "phi",
  "chi", "psi", "omega", "wasm", "kiln", "needle", "haystack", "register", "spill",
};

__attribute__((noinline)) static uint32_t count_naive(const char *t, uint32_t n, const char *p, uint32_t m) {
  uint32_t c = 0;
  for (uint32_t i = 0; i + m <= n; i++) {
    uint32_t k = 0;
    while (k < m && t[i + k] == p[k]) k++;
    if (k == m) c++;
  }
  return c;
}

__attribute__((noinline)) static uint32_t count_horspool(const char *t, uint32_t n, const char *p, uint32_t m) {
  uint32_t skip[256], c = 0;
  for (int i = 0; i < 256; i++) skip[i] = m;
  for (uint32_t i = 0; i + 1 < m; i++) skip[(uint8_t)p[i]] = m - 1 - i;
  uint32_t i = 0;
  while (i + m <= n) {
    int32_t k = (int32_t)m - 1;
    while (k >= 0 && t[i + k] == p[k]) k--;
    if (k < 0) c++;
    i += skip[(uint8_t)t[i + m - 1]];
  }
  return c;
}

/* split on ' ', ',', '\n' and ';'; count tokens, tokens that parse as numbers, and hash them */
__attribute__((noinline)) static uint64_t split(const char *t, uint32_t n, uint32_t *tokens, uint32_t *numbers, uint64_t *numsum) {
  uint64_t h = FNV_INIT;
  uint32_t i = 0;
  *tokens = 0; *numbers = 0; *numsum = 0;
  while (i < n) {
    while (i < n && (t[i] == ' ' || t[i] == ',' || t[i] == '\n' || t[i] == ';')) i++;
    uint32_t s = i;
    while (i < n && !(t[i] == ' ' || t[i] == ',' || t[i] == '\n' || t[i] == ';')) i++;
    if (i > s) {
      (*tokens)++;
      uint32_t th = 2166136261u, v = 0, isnum = 1;
      for (uint32_t k = s; k < i; k++) {
        th = (th ^ (uint8_t)t[k]) * 16777619u;
        if (t[k] >= '0' && t[k] <= '9') v = v * 10 + (uint32_t)(t[k] - '0'); else isnum = 0;
      }
      if (isnum) { (*numbers)++; *numsum += v; }
      h = mix64(h, th);
    }
  }
  return h;
}

int main(void) {
  rng_t r = {13};
  uint32_t nv = sizeof vocab / sizeof vocab[0];
  uint64_t h = FNV_INIT;
  static const char *pats[] = {"needle", "haystack", "a", "the", "sigma tau", "wasm,kiln",
                               "12345", "omega;", "register spill", "lambda mu nu xi"};
  uint32_t last_len = 0;

  bench_start();
  for (int round = 0; round < ROUNDS; round++) {
    sbuf b = {0, 0, 0};
    for (uint32_t w = 0; w < TEXT_WORDS; w++) {
      uint32_t k = rng_below(&r, 10);
      if (k < 7) {
        const char *word = vocab[rng_below(&r, nv)];
        sb_put(&b, word, (uint32_t)strlen(word));
      } else sb_putu(&b, rng_u32(&r) >> rng_below(&r, 32));
      uint32_t sep = rng_below(&r, 20);
      sb_putc(&b, sep == 0 ? '\n' : sep == 1 ? ',' : sep == 2 ? ';' : ' ');
    }
    for (uint32_t p = 0; p < sizeof pats / sizeof pats[0]; p++) {
      uint32_t m = (uint32_t)strlen(pats[p]);
      uint32_t c1 = count_naive(b.p, b.len, pats[p], m);
      uint32_t c2 = count_horspool(b.p, b.len, pats[p], m);
      check(c1 == c2, "naive == horspool");
      h = mix64(h, c1);
    }
    uint32_t tokens, numbers; uint64_t numsum;
    h = mix64(h, split(b.p, b.len, &tokens, &numbers, &numsum));
    h = mix64(mix64(mix64(h, tokens), numbers), numsum);
    last_len = b.len;
    free(b.p);
  }
  bench_end();

  printf("strings: %d rounds, text of %u bytes\n", ROUNDS, last_len);
  print_checksum(h);
  return 0;
}
