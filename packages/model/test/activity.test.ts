import { Matrix, Rng, randn } from '@backprop/linalg';
import { describe, expect, it } from 'vitest';
import {
  type DenseLayer,
  dense,
  evaluate,
  fit,
  gradientCheck,
  load,
  predict,
  save,
  sequential,
  trace,
} from '../src/index';

/**
 * Activity regularisation (Keras's activity_regularizer): λ Σ A² / m (l2) or λ Σ |A| / m (l1) of a
 * layer's outputs A, added to J. Values are checked against hand-derived numbers, gradients
 * against central differences (the same 1e-7 bound as gradcheck.test.ts, ~1e-10 when correct).
 */
const l2 = (lambda: number) => ({ name: 'l2', config: { lambda } });
const l1 = (lambda: number) => ({ name: 'l1', config: { lambda } });

/** A 2→1 linear layer with W = [1, 2]ᵀ, b = 0.5: on X = I₂ its outputs are 1.5 and 2.5. */
function handModel(regulariser: object) {
  const model = sequential(2, [
    dense({ units: 1, activation: 'linear', activityRegularizer: regulariser as never }),
  ]);
  const layer = model.layers[0] as DenseLayer;
  layer.W.data.set([1, 2]);
  layer.b.data.set([0.5]);
  return model;
}
const I2 = new Matrix(2, 2, Float64Array.from([1, 0, 0, 1]));
const targets = new Matrix(2, 1, Float64Array.from([1, 2]));

describe('activity regulariser: its share of J', () => {
  // MSE (mean over 2 entries): (0.5² + 0.5²)/2 = 0.25.
  it('l2: J = MSE + λ Σ A² / m = 0.25 + 0.5·(1.5² + 2.5²)/2 = 2.375', () => {
    const { loss } = evaluate(handModel(l2(0.5)), I2, targets, { loss: 'meanSquaredError' });
    expect(loss).toBeCloseTo(2.375, 14);
  });

  it('l1: J = MSE + λ Σ |A| / m = 0.25 + 0.5·(1.5 + 2.5)/2 = 1.25', () => {
    const { loss } = evaluate(handModel(l1(0.5)), I2, targets, { loss: 'meanSquaredError' });
    expect(loss).toBeCloseTo(1.25, 14);
  });

  it('the trace writes the term into J and its gradient into ∂J/∂A', () => {
    const t = trace(handModel(l2(0.5)), I2, targets, { loss: 'meanSquaredError' });
    expect(t.loss.value).toBeCloseTo(2.375, 14);
    expect(t.loss.formula).toContain('+ 0.5·ΣA₁²/m');
    const dA = t.layers[0]!.backward.find((e) => e.symbol === '∂J/∂A₁')!;
    expect(dA.formula).toBe('∂J/∂A₁ = ∂L/∂A₁ + 2·0.5·A₁/m');
    // ∂MSE/∂A = 2(A − Y)/(mK) = [0.5, 0.5]; activity 2·0.5·A/2 = [0.75, 1.25].
    expect(Array.from(dA.value.data)).toEqual([1.25, 1.75]);
  });

  it('the first batch objective of fit includes it (full batch, before any update)', () => {
    const model = handModel(l2(0.5));
    const seen: number[] = [];
    fit(model, I2, targets, {
      loss: 'meanSquaredError',
      epochs: 1,
      batchSize: 2,
      optimizer: 'sgd',
      callbacks: [{ onBatchEnd: (logs) => seen.push(logs.loss) }],
    });
    expect(seen[0]).toBeCloseTo(2.375, 14);
  });
});

