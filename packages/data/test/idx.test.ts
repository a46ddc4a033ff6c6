import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dataset, datasetSuite, haveDatasets } from '../../../tooling/test-support/datasets';
import { type DataFormatError, isDataFormatError, parseIdx } from '../src/index';
import { gzip, idxFile } from './helpers/idx-writer';

describe('parseIdx reads every element type, plain and gzipped', () => {
  it.each([
    ['uint8', [0, 1, 255]],
    ['int8', [-128, 0, 127]],
    ['int16', [-32768, 5, 32767]],
    ['int32', [-2147483648, 7, 2147483647]],
    ['float32', [-1.5, 0.25, 2 ** 100]], // values float32 holds exactly
    ['float64', [-1e300, Math.PI, 5e-324]],
  ] as const)('%s', async (type, values) => {
    for (const gz of [false, true]) {
      const idx = await parseIdx(idxFile(type, [3], values, { gzip: gz }));
      expect([idx.type, idx.dims, Array.from(idx.data)]).toEqual([type, [3], values]);
    }
  });

  it('images: dims and a row per image; toMatrix scales', async () => {
    const pixels = Array.from({ length: 2 * 2 * 3 }, (_, i) => i * 20);
    const idx = await parseIdx(idxFile('uint8', [2, 2, 3], pixels));
    expect(idx.dims).toEqual([2, 2, 3]);
    expect(idx.toMatrix().toArray()).toEqual([pixels.slice(0, 6), pixels.slice(6)]);
    expect(idx.toMatrix({ scale: 0.5 }).get(1, 5)).toBe(110);
  });

  it('reads multi-member gzip whole', async () => {
    const plain = idxFile('uint8', [6], [1, 2, 3, 4, 5, 6]);
    const twoMembers = new Uint8Array([...gzip(plain.subarray(0, 7)), ...gzip(plain.subarray(7))]);
    expect(Array.from((await parseIdx(twoMembers)).data)).toEqual([1, 2, 3, 4, 5, 6]);
  });
});

const broken: [string, Uint8Array, string, RegExp][] = [
  ['empty', new Uint8Array(0), 'EMPTY', /the file is empty/],
  ['three bytes', Uint8Array.of(0, 0, 8), 'TRUNCATED', /needs a 4-byte magic number/],
  [
    'bad magic',
    Uint8Array.of(1, 0, 8, 1, 0, 0, 0, 0),
    'BAD_MAGIC',
    /must start with two zero bytes \(expected \?, got 0x0100\)/,
  ],
  [
    'unknown type',
    Uint8Array.of(0, 0, 0x0a, 1, 0, 0, 0, 1, 0),
    'BAD_TYPE',
    /unknown IDX element type 0x0a/,
  ],
  ['no dimensions', Uint8Array.of(0, 0, 8, 0), 'BAD_DIMS', /needs at least one dimension/],
  [
    'header cut inside the dims',
    Uint8Array.of(0, 0, 8, 3, 0, 0, 0, 1, 0, 0),
    'TRUNCATED',
    /declares 3 dimensions but the file ends inside them/,
  ],
  [
    'payload one byte short',
    idxFile('uint8', [2, 3], [1, 2, 3, 4, 5, 6]).subarray(0, 17),
    'TRUNCATED',
    /declares \[2x3\] uint8 values but the data ends early \(expected 6 bytes of data, got 5\)/,
  ],
  [
    'payload one byte long',
    new Uint8Array([...idxFile('uint8', [2], [1, 2]), 9]),
    'TRAILING_DATA',
    /1 bytes follow the 2 bytes of data/,
  ],
  [
    'absurd dims in a tiny file',
    Uint8Array.of(0, 0, 0x08, 2, 0, 1, 0x86, 0xa0, 0, 1, 0x86, 0xa0),
    'TRUNCATED',
    /declares \[100000x100000\] uint8 values but the data ends early \(expected 10000000000 bytes of data, got 0\)/,
  ],
  [
    'dims whose byte count overflows',
    Uint8Array.of(0, 0, 0x0e, 2, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff),
    'LIMIT_EXCEEDED',
    /dimensions \[4294967295x4294967295\] overflow/,
  ],
  [
    'int32 payload not a whole number of values',
    idxFile('int32', [2], [1, 2]).subarray(0, 11),
    'TRUNCATED',
    /data ends early/,
  ],
  [
    'broken gzip',
    Uint8Array.of(0x1f, 0x8b, 8, 0, 1, 2, 3, 4, 5, 6, 7),
    'INFLATE_FAILED',
    /not valid gzip data/,
  ],
  [
    'gzip cut short',
    gzip(
      idxFile(
        'uint8',
        [100],
        Array.from({ length: 100 }, (_, i) => i),
      ),
    ).subarray(0, 40),
    'INFLATE_FAILED',
    /not valid gzip data/,
  ],
  [
    'gzip holding more than the header declares',
    gzip(new Uint8Array([...idxFile('uint8', [2], [1, 2]), 7, 7, 7])),
    'TRAILING_DATA',
    /decompresses to more than the 10 bytes its header declares/,
  ],
];

