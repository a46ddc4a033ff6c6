import type { Matrix } from '@backprop/linalg';
import { type Activation, backwardOut, checkRowVector, forwardOut } from './activation';

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
  forwardBias(z: Matrix, bias: Matrix, out?: Matrix): Matrix {
    checkRowVector('relu.forwardBias', 'bias', z, bias);
    const o = forwardOut('relu', z, out);
    const x = z.data;
    const b = bias.data;
    const y = o.data;
    const n = z.cols;
    for (let i = 0; i < z.rows; i++) {
      const base = i * n;
      for (let j = 0; j < n; j++) {
        const v = x[base + j]! + b[j]!;
        x[base + j] = v;
        y[base + j] = Math.max(x[base + j]!, 0);
      }
    }
    return o;
  },
  backwardBias(z: Matrix, a: Matrix, gradA: Matrix, out: Matrix, biasGrad: Matrix): Matrix {
    const o = backwardOut('relu', z, a, gradA, out);
    checkRowVector('relu.backwardBias', 'biasGrad', z, biasGrad);
    const x = z.data;
    const g = gradA.data;
    const y = o.data;
    const s = biasGrad.data;
    const n = z.cols;
    s.fill(0);
    for (let i = 0; i < z.rows; i++) {
      const base = i * n;
      for (let j = 0; j < n; j++) {
        y[base + j] = x[base + j]! > 0 ? g[base + j]! : 0;
        s[j]! += y[base + j]!;
      }
    }
    return o;
  },
  toConfig: () => ({ name: 'relu' }),
};
