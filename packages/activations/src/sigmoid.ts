import { FUSION, type Matrix } from '@backprop/linalg';
import { type Activation, backwardOut, forwardOut } from './activation';

/**
 * Logistic sigmoid, element-wise: σ(z) = 1 / (1 + e^−z); σ'(z) = σ(z)(1 − σ(z)).
 *
 * Computed without overflow: for z ≥ 0 as 1 / (1 + e^−z), for z < 0 as e^z / (1 + e^z), so
 * e^x never sees a large positive x and σ(±1000) is exactly 1 and 0. The derivative is computed
 * from z as e/(1 + e)² with e = e^−|z| — the same value as σ(1 − σ) but without the cancellation
 * in 1 − σ that costs a(1 − a) most of its digits in the upper tail (z = 30: 1e-3 relative).
 */
export const sigmoid: Activation = {
  name: 'sigmoid',
  /** Binary cross-entropy fuses with this output (exact gradient A − Y, value from the logits). */
  [FUSION]: 'logistic',
  forward(z: Matrix, out?: Matrix): Matrix {
    const o = forwardOut('sigmoid', z, out);
    const x = z.data;
    const y = o.data;
    for (let i = 0; i < y.length; i++) y[i] = sigmoidScalar(x[i]!);
    return o;
  },
  backward(z: Matrix, a: Matrix, gradA: Matrix, out?: Matrix): Matrix {
    const o = backwardOut('sigmoid', z, a, gradA, out);
    const x = z.data;
    const g = gradA.data;
    const y = o.data;
    for (let i = 0; i < y.length; i++) {
      const e = Math.exp(-Math.abs(x[i]!));
      const d = 1 + e;
      y[i] = (g[i]! * e) / (d * d);
    }
    return o;
  },
  toConfig: () => ({ name: 'sigmoid' }),
};

/** σ(x) for one number, overflow-free. */
export function sigmoidScalar(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}
