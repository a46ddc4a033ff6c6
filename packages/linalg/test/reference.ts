/** Straightforward reference implementations the optimised operations are checked against. */
import { Matrix, type Rng } from '../src/index';

export function refMatmul(a: Matrix, b: Matrix): Matrix {
  const out = new Matrix(a.rows, b.cols);
  for (let i = 0; i < a.rows; i++) {
    for (let j = 0; j < b.cols; j++) {
      let s = 0;
      for (let p = 0; p < a.cols; p++) s += a.data[i * a.cols + p]! * b.data[p * b.cols + j]!;
      out.data[i * b.cols + j] = s;
    }
  }
  return out;
}

export function refTranspose(a: Matrix): Matrix {
  const out = new Matrix(a.cols, a.rows);
  for (let i = 0; i < a.rows; i++)
    for (let j = 0; j < a.cols; j++) out.data[j * a.rows + i] = a.data[i * a.cols + j]!;
  return out;
}

/** A matrix of seeded uniform values in [-1, 1). */
export function rand(rows: number, cols: number, rng: Rng): Matrix {
  const m = new Matrix(rows, cols);
  for (let i = 0; i < m.data.length; i++) m.data[i] = rng.uniform(-1, 1);
  return m;
}

/** Shapes that exercise empty, 1-wide and non-multiple-of-4 cases. */
export const SHAPES: [number, number][] = [
  [0, 0],
  [0, 3],
  [3, 0],
  [1, 1],
  [1, 7],
  [7, 1],
  [2, 2],
  [5, 3],
  [4, 8],
  [13, 17],
  [33, 9],
];
