import type { Matrix } from '@backprop/linalg';
import { type Activation, backwardOut, forwardOut } from './activation';
import { sigmoidScalar } from './sigmoid';

/**
 * Softplus, element-wise: g(z) = ln(1 + e^z), computed as max(z, 0) + ln(1 + e^−|z|) so it never
 * overflows; g'(z) = σ(z).
 */
export const softplus: Activation = {
  name: 'softplus',
  forward(z: Matrix, out?: Matrix): Matrix {
    const o = forwardOut('softplus', z, out);
    const x = z.data;
    const y = o.data;
    for (let i = 0; i < y.length; i++) {
      const v = x[i]!;
      y[i] = Math.max(v, 0) + Math.log1p(Math.exp(-Math.abs(v)));
    }
    return o;
  },
  backward(z: Matrix, a: Matrix, gradA: Matrix, out?: Matrix): Matrix {
    const o = backwardOut('softplus', z, a, gradA, out);
    const x = z.data;
    const g = gradA.data;
    const y = o.data;
    for (let i = 0; i < y.length; i++) y[i] = g[i]! * sigmoidScalar(x[i]!);
    return o;
  },
  toConfig: () => ({ name: 'softplus' }),
};
