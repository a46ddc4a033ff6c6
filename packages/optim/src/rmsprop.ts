import { opt, readOptions } from '@backprop/linalg';
import {
  type CommonOptions,
  commonOptions,
  defineOptimizer,
  type StepOptimizer,
  type UpdateRule,
} from './optimizer';

/** RMSprop (Tieleman & Hinton 2012): E ← ρE + (1 − ρ)g²; θ ← θ − η·g / (√E + ε). */
export const rmspropUpdate =
  (rho: number, epsilon: number): UpdateRule =>
  (p, g, [ms], lr) => {
    for (let i = 0; i < p.length; i++) {
      const gi = g[i]!;
      const e = rho * ms![i]! + (1 - rho) * gi * gi;
      ms![i] = e;
      p[i]! -= (lr * gi) / (Math.sqrt(e) + epsilon);
    }
  };

/** RMSprop with momentum: E as above; v ← μv + η·g / (√E + ε); θ ← θ − v. */
export const rmspropMomentumUpdate =
  (rho: number, epsilon: number, mu: number): UpdateRule =>
  (p, g, [ms, v], lr) => {
    for (let i = 0; i < p.length; i++) {
      const gi = g[i]!;
      const e = rho * ms![i]! + (1 - rho) * gi * gi;
      ms![i] = e;
      const vi = mu * v![i]! + (lr * gi) / (Math.sqrt(e) + epsilon);
      v![i] = vi;
      p[i]! -= vi;
    }
  };

/** RMSprop. Defaults: learningRate 0.001, rho 0.9, epsilon 1e-8, momentum 0 (none). */
export function rmsprop(
  config?: CommonOptions & { rho?: number; epsilon?: number; momentum?: number },
): StepOptimizer {
  const c = readOptions('rmsprop', config, {
    ...commonOptions(0.001),
    rho: opt.halfOpen(0.9, 0, 1),
    epsilon: opt.positive(1e-8),
    momentum: opt.closed(0, 0, 1),
  });
  return c.momentum === 0
    ? defineOptimizer({
        name: 'rmsprop',
        config: c,
        slots: ['meanSquare'],
        update: rmspropUpdate(c.rho, c.epsilon),
      })
    : defineOptimizer({
        name: 'rmsprop',
        config: c,
        slots: ['meanSquare', 'velocity'],
        update: rmspropMomentumUpdate(c.rho, c.epsilon, c.momentum),
      });
}
