import { InvalidArgumentError } from './errors';

/** A serialisable snapshot of an {@link Rng}: restore it with `Rng.fromState`. */
export interface RngState {
  /** The four 32-bit words of xoshiro128** state. */
  s: [number, number, number, number];
  /** A cached second normal deviate from Box–Muller, or null. */
  spare: number | null;
}

const MASK64 = (1n << 64n) - 1n;
const TWO_POW_32 = 4294967296;
const TWO_POW_53 = 9007199254740992;

/** SplitMix64 (Steele, Lea & Flood 2014), the seeding routine the xoshiro authors recommend. */
function splitMix64(seed: bigint): () => bigint {
  let x = seed & MASK64;
  return () => {
    x = (x + 0x9e3779b97f4a7c15n) & MASK64;
    let z = x;
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK64;
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK64;
    return z ^ (z >> 31n);
  };
}

function checkSeed(seed: number | bigint): bigint {
  if (typeof seed === 'bigint') return seed;
  if (!Number.isSafeInteger(seed)) {
    throw new InvalidArgumentError(
      'seed',
      `Rng: seed must be a safe integer or a bigint, got ${seed}`,
    );
  }
  return BigInt(seed);
}

const JUMP = [0x8764000b, 0xf542d2d3, 0x6fa035c3, 0x77f2db5b];

/**
 * A seeded pseudo-random generator: **xoshiro128\*\*** (Blackman & Vigna, 2018), seeded through
 * SplitMix64.
 *
 * Why this one: its state and arithmetic are 32-bit (`Math.imul`, shifts, xors), so it runs at
 * full speed in JavaScript and gives bit-identical sequences on every engine and platform; it
 * passes BigCrush; its period is 2^128 − 1; and it has a published `jump()` that gives
 * non-overlapping streams of 2^64 draws for {@link Rng.split}. (PCG32 needs 64-bit
 * multiplication, which JavaScript only has through slow BigInt arithmetic.)
 *
 * Same seed → same sequence, everywhere. backprop never uses `Math.random`.
 */
