/**
 * pnpm bench (in packages/mat): load time and memory of loadMat on an MNIST-sized input.
 *   - a 60000x784 double variable in a .mat file (uncompressed v6 and compressed v7), the size of
 *     MNIST's training images as doubles (376 MB of payload);
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
    `@backprop/mat loadMat — Node ${process.version}; peak = peak RSS above the process's baseline\n`,
  );
  for (const name of ['X-v6.mat', 'X-v7.mat']) {
    const file = join(dir, name);
    const load = measure('mat', file);
    const matrix = measure('mat-matrix', file);
    console.log(
      `loadMat 60000x784 double, ${name.includes('v7') ? 'compressed (v7)' : 'uncompressed (v6)'}, file ${mb(statSync(file).size / 1e6)}, payload ${mb(payload)}`,
    );
    console.log(
      `  load:              ${load.ms.toFixed(0)} ms, peak +${mb(load.peakAboveBaselineMB)} (${(load.peakAboveBaselineMB / payload).toFixed(2)}x payload)`,
    );
    console.log(
      `  load + toMatrix(): ${matrix.ms.toFixed(0)} ms, peak +${mb(matrix.peakAboveBaselineMB)} (${(matrix.peakAboveBaselineMB / payload).toFixed(2)}x payload)`,
    );
  }
  const inherited = Math.max(measure('none').inheritedMB, 0);
  console.log(`\n(peak RSS a child inherits from this parent at exec: ${mb(inherited)})`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
