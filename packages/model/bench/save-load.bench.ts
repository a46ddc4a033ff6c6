/**
 * Save and load of a 20M-parameter model, each in its own process: seconds, and peak memory
 * against the file's size. The target: each in ≤ 3 s here, with peak memory
 * ≤ 3x the file size. Runs are interleaved and repeated; the median is printed.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'backprop-save-bench-'));
const child = join(import.meta.dirname, 'save-load-child.ts');
const ROUNDS = 3;

interface Run {
  ms: number;
  fileBytes: number;
  peakBytes: number;
  extraBytes: number;
}

function once(kind: 'save' | 'load', file: string, optimizer: string): Run {
  const out = execFileSync(
    process.execPath,
    [
      '--expose-gc',
      '--conditions=@backprop/source',
      '--import',
      'tsx',
      child,
      kind,
      file,
      optimizer,
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return JSON.parse(out.trim().split('\n').at(-1)!);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const mb = (b: number) => `${(b / 1e6).toFixed(0)} MB`;

console.log(
  'save/load of a 20,008,000-parameter model (1000-4000-4000), median of 3, one process each',
);
console.log(
  'case                         seconds   file     peak RSS  (x file)   above start  (x file)',
);
try {
  for (const optimizer of ['none', 'adam']) {
    const file = join(dir, `model-${optimizer}.json`);
    const runs: Record<'save' | 'load', Run[]> = { save: [], load: [] };
    for (let r = 0; r < ROUNDS; r++) {
      runs.save.push(once('save', file, optimizer));
      runs.load.push(once('load', file, optimizer));
    }
    for (const kind of ['save', 'load'] as const) {
      const rs = runs[kind];
      const size = rs[0]!.fileBytes;
      const peak = median(rs.map((x) => x.peakBytes));
      const extra = median(rs.map((x) => x.extraBytes));
      const label = `${kind} ${optimizer === 'adam' ? '(with Adam state)' : '(model only)'}`;
      console.log(
        `${label.padEnd(28)} ${(median(rs.map((x) => x.ms)) / 1000).toFixed(2).padStart(7)}   ${mb(size).padStart(6)}   ${mb(peak).padStart(7)}  (${(peak / size).toFixed(2)}x)   ${mb(extra).padStart(9)}  (${(extra / size).toFixed(2)}x)`,
      );
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
