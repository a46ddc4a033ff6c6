import { assertMatrix, gatherRows, InvalidArgumentError, Matrix, type Rng } from '@backprop/linalg';

/** Labels as integers: an Int32Array, or a plain array, of class indices. */
export type Labels = ArrayLike<number>;

/**
 * One-hot targets: row i has a 1 in the column of label i.
 * - `base: 0` (default): labels are 0..K−1, label k → column k.
 * - `base: 1`: labels are 1..K, label k → column k−1 — the course's layout (ex3/ex4: y ∈ 1..10
 *   with 10 meaning digit 0), which matches the output order of its pre-trained networks.
 * A label outside the range throws, naming its index.
 */
export function oneHot(labels: Labels, K: number, options: { base?: 0 | 1 } = {}): Matrix {
  if (!(Number.isInteger(K) && K >= 1))
    throw new InvalidArgumentError('K', `oneHot: K must be an integer >= 1, got ${K}`);
  const base = options.base ?? 0;
  const Y = new Matrix(labels.length, K);
  for (let i = 0; i < labels.length; i++) {
    const column = labels[i]! - base;
    if (!(Number.isInteger(column) && column >= 0 && column < K)) {
      throw new InvalidArgumentError(
        'labels',
        `oneHot: labels[${i}] = ${labels[i]} is not an integer in ${base}..${K - 1 + base}`,
      );
    }
    Y.data[i * K + column] = 1;
  }
  return Y;
}

/** The course's labels 1..10 (10 = digit 0) as digits 0..9. */
export function courseLabelsToDigits(labels: Labels): Int32Array {
  return Int32Array.from(labels, (v, i) => {
    if (!(Number.isInteger(v) && v >= 1 && v <= 10))
      throw new InvalidArgumentError(
        'labels',
        `courseLabelsToDigits: labels[${i}] = ${v} is not in 1..10`,
      );
    return v % 10;
  });
}

/** A per-column affine transform fitted on training data and applied unchanged to any other data. */
export interface ColumnTransform {
  /** 'standardize' or 'minMax'. */
  kind: string;
  /** Subtracted from each column... */
  shift: Float64Array;
  /** ...then multiplied by this. */
  factor: Float64Array;
  transform(X: Matrix, out?: Matrix): Matrix;
  toJSON(): { kind: string; shift: number[]; factor: number[] };
}

function columnTransform(kind: string, shift: Float64Array, factor: Float64Array): ColumnTransform {
  return {
    kind,
    shift,
    factor,
    transform(X, out) {
      assertMatrix(`${kind}.transform`, 'X', X);
      if (X.cols !== shift.length) {
        throw new InvalidArgumentError(
          'X',
          `${kind}.transform: X has ${X.cols} columns but the transform was fitted on ${shift.length}`,
        );
      }
      const o = out ?? new Matrix(X.rows, X.cols);
      for (let i = 0; i < X.rows; i++) {
        for (let j = 0; j < X.cols; j++)
          o.data[i * X.cols + j] = (X.data[i * X.cols + j]! - shift[j]!) * factor[j]!;
      }
      return o;
    },
    toJSON: () => ({ kind, shift: Array.from(shift), factor: Array.from(factor) }),
  };
}

/**
 * Fits standardisation on X (usually the training set): each column minus its mean, divided by its
 * standard deviation (population). Constant columns are only centred (factor 1), never divided by 0.
 */
export function fitStandardize(X: Matrix): ColumnTransform {
  assertMatrix('fitStandardize', 'X', X);
  const mean = new Float64Array(X.cols);
  const factor = new Float64Array(X.cols);
  for (let j = 0; j < X.cols; j++) {
    let s = 0;
    for (let i = 0; i < X.rows; i++) s += X.data[i * X.cols + j]!;
    const mu = X.rows ? s / X.rows : 0;
    let ss = 0;
    for (let i = 0; i < X.rows; i++) ss += (X.data[i * X.cols + j]! - mu) ** 2;
    const std = X.rows ? Math.sqrt(ss / X.rows) : 0;
    mean[j] = mu;
    factor[j] = std > 0 ? 1 / std : 1;
  }
  return columnTransform('standardize', mean, factor);
}

/** Fits min-max scaling on X: each column mapped linearly so its minimum → lo and maximum → hi (default [0, 1]). */
export function fitScale(X: Matrix, range: [number, number] = [0, 1]): ColumnTransform {
  assertMatrix('fitScale', 'X', X);
  const [lo, hi] = range;
  if (!(lo < hi))
    throw new InvalidArgumentError(
      'range',
      `fitScale: range must have lo < hi, got [${lo}, ${hi}]`,
    );
  const shift = new Float64Array(X.cols);
  const factor = new Float64Array(X.cols);
  for (let j = 0; j < X.cols; j++) {
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < X.rows; i++) {
      const v = X.data[i * X.cols + j]!;
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    const width = max - min;
    // (x − min)·(hi − lo)/width + lo = (x − (min − lo·width/(hi − lo)))·(hi − lo)/width
    factor[j] = width > 0 ? (hi - lo) / width : 1;
    shift[j] = width > 0 ? min - lo / factor[j]! : min - lo;
  }
  return columnTransform('minMax', shift, factor);
}

