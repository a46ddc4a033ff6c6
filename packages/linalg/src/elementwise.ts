import { InvalidArgumentError, ShapeError } from './errors';
import type { Matrix } from './matrix';
import { assertMatrix, assertSameDtype, assertSameShape, dtypeOf, fmt, prepareOut } from './shape';

/*
 * Element-wise operations. Each returns a new matrix, or writes into `out` when given.
 * Aliasing rule: `out` may be one of the inputs (each entry is read before it is written).
 */

function binaryOp(op: string, a: Matrix, b: Matrix, out: Matrix | undefined): Matrix {
  assertMatrix(op, 'a', a);
  assertMatrix(op, 'b', b);
  assertSameShape(op, a, b);
  return prepareOut(op, out, a.rows, a.cols, assertSameDtype(op, a, b));
}

/** a + b. */
export function add(a: Matrix, b: Matrix, out?: Matrix): Matrix {
  const o = binaryOp('add', a, b, out);
  const x = a.data;
  const y = b.data;
  const z = o.data;
  for (let i = 0; i < z.length; i++) z[i] = x[i]! + y[i]!;
  return o;
}

/** a − b. */
export function sub(a: Matrix, b: Matrix, out?: Matrix): Matrix {
  const o = binaryOp('sub', a, b, out);
  const x = a.data;
  const y = b.data;
  const z = o.data;
  for (let i = 0; i < z.length; i++) z[i] = x[i]! - y[i]!;
  return o;
}

/** a ⊙ b (Hadamard, element-wise product). */
export function mul(a: Matrix, b: Matrix, out?: Matrix): Matrix {
  const o = binaryOp('mul', a, b, out);
  const x = a.data;
  const y = b.data;
  const z = o.data;
  for (let i = 0; i < z.length; i++) z[i] = x[i]! * y[i]!;
  return o;
}

/** a ⊘ b (element-wise quotient; IEEE semantics: x/0 is ±Infinity or NaN). */
export function div(a: Matrix, b: Matrix, out?: Matrix): Matrix {
  const o = binaryOp('div', a, b, out);
  const x = a.data;
  const y = b.data;
  const z = o.data;
  for (let i = 0; i < z.length; i++) z[i] = x[i]! / y[i]!;
  return o;
}

/** s · a. */
export function scale(a: Matrix, s: number, out?: Matrix): Matrix {
  assertMatrix('scale', 'a', a);
  const o = prepareOut('scale', out, a.rows, a.cols, dtypeOf(a));
  const x = a.data;
  const z = o.data;
  for (let i = 0; i < z.length; i++) z[i] = s * x[i]!;
  return o;
}

/**
 * y ← α·x + y (BLAS axpy), **in place on `y`**, which is returned. The one update-in-place
 * operation, named as BLAS names it; use `add(scale(x, α), y)` for a new matrix.
 */
export function axpy(alpha: number, x: Matrix, y: Matrix): Matrix {
  assertMatrix('axpy', 'x', x);
  assertMatrix('axpy', 'y', y);
  assertSameShape('axpy', x, y, ['x', 'y']);
  assertSameDtype('axpy', x, y, 'x', 'y');
  const xs = x.data;
  const ys = y.data;
  for (let i = 0; i < ys.length; i++) ys[i]! += alpha * xs[i]!;
  return y;
}

/** a + v with the 1 x cols row vector `v` added to every row (the bias broadcast of Z = X·W + b). */
export function addRowVector(a: Matrix, v: Matrix, out?: Matrix): Matrix {
  assertMatrix('addRowVector', 'a', a);
  assertMatrix('addRowVector', 'v', v);
  if (v.rows !== 1 || v.cols !== a.cols) {
    throw new ShapeError(
      'addRowVector',
      { a: [a.rows, a.cols], v: [v.rows, v.cols] },
      `addRowVector: a is ${fmt(a)} but v is ${fmt(v)} (v must be 1x${a.cols})`,
    );
  }
  const o = prepareOut(
    'addRowVector',
    out,
    a.rows,
    a.cols,
    assertSameDtype('addRowVector', a, v, 'a', 'v'),
  );
  const x = a.data;
  const b = v.data;
  const z = o.data;
  const n = a.cols;
  for (let i = 0; i < a.rows; i++) {
    const base = i * n;
    for (let j = 0; j < n; j++) z[base + j] = x[base + j]! + b[j]!;
  }
  return o;
}

/** f applied to every entry: f(value, row, col). */
export function map(
  a: Matrix,
  f: (value: number, i: number, j: number) => number,
  out?: Matrix,
): Matrix {
  assertMatrix('map', 'a', a);
  const o = prepareOut('map', out, a.rows, a.cols, dtypeOf(a));
  const x = a.data;
  const z = o.data;
  const n = a.cols;
  for (let i = 0; i < a.rows; i++) {
    for (let j = 0; j < n; j++) z[i * n + j] = f(x[i * n + j]!, i, j);
  }
  return o;
}

/** Every entry clamped to [lo, hi]. NaN stays NaN. */
export function clip(a: Matrix, lo: number, hi: number, out?: Matrix): Matrix {
  assertMatrix('clip', 'a', a);
  if (!(lo <= hi)) {
    throw new InvalidArgumentError('lo', `clip: lo (${lo}) must be <= hi (${hi})`);
  }
  const o = prepareOut('clip', out, a.rows, a.cols, dtypeOf(a));
  const x = a.data;
  const z = o.data;
  for (let i = 0; i < z.length; i++) {
    const v = x[i]!;
    z[i] = v < lo ? lo : Math.min(v, hi);
  }
  return o;
}