describe('activity regulariser: gradients against central differences (< 1e-7)', () => {
  const rng = new Rng(5);
  const X = randn(6, 3, rng);
  const binary = new Matrix(6, 1, Float64Array.from([1, 0, 0, 1, 1, 0]));
  const classes = new Matrix(
    6,
    3,
    Float64Array.from([1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0, 0, 1, 0, 0, 0, 1]),
  );
  const regression = randn(6, 2, rng);
  const cases: [string, object[], string, Matrix][] = [
    [
      'l2 on a tanh hidden layer',
      [
        { units: 4, activation: 'tanh', activityRegularizer: l2(0.3) },
        { units: 2, activation: 'linear' },
      ],
      'meanSquaredError',
      regression,
    ],
    [
      'l1 on a relu hidden layer',
      [
        { units: 4, activation: 'relu', activityRegularizer: l1(0.2) },
        { units: 2, activation: 'linear' },
      ],
      'meanSquaredError',
      regression,
    ],
    [
      'l2 on a fused sigmoid output (BCE)',
      [
        { units: 4, activation: 'tanh' },
        { units: 1, activation: 'sigmoid', activityRegularizer: l2(0.4) },
      ],
      'binaryCrossEntropy',
      binary,
    ],
    [
      'l2 on a fused softmax output (CE)',
      [
        { units: 4, activation: 'sigmoid', activityRegularizer: l2(0.1) },
        { units: 3, activation: 'softmax', activityRegularizer: l2(0.6) },
      ],
      'categoricalCrossEntropy',
      classes,
    ],
  ];
  it.each(cases)('%s', (_, layers, loss, Y) => {
    const model = sequential(
      3,
      layers.map((l) => dense(l as never)),
      { seed: 2 },
    );
    const result = gradientCheck(model, X, Y, { loss: loss as never, penalty: l2(0.05) as never });
    expect(result.maxRelativeError, JSON.stringify(result.worst[0])).toBeLessThan(1e-7);
  });

  it('a wrong activity gradient would be caught: the term changes the gradient', () => {
    const plain = sequential(3, [dense({ units: 1, activation: 'sigmoid' })], { seed: 2 });
    const withTerm = sequential(
      3,
      [dense({ units: 1, activation: 'sigmoid', activityRegularizer: l2(0.4) as never })],
      { seed: 2 },
    );
    const a = trace(plain, X, binary, {}).layers[0]!.backward.find((e) => e.symbol === '∂J/∂W₁')!;
    const b = trace(withTerm, X, binary, {}).layers[0]!.backward.find(
      (e) => e.symbol === '∂J/∂W₁',
    )!;
    expect(Math.abs(a.value.data[0]! - b.value.data[0]!)).toBeGreaterThan(1e-3);
  });
});

describe('activity regulariser: save, load and bad specs', () => {
  it('is saved with the layer and restored: the same predictions and loss', () => {
    const model = sequential(
      2,
      [
        dense({ units: 3, activation: 'tanh', activityRegularizer: l1(0.25) as never }),
        dense({ units: 1, activation: 'linear' }),
      ],
      { seed: 4 },
    );
    const doc = save(model);
    expect(JSON.stringify(doc)).toContain(
      '"activityRegularizer":{"name":"l1","config":{"lambda":0.25}}',
    );
    const back = load(JSON.parse(JSON.stringify(doc)));
    expect(predict(back, I2).data).toEqual(predict(model, I2).data);
    expect(evaluate(back, I2, targets).loss).toBe(evaluate(model, I2, targets).loss);
    expect(back.layers[0]!.describe()).toContain('activity l1 0.25');
  });

  it('a layer without one saves no activityRegularizer key (documents stay as they were)', () => {
    const doc = save(sequential(2, [dense({ units: 1, activation: 'linear' })]));
    expect(JSON.stringify(doc)).not.toContain('activityRegularizer');
  });

  it('refuses penalties that are not l1/l2 and negative λ, naming the option', () => {
    expect(() =>
      sequential(2, [
        dense({ units: 1, activityRegularizer: { name: 'l2', config: { lambda: -1 } } as never }),
      ]),
    ).toThrow(
      /layers\[0\]: dense: activityRegularizer: l2: option 'lambda' must be a finite number >= 0, got -1/,
    );
    expect(() =>
      sequential(2, [dense({ units: 1, activityRegularizer: 'nope' as never })]),
    ).toThrow(/dense: activityRegularizer: /);
  });
});
