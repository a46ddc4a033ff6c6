import { adamStep, opt, readOptions } from '@backprop/linalg';
import { KERNEL_MIN_ROOT_RULE } from './kernel-sizes';
import {
  type CommonOptions,
  commonOptions,
  defineOptimizer,
  type StepOptimizer,
  type UpdateRule,
} from './optimizer';

/** Adam's hyperparameters (names as in Kingma & Ba 2015). */
export interface AdamOptions extends CommonOptions {
  beta1?: number;
  beta2?: number;
  epsilon?: number;
  /**
   * false (default): θ ← θ − η·m̂/(√v̂ + ε), as in the paper. true: θ ← θ − η·m̂/√(v̂ + ε), the
   * variant the Fashion-MNIST course notes write.
   */
  epsilonInsideSqrt?: boolean;
}

/**
 * Adam (Kingma & Ba 2015, Algorithm 1), at step t:
 *   m ← β₁m + (1 − β₁)g;   v ← β₂v + (1 − β₂)g²
 *   m̂ = m/(1 − β₁ᵗ);       v̂ = v/(1 − β₂ᵗ)
 *   θ ← θ − η·m̂/(√v̂ + ε)   (or η·m̂/√(v̂ + ε) with epsilonInsideSqrt)
 * plus, for AdamW (Loshchilov & Hutter 2019), the decoupled decay θ ← θ − η·λ·θ (old θ).
 * Runs on @backprop/linalg's WebAssembly SIMD kernel (adamStep), which computes exactly this
 * loop's operations in its order — the same bits — or, where WebAssembly SIMD is missing, on the
 * loop itself. Float32 parameters are updated in float32 arithmetic (see adamLoopFloat32).
 */
export const adamUpdate = (
  beta1: number,
  beta2: number,
  epsilon: number,
  inside: boolean,
  weightDecay = 0,
): UpdateRule => {
  const constants = {
    lr: 0,
    c1: 0,
    c2: 0,
    beta1,
    beta2,
    epsilon,
    epsilonInsideSqrt: inside,
    weightDecay,
  };
  const loop = adamLoop(beta1, beta2, epsilon, inside, weightDecay);
  return (p, g, slots, lr, t) => {
    // One constants object per optimizer, refilled each step: no allocation per step.
    constants.lr = lr;
    constants.c1 = 1 / (1 - beta1 ** t);
    constants.c2 = 1 / (1 - beta2 ** t);
    if (p.length < KERNEL_MIN_ROOT_RULE || !adamStep(p, g, slots[0]!, slots[1]!, constants))
      loop(p, g, slots, lr, t);
  };
};

/**
 * Adam's update as a JavaScript loop: the fallback, and the reference the kernel is tested
 * against. Float64 parameters are updated in float64; float32 parameters in float32 arithmetic
 * (adamLoopFloat32), as the kernel does.
 */
export const adamLoop = (
  beta1: number,
  beta2: number,
  epsilon: number,
  inside: boolean,
  weightDecay = 0,
): UpdateRule => {
  const float32 = adamLoopFloat32(beta1, beta2, epsilon, inside, weightDecay);
  return (p, g, slots, lr, t) => {
    if (p instanceof Float32Array) return float32(p, g, slots, lr, t);
    const [m, v] = slots;
    const c1 = 1 / (1 - beta1 ** t);
    const c2 = 1 / (1 - beta2 ** t);
    for (let i = 0; i < p.length; i++) {
      const gi = g[i]!;
      const mi = beta1 * m![i]! + (1 - beta1) * gi;
      const vi = beta2 * v![i]! + (1 - beta2) * gi * gi;
      m![i] = mi;
      v![i] = vi;
      const vhat = vi * c2;
      const denom = inside ? Math.sqrt(vhat + epsilon) : Math.sqrt(vhat) + epsilon;
      p[i]! -= lr * ((mi * c1) / denom + weightDecay * p[i]!);
    }
  };
};

/**
 * Adam on float32 parameters in float32 arithmetic, as PyTorch's float32 Adam computes: every
 * constant and every operation rounded to float32 (Math.fround after each +, −, ×, ÷ and √ of
 * float32 values is exactly float32's correctly rounded operation), in the kernel's order —
 * m′ = β₁m + (1 − β₁)g, v′ = β₂v + ((1 − β₂)g)g, d = √(v′c₂ + εin) + εout,
 * p′ = p − η((m′c₁)/d + λp). Its square root and division are most of a float32 model's update;
 * in float32 the kernel does four entries per instruction instead of two.
 */
export const adamLoopFloat32 =
  (beta1: number, beta2: number, epsilon: number, inside: boolean, weightDecay = 0): UpdateRule =>
  (p, g, [m, v], lr, t) => {
    const f = Math.fround;
    const b1 = f(beta1);
    const b2 = f(beta2);
    const omb1 = f(1 - beta1);
    const omb2 = f(1 - beta2);
    const c1 = f(1 / (1 - beta1 ** t));
    const c2 = f(1 / (1 - beta2 ** t));
    const eta = f(lr);
    const lambda = f(weightDecay);
    const epsIn = inside ? f(epsilon) : 0;
    const epsOut = inside ? 0 : f(epsilon);
    for (let i = 0; i < p.length; i++) {
      const gi = g[i]!;
      const pi = p[i]!;
      const mi = f(f(b1 * m![i]!) + f(omb1 * gi));
      const vi = f(f(b2 * v![i]!) + f(f(omb2 * gi) * gi));
      m![i] = mi;
      v![i] = vi;
      const d = f(f(Math.sqrt(f(f(vi * c2) + epsIn))) + epsOut);
      p[i] = f(pi - f(eta * f(f(f(mi * c1) / d) + f(lambda * pi))));
    }
  };

const adamOptions = (lr: number) => ({
  ...commonOptions(lr),
  beta1: opt.halfOpen(0.9, 0, 1),
  beta2: opt.halfOpen(0.999, 0, 1),
  epsilon: opt.positive(1e-8),
  epsilonInsideSqrt: opt.boolean(false),
});

/** Adam. Defaults (the paper's): learningRate 0.001, beta1 0.9, beta2 0.999, epsilon 1e-8. */
export function adam(config?: AdamOptions): StepOptimizer {
  const c = readOptions('adam', config, adamOptions(0.001));
  return defineOptimizer({
    name: 'adam',
    config: c,
    slots: ['m', 'v'],
    update: adamUpdate(c.beta1, c.beta2, c.epsilon, c.epsilonInsideSqrt),
  });
}

/**
 * AdamW: Adam with decoupled weight decay λ = weightDecay (default 0.01). It decays every
 * parameter tensor passed to step — biases included, as PyTorch does by default.
 */
export function adamw(config?: AdamOptions & { weightDecay?: number }): StepOptimizer {
  const c = readOptions('adamw', config, {
    ...adamOptions(0.001),
    weightDecay: opt.nonNegative(0.01),
  });
  return defineOptimizer({
    name: 'adamw',
    config: c,
    slots: ['m', 'v'],
    update: adamUpdate(c.beta1, c.beta2, c.epsilon, c.epsilonInsideSqrt, c.weightDecay),
  });
}
