import { InvalidArgumentError, opt, readOptions, sgdStep } from '@backprop/linalg';
import { KERNEL_MIN_SGD } from './kernel-sizes';
import {
  type CommonOptions,
  commonOptions,
  defineOptimizer,
  type StepOptimizer,
  type UpdateRule,
} from './optimizer';

/**
 * SGD's rule — θ ← θ − η·g, or with momentum μ > 0 classical momentum or Nesterov's — on
 * @backprop/linalg's WebAssembly SIMD kernel (sgdStep: the loops' operations in their order, the
 * same bits) or, where WebAssembly SIMD is missing, on the loop.
 */
export const sgdUpdate = (mu: number, nesterov: boolean): UpdateRule => {
  const constants = { lr: 0, momentum: mu, nesterov };
  const loop = mu === 0 ? plainLoop : nesterov ? nesterovLoop(mu) : momentumLoop(mu);
  return (p, g, slots, lr, t) => {
    constants.lr = lr;
    if (p.length < KERNEL_MIN_SGD || !sgdStep(p, g, mu === 0 ? null : slots[0]!, constants))
      loop(p, g, slots, lr, t);
  };
};

/** θ ← θ − η·g as a JavaScript loop: the fallback, and the reference the kernel is tested against. */
export const plainLoop: UpdateRule = (p, g, _slots, lr) => {
  for (let i = 0; i < p.length; i++) p[i]! -= lr * g[i]!;
};

/** Classical momentum (Sutskever et al. 2013, eq. 1–2): v ← μv − ηg; θ ← θ + v. A loop. */
export const momentumLoop =
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
 * gradient at the current parameters (Bengio et al. 2013): v ← μv − ηg; θ ← θ + μv − ηg. A loop.
 */
export const nesterovLoop =
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
  return defineOptimizer({
    name: 'sgd',
    config: c,
    slots: c.momentum === 0 ? [] : ['velocity'],
    update: sgdUpdate(c.momentum, c.nesterov),
  });
}
