import { moons } from '@backprop/data';
import { Matrix, Rng } from '@backprop/linalg';
import { describe, expect, it } from 'vitest';
import {
  type DoctorWarning,
  dense,
  doctor,
  examine,
  fit,
  type LayerSpecBase,
  sequential,
} from '../src/index';

const { X, y } = moons(400, 0.2, new Rng(0));
const Y = new Matrix(400, 1, Float64Array.from(y));
const codes = (w: readonly DoctorWarning[]) => [...new Set(w.map((x) => x.code))];

function run(layers: LayerSpecBase[], options: Parameters<typeof fit>[3] = {}, inputs = X) {
  const seen: DoctorWarning[] = [];
  const d = doctor({ onWarning: (w) => seen.push(w) });
  const history = fit(sequential(2, layers, { seed: 1 }), inputs, Y, {
    epochs: 5,
    ...options,
    callbacks: [d],
  });
  expect(seen).toEqual(history.warnings);
  return history;
}

describe('the training doctor', () => {
  it('stays quiet on a healthy run, and records every layer’s health per epoch', () => {
    const h = run(
      [
        dense({ units: 8, activation: 'relu', kernelInitializer: 'heNormal' }),
        dense({ units: 1, activation: 'sigmoid' }),
      ],
      {
        optimizer: { name: 'adam', config: { learningRate: 0.01 } },
      },
    );
    expect(h.warnings).toEqual([]);
    const health = h.epochs.at(-1)!.health!;
    expect(health.map((l) => l.layer)).toEqual([0, 1]);
    expect(health[0]!.gradientNorm).toBeGreaterThan(0);
    expect(health[0]!.updateRatio).toBeGreaterThan(0);
    expect(health[0]!.dead).toBeLessThan(0.5);
  });

  it('raw 0–255 inputs: UNSCALED_INPUTS before the first epoch', () => {
    const pixels = new Matrix(
      400,
      2,
      X.data.map((v) => Math.round(Math.min(255, Math.max(0, (v + 1.5) * 80)))),
    );
    const h = run(
      [dense({ units: 4, activation: 'tanh' }), dense({ units: 1, activation: 'sigmoid' })],
      { epochs: 1 },
      pixels,
    );
    expect(h.warnings![0]).toMatchObject({ code: 'UNSCALED_INPUTS', epoch: 0, layer: null });
    expect(h.warnings![0]!.fix).toMatch(/divide them by 255/);
  });

  it('gradient descent with learning rate 10: every prediction one class (ONE_CLASS)', () => {
    const h = run(
      [dense({ units: 8, activation: 'relu' }), dense({ units: 1, activation: 'sigmoid' })],
      {
        optimizer: { name: 'sgd', config: { learningRate: 10 } },
        batchSize: 'full',
        epochs: 10,
        divergence: false,
      },
    );
    expect(codes(h.warnings!)).toContain('ONE_CLASS');
    expect(h.warnings!.find((w) => w.code === 'ONE_CLASS')!.fix).toMatch(
      /learning rate far too high/,
    );
    expect(codes(h.warnings!)).toContain('EXPLODING_UPDATES');
  });

  it('one class from a deep sigmoid stack that has not learned yet: the fix says so, not "lower the rate"', () => {
    const layers = Array.from({ length: 8 }, () =>
      dense({ units: 6, activation: 'sigmoid', kernelInitializer: 'normal' }),
    );
    const h = run([...layers, dense({ units: 1, activation: 'sigmoid' })], { epochs: 1 });
    const oneClass = h.warnings!.find((w) => w.code === 'ONE_CLASS');
    expect(oneClass?.fix).toMatch(/first layer's gradients are .*x smaller than the last's/);
  });

  it('zero initialisation: identical hidden units (SYMMETRIC_UNITS), before training and after', () => {
    const h = run([
      dense({ units: 4, activation: 'tanh', kernelInitializer: 'zeros' }),
      dense({ units: 1, activation: 'sigmoid' }),
    ]);
    expect(
      h.warnings!.filter((w) => w.code === 'SYMMETRIC_UNITS').map((w) => [w.epoch, w.layer]),
    ).toEqual([[0, 0]]);
  });

  it('eight sigmoid layers with small initial weights: VANISHING_GRADIENTS in the first layer', () => {
    // The course's small normal initialiser (σ = 0.01): each sigmoid layer scales the gradient by ≤ 0.25·|W|.
    const layers = Array.from({ length: 8 }, () =>
      dense({ units: 6, activation: 'sigmoid', kernelInitializer: 'normal' }),
    );
    const h = run([...layers, dense({ units: 1, activation: 'sigmoid' })], { epochs: 1 });
    expect(h.warnings!.find((w) => w.code === 'VANISHING_GRADIENTS')).toMatchObject({ layer: 0 });
  });

  it('a loss that does not move: LOSS_FLAT (learning rate 0)', () => {
    const h = run(
      [dense({ units: 4, activation: 'tanh' }), dense({ units: 1, activation: 'sigmoid' })],
      {
        optimizer: { name: 'sgd', config: { learningRate: 0 } },
      },
    );
    expect(codes(h.warnings!)).toEqual(['LOSS_FLAT']);
  });

  it('after the fact: examine(model, X, Y) judges a model on data without training it', () => {
    const model = sequential(2, [
      dense({ units: 4, activation: 'tanh', kernelInitializer: 'zeros' }),
      dense({ units: 1, activation: 'sigmoid' }),
    ]);
    const before = model.params().map((p) => Array.from(p.value.data));
    const e = examine(model, X, Y);
    expect(codes(e.warnings)).toContain('SYMMETRIC_UNITS');
    expect(e.health).toHaveLength(2);
    expect(model.params().map((p) => Array.from(p.value.data))).toEqual(before);
    expect(() => doctor({ saturaton: 3 } as never)).toThrow(
      /unknown option 'saturaton' \(did you mean 'saturation'\?\)/,
    );
  });
});

describe('on real data', () => {
  it("stays quiet on a healthy MNIST run (the course's 784-64-32-10 network, Adam)", async () => {
    const { loadMnist } = await import('@backprop/data/node');
    const { oneHot } = await import('@backprop/data');
    const { sliceRows } = await import('@backprop/linalg');
    const set = await loadMnist({ split: 'train' });
    const Xm = sliceRows(set.X, 0, 3000);
    const Ym = oneHot(set.y.subarray(0, 3000), 10);
    const model = sequential(784, [
      dense({ units: 64, activation: 'relu', kernelInitializer: 'heNormal' }),
      dense({ units: 32, activation: 'relu', kernelInitializer: 'heNormal' }),
      dense({ units: 10, activation: 'softmax' }),
    ]);
    const h = fit(model, Xm, Ym, { epochs: 3, batchSize: 128, callbacks: [doctor()] });
    expect(h.warnings).toEqual([]);
    expect(h.epochs.at(-1)!.accuracy).toBeGreaterThan(0.85);
  });
});
