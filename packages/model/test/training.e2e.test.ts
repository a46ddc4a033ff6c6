import { iceCreamSales, moons, planar, trainTestSplit, xor } from '@backprop/data';
import { Matrix, Rng } from '@backprop/linalg';
import { describe, expect, it } from 'vitest';
import { dense, evaluate, fit, predict, sequential } from '../src/index';

const gd = (learningRate: number) => ({ name: 'sgd', config: { learningRate } }) as const;

/** Total upward movement of a curve: Σ max(0, yₜ − yₜ₋₁) — 0 for a monotone decrease. */
const upward = (ys: number[]) => ys.slice(1).reduce((s, y, t) => s + Math.max(0, y - ys[t]!), 0);

describe('XOR with the 2-5-1 sigmoid network', () => {
  const { X, Y } = xor();
  const net = () =>
    sequential(
      2,
      [dense({ units: 5, activation: 'sigmoid' }), dense({ units: 1, activation: 'sigmoid' })],
      { seed: 0 },
    );

  it('full-batch gradient descent, lr 1: all four outputs within 0.1 of their targets', () => {
    const model = net();
    const history = fit(model, X, Y, { optimizer: gd(1), batchSize: 'full', epochs: 2000 });
    const out = predict(model, X);
    for (let i = 0; i < 4; i++) expect(Math.abs(out.data[i]! - Y.data[i]!)).toBeLessThan(0.1);
    expect(history.epochs).toHaveLength(2000);
    // Full-batch GD with a small enough step decreases the loss at every epoch.
    expect(upward(history.epochs.map((e) => e.loss))).toBe(0);
  });

  it('SGD (batch 1) converges too, and its loss curve is the noisier one', () => {
    const model = net();
    const sgdHistory = fit(model, X, Y, { optimizer: gd(1), batchSize: 1, epochs: 2000, seed: 0 });
    const out = predict(model, X);
    for (let i = 0; i < 4; i++) expect(Math.abs(out.data[i]! - Y.data[i]!)).toBeLessThan(0.1);
    const gdHistory = fit(net(), X, Y, { optimizer: gd(1), batchSize: 'full', epochs: 2000 });
    const noise = (h: typeof sgdHistory) => upward(h.epochs.map((e) => e.loss));
    expect(noise(sgdHistory)).toBeGreaterThan(noise(gdHistory) + 0.01);
  });
});

describe('the course’s classification examples', () => {
  it('planar “flower” (400 points): 4 tanh units reach ≥ 88% where logistic regression stays below 60%', () => {
    const { X, Y } = planar(400, new Rng(1));
    const hidden = sequential(
      2,
      [dense({ units: 4, activation: 'tanh' }), dense({ units: 1, activation: 'sigmoid' })],
      { seed: 1 },
    );
    fit(hidden, X, Y, { optimizer: gd(1.2), batchSize: 'full', epochs: 5000 });
    const logistic = sequential(2, [dense({ units: 1, activation: 'sigmoid' })], { seed: 1 });
    fit(logistic, X, Y, { optimizer: gd(1.2), batchSize: 'full', epochs: 2000 });
    const a = evaluate(hidden, X, Y).accuracy!;
    const b = evaluate(logistic, X, Y).accuracy!;
    console.log(
      `planar: 4 tanh hidden units ${(100 * a).toFixed(1)}%, logistic regression ${(100 * b).toFixed(1)}%`,
    );
    expect(a).toBeGreaterThanOrEqual(0.88);
    expect(b).toBeLessThan(0.6);
  });

  it('moons (250 points, noise 0.25): 8 ReLU units with Adam reach ≥ 90% (the course reports 93.6%)', () => {
    const { X, Y } = moons(250, 0.25, new Rng(0));
    const split = trainTestSplit(X, Y, { testSize: 0.2, rng: new Rng(1) });
    const model = sequential(
      2,
      [
        dense({ units: 8, activation: 'relu', kernelInitializer: 'heNormal' }),
        dense({ units: 1, activation: 'sigmoid' }),
      ],
      { seed: 0 },
    );
    fit(model, split.XTrain, split.yTrain, {
      optimizer: { name: 'adam', config: { learningRate: 0.01 } },
      batchSize: 32,
      epochs: 300,
    });
    const train = evaluate(model, split.XTrain, split.yTrain).accuracy!;
    const test = evaluate(model, split.XTest, split.yTest).accuracy!;
    console.log(`moons: train ${(100 * train).toFixed(1)}%, held-out ${(100 * test).toFixed(1)}%`);
    expect(train).toBeGreaterThanOrEqual(0.9);
    expect(test).toBeGreaterThanOrEqual(0.9);
  });
});

