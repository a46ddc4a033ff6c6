import { xor } from '@backprop/data';
import { Matrix } from '@backprop/linalg';
import { dense, fit, predict, sequential } from '@backprop/model';

export interface XorRun {
  /** Loss per epoch (GD) or per update (SGD), with the epoch position of each value. */
  curve: { x: number; loss: number }[];
  predictions: number[];
  seconds: number;
}

export interface XorResult {
  epochs: number;
  gd: XorRun;
  sgd: XorRun;
  /** The GD network's output on a grid over [−0.5, 1.5]²: values[row][col] at (xs[col], ys[row]). */
  surface: { xs: number[]; ys: number[]; values: number[][] };
}

const network = (seed: number) =>
  sequential(
    2,
    [dense({ units: 5, activation: 'sigmoid' }), dense({ units: 1, activation: 'sigmoid' })],
    { seed },
  );

/**
 * The course's XOR experiment: the 2-5-1 sigmoid network trained from the same initial weights
 * (same seed) by full-batch gradient descent and by stochastic gradient descent (batch 1), both
 * with learning rate 1. GD's loss is recorded per epoch (one update each), SGD's per update — the
 * course's figure: GD descends smoothly, SGD oscillates around the same trend.
 */
export function runXor(options: { epochs?: number; seed?: number } = {}): XorResult {
  const epochs = options.epochs ?? 2000;
  const seed = options.seed ?? 0;
  const { X, Y } = xor();
  const optimizer = { name: 'sgd', config: { learningRate: 1 } } as const;
  const train = (batchSize: 'full' | 1): { model: ReturnType<typeof network>; run: XorRun } => {
    const model = network(seed);
    const curve: { x: number; loss: number }[] = [];
    const started = performance.now();
    const perUpdate = batchSize === 1;
    fit(model, X, Y, {
      optimizer,
      batchSize,
      epochs,
      seed,
      callbacks: [
        perUpdate
          ? {
              onBatchEnd: (l) =>
                curve.push({ x: l.epoch - 1 + (l.batch + 1) / l.batches, loss: l.loss }),
            }
          : { onEpochEnd: (l) => curve.push({ x: l.epoch, loss: l.loss }) },
      ],
    });
    return {
      model,
      run: {
        curve,
        predictions: Array.from(predict(model, X).data),
        seconds: (performance.now() - started) / 1000,
      },
    };
  };
  const gd = train('full');
  const sgd = train(1);
  const n = 41; // steps of 0.05, so every 10th point is a round tick (−0.5, 0, 0.5, 1, 1.5)
  const axis = Array.from({ length: n }, (_, i) => -0.5 + (2 * i) / (n - 1));
  const grid = new Matrix(n * n, 2);
  for (const [r, y] of axis.entries()) {
    for (const [c, x] of axis.entries()) {
      grid.data[2 * (r * n + c)] = x;
      grid.data[2 * (r * n + c) + 1] = y;
    }
  }
  const out = predict(gd.model, grid);
  const values = axis.map((_, r) => Array.from(out.data.subarray(r * n, (r + 1) * n)));
  return { epochs, gd: gd.run, sgd: sgd.run, surface: { xs: axis, ys: axis, values } };
}
