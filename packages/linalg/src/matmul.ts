import { ShapeError } from './errors';
import { gemm, gemmF32 } from './kernels/select';
import type { Matrix } from './matrix';
import { assertMatrix, assertNoAlias, assertSameDtype, fmt, prepareOut } from './shape';

/*
 * Matrix products on the packed, register-tiled kernel in ./kernels. The transposed variants
 * read their operand through strides: no transpose is ever materialised.
 * Aliasing rule: `out` must not share memory with `a` or `b` (throws InvalidArgumentError('out')).
 * Both operands (and `out`) have one dtype: float32 products run the f32x4 kernel, whose every
 * product and sum is rounded to float32 (the same order of sums as the float64 kernel).
 */

function check(op: string, a: Matrix, b: Matrix, inner: [number, number], rule: string): void {
  assertMatrix(op, 'a', a);
  assertMatrix(op, 'b', b);
  if (inner[0] !== inner[1]) {
    throw new ShapeError(
      op,
      { a: [a.rows, a.cols], b: [b.rows, b.cols] },
      `${op}: a is ${fmt(a)} but b is ${fmt(b)} (${rule})`,
    );
  }
}

function result(
  op: string,
  out: Matrix | undefined,
  rows: number,
  cols: number,
  a: Matrix,
  b: Matrix,
): Matrix {
  const o = prepareOut(op, out, rows, cols, assertSameDtype(op, a, b));
  assertNoAlias(op, o, 'a', a);
  assertNoAlias(op, o, 'b', b);
  return o;
}

/** Runs the product on the kernel of the operands' dtype (checked equal by `result`). */
function run(
  m: number,
  n: number,
  k: number,
  a: Matrix,
  ars: number,
  acs: number,
  b: Matrix,
  brs: number,
  bcs: number,
  c: Matrix,
): void {
  if (c.data instanceof Float32Array)
    gemmF32(m, n, k, a.data as Float32Array, ars, acs, b.data as Float32Array, brs, bcs, c.data);
  else gemm(m, n, k, a.data as Float64Array, ars, acs, b.data as Float64Array, brs, bcs, c.data);
}

/** A·B: (m x k)(k x n) → m x n. */
export function matmul(a: Matrix, b: Matrix, out?: Matrix): Matrix {
  check('matmul', a, b, [a.cols, b.rows], 'a.cols must equal b.rows');
  const o = result('matmul', out, a.rows, b.cols, a, b);
  run(a.rows, b.cols, a.cols, a, a.cols, 1, b, b.cols, 1, o);
  return o;
}

/** Aᵀ·B: a is k x m, b is k x n → m x n (e.g. the weight gradient Xᵀ·δ). */
export function matmulTransA(a: Matrix, b: Matrix, out?: Matrix): Matrix {
  check('matmulTransA', a, b, [a.rows, b.rows], 'a.rows must equal b.rows');
  const o = result('matmulTransA', out, a.cols, b.cols, a, b);
  run(a.cols, b.cols, a.rows, a, 1, a.cols, b, b.cols, 1, o);
  return o;
}

/** A·Bᵀ: a is m x k, b is n x k → m x n (e.g. the back-propagated error δ·Wᵀ). */
export function matmulTransB(a: Matrix, b: Matrix, out?: Matrix): Matrix {
  check('matmulTransB', a, b, [a.cols, b.cols], 'a.cols must equal b.cols');
  const o = result('matmulTransB', out, a.rows, b.rows, a, b);
  run(a.rows, b.rows, a.cols, a, a.cols, 1, b, 1, b.cols, o);
  return o;
}