describe('broken IDX files: typed errors with code, file and position, fast', () => {
  it.each(broken)('%s', async (_, bytes, code, message) => {
    const started = performance.now();
    const error = await parseIdx(bytes, { file: 'broken.idx' }).then(
      () => null,
      (e) => e,
    );
    expect(isDataFormatError(error), String(error)).toBe(true);
    expect((error as DataFormatError).code).toBe(code);
    expect((error as DataFormatError).message).toMatch(/^broken.idx: /);
    expect((error as DataFormatError).message).toMatch(message);
    expect(performance.now() - started).toBeLessThan(1000); // a hang guard, not a benchmark
  });

  it('every truncation of a gzipped file fails cleanly', async () => {
    const bytes = idxFile(
      'int16',
      [10, 3],
      Array.from({ length: 30 }, (_, i) => i - 15),
      { gzip: true },
    );
    for (let cut = 0; cut < bytes.length; cut++) {
      const error = await parseIdx(bytes.slice(0, cut)).then(
        () => null,
        (e) => e,
      );
      expect(isDataFormatError(error), `cut at ${cut}: ${String(error)}`).toBe(true);
    }
  });
});

describe.skipIf(!haveDatasets)(
  datasetSuite('the real MNIST and Fashion-MNIST files in ../shared/datasets'),
  () => {
    // Expected values are the ones each folder's README publishes.
    it('MNIST test images: 10000x28x28, pixel mean 33.7912', async () => {
      const images = await parseIdx(readFileSync(dataset('mnist/t10k-images-idx3-ubyte.gz')));
      expect(images.dims).toEqual([10000, 28, 28]);
      const mean = (images.data as Uint8Array).reduce((s, v) => s + v, 0) / images.data.length;
      expect(mean.toFixed(4)).toBe('33.7912');
    });

    it.each([
      [
        'mnist/t10k-labels-idx1-ubyte.gz',
        [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009],
        [7, 2, 1, 0, 4, 1, 4, 9, 5, 9],
      ],
      [
        'mnist/train-labels-idx1-ubyte.gz',
        [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949],
        [5, 0, 4, 1, 9, 2, 1, 3, 1, 4],
      ],
      [
        'fashion-mnist/t10k-labels-idx1-ubyte.gz',
        Array(10).fill(1000),
        [9, 2, 1, 1, 6, 1, 4, 6, 5, 7],
      ],
      [
        'fashion-mnist/train-labels-idx1-ubyte.gz',
        Array(10).fill(6000),
        [9, 0, 0, 3, 0, 2, 7, 2, 5, 5],
      ],
    ])('%s: class counts and first ten labels', async (file, counts, first) => {
      const labels = await parseIdx(readFileSync(dataset(file)));
      const seen = new Array(10).fill(0);
      for (const v of labels.data as Uint8Array) seen[v]++;
      expect(seen).toEqual(counts);
      expect(Array.from(labels.data.subarray(0, 10))).toEqual(first);
    });
  },
);
