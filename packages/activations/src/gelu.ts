import type { Matrix } from '@backprop/linalg';
import { type Activation, backwardOut, forwardOut } from './activation';
import { sigmoidScalar } from './sigmoid';

const C = Math.sqrt(2 / Math.PI);
const K = 0.044715;

/**
 * GELU, tanh approximation (Hendrycks & Gimpel 2016; the form GPT-2 and BERT use), element-wise:
 * g(z) = ½z(1 + tanh u), u = √(2/π)(z + 0.044715z³).
 * Computed as g(z) = z·σ(2u) — the same function, since ½(1 + tanh u) = σ(2u) — which avoids the
 * cancellation in 1 + tanh u for negative z. Derivative, with s = σ(2u):
 * g'(z) = s + z·2s(1 − s)·√(2/π)(1 + 3·0.044715z²) (exact for this approximation, which differs
 * from the erf-based GELU by < 1e-3).
 */
export const gelu: Activation = {
  name: 'gelu',
  forward(z: Matrix, out?: Matrix): Matrix {
    const o = forwardOut('gelu', z, out);
    const x = z.data;
    const y = o.data;
    for (let i = 0; i < y.length; i++) {
      const v = x[i]!;
      y[i] = v * sigmoidScalar(2 * C * (v + K * v * v * v));
    }
    return o;
  },
  backward(z: Matrix, a: Matrix, gradA: Matrix, out?: Matrix): Matrix {
    const o = backwardOut('gelu', z, a, gradA, out);
    const x = z.data;
    const g = gradA.data;
    const y = o.data;
    for (let i = 0; i < y.length; i++) {
      const v = x[i]!;
      const s = sigmoidScalar(2 * C * (v + K * v * v * v));
      y[i] = g[i]! * (s + v * 2 * s * (1 - s) * C * (1 + 3 * K * v * v));
    }
    return o;
  },
  toConfig: () => ({ name: 'gelu' }),
};
