import { fromArray, Matrix, sum } from '@backprop/linalg';
import { expectClose } from '@backprop/linalg/testing';
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

// Reference values: numpy/scipy, scripts/reference.py. Both sides compute in float64 with
// correctly-rounded-or-1-ulp exp/log/tanh from different libms, then one or two more roundings:
// rtol 2e-15 (≈9 ulp) with atol 1e-300 (for subnormal results) covers that and nothing more.
const TOL = { rtol: 2e-15, atol: 1e-300 };
const z = new Matrix(1, reference.z.length, Float64Array.from(reference.z));

const cases: [string, Activation][] = [
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
];

describe('forward passes equal numpy/scipy at z in [-1000, 1000]', () => {
  it.each(cases)('%s', (key, activation) => {
    const expected = reference.forward[key as keyof typeof reference.forward];
    expectClose(activation.forward(z), expected, { ...TOL, message: key });
  });

  it('softmax rows, including entries of ±1e4', () => {
    const a = softmax.forward(fromArray(reference.softmax.z));
    expectClose(a, reference.softmax.a, TOL);
  });
});

describe('numerical stability', () => {
  it('sigmoid(±1000) and tanh(±1000) are finite and exact', () => {
    const extremes = fromArray([[-1000, 1000]]);
    expect(Array.from(sigmoid.forward(extremes).data)).toEqual([0, 1]);
    expect(Array.from(tanh.forward(extremes).data)).toEqual([-1, 1]);
    expect(Array.from(softplus.forward(extremes).data)).toEqual([0, 1000]);
  });

  it('softmax of rows with entries up to ±1e4 sums to 1 within 1e-12 and never gives NaN', () => {
    const rows = [
      [1e4, -1e4, 0, 5e3],
      [-1e4, -1e4, -1e4, -1e4],
      [1e4, 1e4, 1e4, 1e4],
      [9999.5, 1e4, -3, 1e-9],
    ];
    const a = softmax.forward(fromArray(rows));
    expect(a.data.every((v) => Number.isFinite(v) && v >= 0 && v <= 1)).toBe(true);
    for (let r = 0; r < rows.length; r++)
      expect(Math.abs(sum(new Matrix(1, 4, a.row(r).slice())) - 1)).toBeLessThan(1e-12);
  });

  it('NaN propagates (a diverging network must not be hidden)', () => {
    const nan = fromArray([[Number.NaN]]);
    for (const a of [sigmoid, tanh, relu, leakyRelu(), elu(), softplus, gelu, linear]) {
      expect(a.forward(nan).data[0], a.name).toBeNaN();
    }
  });

  it('forward may write into its own input', () => {
    const m = fromArray([[-1, 0, 2]]);
    expect(relu.forward(m, m)).toBe(m);
    expect(Array.from(m.data)).toEqual([0, 0, 2]);
  });

  it('checks shapes and names the activation', () => {
    expect(() => sigmoid.forward(fromArray([[1, 2]]), new Matrix(2, 1))).toThrow(
      /^sigmoid.forward: out is 2x1 but the result is 1x2$/,
    );
    expect(() => tanh.backward(new Matrix(1, 2), new Matrix(1, 2), new Matrix(2, 1))).toThrow(
      /^tanh.backward: z is 1x2 but gradA is 2x1 \(shapes must be equal\)$/,
    );
  });
});
