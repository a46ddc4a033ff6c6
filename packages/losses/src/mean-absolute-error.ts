import { type Matrix, readOptions } from '@backprop/linalg';
import { checkPair, gradientOut, type Loss } from './loss';

/**
 * Mean absolute error: J = 1/(m·K) Σᵢ Σₖ |ŷᵢₖ − yᵢₖ|; ∂J/∂ŷ = sign(ŷ − y)/(m·K), with the
 * subgradient 0 where ŷ = y.
 */
export function meanAbsoluteError(config?: Record<string, unknown>): Loss {
  readOptions('meanAbsoluteError', config, {});
  return {
    name: 'meanAbsoluteError',
    value(pred: Matrix, target: Matrix): number {
      checkPair('meanAbsoluteError', pred, target);
      const p = pred.data;
      const y = target.data;
      let sum = 0;
      for (let i = 0; i < p.length; i++) sum += Math.abs(p[i]! - y[i]!);
      return pred.cols === 0 ? 0 : sum / (pred.rows * pred.cols);
    },
    gradient(pred: Matrix, target: Matrix, out?: Matrix): Matrix {
      const o = gradientOut('meanAbsoluteError', pred, target, out);
      const p = pred.data;
      const y = target.data;
      const g = o.data;
      const s = 1 / (pred.rows * pred.cols);
      for (let i = 0; i < g.length; i++) g[i] = s * Math.sign(p[i]! - y[i]!);
      return o;
    },
    toConfig: () => ({ name: 'meanAbsoluteError' }),
  };
}
