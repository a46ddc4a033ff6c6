import { type Matrix, opt, readOptions } from '@backprop/linalg';
import { checkPair, checkProbabilities, gradientOut, type Loss } from './loss';
import { type Reduction, reductionDivisor, reductionOption } from './reduction';

/**
 * Binary cross-entropy — the course's logistic cost, summed over the K outputs and averaged over
 * the m samples:
 *   J = −1/m Σᵢ Σₖ [ yᵢₖ log ŷᵢₖ + (1 − yᵢₖ) log(1 − ŷᵢₖ) ]
 *   ∂J/∂ŷ = (ŷ − y) / (ŷ(1 − ŷ)) / m
 * With a sigmoid output, ∂J/∂Z = (A − Y)/m exactly (`fusedGradient`), and the value is computed
 * from the logits Z (`fusedValue`): per entry max(z, 0) − z·y + log(1 + e^−|z|), exact for any z,
 * so a confidently wrong output costs what it should (z = 100, y = 0: 100) instead of −log ε.
 *
 * Logs never see 0: log(max(ŷ, ε)) and log(max(1 − ŷ, ε)) with ε = `epsilon` (default 1e-15,
 * ≈ 4.5 ulp of 1 − ε), so for predictions inside (ε, 1 − ε) the value is exactly the formula's.
 * Predictions and targets must lie in [0, 1]. `reduction` (default 'mean') scales the sum over
 * the samples: 'sum', 'halfSum' or 'halfMean' instead of the mean (see Reduction).
 */
export function binaryCrossEntropy(config?: { epsilon?: number; reduction?: Reduction }): Loss {
  const { epsilon, reduction } = readOptions('binaryCrossEntropy', config, {
    epsilon: opt.halfOpen(1e-15, 0, 0.5),
    reduction: reductionOption(),
  });
  const lo = epsilon;
  const hi = 1 - epsilon;
  return {
    name: 'binaryCrossEntropy',
    value(pred: Matrix, target: Matrix): number {
      checkPair('binaryCrossEntropy', pred, target);
      checkProbabilities('binaryCrossEntropy', 'pred', pred);
      checkProbabilities('binaryCrossEntropy', 'target', target);
      const p = pred.data;
      const y = target.data;
      let sum = 0;
      for (let i = 0; i < p.length; i++) {
        const yi = y[i]!;
        const pi = p[i]!;
        if (yi !== 0) sum += yi * Math.log(Math.max(pi, lo));
        if (yi !== 1) sum += (1 - yi) * Math.log(Math.max(1 - pi, lo));
      }
      return -sum / reductionDivisor(reduction, pred.rows);
    },
    gradient(pred: Matrix, target: Matrix, out?: Matrix): Matrix {
      const o = gradientOut('binaryCrossEntropy', pred, target, out);
      const p = pred.data;
      const y = target.data;
      const g = o.data;
      const d = reductionDivisor(reduction, pred.rows);
      for (let i = 0; i < g.length; i++) {
        const pi = Math.min(Math.max(p[i]!, lo), hi);
        g[i] = (pi - y[i]!) / (pi * (1 - pi) * d);
      }
      return o;
    },
    fusesWith: 'logistic',
    fusedValue(logits: Matrix, target: Matrix): number {
      checkPair('binaryCrossEntropy.fusedValue', logits, target);
      checkProbabilities('binaryCrossEntropy', 'target', target);
      const z = logits.data;
      const y = target.data;
      let sum = 0;
      for (let i = 0; i < z.length; i++) {
        const zi = z[i]!;
        sum += Math.max(zi, 0) - zi * y[i]! + Math.log1p(Math.exp(-Math.abs(zi)));
      }
      return sum / reductionDivisor(reduction, logits.rows);
    },
    fusedGradient(pred: Matrix, target: Matrix, out?: Matrix): Matrix {
      const o = gradientOut('binaryCrossEntropy.fusedGradient', pred, target, out);
      const p = pred.data;
      const y = target.data;
      const g = o.data;
      const inv = 1 / reductionDivisor(reduction, pred.rows);
      for (let i = 0; i < g.length; i++) g[i] = (p[i]! - y[i]!) * inv;
      return o;
    },
    toConfig: () => ({ name: 'binaryCrossEntropy', config: { epsilon, reduction } }),
  };
}
