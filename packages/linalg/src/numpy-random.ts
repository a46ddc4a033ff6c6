import { correctlyRoundedLog } from './correctly-rounded-log';
import { InvalidArgumentError } from './errors';
import { Rng, type RngState } from './rng';

const N = 624;
const M = 397;
const MATRIX_A = 0x9908b0df;
const UPPER = 0x80000000;
const LOWER = 0x7fffffff;

/** The whole state of a {@link NumpyRandomState}: numpy's `np.random.get_state()` in plain data. */
export interface NumpyState {
  /** The 624 words of MT19937 state. */
  key: number[];
  /** The position in `key` of the next word (624: a twist is due). */
  pos: number;
  /** numpy's cached second Gaussian deviate (legacy polar method), or null. */
  gauss: number | null;
}

/**
 * numpy's legacy generator, `np.random.RandomState` (what `np.random.seed(k)` then
 * `np.random.random`, `randn` and `shuffle` use): MT19937 seeded by `init_genrand`, uniforms with
 * 53 random bits from two 32-bit words, Gaussians by the Marsaglia polar method with the spare
 * cached, and integers by masked rejection sampling — every draw bit for bit the same as numpy's
 * (tests compare with numpy-generated values). One caveat: a Gaussian takes a logarithm, computed
 * here correctly rounded; numpy calls the C library's log, which (glibc: within 0.52 ulp) is not
 * the nearest double for about 1 argument in 1000, and then that one deviate differs in its last
 * bit (3000 of 3000 matched in the tests). It is an {@link Rng}, so it can seed any
 * initializer, a dataset or a shuffle, and a document's own `np.random.seed(714)` weights replay.
 *
 * Mapping: `random()` = `np.random.random()`, `randn()` = `np.random.randn()`,
 * `normal(loc, scale)` = `np.random.normal`, `int(n)` = the draw numpy's `shuffle` makes for an
 * index below n, `shuffle(rows)` = `np.random.shuffle` (along the first axis). Slower than
 * {@link Rng} (MT19937 keeps 2.5 KB of state); use it to match numpy, Rng otherwise.
 */
export class NumpyRandomState extends Rng {
  private readonly key = new Uint32Array(N);
  private pos = N;
  private gauss: number | null = null;

  /** `np.random.seed(seed)`: an integer 0..2^32−1. */
  constructor(seed = 0) {
    super(0);
    if (!(Number.isInteger(seed) && seed >= 0 && seed <= 0xffffffff))
      throw new InvalidArgumentError(
        'seed',
        `NumpyRandomState: seed must be an integer from 0 to 2^32 - 1 (as np.random.seed takes), got ${seed}`,
      );
    let s = seed >>> 0;
    for (let i = 0; i < N; i++) {
      this.key[i] = s;
      s = (Math.imul(1812433253, s ^ (s >>> 30)) + i + 1) >>> 0;
    }
  }

  /** A generator at exactly `state` (from {@link numpyState}, or numpy's `get_state()[1:5]`). */
  static fromNumpyState(state: NumpyState): NumpyRandomState {
    const ok =
      Array.isArray(state?.key) &&
      state.key.length === N &&
      state.key.every((w) => Number.isInteger(w) && w >= 0 && w <= 0xffffffff) &&
      Number.isInteger(state.pos) &&
      state.pos >= 0 &&
      state.pos <= N;
    if (!ok)
      throw new InvalidArgumentError(
        'state',
        'NumpyRandomState.fromNumpyState: key must be 624 unsigned 32-bit words and pos an integer 0..624',
      );
    const rng = new NumpyRandomState(0);
    rng.key.set(state.key);
    rng.pos = state.pos;
    rng.gauss = typeof state.gauss === 'number' ? state.gauss : null;
    return rng;
  }

  /** The full state, to save and resume exactly. */
  numpyState(): NumpyState {
    return { key: Array.from(this.key), pos: this.pos, gauss: this.gauss };
  }

  /** Not available: the state of this generator is {@link numpyState}. */
  override getState(): RngState {
    throw new InvalidArgumentError(
      'state',
      'NumpyRandomState.getState: its state is MT19937, not xoshiro; use numpyState() and NumpyRandomState.fromNumpyState()',
    );
  }

  private twist(): void {
    const k = this.key;
    for (let i = 0; i < N; i++) {
      const y = (k[i]! & UPPER) | (k[(i + 1) % N]! & LOWER);
      k[i] = (k[(i + M) % N]! ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0)) >>> 0;
    }
    this.pos = 0;
  }

  /** The next tempered MT19937 word, in [0, 2^32). */
  override nextUint32(): number {
    if (this.pos >= N) this.twist();
    let y = this.key[this.pos++]!;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** `np.random.random()`: a uniform double in [0, 1) (the same 53-bit construction as Rng.next). */
  random(): number {
    return this.next();
  }

  /** `np.random.randn()`: a standard normal deviate (legacy polar method, the spare cached). */
  randn(): number {
    if (this.gauss !== null) {
      const g = this.gauss;
      this.gauss = null;
      return g;
    }
    let x1: number;
    let x2: number;
    let r2: number;
    do {
      x1 = 2 * this.next() - 1;
      x2 = 2 * this.next() - 1;
      r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1 || r2 === 0);
    // glibc's log, which numpy calls, is the nearest double; V8's Math.log is sometimes 1 ulp off.
    const f = Math.sqrt((-2 * correctlyRoundedLog(r2)) / r2);
    this.gauss = f * x1;
    return f * x2;
  }

  /** `np.random.normal(mean, std)`. */
  override normal(mean = 0, std = 1): number {
    if (!(Number.isFinite(mean) && Number.isFinite(std) && std >= 0))
      throw new InvalidArgumentError(
        'std',
        `NumpyRandomState.normal: need finite mean and std >= 0, got mean=${mean}, std=${std}`,
      );
    return mean + std * this.randn();
  }

  /** A uniform integer in [0, n) the way numpy draws one (`random_interval(n − 1)`); n ≤ 2^32. */
  override int(n: number): number {
    if (!(Number.isInteger(n) && n >= 1 && n <= 2 ** 32))
      throw new InvalidArgumentError(
        'n',
        `NumpyRandomState.int: n must be an integer from 1 to 2^32, got ${n}`,
      );
    const max = n - 1;
    if (max === 0) return 0;
    let mask = max;
    mask |= mask >>> 1;
    mask |= mask >>> 2;
    mask |= mask >>> 4;
    mask |= mask >>> 8;
    mask |= mask >>> 16;
    mask >>>= 0;
    let value: number;
    do value = (this.nextUint32() & mask) >>> 0;
    while (value > max);
    return value;
  }

  /** `n` draws of `np.random.random(n)` (C order: `random((2, 1))` is `randomArray(2)`). */
  randomArray(n: number): Float64Array {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = this.next();
    return out;
  }

  /** `n` draws of `np.random.randn(n)`. */
  randnArray(n: number): Float64Array {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = this.randn();
    return out;
  }

  /** A generator seeded from this one's next word (numpy has no fork; this keeps Rng's contract). */
  override fork(): NumpyRandomState {
    return new NumpyRandomState(this.nextUint32());
  }

  /** Not available: MT19937 streams are not split here. */
  override split(): Rng {
    throw new InvalidArgumentError(
      'split',
      'NumpyRandomState.split: not supported; use Rng for split streams, or fork()',
    );
  }

  override jump(): void {
    throw new InvalidArgumentError('jump', 'NumpyRandomState.jump: not supported');
  }
}
