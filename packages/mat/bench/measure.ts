/**
 * Runs one load in this (fresh) process and prints JSON: wall time and peak RSS above the
 * baseline taken after the modules are loaded. Used by loaders.bench.ts, one child per case.
 * Linux carries a process's peak RSS across exec, so the parent must be small when it spawns
 * this (it is: inputs are written by prepare.ts in another process); `inheritedMB` shows how much
 * of the reported peak could predate this process.
 */
import { loadMat } from '../src/node/index';

const [kind, file] = process.argv.slice(2);
const baseline = process.memoryUsage().rss;
const inherited = process.resourceUsage().maxRSS * 1024 - baseline;
const started = performance.now();
let shape: number[] = [];
if (kind === 'mat') {
  const m = await loadMat(file!);
  const v = Object.values(m.variables)[0]!;
  shape = v.dims;
} else if (kind === 'mat-matrix') {
  const m = await loadMat(file!);
  const v = Object.values(m.variables)[0]!;
  if (v.kind !== 'numeric') throw new Error('numeric expected');
  shape = v.toMatrix().shape;
}
const ms = performance.now() - started;
const peak = process.resourceUsage().maxRSS * 1024;
console.log(
  JSON.stringify({
    ms,
    peakAboveBaselineMB: (peak - baseline) / 1e6,
    inheritedMB: inherited / 1e6,
    shape,
  }),
);
