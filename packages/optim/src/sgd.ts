import { InvalidArgumentError, opt, readOptions } from '@backprop/linalg';
import {
  type CommonOptions,
  commonOptions,
  defineOptimizer,
  type StepOptimizer,
  type UpdateRule,
} from './optimizer';

/** θ ← θ − η·g. */
export const plainUpdate: UpdateRule = (p, g, _slots, lr) => {
  for (let i = 0; i < p.length; i++) p[i]! -= lr * g[i]!;
};

/** Classical momentum (Sutskever et al. 2013, eq. 1–2): v ← μv − ηg; θ ← θ + v. */
export const momentumUpdate =
  (mu: number): UpdateRule =>
  (p, g, [v], lr) => {
    for (let i = 0; i < p.length; i++) {
      const vi = mu * v![i]! - lr * g[i]!;
      v![i] = vi;
      p[i]! += vi;
    }
  };

/**
 * Nesterov momentum (Sutskever et al. 2013, eq. 3–4), in the equivalent form that evaluates the
 * gradient at the current parameters (Bengio et al. 2013): v ← μv − ηg; θ ← θ + μv − ηg.
 */
export const nesterovUpdate =
  (mu: number): UpdateRule =>
  (p, g, [v], lr) => {
    for (let i = 0; i < p.length; i++) {
      const vi = mu * v![i]! - lr * g[i]!;
      v![i] = vi;
      p[i]! += mu * vi - lr * g[i]!;
    }
  };

/**
 * Stochastic gradient descent, optionally with momentum or Nesterov momentum. With full batches
 * it is plain gradient descent (the course's GD); batch size 1 is SGD; n is mini-batch.
 * Defaults: learningRate 0.01, momentum 0 (none), nesterov false.
 */
export function sgd(
  config?: CommonOptions & { momentum?: number; nesterov?: boolean },
): StepOptimizer {
  const c = readOptions('sgd', config, {
    ...commonOptions(0.01),
    momentum: opt.closed(0, 0, 1),
    nesterov: opt.boolean(false),
  });
  if (c.nesterov && c.momentum === 0) {
    throw new InvalidArgumentError(
      'nesterov',
      'sgd: nesterov needs a momentum > 0 (e.g. { momentum: 0.9, nesterov: true })',
    );
  }
  const update =
    c.momentum === 0
      ? plainUpdate
      : c.nesterov
        ? nesterovUpdate(c.momentum)
        : momentumUpdate(c.momentum);
  return defineOptimizer({
    name: 'sgd',
    config: c,
    slots: c.momentum === 0 ? [] : ['velocity'],
    update,
  });
}
