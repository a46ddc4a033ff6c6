import {
  assertMatrix,
  assertSameShape,
  dtypeOf,
  FUSION,
  type Fusion,
  InvalidArgumentError,
  type Matrix,
  type Part,
  prepareOut,
} from '@backprop/linalg';

/**
 * A cost J(Ŷ, Y) over a batch: predictions Ŷ and targets Y are both m x K, one sample per row.
 * Every loss here is a **mean over the m samples** (the course's 1/m Σᵢ), so its gradient carries
 * the 1/m and a model's backward pass needs no further scaling.
 */
export interface Loss extends Part {
  /** J(Ŷ, Y). */
  value(pred: Matrix, target: Matrix): number;
  /** ∂J/∂Ŷ (m x K). Writes into `out` when given (out may be pred). */
  gradient(pred: Matrix, target: Matrix, out?: Matrix): Matrix;
  /**
   * The output this loss fuses with: 'logistic' (binary cross-entropy with sigmoid) or 'softmax'
   * (categorical cross-entropy with softmax). It fuses only with an activation that declares the
   * same under the FUSION symbol (see {@link fusesWith}); the three members below are then used.
   */
  readonly fusesWith?: Fusion;
  /** ∂J/∂Z at the output when Ŷ = g(Z) with g the fused activation: (A − Y)/m for one-hot Y. */
  fusedGradient?(pred: Matrix, target: Matrix, out?: Matrix): Matrix;
  /**
   * J computed from the output's pre-activations Z (the logits) rather than from Ŷ = g(Z): exact
   * where probabilities round to 0 or 1 (log-sum-exp), so the value never saturates at −log ε.
   */
  fusedValue?(logits: Matrix, target: Matrix): number;
}

/** True when `loss` fuses with the output activation `activation` (a declared capability, never a name). */
export function fusesWith(loss: Loss, activation: object): boolean {
  return (
    loss.fusesWith !== undefined &&
    loss.fusedGradient !== undefined &&
    loss.fusedValue !== undefined &&
    (activation as { [FUSION]?: Fusion })[FUSION] === loss.fusesWith
  );
}

/** True for any object with the Loss methods. */
export function isLoss(value: unknown): value is Loss {
  const l = value as Loss;
  return (
    typeof l === 'object' &&
    l !== null &&
    typeof l.name === 'string' &&
    typeof l.value === 'function' &&
    typeof l.gradient === 'function' &&
    typeof l.toConfig === 'function'
  );
}

/** Checks pred and target (same shape, at least one row) for `op`. */
export function checkPair(op: string, pred: Matrix, target: Matrix): void {
  assertMatrix(op, 'pred', pred);
  assertMatrix(op, 'target', target);
  assertSameShape(op, pred, target, ['pred', 'target']);
  if (pred.rows === 0)
    throw new InvalidArgumentError('pred', `${op}: pred has no rows (a loss needs m ≥ 1 samples)`);
}

/** Checks pred/target and returns where ∂J/∂Ŷ goes (pred's dtype; target's may differ). */
export function gradientOut(
  op: string,
  pred: Matrix,
  target: Matrix,
  out: Matrix | undefined,
): Matrix {
  checkPair(op, pred, target);
  return prepareOut(op, out, pred.rows, pred.cols, dtypeOf(pred));
}

/**
 * Throws unless every entry of `m` lies in [0, 1] — probabilities (predictions of a sigmoid or
 * softmax output) or targets of a cross-entropy. Names the entry and what to do.
 */
export function checkProbabilities(op: string, name: 'pred' | 'target', m: Matrix): void {
  const x = m.data;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (!(v >= 0 && v <= 1)) {
      const at = `(${Math.floor(i / m.cols)}, ${i % m.cols})`;
      if (Number.isNaN(v)) {
        throw new InvalidArgumentError(
          name,
          `${op}: ${name}${at} is NaN (${name === 'pred' ? 'the network diverged or its input holds NaN' : 'the targets hold NaN'})`,
        );
      }
      const fix =
        name === 'pred'
          ? 'use a sigmoid or softmax output layer'
          : 'targets must be probabilities or 0/1 labels';
      throw new InvalidArgumentError(name, `${op}: ${name}${at} = ${v} is outside [0, 1]; ${fix}`);
    }
  }
}
