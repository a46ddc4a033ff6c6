import {
  assertMatrix,
  assertSameShape,
  InvalidArgumentError,
  type Matrix,
  opt,
  type Part,
  readOptions,
} from '@backprop/linalg';

/**
 * A weight penalty added to a loss. It sees the **weight matrices only — never the biases**
 * (the course's regularisation skips the bias column of each Theta; `@backprop/model` passes
 * only the kernels).
 */
export interface Penalty extends Part {
  /** The penalty's value for these weights and a batch of m samples. */
  value(weights: readonly Matrix[], m: number): number;
  /** grads[i] += ∂penalty/∂weights[i], in place. */
  addGradient(weights: readonly Matrix[], grads: readonly Matrix[], m: number): void;
}

/** Which scaling a penalty uses; see l2 and l1. */
export type PenaltyForm = 'course' | 'keras';

/** True for any object with the Penalty methods. */
export function isPenalty(value: unknown): value is Penalty {
  const p = value as Penalty;
  return (
    typeof p === 'object' &&
    p !== null &&
    typeof p.name === 'string' &&
    typeof p.value === 'function' &&
    typeof p.addGradient === 'function' &&
    typeof p.toConfig === 'function'
  );
}

/** A penalty's options: its strength λ and which scaling it uses. */
export interface PenaltyConfig {
  lambda?: number;
  form?: PenaltyForm;
}

/**
 * `l2(0.01)` (positional, as in Keras) is `l2({ lambda: 0.01 })`: the same course form by default,
 * so the two spellings never give different numbers; `l2(0.01, { form: 'keras' })` is Keras's λ Σ W².
 */
export function penaltyConfig(
  name: string,
  config: PenaltyConfig | number | undefined,
  options: { form?: PenaltyForm } | undefined,
): Record<string, unknown> | undefined {
  if (typeof config !== 'number') {
    if (options !== undefined)
      throw new InvalidArgumentError(
        'options',
        `${name}: give options as the second argument only after a number λ`,
      );
    return config as Record<string, unknown> | undefined;
  }
  return { lambda: config, ...options };
}

/** Reads `{ lambda, form }`: λ ≥ 0 (0 switches the penalty off), form 'course' (default) or 'keras'. */
export function readPenaltyOptions(name: string, config: Record<string, unknown> | undefined) {
  return readOptions(name, config, {
    lambda: opt.nonNegative(0.01),
    form: opt.oneOf<PenaltyForm>('course', ['course', 'keras']),
  });
}

/** Checks the arguments common to value and addGradient. */
export function checkWeights(
  op: string,
  weights: readonly Matrix[],
  m: number,
  grads?: readonly Matrix[],
): void {
  if (!Array.isArray(weights))
    throw new InvalidArgumentError('weights', `${op}: weights must be an array of matrices`);
  if (!(Number.isInteger(m) && m >= 1)) {
    throw new InvalidArgumentError(
      'm',
      `${op}: m (the number of samples) must be an integer >= 1, got ${m}`,
    );
  }
  weights.forEach((w, i) => {
    assertMatrix(op, `weights[${i}]`, w);
  });
  if (grads === undefined) return;
  if (!Array.isArray(grads) || grads.length !== weights.length) {
    throw new InvalidArgumentError(
      'grads',
      `${op}: grads must be an array of ${weights.length} matrices, one per weight`,
    );
  }
  grads.forEach((g, i) => {
    assertMatrix(op, `grads[${i}]`, g);
    assertSameShape(op, weights[i]!, g, [`weights[${i}]`, `grads[${i}]`]);
  });
}
