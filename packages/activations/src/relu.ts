import type { Matrix } from '@backprop/linalg';
import { type Activation, backwardOut, forwardOut } from './activation';

/**
 * Rectified linear unit, element-wise: relu(z) = max(0, z); relu'(z) = 1 for z > 0, else 0
 * (the subgradient 0 is used at the kink z = 0).
 */
export const relu: Activation = {
  name: 'relu',
  forward(z: Matrix, out?: Matrix): Matrix {
    const o = forwardOut('relu', z, out);
    const x = z.data;
    const y = o.data;
    for (let i = 0; i < y.length; i++) y[i] = Math.max(x[i]!, 0);
    return o;
  },
  backward(z: Matrix, a: Matrix, gradA: Matrix, out?: Matrix): Matrix {
    const o = backwardOut('relu', z, a, gradA, out);
    const x = z.data;
    const g = gradA.data;
    const y = o.data;
    for (let i = 0; i < y.length; i++) y[i] = x[i]! > 0 ? g[i]! : 0;
    return o;
  },
  toConfig: () => ({ name: 'relu' }),
};
