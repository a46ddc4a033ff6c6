import type { Activation, ActivationName } from '@backprop/activations';
import { sigmoid } from '@backprop/activations';
import { oneHot } from '@backprop/data';
import { Matrix, Rng, randn, scale } from '@backprop/linalg';
import type { LossName } from '@backprop/losses';
import { describe, expect, it } from 'vitest';
import { dense, dropout, gradientCheck, type LayerSpec, sequential } from '../src/index';

/**
 * Backpropagation against central differences (ε = 1e-5) over every parameter, for two- and
 * four-layer networks with every output head and penalty. The tensor relative error ‖analytic − numeric‖/max(‖·‖) of a correct gradient
 * is ~1e-10 here (truncation ε² and rounding 1e-16/ε both ≈ 1e-10 relative); 1e-7 is the bound.
 */
const rng = new Rng(11);
const m = 6;
const X = randn(m, 4, rng);
const binary = new Matrix(
  m,
  2,
  Float64Array.from({ length: m * 2 }, (_, i) => ((i * 7) % 3 === 0 ? 1 : 0)),
);
const classes = oneHot([0, 1, 2, 1, 0, 2], 3);
const regression = randn(m, 2, rng);

const nets: Record<string, (out: number, outAct: ActivationName) => LayerSpec[]> = {
  '2-layer sigmoid': (out, act) => [
    dense({ units: 5, activation: 'sigmoid' }),
    dense({ units: out, activation: act }),
  ],
  '2-layer tanh': (out, act) => [
    dense({ units: 5, activation: 'tanh' }),
    dense({ units: out, activation: act }),
  ],
  '4-layer tanh/sigmoid/tanh': (out, act) => [
    dense({ units: 5, activation: 'tanh' }),
    dense({ units: 4, activation: 'sigmoid' }),
    dense({ units: 3, activation: 'tanh' }),
    dense({ units: out, activation: act }),
  ],
};
const heads: [string, ActivationName, LossName, Matrix][] = [
  ['binary cross-entropy', 'sigmoid', 'binaryCrossEntropy', binary],
  ['categorical cross-entropy', 'softmax', 'categoricalCrossEntropy', classes],
  ['mean squared error', 'linear', 'meanSquaredError', regression],
  ['MSE through a sigmoid output (unfused)', 'sigmoid', 'meanSquaredError', binary],
];
const penalties: [string, object | null][] = [
  ['no penalty', null],
  ['L2', { name: 'l2', config: { lambda: 0.7 } }],
  ['L1', { name: 'l1', config: { lambda: 0.3 } }],
];

const cases = Object.entries(nets).flatMap(([net, layers]) =>
  heads.flatMap(([head, act, loss, Y]) =>
    penalties.map(
      ([pen, penalty]) => [`${net}, ${head}, ${pen}`, layers, act, loss, Y, penalty] as const,
    ),
  ),
);

describe('gradient check < 1e-7 relative error', () => {
  it.each(cases)('%s', (_, layers, act, loss, Y, penalty) => {
    const model = sequential(4, layers(Y.cols, act), { seed: 3 });
    const result = gradientCheck(model, X, Y, { loss, penalty: penalty as never });
    expect(result.maxRelativeError, JSON.stringify(result.worst[0])).toBeLessThan(1e-7);
    expect(
      result.tensors.every(
        (t) => t.checked === model.params()[result.tensors.indexOf(t)]!.value.data.length,
      ),
    ).toBe(true);
  });

  it('dropout layers are off in the check (inference mode)', () => {
    const model = sequential(
      4,
      [
        dense({ units: 6, activation: 'tanh' }),
        dropout(0.5),
        dense({ units: 3, activation: 'softmax' }),
      ],
      { seed: 1 },
    );
    expect(gradientCheck(model, X, classes).maxRelativeError).toBeLessThan(1e-7);
  });

  it('a wrong derivative is caught, and the worst entry is reported with its position', () => {
    const broken: Activation = {
      ...sigmoid,
      name: 'brokenSigmoid',
      backward: (z, a, g, out) => scale(sigmoid.backward(z, a, g, out), 2, out),
    };
    const model = sequential(
      4,
      [dense({ units: 5, activation: broken }), dense({ units: 1, activation: 'linear' })],
      { seed: 2 },
    );
    const result = gradientCheck(model, X, randn(m, 1, rng), { loss: 'meanSquaredError' });
    expect(result.maxRelativeError).toBeGreaterThan(0.1);
    expect(result.worst[0]).toMatchObject({ layer: 0, param: expect.stringMatching(/^[Wb]$/) });
    expect(result.tensors.map((t) => [t.layer, t.param])).toEqual([
      [0, 'W'],
      [0, 'b'],
      [1, 'W'],
      [1, 'b'],
    ]);
  });

  it('checks a seeded subset of large tensors', () => {
    const big = sequential(
      4,
      [dense({ units: 50, activation: 'tanh' }), dense({ units: 3, activation: 'softmax' })],
      { seed: 4 },
    );
    const result = gradientCheck(big, X, classes, { maxEntriesPerTensor: 20, seed: 1 });
    expect(result.tensors.map((t) => t.checked)).toEqual([20, 20, 20, 3]);
    expect(result.maxRelativeError).toBeLessThan(1e-7);
  });
});
