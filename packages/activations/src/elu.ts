import { type Matrix, opt, readOptions } from '@backprop/linalg';
import { type Activation, backwardOut, forwardOut } from './activation';

/**
 * Exponential linear unit (Clevert et al. 2015), element-wise:
 * g(z) = z for z > 0, α(e^z − 1) otherwise; g'(z) = 1 for z > 0, α·e^z = g(z) + α otherwise.
 * Uses expm1 so small negative z keep full precision. Default α = 1.
 */
export function elu(config?: { alpha?: number }): Activation {
  const { alpha } = readOptions('elu', config, { alpha: opt.nonNegative(1) });
  return {
    name: 'elu',
    forward(z: Matrix, out?: Matrix): Matrix {
      const o = forwardOut('elu', z, out);
      const x = z.data;
      const y = o.data;
      for (let i = 0; i < y.length; i++) y[i] = x[i]! > 0 ? x[i]! : alpha * Math.expm1(x[i]!);
      return o;
    },
    backward(z: Matrix, a: Matrix, gradA: Matrix, out?: Matrix): Matrix {
      const o = backwardOut('elu', z, a, gradA, out);
      const x = z.data;
      const g = gradA.data;
      const y = o.data;
      for (let i = 0; i < y.length; i++) y[i] = x[i]! > 0 ? g[i]! : g[i]! * alpha * Math.exp(x[i]!);
      return o;
    },
    toConfig: () => ({ name: 'elu', config: { alpha } }),
  };
}
