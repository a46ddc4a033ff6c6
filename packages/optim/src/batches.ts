import { InvalidArgumentError, type Rng } from '@backprop/linalg';

/** 'full' = one batch of every sample (gradient descent); 1 = SGD; n = mini-batches of n. */
export type BatchSize = 'full' | number;

export interface BatchOptions {
  batchSize: BatchSize;
  /** Shuffle the order each epoch (needs `rng`). Default false. */
  shuffle?: boolean;
  rng?: Rng;
}

/**
 * How one epoch of m samples is cut into batches — the only thing that makes GD ('full'), SGD (1)
 * and mini-batch (n) differ. `order` holds every index 0..m−1 exactly once; batch k is
 * order[start(k)..end(k)), and the last batch keeps the remainder (it may be smaller).
 * `nextEpoch()` reshuffles `order` in place (when shuffling), so a training loop allocates nothing
 * per epoch or per batch. Same seed → same order.
 */
export class BatchPlan {
  readonly size: number;
  readonly count: number;
  readonly order: Int32Array;
  private readonly rng: Rng | null;

  constructor(
    readonly m: number,
    options: BatchOptions,
  ) {
    if (!(Number.isInteger(m) && m >= 0)) {
      throw new InvalidArgumentError('m', `batches: m must be a non-negative integer, got ${m}`);
    }
    const { batchSize, shuffle = false, rng } = options;
    if (batchSize !== 'full' && !(Number.isInteger(batchSize) && batchSize >= 1)) {
      throw new InvalidArgumentError(
        'batchSize',
        `batches: batchSize must be 'full' or an integer >= 1, got ${String(batchSize)}`,
      );
    }
    if (shuffle && typeof rng?.shuffle !== 'function') {
      throw new InvalidArgumentError(
        'rng',
        'batches: shuffle needs an rng (new Rng(seed) from @backprop/linalg)',
      );
    }
    this.size = batchSize === 'full' ? Math.max(m, 1) : Math.min(batchSize, Math.max(m, 1));
    this.count = Math.ceil(m / this.size);
    this.order = new Int32Array(m);
    for (let i = 0; i < m; i++) this.order[i] = i;
    this.rng = shuffle ? rng! : null;
  }

  /** Starts a new epoch: reshuffles `order` in place when shuffling (a no-op otherwise). */
  nextEpoch(): void {
    this.rng?.shuffle(this.order);
  }

  /** First position in `order` of batch k. */
  start(k: number): number {
    return k * this.size;
  }

  /** One past the last position in `order` of batch k. */
  end(k: number): number {
    return Math.min((k + 1) * this.size, this.m);
  }

  /** The indices of batch k (a view into `order`, no copy). */
  batch(k: number): Int32Array {
    if (!(Number.isInteger(k) && k >= 0 && k < this.count)) {
      throw new InvalidArgumentError(
        'k',
        `batches: batch ${k} does not exist (there are ${this.count})`,
      );
    }
    return this.order.subarray(this.start(k), this.end(k));
  }
}

/**
 * The batches of one epoch as index arrays, shuffled when asked (each call shuffles anew):
 * `for (const idx of batches(m, { batchSize: 32, shuffle: true, rng })) gatherRows(X, idx)`.
 */
export function* batches(m: number, options: BatchOptions): Generator<Int32Array> {
  const plan = new BatchPlan(m, options);
  plan.nextEpoch();
  for (let k = 0; k < plan.count; k++) yield plan.batch(k);
}
