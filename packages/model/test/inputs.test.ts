import { moons } from '@backprop/data';
import { Matrix, Rng } from '@backprop/linalg';
import { describe, expect, it } from 'vitest';
import { dense, evaluate, fit, predict, sequential } from '../src/index';

const { X, y } = moons(60, 0.1, new Rng(3));
const rows = X.toArray();
const net = (outputs: number) =>
  sequential(
    2,
    [
      dense({ units: 6, activation: 'tanh' }),
      dense({ units: outputs, activation: outputs === 1 ? 'sigmoid' : 'softmax' }),
    ],
    {
      seed: 1,
    },
  );
const weights = (m: ReturnType<typeof net>) => m.params().map((p) => Array.from(p.value.data));

describe('fit, predict and evaluate take what users have', () => {
  it('number[][] and { data, shape } train exactly as the Matrix does', () => {
    const reference = net(1);
    fit(reference, X, new Matrix(60, 1, Float64Array.from(y)), { epochs: 3 });
    const nested = net(1);
    fit(nested, rows, Array.from(y), { epochs: 3 });
    const shaped = net(1);
    fit(shaped, { data: Float32Array.from(X.data), shape: [60, 2] }, y, { epochs: 3 });
    expect(weights(nested)).toEqual(weights(reference));
    // float32 inputs round their values, so only closeness is expected there (2e-7 relative, f32 ulp).
    weights(shaped)
      .flat()
      .forEach((v, i) => {
        expect(Math.abs(v - weights(reference).flat()[i]!)).toBeLessThan(1e-5);
      });
    expect(Array.from(predict(nested, rows).data)).toEqual(Array.from(predict(reference, X).data));
  });

  it('class indices become one-hot rows for a softmax output (sparse labels, as in Keras)', () => {
    const a = net(2);
    const b = net(2);
    const onehot = new Matrix(60, 2);
    y.forEach((k, i) => {
      onehot.data[i * 2 + k] = 1;
    });
    fit(a, X, onehot, { epochs: 2, loss: 'categorical_crossentropy' });
    fit(b, X, y, { epochs: 2, loss: 'sparse_categorical_crossentropy' });
    expect(weights(b)).toEqual(weights(a));
    expect(evaluate(b, rows, y).accuracy).toBe(evaluate(a, X, onehot).accuracy);
  });

  it('bad shapes and labels are typed errors naming the argument', () => {
    expect(() => fit(net(2), X, [0, 1, 2])).toThrow(
      /^fit: Y\[2\] is 2, not a class index 0\.\.1 \(the model has 2 outputs\)$/,
    );
    expect(() => predict(net(1), [[1, 2], [3]])).toThrow(
      /^predict: X: row 1 has 1 entries but row 0 has 2 \(ragged rows\)$/,
    );
    expect(() => predict(net(1), { data: [1, 2, 3], shape: [2, 2] })).toThrow(
      /^predict: X\.data has 3 values but shape \[2, 2\] needs 4$/,
    );
    expect(() => predict(net(1), 'abc' as never)).toThrow(
      /^predict: X must be a Matrix, number\[\]\[\] or \{ data, shape: \[rows, cols\] \}$/,
    );
  });
});
