/** Writes the benchmark inputs into the directory given (run as its own process by loaders.bench.ts). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadMnist } from '../src/node/index';

const dir = process.argv[2]!;
const mnist = await loadMnist({ split: 'train', normalize: false });
const lines = [`label,${Array.from({ length: 784 }, (_, j) => `pixel${j + 1}`).join(',')}`];
for (let i = 0; i < 60000; i++)
  lines.push(
    `${mnist.y[i]},${Array.from(mnist.X.data.subarray(i * 784, (i + 1) * 784)).join(',')}`,
  );
writeFileSync(join(dir, 'mnist_train.csv'), `${lines.join('\n')}\n`);
