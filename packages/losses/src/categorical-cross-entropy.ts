import { type Matrix, opt, readOptions } from '@backprop/linalg';
import { checkPair, checkProbabilities, gradientOut, type Loss } from './loss';
import { type Reduction, reductionDivisor, reductionOption } from './reduction';

/**
 * Categorical cross-entropy for K classes with one-hot (or probability) targets, averaged over
 * the m samples:
 *   J = −1/m Σᵢ Σₖ yᵢₖ log ŷᵢₖ          ∂J/∂ŷ = −y / ŷ / m
 * With a softmax output, ∂J/∂Z = (A·(Σₖ yₖ) − Y)/m per row, which is (A − Y)/m for one-hot rows
 * (`fusedGradient`), and the value is computed from the logits Z by log-sum-exp (`fusedValue`):
 * J = 1/m Σᵢ Σₖ yᵢₖ (LSE(zᵢ) − zᵢₖ), exact however confident the output (logits [0, 100] with
 * y = [1, 0] cost 100, not −log ε ≈ 34.5).
 *
 * Logs never see 0: log(max(ŷ, ε)) with ε = `epsilon` (default 1e-15); terms with y = 0 are
 * skipped, so a confident wrong class costs −log ε ≈ 34.5, not Infinity. `reduction` (default
 * 'mean') scales the sum over the samples: 'sum', 'halfSum' or 'halfMean' (see Reduction).
 */
export function categoricalCrossEntropy(config?: {
  epsilon?: number;
  reduction?: Reduction;
}): Loss {
  const { epsilon, reduction } = readOptions('categoricalCrossEntropy', config, {
    epsilon: opt.halfOpen(1e-15, 0, 0.5),
    reduction: reductionOption(),
  });
  return {
    name: 'categoricalCrossEntropy',
    value(pred: Matrix, target: Matrix): number {
      checkPair('categoricalCrossEntropy', pred, target);
      checkProbabilities('categoricalCrossEntropy', 'pred', pred);
      checkProbabilities('categoricalCrossEntropy', 'target', target);
      const p = pred.data;
      const y = target.data;
      let sum = 0;
      for (let i = 0; i < p.length; i++)
        if (y[i] !== 0) sum += y[i]! * Math.log(Math.max(p[i]!, epsilon));
      return -sum / reductionDivisor(reduction, pred.rows);
    },
    gradient(pred: Matrix, target: Matrix, out?: Matrix): Matrix {
      const o = gradientOut('categoricalCrossEntropy', pred, target, out);
      const p = pred.data;
      const y = target.data;
      const g = o.data;
      const d = reductionDivisor(reduction, pred.rows);
      for (let i = 0; i < g.length; i++)
        g[i] = y[i] === 0 ? 0 : -y[i]! / (Math.max(p[i]!, epsilon) * d);
      return o;
    },
    fusesWith: 'softmax',
    fusedValue(logits: Matrix, target: Matrix): number {
      checkPair('categoricalCrossEntropy.fusedValue', logits, target);
      checkProbabilities('categoricalCrossEntropy', 'target', target);
      const z = logits.data;
      const y = target.data;
      const k = logits.cols;
      let sum = 0;
      for (let r = 0; r < logits.rows; r++) {
        const base = r * k;
        let max = Number.NEGATIVE_INFINITY;
        for (let j = 0; j < k; j++) if (z[base + j]! > max) max = z[base + j]!;
        let exps = 0;
        for (let j = 0; j < k; j++) exps += Math.exp(z[base + j]! - max);
        const lse = max + Math.log(exps);
        for (let j = 0; j < k; j++)
          if (y[base + j] !== 0) sum += y[base + j]! * (lse - z[base + j]!);
      }
      return sum / reductionDivisor(reduction, logits.rows);
    },
    fusedGradient(pred: Matrix, target: Matrix, out?: Matrix): Matrix {
      const o = gradientOut('categoricalCrossEntropy.fusedGradient', pred, target, out);
      const p = pred.data;
      const y = target.data;
      const g = o.data;
      const k = pred.cols;
      const inv = 1 / reductionDivisor(reduction, pred.rows);
      for (let r = 0; r < pred.rows; r++) {
        const base = r * k;
        let total = 0;
        for (let j = 0; j < k; j++) total += y[base + j]!;
        for (let j = 0; j < k; j++) g[base + j] = (p[base + j]! * total - y[base + j]!) * inv;
      }
      return o;
    },
    toConfig: () => ({ name: 'categoricalCrossEntropy', config: { epsilon, reduction } }),
  };
}
