import { InvalidArgumentError, Matrix } from '@backprop/linalg';
import type { MatNumeric, MatSparse } from './types';

function twoD(label: string, dims: number[]): [number, number] {
  if (dims.length !== 2) {
    throw new InvalidArgumentError(
      'variable',
      `'${label}' has ${dims.length} dimensions [${dims.join('x')}]; toMatrix needs a 2-D array (use .data, column-major)`,
    );
  }
  return [dims[0]!, dims[1]!];
}

/** A 2-D numeric MAT value (column-major) as a row-major float64 Matrix. */
export function numericToMatrix(v: Omit<MatNumeric, 'toMatrix'>, label: string): Matrix {
  const [rows, cols] = twoD(label, v.dims);
  if (v.imag) {
    throw new InvalidArgumentError(
      'variable',
      `'${label}' is complex; use .data (real) and .imag instead of toMatrix`,
    );
  }
  const out = new Matrix(rows, cols);
  const z = out.data;
  const src = v.data;
  if (src instanceof BigInt64Array || src instanceof BigUint64Array) {
    for (let k = 0; k < src.length; k++) {
      const n = Number(src[k]);
      if (!Number.isSafeInteger(n)) {
        throw new InvalidArgumentError(
          'variable',
          `'${label}' holds ${src[k]}, which float64 cannot represent exactly; use .data`,
        );
      }
      z[(k % rows) * cols + Math.floor(k / rows)] = n;
    }
    return out;
  }
  // Blocked transpose from column-major to row-major, cache-friendly for large arrays.
  const B = 64;
  for (let j0 = 0; j0 < cols; j0 += B) {
    const j1 = Math.min(j0 + B, cols);
    for (let i0 = 0; i0 < rows; i0 += B) {
      const i1 = Math.min(i0 + B, rows);
      for (let j = j0; j < j1; j++) {
        for (let i = i0; i < i1; i++) z[i * cols + j] = src[j * rows + i] as number;
      }
    }
  }
  return out;
}

/** A sparse MAT value as a dense row-major Matrix (real part). */
export function sparseToMatrix(v: Omit<MatSparse, 'toMatrix'>, label: string): Matrix {
  const [rows, cols] = twoD(label, v.dims);
  if (rows * cols > 2 ** 28) {
    throw new InvalidArgumentError(
      'variable',
      `'${label}' is ${rows}x${cols}: too large to make dense; use rowIndices/colPointers/values`,
    );
  }
  const out = new Matrix(rows, cols);
  for (let j = 0; j < cols; j++) {
    for (let k = v.colPointers[j]!; k < v.colPointers[j + 1]!; k++)
      out.data[v.rowIndices[k]! * cols + j] = v.values[k]!;
  }
  return out;
}
