import { type Matrix, opt, readOptions } from '@backprop/linalg';
import { type Activation, backwardOut, checkRowVector, forwardOut } from './activation';

/**
 * Leaky ReLU, element-wise: g(z) = z for z > 0, α·z otherwise; g'(z) = 1 for z > 0, else α.
 * Default α = 0.01 (the common choice; the course slides use 0.1: `leakyRelu({ alpha: 0.1 })`).
 */
export function leakyRelu(config?: { alpha?: number }): Activation {
  const { alpha } = readOptions('leakyRelu', config, { alpha: opt.nonNegative(0.01) });
  return {
    name: 'leakyRelu',
    forward(z: Matrix, out?: Matrix): Matrix {
      const o = forwardOut('leakyRelu', z, out);
      const x = z.data;
      const y = o.data;
      for (let i = 0; i < y.length; i++) y[i] = x[i]! > 0 ? x[i]! : alpha * x[i]!;
      return o;
    },
    backward(z: Matrix, a: Matrix, gradA: Matrix, out?: Matrix): Matrix {
      const o = backwardOut('leakyRelu', z, a, gradA, out);
      const x = z.data;
      const g = gradA.data;
      const y = o.data;
      for (let i = 0; i < y.length; i++) y[i] = x[i]! > 0 ? g[i]! : alpha * g[i]!;
      return o;
    },
    forwardBias(z: Matrix, bias: Matrix, out?: Matrix): Matrix {
      checkRowVector('leakyRelu.forwardBias', 'bias', z, bias);
      const o = forwardOut('leakyRelu', z, out);
      const x = z.data;
      const b = bias.data;
      const y = o.data;
      const n = z.cols;
      for (let base = 0; base < x.length; base += n)
        for (let j = 0; j < n; j++) {
          x[base + j] = x[base + j]! + b[j]!;
          const v = x[base + j]!;
          y[base + j] = v > 0 ? v : alpha * v;
        }
      return o;
    },
    backwardBias(z: Matrix, a: Matrix, gradA: Matrix, out: Matrix, biasGrad: Matrix): Matrix {
      const o = backwardOut('leakyRelu', z, a, gradA, out);
      checkRowVector('leakyRelu.backwardBias', 'biasGrad', z, biasGrad);
      const x = z.data;
      const g = gradA.data;
      const y = o.data;
      const s = biasGrad.data;
      const n = z.cols;
      s.fill(0);
      for (let base = 0; base < x.length; base += n)
        for (let j = 0; j < n; j++) {
          y[base + j] = x[base + j]! > 0 ? g[base + j]! : alpha * g[base + j]!;
          s[j]! += y[base + j]!;
        }
      return o;
    },
    toConfig: () => ({ name: 'leakyRelu', config: { alpha } }),
  };
}
