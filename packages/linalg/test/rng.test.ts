import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, Rng } from '../src/index';
import reference from './fixtures/xoshiro-reference.json';

/** An Rng positioned at an explicit xoshiro128** state (as the reference C code is). */
const atState = (s: [number, number, number, number]) => Rng.fromState({ s, spare: null });
const draw = (rng: Rng, n: number) => Array.from({ length: n }, () => rng.nextUint32());

describe('Rng is xoshiro128** seeded by SplitMix64, bit for bit', () => {
  // Published test data from the C reference implementation, as given by
  // github.com/edorfaus/xoshiro-6502 test-rom/testdata.asm: seed bytes 0C 4A 4D 96 | 95 B8 0A D4 |
  // CB DE 7F AD | F0 F0 06 30 (little-endian words) and its first four xoshiro128** outputs.
  it('matches the published reference outputs', () => {
    const rng = atState([0x964d4a0c, 0xd40ab895, 0xad7fdecb, 0x3006f0f0]);
    expect(draw(rng, 4)).toEqual([0xf1391922, 0x6fe53806, 0xa5be2840, 0xf510ee70]);
  });

  it('matches the published state after jump()', () => {
    const rng = atState([0x964d4a0c, 0xd40ab895, 0xad7fdecb, 0x3006f0f0]);
    rng.jump();
    expect(rng.getState().s).toEqual([0x2a6dd50d, 0x01177499, 0xd7eb7d01, 0xddc48284]);
  });

  // Golden values from the reference algorithms compiled with gcc: scripts/xoshiro-reference.c.
  it('matches the reference C program: raw state, seeding, jump and a million draws', () => {
    expect(draw(atState([1, 2, 3, 4]), 12)).toEqual(reference.state_1_2_3_4);
    expect(draw(new Rng(0), 12)).toEqual(reference.seed_0);
    expect(draw(new Rng(42), 12)).toEqual(reference.seed_42);
    const jumped = new Rng(42);
    jumped.jump();
    expect(draw(jumped, 4)).toEqual(reference.seed_42_after_jump);
    const far = new Rng(42);
    for (let i = 0; i < 1_000_000; i++) far.nextUint32();
    expect(draw(far, 4)).toEqual(reference.seed_42_after_1e6);
  });

  it('accepts bigint seeds (SplitMix64 works on the low 64 bits)', () => {
    expect(draw(new Rng(42n), 3)).toEqual(reference.seed_42.slice(0, 3));
    expect(draw(new Rng(42n + (1n << 64n)), 3)).toEqual(reference.seed_42.slice(0, 3));
  });
});

describe('Rng distributions', () => {
  // 1e6 draws: the standard error of a sample mean is σ/1000, so 5 standard errors is a bound
  // that a correct generator fails with probability < 1e-6.
  const N = 1_000_000;

  it('next() is uniform on [0, 1): mean 1/2, variance 1/12', () => {
    const rng = new Rng(1);
    let s = 0;
    let s2 = 0;
    let min = 1;
    let max = 0;
    for (let i = 0; i < N; i++) {
      const u = rng.next();
      s += u;
      s2 += u * u;
      min = Math.min(min, u);
      max = Math.max(max, u);
    }
    const mean = s / N;
    expect(Math.abs(mean - 0.5)).toBeLessThan((5 * Math.sqrt(1 / 12)) / 1000);
    // Sample variance of U(0,1): standard error sqrt((μ₄ − σ⁴)/N) = sqrt((1/80 − 1/144)/N) ≈ 7.45e-5.
    expect(Math.abs(s2 / N - mean * mean - 1 / 12)).toBeLessThan(5 * 7.45e-5);
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
  });

  it('normal(mean, std) has the right mean, variance, skew and kurtosis', () => {
    const rng = new Rng(2);
    let s = 0;
    let s2 = 0;
    let s3 = 0;
    let s4 = 0;
    for (let i = 0; i < N; i++) {
      const z = (rng.normal(3, 2) - 3) / 2;
      s += z;
      s2 += z * z;
      s3 += z ** 3;
      s4 += z ** 4;
    }
    // Standard errors for N(0,1) moments at N = 1e6: mean 0.001, variance 0.0014, skew
    // 0.0024, kurtosis 0.0049; 5 of each.
    expect(Math.abs(s / N)).toBeLessThan(0.005);
    expect(Math.abs(s2 / N - 1)).toBeLessThan(0.007);
    expect(Math.abs(s3 / N)).toBeLessThan(0.012);
    expect(Math.abs(s4 / N - 3)).toBeLessThan(0.025);
  });

  it('int(n) is unbiased: each of 6 values within 5 standard errors of N/6', () => {
    const rng = new Rng(3);
    const counts = new Array(6).fill(0);
    for (let i = 0; i < N; i++) counts[rng.int(6)]++;
    const sd = Math.sqrt(N * (1 / 6) * (5 / 6));
    for (const c of counts) expect(Math.abs(c - N / 6)).toBeLessThan(5 * sd);
  });

  it('int works beyond 2^32 and rejects bad n', () => {
    const rng = new Rng(4);
    for (let i = 0; i < 1000; i++) {
      const v = rng.int(2 ** 40);
      expect(Number.isInteger(v) && v >= 0 && v < 2 ** 40).toBe(true);
    }
    expect(() => rng.int(0)).toThrow(/^Rng.int: n must be a positive safe integer, got 0$/);
    expect(() => rng.int(2.5)).toThrow(InvalidArgumentError);
  });

  it('uniform and normal validate their arguments', () => {
    const rng = new Rng(0);
    expect(() => rng.uniform(1, 0)).toThrow(/^Rng.uniform: need finite lo <= hi, got lo=1, hi=0$/);
    expect(() => rng.normal(0, -1)).toThrow(InvalidArgumentError);
    expect(() => new Rng(1.5)).toThrow(/^Rng: seed must be a safe integer or a bigint, got 1.5$/);
  });
});

describe('Rng streams and state', () => {
  it('permutation holds every index once; shuffle is seeded', () => {
    const p = new Rng(5).permutation(1000);
    expect(Array.from(p).sort((a, b) => a - b)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect(Array.from(new Rng(5).permutation(1000))).toEqual(Array.from(p));
    expect(Array.from(new Rng(6).permutation(1000))).not.toEqual(Array.from(p));
    expect(new Rng(0).permutation(0)).toHaveLength(0);
  });

  it('getState / fromState resume exactly, including a cached normal', () => {
    const a = new Rng(7);
    a.normal();
    const b = Rng.fromState(JSON.parse(JSON.stringify(a.getState())));
    expect([a.normal(), a.next(), a.nextUint32()]).toEqual([b.normal(), b.next(), b.nextUint32()]);
    expect(() => Rng.fromState({ s: [0, 0, 0, 0], spare: null })).toThrow(InvalidArgumentError);
  });

  it('split() hands out the current stream and jumps 2^64 ahead; fork() is seeded', () => {
    const parent = new Rng(42);
    const child = parent.split();
    expect(draw(child, 4)).toEqual(reference.seed_42.slice(0, 4));
    expect(draw(parent, 4)).toEqual(reference.seed_42_after_jump);
    const f1 = new Rng(9).fork();
    const f2 = new Rng(9).fork();
    expect(draw(f1, 5)).toEqual(draw(f2, 5));
    expect(draw(new Rng(9).fork(), 5)).not.toEqual(draw(new Rng(9), 5));
  });
});
