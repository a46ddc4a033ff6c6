import type { Matrix } from '@backprop/linalg';
import { dense, evaluate, fit, type Sequential, sequential } from '@backprop/model';
import { getOptimizer } from '@backprop/optim';

export interface EpochResult {
  seconds: number;
  testAccuracy: number;
}

/** The course's MNIST network in backprop: 784-64(ReLU)-32(ReLU)-10(softmax), Adam 1e-3, batch 128. */
export function trainBackprop(
  train: { X: Matrix; Y: Matrix },
  test: { X: Matrix; Y: Matrix },
  epochs: number,
  seed: number,
) {
  const model: Sequential = sequential(
    784,
    [
      dense({ units: 64, activation: 'relu' }),
      dense({ units: 32, activation: 'relu' }),
      dense({ units: 10, activation: 'softmax' }),
    ],
    { seed },
  );
  const optimizer = getOptimizer({ name: 'adam', config: { learningRate: 1e-3 } });
  const results: EpochResult[] = [];
  fit(model, train.X, train.Y, {
    loss: 'categoricalCrossEntropy',
    optimizer,
    batchSize: 128,
    epochs,
    seed,
    callbacks: [
      {
        // logs.seconds is the training time of the epoch (no validation data is given to fit).
        onEpochEnd: (logs) => {
          const testAccuracy = evaluate(model, test.X, test.Y).accuracy!;
          results.push({ seconds: logs.seconds, testAccuracy });
          console.log(
            `  backprop   epoch ${String(logs.epoch).padStart(2)}: ${logs.seconds.toFixed(2)} s, ${(60000 / logs.seconds).toFixed(0)} samples/s, loss ${logs.loss.toFixed(4)}, test accuracy ${(100 * testAccuracy).toFixed(2)}%`,
          );
        },
      },
    ],
  });
  return { model, optimizer, results };
}

/**
 * Heap growth per training step after the first batch: the growth of a 3-epoch fit call minus that
 * of a 1-epoch call (which cancels the call's own setup), over the 2 × 469 extra steps, each
 * measured after garbage collection (needs --expose-gc).
 */
export function heapGrowthPerStep(
  model: Sequential,
  optimizer: ReturnType<typeof getOptimizer>,
  train: { X: Matrix; Y: Matrix },
): string {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return 'run with node --expose-gc to measure';
  const growth = (epochs: number) => {
    gc();
    const before = process.memoryUsage().heapUsed;
    fit(model, train.X, train.Y, {
      loss: 'categoricalCrossEntropy',
      optimizer,
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
