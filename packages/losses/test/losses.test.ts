import { fromArray, Matrix, matmul } from '@backprop/linalg';
import { expectClose } from '@backprop/linalg/testing';
import { describe, expect, it } from 'vitest';
import {
  binaryCrossEntropy,
  categoricalCrossEntropy,
  l1,
  l2,
  meanAbsoluteError,
  meanSquaredError,
} from '../src/index';
import ref from './fixtures/reference.json';

// Reference: numpy, scripts/reference.py. Sums of 15 terms each rounded once in a different order
// than numpy's pairwise sum: within 1e-14 relative.
const TOL = { rtol: 1e-14, atol: 0 };
const M = (rows: number[][]) => fromArray(rows);

describe('loss values and gradients equal numpy', () => {
  it('binary cross-entropy: −1/m Σᵢ Σₖ [y log ŷ + (1 − y) log(1 − ŷ)]', () => {
    const bce = binaryCrossEntropy();
    expectClose(bce.value(M(ref.pred_sigmoid), M(ref.y_binary)), ref.bce, TOL);
    expectClose(bce.gradient(M(ref.pred_sigmoid), M(ref.y_binary)), ref.bce_grad, TOL);
  });

  it('categorical cross-entropy: −1/m Σ y log ŷ', () => {
    const cce = categoricalCrossEntropy();
    expectClose(cce.value(M(ref.pred_softmax), M(ref.y_onehot)), ref.cce, TOL);
    expectClose(cce.gradient(M(ref.pred_softmax), M(ref.y_onehot)), ref.cce_grad, TOL);
  });

  it('mean squared error, mean and half-sum forms', () => {
    const mean = meanSquaredError();
    const half = meanSquaredError({ reduction: 'halfMean' });
    expectClose(mean.value(M(ref.pred_real), M(ref.y_real)), ref.mse_mean, TOL);
    expectClose(mean.gradient(M(ref.pred_real), M(ref.y_real)), ref.mse_mean_grad, TOL);
    expectClose(half.value(M(ref.pred_real), M(ref.y_real)), ref.mse_half, TOL);
    expectClose(half.gradient(M(ref.pred_real), M(ref.y_real)), ref.mse_half_grad, TOL);
  });

  it('mean absolute error', () => {
    expectClose(meanAbsoluteError().value(M(ref.pred_real), M(ref.y_real)), ref.mae, TOL);
  });

  it('l2 and l1 in the course and Keras forms', () => {
    const weights = [M(ref.W1), M(ref.W2)];
    const lambda = ref.lambda;
    expectClose(l2({ lambda }).value(weights, ref.m), ref.l2_course, TOL);
    expectClose(l2({ lambda, form: 'keras' }).value(weights, ref.m), ref.l2_keras, TOL);
    expectClose(l1({ lambda }).value(weights, ref.m), ref.l1_course, TOL);
    expectClose(l1({ lambda, form: 'keras' }).value(weights, ref.m), ref.l1_keras, TOL);
  });
});

describe('the course regularised cost on a hand-computable 2-2-1 sigmoid network', () => {
  // X = [[1, 0], [0, 1]] (m = 2), y = [1, 0]; Coursera layout, bias in column 0:
  //   Theta1 = [[0, ln3, −ln3], [0, −ln3, ln3]]   Theta2 = [[0, 2 ln3, −2 ln3]]
  // Hidden:  sample 1: z = [ln3, −ln3] → a = [3/4, 1/4];  sample 2: z = [−ln3, ln3] → a = [1/4, 3/4]
  // Output:  sample 1: z = 2ln3·(3/4 − 1/4) = ln3 → h = 3/4;  sample 2: z = −ln3 → h = 1/4
  // Cost:    J = −1/2 [log(3/4) + log(1 − 1/4)] = log(4/3)                     = 0.28768207245178085
  // Penalty: λ/(2m) Σ non-bias Θ² = 1/4 · [4(ln3)² + 2(2ln3)²] = 3(ln3)² (λ = 1) = 3.620846882437746
  // Total:   3.908528954889527 (float64 of log(4/3) + 3·ln(3)², python3)
  const ln3 = Math.log(3);
  const sigmoid = (m: Matrix) =>
    new Matrix(
      m.rows,
      m.cols,
      m.data.map((z) => 1 / (1 + Math.exp(-z))),
    );
  const W1 = M([
    [ln3, -ln3],
    [-ln3, ln3],
  ]); // = Theta1[:, 1:]ᵀ
  const W2 = M([[2 * ln3], [-2 * ln3]]); // = Theta2[:, 1:]ᵀ; both biases are 0
  const X = M([
    [1, 0],
    [0, 1],
  ]);
  const y = M([[1], [0]]);

  it('matches the hand derivation', () => {
    const a1 = sigmoid(matmul(X, W1));
    const h = sigmoid(matmul(a1, W2));
    // σ(±ln 3) = 3/4 and 1/4 up to rounding of ln 3 and exp.
    expectClose(
      a1,
      [
        [0.75, 0.25],
        [0.25, 0.75],
      ],
      { atol: 1e-15, rtol: 0 },
    );
    expectClose(h, [[0.75], [0.25]], { atol: 1e-15, rtol: 0 });
    const cost = binaryCrossEntropy().value(h, y);
    const penalty = l2({ lambda: 1 }).value([W1, W2], 2);
    // h is within 1e-15 of 3/4 and 1/4, so the cost is within ~2e-15 of log(4/3).
    expectClose(cost, 0.28768207245178085, { atol: 3e-15, rtol: 0 });
    expectClose(penalty, 3.620846882437746, { atol: 0, rtol: 1e-15 });
    expectClose(cost + penalty, 3.908528954889527, { atol: 4e-15, rtol: 0 });
    // The Keras form is λ Σ W² = 12(ln3)², independent of m.
    expectClose(l2({ lambda: 1, form: 'keras' }).value([W1, W2], 2), 12 * ln3 * ln3, {
      rtol: 1e-15,
      atol: 0,
    });
  });
});

