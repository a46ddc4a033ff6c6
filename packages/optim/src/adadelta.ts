import { adadeltaStep, opt, readOptions } from '@backprop/linalg';
import { KERNEL_MIN_ROOT_RULE } from './kernel-sizes';
import {
  type CommonOptions,
  commonOptions,
  defineOptimizer,
  type StepOptimizer,
  type UpdateRule,
} from './optimizer';

/**
 * Adadelta (Zeiler 2012, Algorithm 1):
 *   E[g²] ← ρE[g²] + (1 − ρ)g²
 *   Δ = −(√(E[Δ²] + ε) / √(E[g²] + ε))·g
 *   E[Δ²] ← ρE[Δ²] + (1 − ρ)Δ²
 *   θ ← θ + η·Δ            (η = 1 in the paper; kept as a multiplier, as Keras does)
 * Runs on @backprop/linalg's WebAssembly SIMD kernel (adadeltaStep: the loop's bits) or on the
 * loop.
 */
export const adadeltaUpdate = (rho: number, epsilon: number): UpdateRule => {
  const constants = { lr: 0, rho, epsilon };
  const loop = adadeltaLoop(rho, epsilon);
  return (p, g, slots, lr, t) => {
    constants.lr = lr;
    if (p.length < KERNEL_MIN_ROOT_RULE || !adadeltaStep(p, g, slots[0]!, slots[1]!, constants))
      loop(p, g, slots, lr, t);
  };
};

/** Adadelta as a JavaScript loop: the fallback, and the reference the kernel is tested against. */
export const adadeltaLoop =
  (rho: number, epsilon: number): UpdateRule =>
  (p, g, [eg, ed], lr) => {
    for (let i = 0; i < p.length; i++) {
      const gi = g[i]!;
      const g2 = rho * eg![i]! + (1 - rho) * gi * gi;
      eg![i] = g2;
      const delta = (-Math.sqrt(ed![i]! + epsilon) / Math.sqrt(g2 + epsilon)) * gi;
      ed![i] = rho * ed![i]! + (1 - rho) * delta * delta;
      p[i]! += lr * delta;
    }
  };

/** Adadelta. Defaults (the paper's): learningRate 1, rho 0.95, epsilon 1e-6. */
export function adadelta(
  config?: CommonOptions & { rho?: number; epsilon?: number },
): StepOptimizer {
  const c = readOptions('adadelta', config, {
    ...commonOptions(1),
    rho: opt.halfOpen(0.95, 0, 1),
    epsilon: opt.positive(1e-6),
  });
  return defineOptimizer({
    name: 'adadelta',
    config: c,
    slots: ['meanSquareGrad', 'meanSquareDelta'],
    update: adadeltaUpdate(c.rho, c.epsilon),
  });
}
