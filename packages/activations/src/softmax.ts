import { FUSION, type Matrix } from '@backprop/linalg';
import { type Activation, backwardOut, forwardOut } from './activation';

/**
 * Softmax over each row: aᵢ = e^(zᵢ − max z) / Σⱼ e^(zⱼ − max z).
 * Subtracting the row maximum keeps every exponent ≤ 0, so rows with entries of ±1e4 give
 * finite probabilities that sum to 1.
 *
 * Backward is the exact vector-Jacobian product of the full Jacobian ∂aᵢ/∂zⱼ = aᵢ(δᵢⱼ − aⱼ):
 * (∂L/∂z)ᵢ = aᵢ · (gᵢ − Σⱼ gⱼaⱼ) with g = ∂L/∂a. (With categorical cross-entropy the model uses
 * the fused gradient A − Y instead.)
 */
export const softmax: Activation = {
  name: 'softmax',
  /** Categorical cross-entropy fuses with this output (exact gradient A − Y, value by log-sum-exp). */
  [FUSION]: 'softmax',
  forward(z: Matrix, out?: Matrix): Matrix {
    const o = forwardOut('softmax', z, out);
    const n = z.cols;
    const x = z.data;
    const y = o.data;
    for (let r = 0; r < z.rows; r++) {
      const base = r * n;
      let max = Number.NEGATIVE_INFINITY;
      for (let j = 0; j < n; j++) if (x[base + j]! > max) max = x[base + j]!;
      let sum = 0;
      for (let j = 0; j < n; j++) {
        const e = Math.exp(x[base + j]! - max);
        y[base + j] = e;
        sum += e;
      }
      const inv = 1 / sum;
      for (let j = 0; j < n; j++) y[base + j]! *= inv;
    }
    return o;
  },
  backward(z: Matrix, a: Matrix, gradA: Matrix, out?: Matrix): Matrix {
    const o = backwardOut('softmax', z, a, gradA, out);
    const n = z.cols;
    const p = a.data;
    const g = gradA.data;
    const y = o.data;
    for (let r = 0; r < z.rows; r++) {
      const base = r * n;
      let dot = 0;
      for (let j = 0; j < n; j++) dot += g[base + j]! * p[base + j]!;
      for (let j = 0; j < n; j++) y[base + j] = p[base + j]! * (g[base + j]! - dot);
    }
    return o;
  },
  toConfig: () => ({ name: 'softmax' }),
};