describe('log clamping', () => {
  const bce = binaryCrossEntropy();
  it('a certain, wrong prediction costs −log ε (finite), not Infinity', () => {
    expect(bce.value(M([[0]]), M([[1]]))).toBeCloseTo(-Math.log(1e-15), 12);
    expect(bce.value(M([[1]]), M([[0]]))).toBeCloseTo(-Math.log(1e-15), 12);
    expect(categoricalCrossEntropy().value(M([[0, 1]]), M([[1, 0]]))).toBeCloseTo(
      -Math.log(1e-15),
      12,
    );
    expect(Number.isFinite(bce.gradient(M([[0]]), M([[1]])).data[0]!)).toBe(true);
  });

  it('inside (ε, 1 − ε) the value is exactly the formula', () => {
    expect(bce.value(M([[1e-10]]), M([[1]]))).toBe(-Math.log(1e-10));
    expect(bce.value(M([[0.3, 0.9]]), M([[1, 0]]))).toBe(-(Math.log(0.3) + Math.log(1 - 0.9)));
    expect(binaryCrossEntropy({ epsilon: 1e-7 }).value(M([[1e-9]]), M([[1]]))).toBe(
      -Math.log(1e-7),
    );
  });
});

describe('bad input', () => {
  it('names the shapes, the offending entry and the fix', () => {
    expect(() => binaryCrossEntropy().value(M([[0.5, 0.5]]), M([[1]]))).toThrow(
      /^binaryCrossEntropy: pred is 1x2 but target is 1x1 \(shapes must be equal\)$/,
    );
    expect(() => binaryCrossEntropy().value(M([[0.5], [1.7]]), M([[1], [0]]))).toThrow(
      /^binaryCrossEntropy: pred\(1, 0\) = 1.7 is outside \[0, 1\]; use a sigmoid or softmax output layer$/,
    );
    expect(() => binaryCrossEntropy().value(M([[Number.NaN]]), M([[1]]))).toThrow(
      /^binaryCrossEntropy: pred\(0, 0\) is NaN \(the network diverged or its input holds NaN\)$/,
    );
    expect(() => categoricalCrossEntropy().value(M([[0.5, 0.5]]), M([[2, 0]]))).toThrow(
      /target\(0, 0\) = 2 is outside \[0, 1\]; targets must be probabilities or 0\/1 labels/,
    );
    expect(() => meanSquaredError().value(new Matrix(0, 2), new Matrix(0, 2))).toThrow(
      /pred has no rows/,
    );
    expect(() => l2({ lambda: 1 }).value([M([[1]])], 0)).toThrow(
      /^l2.value: m \(the number of samples\) must be an integer >= 1, got 0$/,
    );
    expect(() => l2({ lambda: 1 }).addGradient([M([[1]])], [M([[1, 2]])], 1)).toThrow(
      /^l2.addGradient: weights\[0\] is 1x1 but grads\[0\] is 1x2/,
    );
    expect(() => l2({ lambda: -1 })).toThrow(
      /^l2: option 'lambda' must be a finite number >= 0, got -1$/,
    );
    expect(() => meanSquaredError({ reduction: 'total' as never })).toThrow(
      /must be one of 'mean', 'halfMean', 'sum', 'halfSum'/,
    );
    expect(() => l2({ lambda: 0 })).not.toThrow();
  });
});
