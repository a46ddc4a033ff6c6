import {
  astype,
  type Dtype,
  type Matrix,
  matmul,
  matmulTransA,
  matmulTransB,
  Rng,
  random,
  setThreads,
  zeros,
} from '@backprop/linalg';
import { fit } from '@backprop/model';
import { getOptimizer } from '@backprop/optim';
import { mnistNetwork } from './backprop';

/** Median of xs. */
export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0
    ? Number.NaN
    : s.length % 2
      ? s[(s.length - 1) / 2]!
      : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/** Seconds per call of f: the median of 5 timings of enough calls to take ~40 ms each. */
function timeIt(f: () => void): number {
  f();
  const t0 = performance.now();
  f();
  const once = Math.max((performance.now() - t0) / 1000, 1e-6);
  const reps = Math.max(1, Math.round(0.04 / once));
  const samples: number[] = [];
  for (let s = 0; s < 5; s++) {
    const t = performance.now();
    for (let i = 0; i < reps; i++) f();
    samples.push((performance.now() - t) / 1000 / reps);
  }
  return median(samples);
}

/**
 * GFLOP/s of each product of a training step at batch 128 (and a square 512 one), on one thread
 * and on `many`, measured interleaved.
 */
export async function productTable(many: number, dtype: Dtype = 'float64'): Promise<void> {
  const rng = new Rng(1);
  const shapes: [string, number, number, number, 'nn' | 'tn' | 'nt'][] = [
    ['X·W₁ (forward)', 128, 784, 64, 'nn'],
    ['Xᵀ·δ₁ (weight gradient)', 784, 128, 64, 'tn'],
    ['δ₂·W₂ᵀ (back-propagated error)', 128, 32, 64, 'nt'],
    ['A₁·W₂ (forward)', 128, 64, 32, 'nn'],
    ['512 x 512 x 512', 512, 512, 512, 'nn'],
  ];
  console.log(`\nmatrix products (${dtype}, GFLOP/s, median of 5, interleaved; m x k x n)`);
  console.log(
    `  ${'product'.padEnd(34)} ${'m x k x n'.padEnd(14)} ${'1 thread'.padStart(9)} ${`${many} threads`.padStart(10)}`,
  );
  for (const [name, m, k, n, kind] of shapes) {
    const a = astype(kind === 'tn' ? random(k, m, rng) : random(m, k, rng), dtype);
    const b = astype(kind === 'nt' ? random(n, k, rng) : random(k, n, rng), dtype);
    const out: Matrix = zeros(m, n, dtype);
    const f =
      kind === 'tn'
        ? () => matmulTransA(a, b, out)
        : kind === 'nt'
          ? () => matmulTransB(a, b, out)
          : () => matmul(a, b, out);
    const rates: Record<number, number[]> = { 1: [], [many]: [] };
    for (let round = 0; round < 3; round++)
      for (const t of [1, many]) {
        await setThreads(t);
        rates[t]!.push((2 * m * n * k) / timeIt(f) / 1e9);
      }
    console.log(
      `  ${name.padEnd(34)} ${`${m}x${k}x${n}`.padEnd(14)} ${median(rates[1]!).toFixed(1).padStart(9)} ${median(rates[many]!).toFixed(1).padStart(10)}`,
    );
  }
}

/** Seconds per 60 000 samples of training at this batch size and hidden width (steps on random data). */
function epochSeconds(batch: number, hidden: number, dtype: Dtype): number {
  const rng = new Rng(2);
  const rows = batch * 8;
  const X = astype(random(rows, 784, rng), dtype);
  const Y = zeros(rows, 10, dtype);
  for (let r = 0; r < rows; r++) Y.data[r * 10 + (r % 10)] = 1;
  const model = mnistNetwork(3, hidden, dtype);
  const optimizer = getOptimizer({ name: 'adam', config: { learningRate: 1e-3 } });
  const run = () =>
    fit(model, X, Y, { loss: 'categoricalCrossEntropy', optimizer, batchSize: batch, epochs: 1 });
  return (timeIt(run) / rows) * 60_000;
}

/** How an epoch's cost grows with the batch size and the hidden width, on `many` threads. */
export async function scalingTable(many: number, dtype: Dtype = 'float64'): Promise<void> {
  await setThreads(many);
  console.log(
    `\nscaling (${dtype}, seconds per 60 000 training samples, ${many} threads; network 784-h-h/2-10)`,
  );
  const batches = [32, 64, 128, 256, 512, 1024];
  console.log(`  batch (h = 64)   ${batches.map((b) => String(b).padStart(7)).join('')}`);
  console.log(
    `  s/epoch          ${batches.map((b) => epochSeconds(b, 64, dtype).toFixed(2).padStart(7)).join('')}`,
  );
  const widths = [64, 128, 256, 512, 1024];
  console.log(`  h (batch 128)    ${widths.map((h) => String(h).padStart(7)).join('')}`);
  console.log(
    `  s/epoch          ${widths.map((h) => epochSeconds(128, h, dtype).toFixed(2).padStart(7)).join('')}`,
  );
}
