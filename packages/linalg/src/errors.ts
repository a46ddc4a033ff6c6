/**
 * Typed errors shared by every backprop package.
 *
 * `instanceof` fails when two copies of a package are installed, so each error carries a brand
 * registered with `Symbol.for(...)` (one global registry per realm) plus a `kind` string, and the
 * `is*` guards check those instead of the prototype chain.
 */
const BRAND: unique symbol = Symbol.for('@backprop/error') as never;

/** Base class of every error a backprop package throws on purpose. */
export class BackpropError extends Error {
  readonly [BRAND] = true;
  /** Stable machine-readable kind, e.g. `'ShapeError'`; subclasses override it. */
  readonly kind: string = 'BackpropError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Two operands (or an operand and an `out`) have shapes that do not fit the operation. */
export class ShapeError extends BackpropError {
  override readonly kind = 'ShapeError';
  /** The operation that was called, e.g. `'matmul'`. */
  readonly op: string;
  /** The offending shapes, keyed by argument name, e.g. `{ a: [2, 3], b: [2, 2] }`. */
  readonly shapes: Readonly<Record<string, readonly number[]>>;

  constructor(op: string, shapes: Record<string, readonly number[]>, message: string) {
    super(message);
    this.op = op;
    this.shapes = shapes;
  }
}

/** An argument is out of its domain (a negative size, a NaN rate, an `out` that aliases an input). */
export class InvalidArgumentError extends BackpropError {
  override readonly kind = 'InvalidArgumentError';
  /** The name of the offending argument, e.g. `'learningRate'` or `'out'`. */
  readonly argument: string;

  constructor(argument: string, message: string) {
    super(message);
    this.argument = argument;
  }
}

/** True for any error thrown by any copy of any backprop package. */
export function isBackpropError(value: unknown): value is BackpropError {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Record<symbol, unknown>)[BRAND] === true
  );
}

/** True for a {@link ShapeError} from any copy of this package. */
export function isShapeError(value: unknown): value is ShapeError {
  return isBackpropError(value) && value.kind === 'ShapeError';
}

/** True for an {@link InvalidArgumentError} from any copy of this package. */
export function isInvalidArgumentError(value: unknown): value is InvalidArgumentError {
  return isBackpropError(value) && value.kind === 'InvalidArgumentError';
}