describe('linear regression: temperature → ice-cream sales', () => {
  it('converges to the least-squares line of the normal equations within 1e-6', () => {
    const { X, Y } = iceCreamSales();
    // Normal equations for y = w·x + b:  [Σx² Σx; Σx m]·[w; b] = [Σxy; Σy], solved by Cramer's rule.
    const xs = Array.from(X.data);
    const ys = Array.from(Y.data);
    const n = xs.length;
    const sx = xs.reduce((s, v) => s + v, 0);
    const sy = ys.reduce((s, v) => s + v, 0);
    const sxx = xs.reduce((s, v) => s + v * v, 0);
    const sxy = xs.reduce((s, v, i) => s + v * ys[i]!, 0);
    const det = sxx * n - sx * sx;
    const w = (sxy * n - sx * sy) / det;
    const b = (sxx * sy - sx * sxy) / det;
    const model = sequential(1, [dense({ units: 1, activation: 'linear' })], { seed: 0 });
    const history = fit(model, X, Y, {
      loss: { name: 'meanSquaredError', config: { reduction: 'halfMean' } },
      optimizer: 'lbfgs',
      epochs: 200,
    });
    const layer = model.denseLayers[0]!;
    expect(Math.abs(layer.W.data[0]! - w)).toBeLessThan(1e-6);
    expect(Math.abs(layer.b.data[0]! - b)).toBeLessThan(1e-6);
    expect(history.stopReason).toBe('converged');
  });
});

describe('symmetry and determinism', () => {
  const { X, Y } = planar(100, new Rng(3));

  it('zero-initialised hidden units stay identical after training; epsilon-init breaks the symmetry', () => {
    const train = (init: string | object) => {
      const model = sequential(
        2,
        [
          dense({ units: 4, activation: 'tanh', kernelInitializer: init as never }),
          dense({ units: 1, activation: 'sigmoid', kernelInitializer: init as never }),
        ],
        { seed: 5 },
      );
      fit(model, X, Y, { optimizer: gd(0.5), batchSize: 'full', epochs: 200 });
      return model.denseLayers;
    };
    const [h, out] = train('zeros');
    // Each hidden unit j has column j of W1, entry j of b1 and row j of W2: all equal across units.
    for (let j = 1; j < 4; j++) {
      for (let i = 0; i < 2; i++) expect(h!.W.get(i, j)).toBe(h!.W.get(i, 0));
      expect(h!.b.data[j]).toBe(h!.b.data[0]);
      expect(out!.W.get(j, 0)).toBe(out!.W.get(0, 0));
    }
    const [h2] = train({ name: 'uniform', config: { epsilon: 0.12 } });
    expect(new Set(Array.from({ length: 4 }, (_, j) => h2!.W.get(0, j))).size).toBe(4);
  });

  it('the same seed and data give bit-identical weights; another seed does not', () => {
    const run = (seed: number) => {
      const model = sequential(
        2,
        [dense({ units: 6, activation: 'relu' }), dense({ units: 1, activation: 'sigmoid' })],
        { seed },
      );
      fit(model, X, Y, { optimizer: 'adam', batchSize: 16, epochs: 20, seed });
      return model.params().map((p) => Array.from(p.value.data));
    };
    expect(run(7)).toEqual(run(7));
    expect(run(7)).not.toEqual(run(8));
  });
});

it('fit checks shapes and names the fix', () => {
  const model = sequential(3, [dense({ units: 2, activation: 'softmax' })]);
  expect(() => fit(model, new Matrix(4, 2), new Matrix(4, 2))).toThrow(
    /^fit: X is 4x2 but the model takes 3 inputs per row$/,
  );
  expect(() => fit(model, new Matrix(4, 3), new Matrix(4, 3))).toThrow(
    /Y is 4x3 but needs 4x2 .*one-hot encode class labels/,
  );
  // One column for several outputs is read as class indices, which must be 0..K−1.
  expect(() =>
    fit(model, new Matrix(4, 3), new Matrix(4, 1, Float64Array.of(0.5, 0, 1, 1))),
  ).toThrow(/^fit: Y\[0\] is 0\.5, not a class index 0\.\.1 \(the model has 2 outputs\)$/);
});
