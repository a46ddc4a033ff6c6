import { allocate, type Dtype, dtypeOfArray, type FloatArray } from './dtype';
import { InvalidArgumentError, ShapeError } from './errors';
import { Matrix } from './matrix';

/** `2x3` — how every message in backprop writes a shape. */
export function fmt(m: { rows: number; cols: number }): string {
  return `${m.rows}x${m.cols}`;
}

/** Throws unless `x` is a well-formed matrix (any copy of this package, or a plain object). */
export function assertMatrix(op: string, name: string, x: unknown): asserts x is Matrix {
  const m = x as Matrix;
  if (
    typeof m !== 'object' ||
    m === null ||
    dtypeOfArray(m.data) === undefined ||
    !Number.isInteger(m.rows) ||
    !Number.isInteger(m.cols) ||
    m.rows < 0 ||
    m.cols < 0 ||
    m.data.length !== m.rows * m.cols
  ) {
    throw new InvalidArgumentError(
      name,
      `${op}: ${name} is not a Matrix (expected { rows, cols, data: Float64Array or Float32Array } with data.length = rows*cols)`,
    );
  }
}

/** Throws a ShapeError unless `a` and `b` have the same shape (element-wise ops). */
export function assertSameShape(op: string, a: Matrix, b: Matrix, names = ['a', 'b']): void {
  if (a.rows !== b.rows || a.cols !== b.cols) {
    const [na, nb] = names as [string, string];
    throw new ShapeError(
      op,
      { [na]: [a.rows, a.cols], [nb]: [b.rows, b.cols] },
      `${op}: ${na} is ${fmt(a)} but ${nb} is ${fmt(b)} (shapes must be equal)`,
    );
  }
}

/** The dtype of a matrix (also of a plain `{ rows, cols, data }` object). */
export function dtypeOf(m: { data: FloatArray }): Dtype {
  return m.data instanceof Float32Array ? 'float32' : 'float64';
}

/**
 * Throws unless `a` and `b` have the same dtype (operations never mix float64 and float32: the
 * result's precision would be a silent choice). Returns that dtype.
 */
export function assertSameDtype(
  op: string,
  a: { data: FloatArray },
  b: { data: FloatArray },
  nameA = 'a',
  nameB = 'b',
): Dtype {
  const d = dtypeOf(a);
  if (dtypeOf(b) !== d) {
    throw new InvalidArgumentError(
      nameB,
      `${op}: ${nameA} is ${d} but ${nameB} is ${dtypeOf(b)} (dtypes must be equal; convert one with astype(m, '${d}'))`,
    );
  }
  return d;
}

/**
 * Returns `out` after checking it is `rows x cols` of `dtype`, or a new zero matrix of `dtype`
 * (default 'float64') when `out` is omitted.
 */
export function prepareOut(
  op: string,
  out: Matrix | undefined,
  rows: number,
  cols: number,
  dtype: Dtype = 'float64',
): Matrix {
  if (out === undefined) return new Matrix(rows, cols, allocate(dtype, rows * cols));
  assertMatrix(op, 'out', out);
  if (dtypeOf(out) !== dtype) {
    throw new InvalidArgumentError(
      'out',
      `${op}: out is ${dtypeOf(out)} but the result is ${dtype} (dtypes must be equal)`,
    );
  }
  if (out.rows !== rows || out.cols !== cols) {
    throw new ShapeError(
      op,
      { out: [out.rows, out.cols], result: [rows, cols] },
      `${op}: out is ${fmt(out)} but the result is ${rows}x${cols}`,
    );
  }
  return out;
}

/** True when two typed arrays share any byte of memory. */
export function overlaps(x: FloatArray, y: FloatArray): boolean {
  if (x.buffer !== y.buffer || x.length === 0 || y.length === 0) return false;
  const xEnd = x.byteOffset + x.byteLength;
  const yEnd = y.byteOffset + y.byteLength;
  return x.byteOffset < yEnd && y.byteOffset < xEnd;
}

/** Throws when `out` shares memory with an input that the operation reads after writing `out`. */
export function assertNoAlias(op: string, out: Matrix, name: string, input: Matrix): void {
  if (overlaps(out.data, input.data)) {
    throw new InvalidArgumentError(
      'out',
      `${op}: out shares memory with ${name}, which would corrupt the result; pass a separate out matrix`,
    );
  }
}
