import { adagradStep, opt, readOptions } from '@backprop/linalg';
import { KERNEL_MIN_ROOT_RULE } from './kernel-sizes';
import {
  type CommonOptions,
  commonOptions,
  defineOptimizer,
  type StepOptimizer,
  type UpdateRule,
} from './optimizer';

/**
 * Adagrad (Duchi, Hazan & Singer 2011): G ← G + g²; θ ← θ − η·g / (√G + ε). Runs on
 * @backprop/linalg's WebAssembly SIMD kernel (adagradStep: the loop's bits) or on the loop.
 */
export const adagradUpdate = (epsilon: number): UpdateRule => {
  const constants = { lr: 0, epsilon };
  const loop = adagradLoop(epsilon);
  return (p, g, slots, lr, t) => {
    constants.lr = lr;
    if (p.length < KERNEL_MIN_ROOT_RULE || !adagradStep(p, g, slots[0]!, constants))
      loop(p, g, slots, lr, t);
  };
};

/** Adagrad as a JavaScript loop: the fallback, and the reference the kernel is tested against. */
export const adagradLoop =
  (epsilon: number): UpdateRule =>
  (p, g, [acc], lr) => {
    for (let i = 0; i < p.length; i++) {
      const gi = g[i]!;
      const a = acc![i]! + gi * gi;
      acc![i] = a;
      p[i]! -= (lr * gi) / (Math.sqrt(a) + epsilon);
    }
  };

/** Adagrad. Defaults: learningRate 0.01, epsilon 1e-8, initialAccumulator 0. */
export function adagrad(
  config?: CommonOptions & { epsilon?: number; initialAccumulator?: number },
): StepOptimizer {
  const c = readOptions('adagrad', config, {
    ...commonOptions(0.01),
    epsilon: opt.positive(1e-8),
    initialAccumulator: opt.nonNegative(0),
  });
  return defineOptimizer({
    name: 'adagrad',
    config: c,
    slots: ['accumulator'],
    slotInit: c.initialAccumulator,
    update: adagradUpdate(c.epsilon),
  });
}
