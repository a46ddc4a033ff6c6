import { fromArray, InvalidArgumentError, Matrix } from '@backprop/linalg';
import type { Sequential } from './sequential';

/**
 * Inputs as users have them: a Matrix, nested arrays (`number[][]`, one row per sample), or a
 * flat typed array with its shape (`{ data: Float32Array, shape: [m, n] }`, as tensors come).
 */
export type MatrixLike =
  | Matrix
  | readonly (readonly number[])[]
  | { readonly data: ArrayLike<number>; readonly shape: readonly [number, number] };

/**
 * Targets as users have them: a MatrixLike (one-hot rows, probabilities, or values), or class
 * indices — a flat array (`[3, 0, 1]`, an Int32Array) or one column — which become one-hot rows
 * for a model with K > 1 outputs (Keras's sparse labels).
 */
export type TargetsLike = MatrixLike | ArrayLike<number>;

const isMatrix = (v: unknown): v is Matrix =>
  typeof v === 'object' &&
  v !== null &&
  ((v as Matrix).data instanceof Float64Array || (v as Matrix).data instanceof Float32Array) &&
  typeof (v as Matrix).rows === 'number' &&
  typeof (v as Matrix).cols === 'number';

const isShaped = (v: unknown): v is { data: ArrayLike<number>; shape: readonly [number, number] } =>
  typeof v === 'object' && v !== null && Array.isArray((v as { shape?: unknown }).shape);

/** `value` as a Matrix (shared when it already is one), or a typed error naming `name`. */
export function toMatrix(op: string, name: string, value: MatrixLike): Matrix {
  if (isMatrix(value)) return value;
  if (isShaped(value)) {
    const [rows, cols] = value.shape;
    const data = value.data;
    if (
      !(Number.isInteger(rows) && Number.isInteger(cols) && rows! >= 0 && cols! >= 0) ||
      value.shape.length !== 2
    )
      throw new InvalidArgumentError(
        name,
        `${op}: ${name}.shape must be [rows, cols], got ${JSON.stringify(value.shape)}`,
      );
    if (data?.length !== rows! * cols!)
      throw new InvalidArgumentError(
        name,
        `${op}: ${name}.data has ${data?.length} values but shape [${rows}, ${cols}] needs ${rows! * cols!}`,
      );
    const kept = data instanceof Float64Array || data instanceof Float32Array;
    return new Matrix(rows!, cols!, kept ? data : Float64Array.from(data));
  }
  if (Array.isArray(value) && (value.length === 0 || Array.isArray(value[0]))) {
    try {
      return fromArray(value as number[][]);
    } catch (e) {
      throw new InvalidArgumentError(
        name,
        `${op}: ${name}: ${(e as Error).message.replace(/^fromArray: /, '')}`,
      );
    }
  }
  throw new InvalidArgumentError(
    name,
    `${op}: ${name} must be a Matrix, number[][] or { data, shape: [rows, cols] }`,
  );
}

/** Class indices (0..K−1, one per row) as one-hot rows; a wrong index is an error naming its row. */
function oneHotRows(op: string, indices: ArrayLike<number>, K: number): Matrix {
  const out = new Matrix(indices.length, K);
  for (let i = 0; i < indices.length; i++) {
    const k = indices[i]!;
    if (!(Number.isInteger(k) && k >= 0 && k < K))
      throw new InvalidArgumentError(
        'Y',
        `${op}: Y[${i}] is ${k}, not a class index 0..${K - 1} (the model has ${K} outputs)`,
      );
    out.data[i * K + k] = 1;
  }
  return out;
}

/**
 * Targets for `model` as a Matrix: class indices become one-hot rows when the model has several
 * outputs, and a flat array is one column for a single output.
 */
export function toTargets(op: string, model: Sequential, value: TargetsLike): Matrix {
  const K = model.outputSize;
  const flat =
    !isMatrix(value) &&
    !isShaped(value) &&
    typeof (value as ArrayLike<number>)?.length === 'number' &&
    !(Array.isArray(value) && Array.isArray(value[0]));
  if (flat) {
    const values = value as ArrayLike<number>;
    return K > 1
      ? oneHotRows(op, values, K)
      : new Matrix(values.length, 1, Float64Array.from(values));
  }
  const Y = toMatrix(op, 'Y', value as MatrixLike);
  return K > 1 && Y.cols === 1 ? oneHotRows(op, Y.data, K) : Y;
}
