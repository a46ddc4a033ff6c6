import { InvalidArgumentError } from './errors';
import { Matrix } from './matrix';
import type { Rng } from './rng';

/** A `rows x cols` matrix of zeros. */
export function zeros(rows: number, cols: number): Matrix {
  return new Matrix(rows, cols);
}

/** A `rows x cols` matrix of ones. */
export function ones(rows: number, cols: number): Matrix {
  return full(rows, cols, 1);
}

/** A `rows x cols` matrix with every entry equal to `value`. */
export function full(rows: number, cols: number, value: number): Matrix {
  const m = new Matrix(rows, cols);
  m.data.fill(value);
  return m;
}

/** The `n x n` identity matrix. */
export function identity(n: number): Matrix {
  const m = new Matrix(n, n);
  for (let i = 0; i < n; i++) m.data[i * n + i] = 1;
  return m;
}

/**
 * A matrix from nested arrays, one inner array per row (`[[1, 2], [3, 4]]` is 2x2).
 * Ragged rows and non-numbers are rejected, naming the row and column. `[]` is 0x0; use
 * `zeros(0, n)` for an empty matrix with columns.
 */
export function fromArray(rows: ArrayLike<ArrayLike<number>>): Matrix {
  if (rows === null || typeof rows !== 'object' || typeof rows.length !== 'number') {
    throw new InvalidArgumentError(
      'rows',
      'fromArray: expected an array of rows (arrays of numbers)',
    );
  }
  const m = rows.length;
  const n = m === 0 ? 0 : (rows[0]?.length ?? -1);
  const out = new Matrix(m, Math.max(n, 0));
  for (let i = 0; i < m; i++) {
    const row = rows[i];
    if (row === null || typeof row !== 'object' || row.length !== n) {
      const got = row && typeof row === 'object' ? `${row.length} entries` : `${typeof row}`;
      throw new InvalidArgumentError(
        'rows',
        `fromArray: row ${i} has ${got} but row 0 has ${n} (ragged rows)`,
      );
    }
    for (let j = 0; j < n; j++) {
      const v = row[j];
      if (typeof v !== 'number') {
        throw new InvalidArgumentError(
          'rows',
          `fromArray: entry (${i}, ${j}) is ${typeof v}, not a number`,
        );
      }
      out.data[i * n + j] = v;
    }
  }
  return out;
}

/**
 * A `rows x cols` matrix over row-major `data`. A Float64Array is used as is (no copy); any other
 * array-like of numbers is copied.
 */
export function fromFlat(
  data: Float64Array | ArrayLike<number>,
  rows: number,
  cols: number,
): Matrix {
  const buffer = data instanceof Float64Array ? data : Float64Array.from(data);
  return new Matrix(rows, cols, buffer);
}

/** A matrix of independent uniform draws from [lo, hi) (default [0, 1)). */
export function random(rows: number, cols: number, rng: Rng, lo = 0, hi = 1): Matrix {
  const m = new Matrix(rows, cols);
  for (let i = 0; i < m.data.length; i++) m.data[i] = rng.uniform(lo, hi);
  return m;
}

/** A matrix of independent normal draws with the given mean and standard deviation (default 0, 1). */
export function randn(rows: number, cols: number, rng: Rng, mean = 0, std = 1): Matrix {
  const m = new Matrix(rows, cols);
  for (let i = 0; i < m.data.length; i++) m.data[i] = rng.normal(mean, std);
  return m;
}
