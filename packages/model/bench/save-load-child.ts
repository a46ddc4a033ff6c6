/**
 * One save or load of a large model in this (fresh) process; prints JSON: wall time, the file's
 * size, and peak RSS — total and above the RSS just before the operation. Run by
 * save-load.bench.ts, one child per case, so that each peak is that operation's own.
 */
import { statSync } from 'node:fs';
import { getOptimizer } from '@backprop/optim';
import { dense, sequential } from '../src/index';
import { loadModelFile, saveModelFile } from '../src/node/index';

const [kind, path, withOptimizer] = process.argv.slice(2);
const gc = (globalThis as { gc?: () => void }).gc;

function model() {
  // 1000 → 4000 → 4000: 20,008,000 parameters.
  return sequential(1000, [dense({ units: 4000, activation: 'relu' }), dense({ units: 4000 })], {
    seed: 1,
  });
}

let ms = 0;
let before = 0;
if (kind === 'save') {
  const m = model();
  const optimizer = withOptimizer === 'adam' ? getOptimizer('adam') : undefined;
  if (optimizer) {
    // One step allocates Adam's moment buffers, so the saved state has its full size.
    const params = m.params().map((p) => p.value);
    optimizer.step(
      params,
      params.map((p) => p.clone()),
    );
  }
  gc?.();
  before = process.memoryUsage().rss;
  const started = performance.now();
  saveModelFile(path!, m, optimizer ? { optimizer } : {});
  ms = performance.now() - started;
} else {
  gc?.();
  before = process.memoryUsage().rss;
  const started = performance.now();
  const m = loadModelFile(path!);
  ms = performance.now() - started;
  if (m.parameterCount !== 20_008_000) throw new Error('wrong model');
}
const peak = process.resourceUsage().maxRSS * 1024;
console.log(
  JSON.stringify({
    ms,
    fileBytes: statSync(path!).size,
    peakBytes: peak,
    extraBytes: peak - before,
  }),
);
