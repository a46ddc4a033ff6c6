/**
 * Test helpers every backprop package uses, so all numerics are checked the same way.
 * Framework-free: failures throw an Error whose message lists the worst entries, which any test
 * runner (vitest, node:test, jest) reports as a failure.
 *
 * @module @backprop/linalg/testing
 */

import { canonicalJson } from '../canonical-json';
import type { FloatArray } from '../dtype';
import { InvalidArgumentError } from '../errors';
import type { Matrix } from '../matrix';
import type { Part, PartConfig } from '../registry';

/** Anything with numbers in it: a number, an array (nested or flat), a typed array or a Matrix. */
export type Numeric = number | ArrayLike<number> | readonly (readonly number[])[] | Matrix;

interface Flat {
  values: ArrayLike<number>;
  shape: number[];
}

function isMatrix(x: unknown): x is Matrix {
  return (
    typeof x === 'object' &&
    x !== null &&
    ((x as Matrix).data instanceof Float64Array || (x as Matrix).data instanceof Float32Array) &&
    'rows' in x
  );
}

function flatten(x: Numeric, name: string): Flat {
  if (typeof x === 'number') return { values: [x], shape: [] };
  if (isMatrix(x)) return { values: x.data, shape: [x.rows, x.cols] };
  if (Array.isArray(x) && x.length > 0 && Array.isArray(x[0])) {
    const rows = x as readonly (readonly number[])[];
    return { values: rows.flat(), shape: [rows.length, rows[0]!.length] };
  }
  if (x !== null && typeof x === 'object' && typeof (x as ArrayLike<number>).length === 'number') {
    return { values: x as ArrayLike<number>, shape: [(x as ArrayLike<number>).length] };
  }
  throw new InvalidArgumentError(name, `expected a number, an array or a Matrix as ${name}`);
}

/** Tolerances: an entry passes when |actual − expected| ≤ atol + rtol·|expected|. */
export interface CloseOptions {
  /** Absolute tolerance (default 1e-12). */
  atol?: number;
  /** Relative tolerance (default 1e-12). */
  rtol?: number;
  /** Prefix for the failure message, e.g. which case this is. */
  message?: string;
}

/**
 * Throws unless `actual` and `expected` have the same shape and every entry is within
 * `atol + rtol·|expected|`. NaN equals only NaN and ±Infinity only itself. The message names the
 * number of failures and the five worst entries with their index, values and error.
 */
export function expectClose(actual: Numeric, expected: Numeric, options: CloseOptions = {}): void {
  const atol = options.atol ?? 1e-12;
  const rtol = options.rtol ?? 1e-12;
  const prefix = options.message ? `${options.message}: ` : '';
  const a = flatten(actual, 'actual');
  const e = flatten(expected, 'expected');
  if (
    a.values.length !== e.values.length ||
    (a.shape.length === 2 && e.shape.length === 2 && a.shape.join() !== e.shape.join())
  ) {
    throw new Error(`${prefix}shape mismatch: actual is [${a.shape}] but expected is [${e.shape}]`);
  }
  const failures: { index: number; actual: number; expected: number; excess: number }[] = [];
  for (let i = 0; i < a.values.length; i++) {
    const x = a.values[i]!;
    const y = e.values[i]!;
    if (x === y || (Number.isNaN(x) && Number.isNaN(y))) continue;
    const diff = Math.abs(x - y);
    const allowed = atol + rtol * Math.abs(y);
    if (!(diff <= allowed))
      failures.push({
        index: i,
        actual: x,
        expected: y,
        excess: Number.isNaN(diff)
          ? Number.POSITIVE_INFINITY
          : diff / (allowed || Number.MIN_VALUE),
      });
  }
  if (failures.length === 0) return;
  failures.sort((p, q) => q.excess - p.excess);
  const cols = a.shape.length === 2 ? a.shape[1]! : 0;
  const where = (i: number) => (cols ? `(${Math.floor(i / cols)}, ${i % cols})` : `[${i}]`);
  const worst = failures
    .slice(0, 5)
    .map(
      (f) =>
        `  ${where(f.index)}: actual ${f.actual}, expected ${f.expected}, |diff| ${Math.abs(f.actual - f.expected)}`,
    )
    .join('\n');
  throw new Error(
    `${prefix}${failures.length} of ${a.values.length} entries differ by more than atol=${atol} + rtol=${rtol}·|expected|; worst:\n${worst}`,
  );
}

