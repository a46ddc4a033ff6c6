import { opt, readOptions } from '@backprop/linalg';
import {
  type CommonOptions,
  commonOptions,
  defineOptimizer,
  type StepOptimizer,
  type UpdateRule,
} from './optimizer';

/** Adagrad (Duchi, Hazan & Singer 2011): G ← G + g²; θ ← θ − η·g / (√G + ε). */
export const adagradUpdate =
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
