/**
 * pnpm bench:profile — where a training epoch of the course's MNIST network spends its time on
 * the calling thread: one warm-up epoch, then `--epochs` epochs (default 3) under V8's sampling
 * profiler (in process, through node:inspector), printed as self time per function, in ms per
 * epoch and as a share of the samples. Matrix-thread workers run in their own isolates and are
 * not sampled: their share of the products shows only as the kernel's shorter time here.
 *
 *   pnpm bench:profile [-- --epochs 3 --threads N --top 25 --dtype float64|float32]
 */

import { Session } from 'node:inspector/promises';
import { availableParallelism } from 'node:os';
import { setThreads } from '@backprop/linalg';
import { dtypeOption, wholeNumberOption } from './args';
import { BackpropRun, dataAs, loadMnistSets } from './backprop';

const option = (name: string, fallback: number) =>
  wholeNumberOption('bench:profile', name, fallback);

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time (µs) per function, keyed "name (file)", largest first. */
function selfTimes(profile: Profile): [string, number][] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const times = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const { functionName, url } = byId.get(id)!.callFrame;
    const file = url.split('/').pop() || '';
    const key = `${functionName || '(anonymous)'}${file ? ` (${file})` : ''}`;
    times.set(key, (times.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  return [...times].sort((a, b) => b[1] - a[1]);
}

const epochs = option('epochs', 3);
const threadCount = option('threads', availableParallelism());
const top = option('top', 25);
const { train, test } = await loadMnistSets();
const dtype = dtypeOption('bench:profile');
// A float32 model's data in float32, converted once (as a user training float32 would).
const [trainOurs, testOurs] = [dataAs(train, dtype), dataAs(test, dtype)];
const run = new BackpropRun(
  `backprop ${threadCount}t ${dtype}`,
  threadCount,
  trainOurs,
  testOurs,
  0,
  dtype,
);
console.log('warm-up epoch (not profiled)');
await run.epoch();

const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 200 });
await session.post('Profiler.start');
let seconds = 0;
for (let e = 0; e < epochs; e++) seconds += (await run.epoch()).seconds;
const { profile } = (await session.post('Profiler.stop')) as { profile: Profile };
session.disconnect();
await setThreads(1);

const times = selfTimes(profile);
const total = times.reduce((sum, [, t]) => sum + t, 0);
console.log(
  `\nself time on the calling thread, ${epochs} epoch(s) of ${(seconds / epochs).toFixed(2)} s (training only; the profile also holds each epoch's test evaluation)`,
);
console.log(`  ${'ms/epoch'.padStart(9)} ${'share'.padStart(6)}  function (file)`);
for (const [key, t] of times.slice(0, top))
  console.log(
    `  ${(t / 1000 / epochs).toFixed(1).padStart(9)} ${((100 * t) / total).toFixed(1).padStart(5)}%  ${key}`,
  );
