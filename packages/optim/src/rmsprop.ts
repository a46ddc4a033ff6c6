import { opt, readOptions, rmspropStep } from '@backprop/linalg';
import { KERNEL_MIN_ROOT_RULE } from './kernel-sizes';
import {
  type CommonOptions,
  commonOptions,
  defineOptimizer,
  type StepOptimizer,
  type UpdateRule,
} from './optimizer';

/**
 * RMSprop (Tieleman & Hinton 2012): E ← ρE + (1 − ρ)g²; θ ← θ − η·g / (√E + ε); with momentum μ
 * (`mu` given), v ← μv + η·g / (√E + ε); θ ← θ − v. Runs on @backprop/linalg's WebAssembly SIMD
 * kernel (rmspropStep: this rule's loop's operations in its order, the same bits) or, where
 * WebAssembly SIMD is missing, on the loop.
 */
export const rmspropUpdate = (rho: number, epsilon: number, mu?: number): UpdateRule => {
  // One constants object per optimizer, refilled each step: no allocation per step.
  const constants = { lr: 0, rho, epsilon, momentum: mu ?? 0 };
  const loop = mu === undefined ? rmspropLoop(rho, epsilon) : rmspropMomentumLoop(rho, epsilon, mu);
  return (p, g, slots, lr, t) => {
    constants.lr = lr;
    const velocity = mu === undefined ? null : slots[1]!;
    if (p.length < KERNEL_MIN_ROOT_RULE || !rmspropStep(p, g, slots[0]!, velocity, constants))
      loop(p, g, slots, lr, t);
  };
};

/** RMSprop as a JavaScript loop: the fallback, and the reference the kernel is tested against. */
export const rmspropLoop =
  (rho: number, epsilon: number): UpdateRule =>
  (p, g, [ms], lr) => {
    for (let i = 0; i < p.length; i++) {
      const gi = g[i]!;
      const e = rho * ms![i]! + (1 - rho) * gi * gi;
      ms![i] = e;
      p[i]! -= (lr * gi) / (Math.sqrt(e) + epsilon);
    }
  };

/** RMSprop with momentum as a JavaScript loop: E as above; v ← μv + η·g / (√E + ε); θ ← θ − v. */
export const rmspropMomentumLoop =
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
        update: rmspropUpdate(c.rho, c.epsilon, c.momentum),
      });
}
