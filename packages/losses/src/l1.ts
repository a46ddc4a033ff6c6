import type { Matrix } from '@backprop/linalg';
import {
  checkWeights,
  type Penalty,
  type PenaltyConfig,
  type PenaltyForm,
  penaltyConfig,
  readPenaltyOptions,
} from './penalty';

/**
 * L1 weight penalty (lasso), over weights only, never biases:
 * - `form: 'course'` (default): λ/m Σ |W|, gradient λ/m · sign(W) — scaled per sample like the
 *   course's L2 term.
 * - `form: 'keras'`: λ Σ |W|, gradient λ · sign(W).
 * The subgradient at W = 0 is 0.
 */
export function l1(config?: PenaltyConfig | number, options?: { form?: PenaltyForm }): Penalty {
  const { lambda, form } = readPenaltyOptions('l1', penaltyConfig('l1', config, options));
  const factor = (m: number) => (form === 'course' ? lambda / m : lambda);
  return {
    name: 'l1',
    value(weights: readonly Matrix[], m: number): number {
      checkWeights('l1.value', weights, m);
      let sum = 0;
      for (const w of weights) for (let i = 0; i < w.data.length; i++) sum += Math.abs(w.data[i]!);
      return factor(m) * sum;
    },
    addGradient(weights: readonly Matrix[], grads: readonly Matrix[], m: number): void {
      checkWeights('l1.addGradient', weights, m, grads);
      const s = factor(m);
      weights.forEach((w, k) => {
        const g = grads[k]!.data;
        for (let i = 0; i < g.length; i++) g[i]! += s * Math.sign(w.data[i]!);
      });
    },
    toConfig: () => ({ name: 'l1', config: { lambda, form } }),
  };
}
