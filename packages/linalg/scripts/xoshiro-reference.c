/*
 * Golden values for @backprop/linalg's Rng, from the published reference algorithms:
 *   xoshiro128** 1.1  https://prng.di.unimi.it/xoshiro128starstar.c  (Blackman & Vigna)
 *   splitmix64        https://prng.di.unimi.it/splitmix64.c          (Vigna)
 * written out here from the published definitions and compiled with gcc.
 *
 *   gcc -O2 -o /tmp/xoshiro-reference scripts/xoshiro-reference.c
 *   /tmp/xoshiro-reference > test/fixtures/xoshiro-reference.json
 */
#include <stdint.h>
#include <stdio.h>

static uint32_t s[4];
static inline uint32_t rotl(const uint32_t x, int k) { return (x << k) | (x >> (32 - k)); }

static uint32_t next(void) {
  const uint32_t result = rotl(s[1] * 5, 7) * 9;
  const uint32_t t = s[1] << 9;
  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl(s[3], 11);
  return result;
}

static void jump(void) {
  static const uint32_t JUMP[] = {0x8764000b, 0xf542d2d3, 0x6fa035c3, 0x77f2db5b};
  uint32_t s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  for (int i = 0; i < 4; i++)
    for (int b = 0; b < 32; b++) {
      if (JUMP[i] & UINT32_C(1) << b) { s0 ^= s[0]; s1 ^= s[1]; s2 ^= s[2]; s3 ^= s[3]; }
      next();
    }
  s[0] = s0; s[1] = s1; s[2] = s2; s[3] = s3;
}

static uint64_t sm;
static uint64_t splitmix64(void) {
  uint64_t z = (sm += 0x9e3779b97f4a7c15);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9;
  z = (z ^ (z >> 27)) * 0x94d049bb133111eb;
  return z ^ (z >> 31);
}

/* Seeds the state the way Rng(seed) does: two splitmix64 outputs, low word first. */
static void seed(uint64_t x) {
  sm = x;
  uint64_t a = splitmix64(), b = splitmix64();
  s[0] = (uint32_t)a; s[1] = (uint32_t)(a >> 32); s[2] = (uint32_t)b; s[3] = (uint32_t)(b >> 32);
}

static void print_outputs(const char *name, int n) {
  printf("  \"%s\": [", name);
  for (int i = 0; i < n; i++) printf("%s%u", i ? ", " : "", next());
  printf("]");
}

int main(void) {
  printf("{\n");
  sm = 0;
  printf("  \"splitmix64_seed0\": [\"%llu\", ", (unsigned long long)splitmix64());
  printf("\"%llu\"],\n", (unsigned long long)splitmix64());
  s[0] = 1; s[1] = 2; s[2] = 3; s[3] = 4;
  print_outputs("state_1_2_3_4", 12);
  printf(",\n");
  seed(0); print_outputs("seed_0", 12); printf(",\n");
  seed(42); print_outputs("seed_42", 12); printf(",\n");
  seed(42); jump(); print_outputs("seed_42_after_jump", 4); printf(",\n");
  seed(42);
  for (int i = 0; i < 1000000; i++) next();
  print_outputs("seed_42_after_1e6", 4);
  printf("\n}\n");
  return 0;
}
