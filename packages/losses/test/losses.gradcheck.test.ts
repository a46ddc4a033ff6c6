import { fromArray, Matrix, Rng, random } from '@backprop/linalg';
import { numericalGradient, relativeError } from '@backprop/linalg/testing';
import { describe, expect, it } from 'vitest';
import {
  binaryCrossEntropy,
  categoricalCrossEntropy,
  type Loss,
  l1,
  l2,
  meanAbsoluteError,
  meanSquaredError,
  REDUCTIONS,
  type Reduction,
  reductionScale,
  reductionText,
} from '../src/index';

/**
 * Every gradient against central differences of its value (ε = 1e-5): relative error < 1e-7.
 * A correct gradient lands near 1e-10 (truncation ε²|J'''| ≈ 1e-10 for predictions kept inside
 * [0.05, 0.95], rounding 1e-16·J/ε ≈ 1e-11).
 */
const rng = new Rng(99);
const m = 4;
const K = 3;
const probabilities = () => random(m, K, rng, 0.05, 0.95);
const oneHot = () =>
  fromArray(Array.from({ length: m }, (_, i) => [0, 1, 2].map((k) => (k === i % K ? 1 : 0))));

function check(loss: Loss, pred: Matrix, target: Matrix): number {
  const numeric = numericalGradient(
    (d) => loss.value(new Matrix(m, K, d), target),
    pred.data.slice(),
  );
  return relativeError(loss.gradient(pred, target), numeric);
}

describe('loss gradients against central differences', () => {
  it('binary cross-entropy (binary and soft targets)', () => {
    expect(check(binaryCrossEntropy(), probabilities(), oneHot())).toBeLessThan(1e-7);
    expect(check(binaryCrossEntropy(), probabilities(), probabilities())).toBeLessThan(1e-7);
  });

  it('categorical cross-entropy', () => {
    expect(check(categoricalCrossEntropy(), probabilities(), oneHot())).toBeLessThan(1e-7);
  });

  it('mean squared error in both forms, mean absolute error', () => {
    const pred = random(m, K, rng, -2, 2);
    const target = random(m, K, rng, -2, 2);
    expect(check(meanSquaredError(), pred, target)).toBeLessThan(1e-7);
    expect(check(meanSquaredError({ reduction: 'halfMean' }), pred, target)).toBeLessThan(1e-7);
    // |ŷ − y| > 0.01 ≫ ε everywhere here with this seed, so no difference straddles the kink.
    expect(check(meanAbsoluteError(), pred, target)).toBeLessThan(1e-7);
  });

  it('a wrong gradient fails the same check', () => {
    const wrong: Loss = {
      ...meanSquaredError(),
      gradient: (p, t, o) => meanSquaredError({ reduction: 'halfMean' }).gradient(p, t, o),
    };
    expect(check(wrong, random(m, K, rng), random(m, K, rng))).toBeGreaterThan(0.1);
  });
});

describe('fused output gradients ∂J/∂Z equal central differences of J(g(Z))', () => {
  const sigmoid = (z: Matrix) =>
    new Matrix(
      z.rows,
      z.cols,
      z.data.map((v) => 1 / (1 + Math.exp(-v))),
    );
  const softmax = (z: Matrix) => {
    const out = new Matrix(z.rows, z.cols);
    for (let r = 0; r < z.rows; r++) {
      const row = Array.from(z.row(r));
      const max = Math.max(...row);
      const e = row.map((v) => Math.exp(v - max));
      const s = e.reduce((a, b) => a + b, 0);
      for (const [j, v] of e.entries()) out.set(r, j, v / s);
    }
    return out;
  };

  it.each<[string, Loss, (z: Matrix) => Matrix, () => Matrix]>([
    ['sigmoid + binary cross-entropy', binaryCrossEntropy(), sigmoid, () => probabilities()],
    ['softmax + categorical cross-entropy (one-hot)', categoricalCrossEntropy(), softmax, oneHot],
    [
      'softmax + categorical cross-entropy (soft targets)',
      categoricalCrossEntropy(),
      softmax,
      () => softmax(random(m, K, rng, -1, 1)),
    ],
    [
      'sigmoid + binary cross-entropy, summed',
      binaryCrossEntropy({ reduction: 'sum' }),
      sigmoid,
      () => probabilities(),
    ],
    [
      'softmax + categorical cross-entropy, half-summed',
      categoricalCrossEntropy({ reduction: 'halfSum' }),
      softmax,
      oneHot,
    ],
  ])('%s', (_, loss, g, targets) => {
    const z = random(m, K, rng, -3, 3);
    const y = targets();
    const numeric = numericalGradient((d) => loss.value(g(new Matrix(m, K, d)), y), z.data.slice());
    expect(relativeError(loss.fusedGradient!(g(z), y), numeric)).toBeLessThan(1e-7);
    // And the value from the logits is the value from the probabilities.
    expect(loss.fusedValue!(z, y)).toBeCloseTo(loss.value(g(z), y), 12);
  });

  it('for one-hot targets the fused gradient is exactly (A − Y)/m', () => {
    const a = softmax(random(m, K, rng));
    const y = oneHot();
    const fused = categoricalCrossEntropy().fusedGradient!(a, y);
    for (let i = 0; i < a.data.length; i++)
      expect(fused.data[i]).toBe((a.data[i]! - y.data[i]!) * (1 / m));
  });
});