export class Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  private spare: number | null = null;

  /** A generator seeded from an integer (any safe integer or bigint; default 0). */
  constructor(seed: number | bigint = 0) {
    const next = splitMix64(checkSeed(seed));
    const a = next();
    const b = next();
    this.s0 = Number(a & 0xffffffffn) | 0;
    this.s1 = Number(a >> 32n) | 0;
    this.s2 = Number(b & 0xffffffffn) | 0;
    this.s3 = Number(b >> 32n) | 0;
    // The all-zero state is the one fixed point of xoshiro; SplitMix64 never yields two zero words
    // in a row, but guard anyway.
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** A generator with exactly the given state (e.g. one saved with {@link Rng.getState}). */
  static fromState(state: RngState): Rng {
    const words = state?.s;
    if (
      !Array.isArray(words) ||
      words.length !== 4 ||
      !words.every((w) => Number.isInteger(w) && w >= -0x80000000 && w <= 0xffffffff) ||
      words.every((w) => w === 0)
    ) {
      throw new InvalidArgumentError(
        'state',
        'Rng.fromState: state.s must be four 32-bit integers, not all zero',
      );
    }
    const rng = new Rng(0);
    rng.s0 = words[0] | 0;
    rng.s1 = words[1] | 0;
    rng.s2 = words[2] | 0;
    rng.s3 = words[3] | 0;
    rng.spare = typeof state.spare === 'number' ? state.spare : null;
    return rng;
  }

  /** The current state as unsigned 32-bit words, for saving and exact resumption. */
  getState(): RngState {
    return { s: [this.s0 >>> 0, this.s1 >>> 0, this.s2 >>> 0, this.s3 >>> 0], spare: this.spare };
  }

  /** The next raw 32-bit output as an unsigned integer in [0, 2^32). */
  nextUint32(): number {
    const s1 = this.s1;
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9);
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result >>> 0;
  }

  /** A uniform double in [0, 1) with 53 random bits. */
  next(): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / TWO_POW_53;
  }

  /** A uniform double in [lo, hi). */
  uniform(lo = 0, hi = 1): number {
    if (!(Number.isFinite(lo) && Number.isFinite(hi) && lo <= hi)) {
      throw new InvalidArgumentError(
        'lo',
        `Rng.uniform: need finite lo <= hi, got lo=${lo}, hi=${hi}`,
      );
    }
    return lo + (hi - lo) * this.next();
  }

  /** A normal deviate with the given mean and standard deviation (Box–Muller, both values used). */
  normal(mean = 0, std = 1): number {
    if (!(Number.isFinite(mean) && Number.isFinite(std) && std >= 0)) {
      throw new InvalidArgumentError(
        'std',
        `Rng.normal: need finite mean and std >= 0, got mean=${mean}, std=${std}`,
      );
    }
    if (this.spare !== null) {
      const z = this.spare;
      this.spare = null;
      return mean + std * z;
    }
    const u = 1 - this.next(); // (0, 1]: log(u) is finite
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return mean + std * r * Math.cos(2 * Math.PI * v);
  }

  /** A uniform integer in [0, n), without modulo bias (rejection sampling). n ≤ 2^53. */
  int(n: number): number {
    if (!Number.isSafeInteger(n) || n < 1) {
      throw new InvalidArgumentError('n', `Rng.int: n must be a positive safe integer, got ${n}`);
    }
    if (n <= TWO_POW_32) {
      const limit = TWO_POW_32 - (TWO_POW_32 % n);
      let x = this.nextUint32();
      while (x >= limit) x = this.nextUint32();
      return x % n;
    }
    const limit = TWO_POW_53 - (TWO_POW_53 % n);
    let x = this.next() * TWO_POW_53;
    while (x >= limit) x = this.next() * TWO_POW_53;
    return x % n;
  }

  /** Shuffles `array` in place (Fisher–Yates) and returns it. */
  shuffle<T extends { length: number; [i: number]: unknown }>(array: T): T {
    for (let i = array.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const tmp = array[i];
      array[i] = array[j];
      array[j] = tmp;
    }
    return array;
  }

  /** A random permutation of 0..n-1. */
  permutation(n: number): Int32Array {
    if (!Number.isInteger(n) || n < 0) {
      throw new InvalidArgumentError(
        'n',
        `Rng.permutation: n must be a non-negative integer, got ${n}`,
      );
    }
    const p = new Int32Array(n);
    for (let i = 0; i < n; i++) p[i] = i;
    return this.shuffle(p);
  }

  /**
   * A new independent generator seeded from this one's next two outputs (this one advances by 2
   * draws). Use it to hand a child its own stream, e.g. one per layer.
   */
  fork(): Rng {
    const hi = BigInt(this.nextUint32());
    const lo = BigInt(this.nextUint32());
    return new Rng((hi << 32n) | lo);
  }

  /**
   * A copy of this generator at its current position, after which this generator jumps 2^64 draws
   * ahead: repeated `split()`s give streams that do not overlap for 2^64 draws each.
   */
  split(): Rng {
    const child = Rng.fromState(this.getState());
    this.jump();
    return child;
  }

  /** Advances the state by 2^64 draws (the reference `jump()`). */
  jump(): void {
    let t0 = 0;
    let t1 = 0;
    let t2 = 0;
    let t3 = 0;
    for (const word of JUMP) {
      for (let b = 0; b < 32; b++) {
        if (word & (1 << b)) {
          t0 ^= this.s0;
          t1 ^= this.s1;
          t2 ^= this.s2;
          t3 ^= this.s3;
        }
        this.nextUint32();
      }
    }
    this.s0 = t0;
    this.s1 = t1;
    this.s2 = t2;
    this.s3 = t3;
    this.spare = null;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
