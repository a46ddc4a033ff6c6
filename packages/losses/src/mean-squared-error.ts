import { type Matrix, readOptions } from '@backprop/linalg';
import { checkPair, gradientOut, type Loss } from './loss';
import { type Reduction, reductionOption, reductionScale } from './reduction';

/**
 * Squared error. The per-sample cost is ℓᵢ = Σₖ (ŷᵢₖ − yᵢₖ)², and `reduction` says how the batch's
 * ℓᵢ combine:
 * - `'mean'` (default, Keras's MSE): J = 1/(m·K) Σᵢ ℓᵢ — also averaged over the K outputs;
 *   ∂J/∂ŷ = 2(ŷ − y)/(m·K).
 * - `'halfMean'` (the course's regression cost): J = 1/(2m) Σᵢ ℓᵢ, ∂J/∂ŷ = (ŷ − y)/m — with a
 *   linear output the output delta is (A − Y)/m, as in the course.
 * - `'sum'` (the thesis's sum of squared errors): J = Σᵢ ℓᵢ, ∂J/∂ŷ = 2(ŷ − y).
 * - `'halfSum'`: J = ½ Σᵢ ℓᵢ, ∂J/∂ŷ = ŷ − y (the thesis's update `w −= η·(out − y)ᵀ·X`).
 */
export function meanSquaredError(config?: { reduction?: Reduction }): Loss {
  const { reduction } = readOptions('meanSquaredError', config, {
    reduction: reductionOption(),
  });
  const scale = (pred: Matrix) =>
    reduction === 'mean' ? 1 / (pred.rows * pred.cols) : reductionScale(reduction, pred.rows);
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
