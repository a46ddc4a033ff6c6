import { Matrix, Rng, randn } from '@backprop/linalg';
import { getOptimizer } from '@backprop/optim';
import { describe, expect, it } from 'vitest';
import {
  dense,
  fit,
  lecture222,
  sequential,
  sigmoidOutputDelta,
  toThetas,
  trace,
  withConventions,
} from '../src/index';

const X = randn(4, 3, new Rng(1));
const Y = new Matrix(4, 2);
for (let r = 0; r < 4; r++) Y.data[r * 2 + (r % 2)] = 1;
const net = () =>
  sequential(
    3,
    [dense({ units: 4, activation: 'tanh' }), dense({ units: 2, activation: 'softmax' })],
    { seed: 2 },
  );
const bits = (m: Matrix) =>
  Array.from(new Uint8Array(m.data.buffer, m.data.byteOffset, m.data.byteLength));

describe('trace: one step of backpropagation, every number with its formula', () => {
  it('shows each layer in order: input, Z, A, then δ, ∂J/∂W, ∂J/∂b — with the course formulas', () => {
    const t = trace(net(), X, Y);
    expect(t.loss).toMatchObject({ name: 'categoricalCrossEntropy', fused: true });
    expect(t.layers.map((l) => [l.input.symbol, ...l.forward.map((e) => e.formula)])).toEqual([
      ['A₀', 'Z₁ = A₀·W₁ + b₁', 'A₁ = tanh(Z₁)'],
      ['A₁', 'Z₂ = A₁·W₂ + b₂', 'A₂ = softmax(Z₂)'],
    ]);
    expect(t.layers[1]!.backward.map((e) => e.formula)).toEqual([
      'δ₂ = (A₂ − Y)/m',
      '∂J/∂W₂ = A₁ᵀ·δ₂',
      '∂J/∂b₂ = Σ_rows δ₂',
    ]);
    expect(t.layers[0]!.backward.map((e) => e.formula)).toEqual([
      '∂J/∂A₁',
      'δ₁ = ∂J/∂A₁ ⊙ tanh′(Z₁)',
      '∂J/∂W₁ = A₀ᵀ·δ₁',
      '∂J/∂b₁ = Σ_rows δ₁',
    ]);
    // δ₂ is (A₂ − Y)/m, entry by entry, exactly.
    const A2 = t.layers[1]!.forward[1]!.value;
    const d2 = t.layers[1]!.backward[0]!.value;
    d2.data.forEach((v, i) => {
      expect(v).toBe((A2.data[i]! - Y.data[i]!) * (1 / 4));
    });
  });

  it("its values are the training step's bits: Adam's previewed step equals one epoch of fit", () => {
    const model = net();
    const t = trace(model, X, Y, { optimizer: { name: 'adam', config: { learningRate: 0.01 } } });
    const trained = net();
    fit(trained, X, Y, {
      optimizer: { name: 'adam', config: { learningRate: 0.01 } },
      batchSize: 'full',
      epochs: 1,
    });
    expect(t.updates.map((u) => bits(u.after))).toEqual(trained.params().map((p) => bits(p.value)));
    expect(t.updates[0]!.entries.map((e) => e.symbol)).toEqual(['m', 'v', 'm̂', 'v̂', 'ΔW₁']);
    // The model itself is untouched.
    expect(model.params().map((p) => bits(p.value))).toEqual(
      net()
        .params()
        .map((p) => bits(p.value)),
    );
  });

  it("names SGD's exact step: Δ = −η·g without momentum (entry for entry), Δ = v with it", () => {
    const plain = trace(net(), X, Y, { optimizer: { name: 'sgd', config: { learningRate: 0.5 } } });
    const step = plain.updates[0]!.entries.at(-1)!;
    expect(step.formula).toBe('Δ = −η·g, η = 0.5');
    const g = plain.layers[0]!.backward[2]!.value;
    const W = net().params()[0]!.value.data;
    // Δ is what the step did to θ: (θ − η·g) − θ, which is −η·g up to the rounding of θ.
    step.value.data.forEach((d, i) => {
      expect(d).toBe(W[i]! - 0.5 * g.data[i]! - W[i]!);
    });
    const momentum = trace(net(), X, Y, {
      optimizer: { name: 'sgd', config: { learningRate: 0.5, momentum: 0.9 } },
    });
    expect(momentum.updates[0]!.entries.map((e) => e.formula)).toEqual([
      'v = μ·v − η·g, μ = 0.9',
      'Δ = v, η = 0.5',
    ]);
  });

  it('shows the penalty share λ/m·W beside the loss part, and an unfused loss its ∂J/∂A', () => {
    const model = sequential(3, [dense({ units: 2, activation: 'sigmoid' })], { seed: 1 });
    const t = trace(model, X, Y, {
      loss: 'meanSquaredError',
      penalty: { name: 'l2', config: { lambda: 0.5 } },
      optimizer: null,
    });
    const back = t.layers[0]!.backward;
    expect(back.map((e) => e.symbol)).toEqual([
      '∂J/∂A₁',
      'δ₁',
      '∂J/∂W₁',
      '∂J/∂b₁',
      'penalty share of ∂J/∂W₁',
      '∂J/∂W₁ (total)',
    ]);
    const W = model.denseLayers[0]!.W;
    back[4]!.value.data.forEach((v, i) => {
      expect(v).toBeCloseTo((0.5 / 4) * W.data[i]!, 15);
    });
    expect(t.penalty!.formula).toBe('λ/(2m) Σ W²  (weights only, never biases)');
    expect(t.updates).toEqual([]);
  });
});

