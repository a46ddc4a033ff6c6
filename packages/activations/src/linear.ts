import type { Matrix } from '@backprop/linalg';
import { type Activation, backwardOut, forwardOut } from './activation';

/** Identity (no activation), for regression outputs: g(z) = z; g'(z) = 1. */
export const linear: Activation = {
  name: 'linear',
  forward(z: Matrix, out?: Matrix): Matrix {
    const o = forwardOut('linear', z, out);
    if (o !== z) o.data.set(z.data);
    return o;
  },
  backward(z: Matrix, a: Matrix, gradA: Matrix, out?: Matrix): Matrix {
    const o = backwardOut('linear', z, a, gradA, out);
    if (o !== gradA) o.data.set(gradA.data);
    return o;
  },
  toConfig: () => ({ name: 'linear' }),
};