/** Fits standardisation on `train` and applies it to `train` and (unchanged) to `test`. */
export function standardize(train: Matrix, test?: Matrix) {
  const t = fitStandardize(train);
  return { train: t.transform(train), test: test ? t.transform(test) : undefined, transform: t };
}

/** Fits min-max scaling on `train` and applies it to `train` and (unchanged) to `test`. */
export function scale(train: Matrix, test?: Matrix, range?: [number, number]) {
  const t = fitScale(train, range);
  return { train: t.transform(train), test: test ? t.transform(test) : undefined, transform: t };
}

type Target = Int32Array | Float64Array | Matrix;

function rowsOf(name: string, y: Target): number {
  if (y instanceof Int32Array || y instanceof Float64Array) return y.length;
  assertMatrix(name, 'y', y);
  return y.rows;
}

function take<T extends Target>(y: T, idx: ArrayLike<number>): T {
  if (y instanceof Int32Array) return Int32Array.from(idx, (i) => y[i]!) as T;
  if (y instanceof Float64Array) return Float64Array.from(idx, (i) => y[i]!) as T;
  return gatherRows(y as Matrix, idx) as T;
}

function checkPair(name: string, X: Matrix, y: Target): void {
  assertMatrix(name, 'X', X);
  if (rowsOf(name, y) !== X.rows)
    throw new InvalidArgumentError(
      'y',
      `${name}: X has ${X.rows} rows but y has ${rowsOf(name, y)}`,
    );
}

/** X and y with their rows in the same random order. */
export function shuffle<T extends Target>(X: Matrix, y: T, rng: Rng): { X: Matrix; y: T } {
  checkPair('shuffle', X, y);
  const p = rng.permutation(X.rows);
  return { X: gatherRows(X, p), y: take(y, p) };
}

export interface SplitOptions {
  /** Fraction of rows for the test set, in (0, 1) (default 0.2); the test set gets ⌈m·testSize⌉... rounded. */
  testSize?: number;
  /** Shuffle before splitting (default true; needs rng). */
  shuffle?: boolean;
  rng?: Rng;
}

export interface Split<T> {
  XTrain: Matrix;
  yTrain: T;
  XTest: Matrix;
  yTest: T;
}

function testCount(m: number, testSize: number): number {
  if (!(testSize > 0 && testSize < 1))
    throw new InvalidArgumentError('testSize', `testSize must be in (0, 1), got ${testSize}`);
  return Math.round(m * testSize);
}

/** Splits rows into a training and a test set (shuffled first by default). */
export function trainTestSplit<T extends Target>(
  X: Matrix,
  y: T,
  options: SplitOptions = {},
): Split<T> {
  checkPair('trainTestSplit', X, y);
  const nTest = testCount(X.rows, options.testSize ?? 0.2);
  let order: Int32Array = Int32Array.from({ length: X.rows }, (_, i) => i);
  if (options.shuffle ?? true) {
    if (typeof options.rng?.permutation !== 'function')
      throw new InvalidArgumentError(
        'rng',
        'trainTestSplit: shuffling needs an rng (or pass shuffle: false)',
      );
    order = options.rng.permutation(X.rows);
  }
  const test = order.subarray(0, nTest);
  const train = order.subarray(nTest);
  return {
    XTrain: gatherRows(X, train),
    yTrain: take(y, train),
    XTest: gatherRows(X, test),
    yTest: take(y, test),
  };
}

/**
 * Splits so that every class keeps (up to rounding) the same proportion in the training and test
 * sets. y holds integer class labels.
 */
export function stratifiedSplit(
  X: Matrix,
  y: Int32Array,
  options: SplitOptions & { rng: Rng },
): Split<Int32Array> {
  checkPair('stratifiedSplit', X, y);
  const testSize = options.testSize ?? 0.2;
  testCount(X.rows, testSize);
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < y.length; i++) {
    const list = byClass.get(y[i]!) ?? [];
    list.push(i);
    byClass.set(y[i]!, list);
  }
  const train: number[] = [];
  const test: number[] = [];
  for (const key of [...byClass.keys()].sort((a, b) => a - b)) {
    const rows = options.rng.shuffle(byClass.get(key)!);
    const n = Math.round(rows.length * testSize);
    test.push(...rows.slice(0, n));
    train.push(...rows.slice(n));
  }
  options.rng.shuffle(train);
  options.rng.shuffle(test);
  return {
    XTrain: gatherRows(X, train),
    yTrain: take(y, train),
    XTest: gatherRows(X, test),
    yTest: take(y, test),
  };
}
