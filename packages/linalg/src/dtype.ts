import { InvalidArgumentError } from './errors';

/**
 * The element type of a matrix: 'float64' (the default: the course's numbers, gradient checks)
 * or 'float32' (half the memory and twice the SIMD lanes; about 7 significant digits).
 */
export type Dtype = 'float64' | 'float32';

/** The storage of a matrix: a Float64Array or a Float32Array. */
export type FloatArray = Float64Array | Float32Array;

export const DTYPES: readonly Dtype[] = ['float64', 'float32'];

/** The dtype of a storage array (anything else is not matrix storage: undefined). */
export function dtypeOfArray(data: unknown): Dtype | undefined {
  if (data instanceof Float64Array) return 'float64';
  if (data instanceof Float32Array) return 'float32';
  return undefined;
}

/** A new zero-filled array of `length` entries of `dtype`. */
export function allocate(dtype: Dtype, length: number): FloatArray {
  return dtype === 'float32' ? new Float32Array(length) : new Float64Array(length);
}

/** Throws unless `value` is a dtype name; returns it. */
export function checkDtype(where: string, name: string, value: unknown): Dtype {
  if (value === 'float64' || value === 'float32') return value;
  throw new InvalidArgumentError(
    name,
    `${where}: ${name} must be 'float64' or 'float32', got ${typeof value === 'string' ? `'${value}'` : String(value)}`,
  );
}
