import { dot, fromArray, Matrix, Rng, randn } from '@backprop/linalg';
import { expectClose, numericalGradient, relativeError } from '@backprop/linalg/testing';
import { describe, expect, it } from 'vitest';
import {
  type Activation,
  elu,
  gelu,
  leakyRelu,
  linear,
  relu,
  sigmoid,
  softmax,
  softplus,
  tanh,
} from '../src/index';
import reference from './fixtures/reference.json';

/**
 * Two independent oracles for every backward:
 *
 * 1. Central differences of the forward pass (ε = 1e-5), relative error < 1e-7 — the package's
 *    bound. A correct derivative lands near 1e-11..1e-8 here: truncation ε²|g'''|/6 ≈ 1e-11,
 *    rounding ulp(g(z))/(2ε·|g'(z)|). That rounding term is why each activation lists its own
 *    points: where g saturates toward a non-zero constant (σ → 1, tanh → ±1, ELU → −α) float64
 *    cannot represent g(z ± ε) finely enough to resolve g'(z) — at z = 30, σ(z ± ε) differ by
 *    2e-18 while their ulp is 1.1e-16 — so no finite-difference check can work there. The lists
 *    keep every point where ulp(g)/(2ε|g'|) < 1e-8, steep and flat ones alike (σ at −30, where
 *    g' ≈ 1e-13 but g itself is tiny, is included).
 * 2. The analytic derivative at every point of [−1000, 1000], tails included, against numpy in
 *    extended precision (scripts/reference.py).
 */
const ALL_SMOOTH = [-30, -8, -5, -3, -1, -0.3, -1e-3, 0, 1e-3, 0.3, 1, 3, 5, 8, 30];
const points: [string, Activation, number[]][] = [
  ['sigmoid', sigmoid, [-30, -8, -5, -3, -1, -0.3, -1e-3, 0, 1e-3, 0.3, 1, 3, 5, 8]],
  ['tanh', tanh, [-5, -3, -1, -0.3, -1e-3, 0, 1e-3, 0.3, 1, 3, 5]],
  ['softplus', softplus, ALL_SMOOTH],
  ['gelu', gelu, ALL_SMOOTH],
  ['linear', linear, ALL_SMOOTH],
  // The ReLU family away from its kink at 0 (within ε of it central differences straddle the
  // corner). ELU with α = 1 has a continuous g' but a jump in g'' at 0, so its central difference
  // there is 1 − ε/4 (2.5e-6 off): 0 is excluded for it too.
  ['elu α=1', elu(), [-8, -5, -3, -1, -0.3, -1e-3, 1e-3, 0.3, 1, 3, 5, 8, 30]],
  ['relu', relu, ALL_SMOOTH.filter((z) => z !== 0)],
  ['leakyRelu α=0.01', leakyRelu(), ALL_SMOOTH.filter((z) => z !== 0)],
  ['leakyRelu α=0.1', leakyRelu({ alpha: 0.1 }), ALL_SMOOTH.filter((z) => z !== 0)],
  ['elu α=0.5', elu({ alpha: 0.5 }), [-8, -5, -3, -1, -0.3, -1e-3, 1e-3, 0.3, 1, 3, 5, 8, 30]],
];

/** max over the rows of z of relativeError(backward, central differences of that row). */
function gradcheck(activation: Activation, z: Matrix): number {
  const gradA = randn(z.rows, z.cols, new Rng(17));
  const analytic = activation.backward(z, activation.forward(z), gradA);
  let worst = 0;
  for (let r = 0; r < z.rows; r++) {
    const g = new Matrix(1, z.cols, gradA.row(r).slice());
    const loss = (data: Float64Array) => dot(activation.forward(new Matrix(1, z.cols, data)), g);
    const numeric = numericalGradient(loss, z.row(r).slice(), { epsilon: 1e-5 });
    worst = Math.max(worst, relativeError(analytic.row(r), numeric));
  }
  return worst;
}

/** Each point as its own 1x1 row, so a tiny derivative is not lost in a sum of O(1) terms. */
const column = (values: number[]) => new Matrix(values.length, 1, Float64Array.from(values));

describe('backward equals central differences of forward (relative error < 1e-7)', () => {
  it.each(points)('%s', (_, activation, zs) => {
    expect(gradcheck(activation, column(zs))).toBeLessThan(1e-7);
  });

  it('softmax: the full Jacobian, row by row (relative error of each row gradient)', () => {
    const rows = fromArray([
      [0.1, -0.4, 2.0, 0.7],
      [-3, 5, 1, -1],
      [20, 19.5, -20, 0],
      [0, 0, 0, 0],
    ]);
    expect(gradcheck(softmax, rows)).toBeLessThan(1e-7);
  });

  it('a wrong derivative fails the same check (the check can fail)', () => {
    const wrong: Activation = {
      ...sigmoid,
      backward: (z, a, g, out) => tanh.backward(z, a, g, out),
    };
    expect(gradcheck(wrong, column([-1, 0.5, 2]))).toBeGreaterThan(0.1);
  });
});

describe('backward equals the analytic derivative from numpy at every point, tails included', () => {
  const z = new Matrix(1, reference.z.length, Float64Array.from(reference.z));
  const ones = new Matrix(1, z.cols, new Float64Array(z.cols).fill(1));
  it.each<[string, Activation]>([
    ['sigmoid', sigmoid],
    ['tanh', tanh],
    ['relu', relu],
    ['leakyRelu_0.01', leakyRelu()],
    ['leakyRelu_0.1', leakyRelu({ alpha: 0.1 })],
    ['elu_1', elu()],
    ['elu_0.5', elu({ alpha: 0.5 })],
    ['softplus', softplus],
    ['gelu', gelu],
    ['linear', linear],
  ])('%s', (key, activation) => {
    const expected = reference.derivative[key as keyof typeof reference.derivative];
    // One exp and a few roundings in float64 against a reference rounded once from 64-bit-mantissa
    // arithmetic: within 1e-14 relative (≈45 ulp) everywhere, subnormals aside.
    expectClose(activation.backward(z, activation.forward(z), ones), expected, {
      rtol: 1e-14,
      atol: 1e-300,
      message: key,
    });
  });
});
