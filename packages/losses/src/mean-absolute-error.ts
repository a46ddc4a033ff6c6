import { type Matrix, readOptions } from '@backprop/linalg';
import { checkPair, gradientOut, type Loss } from './loss';
import { type Reduction, reductionDivisor, reductionOption } from './reduction';

/**
 * Absolute error, ℓᵢ = Σₖ |ŷᵢₖ − yᵢₖ| per sample: with `reduction: 'mean'` (default) J = 1/(m·K)
 * Σᵢ ℓᵢ, ∂J/∂ŷ = sign(ŷ − y)/(m·K), with the subgradient 0 where ŷ = y; 'sum', 'halfSum' and
 * 'halfMean' scale Σᵢ ℓᵢ by 1, ½ and 1/(2m) instead (see Reduction).
 */
export function meanAbsoluteError(config?: { reduction?: Reduction }): Loss {
  const { reduction } = readOptions('meanAbsoluteError', config, { reduction: reductionOption() });
  const divisor = (pred: Matrix) =>
    reduction === 'mean' ? pred.rows * pred.cols : reductionDivisor(reduction, pred.rows);
  return {
    name: 'meanAbsoluteError',
    value(pred: Matrix, target: Matrix): number {
      checkPair('meanAbsoluteError', pred, target);
      const p = pred.data;
      const y = target.data;
      let sum = 0;
      for (let i = 0; i < p.length; i++) sum += Math.abs(p[i]! - y[i]!);
      return pred.cols === 0 ? 0 : sum / divisor(pred);
    },
    gradient(pred: Matrix, target: Matrix, out?: Matrix): Matrix {
      const o = gradientOut('meanAbsoluteError', pred, target, out);
      const p = pred.data;
      const y = target.data;
      const g = o.data;
      const s = 1 / divisor(pred);
      for (let i = 0; i < g.length; i++) g[i] = s * Math.sign(p[i]! - y[i]!);
      return o;
    },
    toConfig: () => ({ name: 'meanAbsoluteError', config: { reduction } }),
  };
}
