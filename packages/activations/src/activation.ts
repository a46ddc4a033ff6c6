import {
  assertMatrix,
  assertSameDtype,
  assertSameShape,
  dtypeOf,
  type FUSION,
  type Fusion,
  type Matrix,
  type Part,
  prepareOut,
  ShapeError,
} from '@backprop/linalg';

/**
 * An activation g applied to pre-activations Z (m x n, one sample per row): A = g(Z).
 *
 * `backward` is the vector-Jacobian product: given ∂L/∂A it returns ∂L/∂Z. For an element-wise g
 * that is ∂L/∂A ⊙ g'(Z); for softmax, whose Jacobian couples a row's entries, it is the exact
 * product Jᵀ·(∂L/∂A) row by row — never only the diagonal.
 */
export interface Activation extends Part {
  /** A = g(Z). Writes into `out` when given (out may be z). */
  forward(z: Matrix, out?: Matrix): Matrix;
  /**
   * ∂L/∂Z from ∂L/∂A. `z` and `a` are the forward pass's input and output (each activation reads
   * whichever is cheaper). Writes into `out` when given (out may be gradA).
   */
  backward(z: Matrix, a: Matrix, gradA: Matrix, out?: Matrix): Matrix;
  /**
   * Optional, for speed: adds the 1 x n row vector `bias` to every row of `z` **in place** and
   * returns A = g(Z) — a dense layer's `Z += b; A = g(Z)` in one pass, with the same bits as
   * `addRowVector` then `forward`. The built-in relu and leakyRelu offer it (where a pass is a
   * large share of the work; see the README).
   */
  forwardBias?(z: Matrix, bias: Matrix, out?: Matrix): Matrix;
  /**
   * Optional, for speed: `backward`, and the column sums of its result written into the 1 x n
   * `biasGrad` (∂L/∂b = Σ_rows ∂L/∂Z) in the same pass — the same bits as `backward` then
   * `sumRows`.
   */
  backwardBias?(z: Matrix, a: Matrix, gradA: Matrix, out: Matrix, biasGrad: Matrix): Matrix;
  /** Set only by the built-in sigmoid and softmax: the loss this output fuses with (see FUSION). */
  readonly [FUSION]?: Fusion;
}

/** True for any object with the Activation methods (own, from any copy of this package, or yours). */
export function isActivation(value: unknown): value is Activation {
  const a = value as Activation;
  return (
    typeof a === 'object' &&
    a !== null &&
    typeof a.name === 'string' &&
    typeof a.forward === 'function' &&
    typeof a.backward === 'function' &&
    typeof a.toConfig === 'function'
  );
}

/** Checks a forward call and returns where to write. */
export function forwardOut(name: string, z: Matrix, out: Matrix | undefined): Matrix {
  assertMatrix(`${name}.forward`, 'z', z);
  return prepareOut(`${name}.forward`, out, z.rows, z.cols, dtypeOf(z));
}

/** Checks a 1 x z.cols row vector of z's dtype (a bias, or its gradient) named `name`. */
export function checkRowVector(op: string, name: string, z: Matrix, v: Matrix): void {
  assertMatrix(op, name, v);
  if (v.rows !== 1 || v.cols !== z.cols)
    throw new ShapeError(
      op,
      { z: [z.rows, z.cols], [name]: [v.rows, v.cols] },
      `${op}: z is ${z.rows}x${z.cols} but ${name} is ${v.rows}x${v.cols} (${name} must be 1x${z.cols})`,
    );
  assertSameDtype(op, z, v, 'z', name);
}

/** Checks a backward call (z, a and gradA of one shape) and returns where to write. */
export function backwardOut(
  name: string,
  z: Matrix,
  a: Matrix,
  gradA: Matrix,
  out: Matrix | undefined,
): Matrix {
  const op = `${name}.backward`;
  assertMatrix(op, 'z', z);
  assertMatrix(op, 'a', a);
  assertMatrix(op, 'gradA', gradA);
  assertSameShape(op, z, a, ['z', 'a']);
  assertSameShape(op, z, gradA, ['z', 'gradA']);
  assertSameDtype(op, z, a, 'z', 'a');
  assertSameDtype(op, z, gradA, 'z', 'gradA');
  return prepareOut(op, out, z.rows, z.cols, dtypeOf(z));
}
