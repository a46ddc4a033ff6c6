import type { Matrix } from '@backprop/linalg';
import { type Activation, backwardOut, forwardOut } from './activation';

/**
 * Hyperbolic tangent, element-wise: tanh(z); tanh'(z) = 1 − tanh²(z). tanh(±1000) = ±1.
 * The derivative is computed from z as 4e/(1 + e)² with e = e^−2|z| (= 1/cosh² z), which keeps
 * full precision in the tails where 1 − a² cancels (it is exactly 0 for |z| ≥ 19.1).
 */
export const tanh: Activation = {
  name: 'tanh',
  forward(z: Matrix, out?: Matrix): Matrix {
    const o = forwardOut('tanh', z, out);
    const x = z.data;
    const y = o.data;
    for (let i = 0; i < y.length; i++) y[i] = Math.tanh(x[i]!);
    return o;
  },
  backward(z: Matrix, a: Matrix, gradA: Matrix, out?: Matrix): Matrix {
    const o = backwardOut('tanh', z, a, gradA, out);
    const x = z.data;
    const g = gradA.data;
    const y = o.data;
    for (let i = 0; i < y.length; i++) {
      const e = Math.exp(-2 * Math.abs(x[i]!));
      const d = 1 + e;
      y[i] = (4 * g[i]! * e) / (d * d);
    }
    return o;
  },
  toConfig: () => ({ name: 'tanh' }),
};