describe('penalty gradients against central differences', () => {
  it.each([
    ['l2 course', l2({ lambda: 0.7 })],
    ['l2 keras', l2({ lambda: 0.7, form: 'keras' })],
    ['l1 course', l1({ lambda: 0.7 })],
    ['l1 keras', l1({ lambda: 0.7, form: 'keras' })],
  ] as const)('%s', (_, penalty) => {
    // Entries at least 0.1 away from 0, so L1's kink is never straddled.
    const w = new Matrix(
      3,
      4,
      random(3, 4, rng, 0.1, 1).data.map((v, i) => (i % 2 ? v : -v)),
    );
    const grads = [new Matrix(3, 4)];
    penalty.addGradient([w], grads, 5);
    const numeric = numericalGradient(
      (d) => penalty.value([new Matrix(3, 4, d)], 5),
      w.data.slice(),
    );
    expect(relativeError(grads[0]!, numeric)).toBeLessThan(1e-7);
  });
});

describe('every reduction of every loss: hand-derived scale, gradient against central differences', () => {
  // Σᵢ ℓᵢ is the same for every reduction; each reduction is a fixed factor of it (exactly:
  // scaling by 1, ½ or a power-of-two-free 1/m changes a double by at most one rounding).
  const pred = random(m, K, rng, 0.05, 0.95);
  const target = oneHot();
  const makers = {
    binaryCrossEntropy: (reduction: Reduction) => binaryCrossEntropy({ reduction }),
    categoricalCrossEntropy: (reduction: Reduction) => categoricalCrossEntropy({ reduction }),
    meanSquaredError: (reduction: Reduction) => meanSquaredError({ reduction }),
    meanAbsoluteError: (reduction: Reduction) => meanAbsoluteError({ reduction }),
  };
  for (const [name, make] of Object.entries(makers)) {
    it(name, () => {
      // Σᵢ ℓᵢ from the mean (mean-squared and absolute error also average over the K outputs).
      const perOutput = name === 'meanSquaredError' || name === 'meanAbsoluteError' ? K : 1;
      const total = make('mean').value(pred, target) * m * perOutput;
      const factor = { mean: 1 / (m * perOutput), halfMean: 1 / (2 * m), sum: 1, halfSum: 0.5 };
      for (const reduction of REDUCTIONS) {
        const loss = make(reduction);
        expect(loss.value(pred, target)).toBeCloseTo(total * factor[reduction], 13);
        expect(check(loss, pred, target)).toBeLessThan(1e-7);
        expect(loss.toConfig()).toMatchObject({ config: { reduction } });
      }
    });
  }

  it("the thesis's update w −= η·(out − y)ᵀ·X is the gradient of ½ Σ (out − y)² (halfSum)", () => {
    const g = meanSquaredError({ reduction: 'halfSum' }).gradient(pred, target);
    g.data.forEach((v, i) => {
      expect(v).toBe(pred.data[i]! - target.data[i]!);
    });
    expect(reductionText('sum')).toBe('');
    expect(reductionScale('halfMean', 4)).toBe(0.125);
  });
});