describe('conventions render a trace in a textbook notation', () => {
  const model = net();
  const t = trace(model, X, Y, { optimizer: null });
  const weights = (i: number) => {
    const l = model.layers[i]!;
    return l.type === 'dense' ? { W: model.denseLayers[i]!.W, b: model.denseLayers[i]!.b } : {};
  };

  it('examples as columns: every matrix transposed, Z = Wᵀ·A + b', () => {
    const c = withConventions(t, { layout: 'columns' }, weights);
    expect(c.layers[0]!.forward[0]!.formula).toBe('Z₁ = W₁ᵀ·A₀ + b₁');
    expect(c.layers[0]!.forward[0]!.value.shape).toEqual([4, 4]);
    expect(c.layers[1]!.forward[1]!.value.get(1, 0)).toBe(t.layers[1]!.forward[1]!.value.get(0, 1));
  });

  it("bias in column 0: each dense layer shows the course's Θ (as toThetas gives it) and ∂J/∂Θ", () => {
    const c = withConventions(t, { bias: 'column' }, weights);
    expect(c.layers[1]!.forward[0]!.value.equals(toThetas(model)[1]!)).toBe(true);
    expect(c.layers[1]!.backward.at(-1)!.symbol).toBe('∂J/∂Θ');
  });

  it('a summed loss (the thesis): J, δ and the gradients scale by m', () => {
    const c = withConventions(t, { reduction: 'sum' }, weights);
    expect(c.loss.value).toBeCloseTo(t.loss.value * 4, 12);
    expect(c.layers[1]!.backward[0]!.formula).toBe('δ₂ = (A₂ − Y)');
    expect(c.layers[1]!.backward[0]!.value.data[0]).toBe(
      t.layers[1]!.backward[0]!.value.data[0]! * 4,
    );
    expect(() => withConventions(t, { layout: 'column' as never }, weights)).toThrow(
      /layout must be 'rows' or 'columns'/,
    );
  });
});

