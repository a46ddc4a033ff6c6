import { allocate, checkDtype, type Dtype, type FloatArray } from './dtype';
import { InvalidArgumentError } from './errors';
import { Matrix } from './matrix';
import type { Rng } from './rng';
import { assertMatrix, dtypeOf } from './shape';

/** A `rows x cols` matrix of zeros of `dtype` (default 'float64'). */
export function zeros(rows: number, cols: number, dtype: Dtype = 'float64'): Matrix {
  checkDtype('zeros', 'dtype', dtype);
  return new Matrix(rows, cols, allocate(dtype, Math.max(0, rows * cols) || 0));
}

/** A `rows x cols` matrix of ones of `dtype` (default 'float64'). */
export function ones(rows: number, cols: number, dtype: Dtype = 'float64'): Matrix {
  return full(rows, cols, 1, dtype);
}

/** A `rows x cols` matrix of `dtype` (default 'float64') with every entry equal to `value`. */
export function full(rows: number, cols: number, value: number, dtype: Dtype = 'float64'): Matrix {
  const m = zeros(rows, cols, dtype);
  m.data.fill(value);
  return m;
}

/**
 * `m` as `dtype`: `m` itself when it already is, else a copy (float64 → float32 rounds each entry
 * to nearest; float32 → float64 is exact).
 */
export function astype(m: Matrix, dtype: Dtype): Matrix {
  assertMatrix('astype', 'm', m);
  checkDtype('astype', 'dtype', dtype);
  if (dtypeOf(m) === dtype) return m;
  const data = allocate(dtype, m.data.length);
  data.set(m.data);
  return new Matrix(m.rows, m.cols, data);
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
 * A `rows x cols` matrix over row-major `data`. A Float64Array or Float32Array is used as is (no
 * copy; the matrix has its dtype); any other array-like of numbers is copied into a float64 one.
 */
export function fromFlat(data: FloatArray | ArrayLike<number>, rows: number, cols: number): Matrix {
  const buffer =
    data instanceof Float64Array || data instanceof Float32Array ? data : Float64Array.from(data);
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
