/** Writes the benchmark inputs into the directory given (run as its own process by loaders.bench.ts). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadMnist } from '@backprop/data/node';
import { matFile } from '../test/helpers/mat-writer';

const dir = process.argv[2]!;
const mnist = await loadMnist({ split: 'train', normalize: false });
// MATLAB layout: column-major 60000x784 doubles.
const colMajor = new Float64Array(mnist.X.data.length);
for (let i = 0; i < 60000; i++)
  for (let j = 0; j < 784; j++) colMajor[j * 60000 + i] = mnist.X.data[i * 784 + j]!;
for (const compress of [false, true]) {
  writeFileSync(
    join(dir, compress ? 'X-v7.mat' : 'X-v6.mat'),
    matFile({ X: { class: 'double', dims: [60000, 784], data: colMajor } }, { compress }),
  );
}
