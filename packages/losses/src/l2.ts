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
 * L2 weight penalty (weight decay), over weights only, never biases:
 * - `form: 'course'` (default): λ/(2m) Σ W², gradient λ/m · W — the course's regularised cost,
 *   which scales with the batch size m.
 * - `form: 'keras'`: λ Σ W², gradient 2λ · W — independent of m (Keras's `l2(λ)`).
 */
export function l2(config?: PenaltyConfig | number, options?: { form?: PenaltyForm }): Penalty {
  const { lambda, form } = readPenaltyOptions('l2', penaltyConfig('l2', config, options));
  const factor = (m: number) => (form === 'course' ? lambda / (2 * m) : lambda);
  return {
    name: 'l2',
    value(weights: readonly Matrix[], m: number): number {
      checkWeights('l2.value', weights, m);
      let sum = 0;
      for (const w of weights)
        for (let i = 0; i < w.data.length; i++) sum += w.data[i]! * w.data[i]!;
      return factor(m) * sum;
    },
    addGradient(weights: readonly Matrix[], grads: readonly Matrix[], m: number): void {
      checkWeights('l2.addGradient', weights, m, grads);
      const s = 2 * factor(m);
      weights.forEach((w, k) => {
        const g = grads[k]!.data;
        for (let i = 0; i < g.length; i++) g[i]! += s * w.data[i]!;
      });
    },
    toConfig: () => ({ name: 'l2', config: { lambda, form } }),
  };
}