/**
 * Relative error ‖a − b‖₂ / max(‖a‖₂, ‖b‖₂), 0 when both are zero — the usual gradient-check
 * measure (≈1e-10 or below for a correct float64 gradient, ≈1 for a wrong one).
 */
export function relativeError(a: Numeric, b: Numeric): number {
  const x = flatten(a, 'a').values;
  const y = flatten(b, 'b').values;
  if (x.length !== y.length) {
    throw new InvalidArgumentError(
      'b',
      `relativeError: a has ${x.length} entries but b has ${y.length}`,
    );
  }
  let diff = 0;
  let nx = 0;
  let ny = 0;
  for (let i = 0; i < x.length; i++) {
    diff += (x[i]! - y[i]!) ** 2;
    nx += x[i]! ** 2;
    ny += y[i]! ** 2;
  }
  const denom = Math.sqrt(Math.max(nx, ny));
  return denom === 0 ? 0 : Math.sqrt(diff) / denom;
}

/**
 * Central-difference gradient of a scalar function: ∂f/∂xᵢ ≈ (f(x + εeᵢ) − f(x − εeᵢ)) / 2ε.
 * `x` is perturbed in place one entry at a time and restored exactly; `f` reads it. Returns a
 * Float64Array with one partial derivative per entry of x (row-major for a Matrix).
 * Truncation error is O(ε²); with ε = 1e-5 in float64 the total error is typically ~1e-10
 * relative for smooth functions of order-1 inputs. Float32 storage is refused (its rounding
 * would swamp the difference): take the gradient of a float64 copy.
 */
export function numericalGradient(
  f: (x: Float64Array) => number,
  x: FloatArray | Matrix,
  options: { epsilon?: number } = {},
): Float64Array {
  const eps = options.epsilon ?? 1e-5;
  if (!(eps > 0))
    throw new InvalidArgumentError('epsilon', `numericalGradient: epsilon must be > 0, got ${eps}`);
  const data = x instanceof Float64Array || x instanceof Float32Array ? x : x.data;
  if (!(data instanceof Float64Array))
    throw new InvalidArgumentError(
      'x',
      "numericalGradient: x is float32, whose rounding swamps a central difference; take the gradient of astype(x, 'float64')",
    );
  const grad = new Float64Array(data.length);
  for (let i = 0; i < data.length; i++) {
    const saved = data[i]!;
    data[i] = saved + eps;
    const plus = f(data);
    data[i] = saved - eps;
    const minus = f(data);
    data[i] = saved;
    grad[i] = (plus - minus) / (2 * eps);
  }
  return grad;
}

/**
 * The round-trip every serialisable part must satisfy: `fromConfig(toConfig(x))` rebuilds a part
 * with the same name and the same config, also after the config went through JSON. Returns the
 * rebuilt part so the caller can also compare behaviour.
 */
export function expectConfigRoundTrip<P extends Part>(
  part: P,
  fromConfig: (config: PartConfig) => P,
): P {
  const config = part.toConfig();
  if (config.name !== part.name) {
    throw new Error(`toConfig() of '${part.name}' names '${config.name}'`);
  }
  const rebuilt = fromConfig(JSON.parse(JSON.stringify(config)));
  const again = rebuilt.toConfig();
  if (canonicalJson(again) !== canonicalJson(config)) {
    throw new Error(
      `config round-trip of '${part.name}' changed it: ${canonicalJson(config)} → ${canonicalJson(again)}`,
    );
  }
  return rebuilt;
}