describe('more conventions: g′ from the output, and the penalty written as Keras/the thesis do', () => {
  it("g′ from A: δ = ∂J/∂A ⊙ (1 − A²) for tanh, ⊙ A(1 − A) for sigmoid, equal to g′(Z)'s to ~1 ulp", () => {
    const model = sequential(
      3,
      [
        dense({ units: 4, activation: 'tanh' }),
        dense({ units: 3, activation: 'sigmoid' }),
        dense({ units: 2, activation: 'softmax' }),
      ],
      { seed: 4 },
    );
    const t = trace(model, X, Y, { optimizer: null });
    const c = withConventions(t, { derivative: 'a' }, () => ({}));
    expect(c.layers.map((l) => l.backward.find((e) => e.symbol.startsWith('δ'))!.formula)).toEqual([
      'δ₁ = ∂J/∂A₁ ⊙ (1 − A₁²)',
      'δ₂ = ∂J/∂A₂ ⊙ A₂(1 − A₂)',
      'δ₃ = (A₃ − Y)/m',
    ]);
    for (const l of [0, 1]) {
      const [A, dA] = [t.layers[l]!.forward[1]!.value, t.layers[l]!.backward[0]!.value];
      const fromA = c.layers[l]!.backward[1]!.value;
      const fromZ = t.layers[l]!.backward[1]!.value;
      fromA.data.forEach((v, i) => {
        const a = A.data[i]!;
        expect(v).toBe(dA.data[i]! * (l === 0 ? 1 - a * a : a * (1 - a)));
        // 1e-14 relative: g′ from a rounded a, against g′ evaluated from z.
        expect(Math.abs(v - fromZ.data[i]!)).toBeLessThanOrEqual(1e-14 * Math.abs(fromZ.data[i]!));
      });
    }
    expect(() => withConventions(t, { derivative: 'x' as never }, () => ({}))).toThrow(
      /derivative must be 'z' or 'a'/,
    );
  });

  it("the Keras/thesis L2 form λ Σ W²: the penalty's share of ∂J/∂W is 2λ·W", () => {
    const model = net();
    const t = trace(model, X, Y, {
      optimizer: null,
      penalty: { name: 'l2', config: { lambda: 0.5, form: 'keras' } },
    });
    expect(t.penalty!.formula).toBe('λ Σ W²');
    const share = t.layers[0]!.backward.find((e) => e.symbol.startsWith('penalty share'))!;
    expect(share.formula).toBe('2λ·W');
    const W = model.denseLayers[0]!.W;
    share.value.data.forEach((v, i) => {
      expect(v).toBeCloseTo(2 * 0.5 * W.data[i]!, 15);
    });
    let sumSquares = 0;
    for (const l of model.denseLayers) for (const w of l.W.data) sumSquares += w * w;
    expect(t.penalty!.value).toBeCloseTo(0.5 * sumSquares, 14);
  });
});

describe("a loss's own reduction shows in the trace's formulas and numbers", () => {
  it("a summed cross-entropy: J = Σ …, δ = (A − Y), m times the mean's", () => {
    const mean = trace(net(), X, Y, { optimizer: null });
    const summed = trace(net(), X, Y, {
      optimizer: null,
      loss: { name: 'categoricalCrossEntropy', config: { reduction: 'sum' } },
    });
    expect(summed.loss.reduction).toBe('sum');
    expect(summed.loss.formula).toMatch(/^J = Σ Y·\(LSE\(Z\) − Z\)/);
    expect(summed.layers[1]!.backward[0]!.formula).toBe('δ₂ = (A₂ − Y)');
    expect(summed.loss.value).toBeCloseTo(mean.loss.value * 4, 12);
    const [d, dMean] = [summed.layers[1]!.backward[0]!.value, mean.layers[1]!.backward[0]!.value];
    d.data.forEach((v, i) => {
      expect(v).toBeCloseTo(dMean.data[i]! * 4, 14);
    });
    expect(() => withConventions(summed, { reduction: 'sum' }, () => ({}))).toThrow(
      /already reduced by 'sum'/,
    );
  });
});

describe("the lecture notes' 2-2-2 example", () => {
  it("gives the notes' δ³ (g′ at the target) and the correct one (g′ at the output)", () => {
    // Hand-derived: (0.5 − 0.7)·0.7·0.3 = −0.042, (0.4 − 0.1)·0.1·0.9 = 0.027;
    // (0.5 − 0.7)·0.5·0.5 = −0.05, (0.4 − 0.1)·0.4·0.6 = 0.072. 1e-15: a few roundings.
    const e = lecture222();
    const close = (a: number[], b: number[]) => {
      for (const [i, v] of a.entries()) expect(v).toBeCloseTo(b[i]!, 15);
    };
    close(e.deltas.document, [-0.042, 0.027]);
    close(e.deltas.standard, [-0.05, 0.072]);
    expect(e.notes[1]).toMatch(/No input gives the output \[0\.5, 0\.4\]/);
    expect(sigmoidOutputDelta([0.5], [0.7], 'target').formula).toMatch(/g′ at the target/);
    expect(getOptimizer('sgd').name).toBe('sgd');
  });
});
