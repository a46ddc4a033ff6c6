import { type Matrix, opt, readOptions } from '@backprop/linalg';
import { checkPair, gradientOut, type Loss } from './loss';

type Reduction = 'mean' | 'halfSum';

/**
 * Squared error, in one of two scalings (both averaged over the m samples):
 * - `reduction: 'mean'` (default, Keras's MSE): J = 1/(m·K) Σᵢ Σₖ (ŷᵢₖ − yᵢₖ)²,
 *   ∂J/∂ŷ = 2(ŷ − y)/(m·K).
 * - `reduction: 'halfSum'` (the course's regression cost): J = 1/(2m) Σᵢ Σₖ (ŷᵢₖ − yᵢₖ)²,
 *   ∂J/∂ŷ = (ŷ − y)/m — so with a linear output the output delta is (A − Y)/m, as in the course.
 */
export function meanSquaredError(config?: { reduction?: Reduction }): Loss {
  const { reduction } = readOptions('meanSquaredError', config, {
    reduction: opt.oneOf<Reduction>('mean', ['mean', 'halfSum']),
  });
  const scale = (pred: Matrix) =>
    reduction === 'mean' ? 1 / (pred.rows * pred.cols) : 1 / (2 * pred.rows);
  return {
    name: 'meanSquaredError',
    value(pred: Matrix, target: Matrix): number {
      checkPair('meanSquaredError', pred, target);
      const p = pred.data;
      const y = target.data;
      let sum = 0;
      for (let i = 0; i < p.length; i++) {
        const d = p[i]! - y[i]!;
        sum += d * d;
      }
      return pred.cols === 0 ? 0 : sum * scale(pred);
    },
    gradient(pred: Matrix, target: Matrix, out?: Matrix): Matrix {
      const o = gradientOut('meanSquaredError', pred, target, out);
      const p = pred.data;
      const y = target.data;
      const g = o.data;
      const s = 2 * scale(pred);
      for (let i = 0; i < g.length; i++) g[i] = s * (p[i]! - y[i]!);
      return o;
    },
    toConfig: () => ({ name: 'meanSquaredError', config: { reduction } }),
  };
}
