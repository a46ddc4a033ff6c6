import { FUSION, fromArray, Matrix, Rng, random } from '@backprop/linalg';
import { numericalGradient, relativeError } from '@backprop/linalg/testing';
import { describe, expect, it } from 'vitest';
import {
  binaryCrossEntropy,
  categoricalCrossEntropy,
  fusesWith,
  meanSquaredError,
} from '../src/index';

/** Plain element-wise references (this package depends on linalg only). */
const sigmoid = {
  forward: (z: Matrix) =>
    new Matrix(
      z.rows,
      z.cols,
      z.data.map((v) => 1 / (1 + Math.exp(-v))),
    ),
};
const softmax = {
  forward(z: Matrix) {
    const out = new Matrix(z.rows, z.cols);
    for (let r = 0; r < z.rows; r++) {
      const row = Array.from(z.row(r));
      const max = Math.max(...row);
      const e = row.map((v) => Math.exp(v - max));
      const s = e.reduce((a, b) => a + b, 0);
      for (const [j, v] of e.entries()) out.set(r, j, v / s);
    }
    return out;
  },
};

const bce = binaryCrossEntropy();
const cce = categoricalCrossEntropy();

describe('cross-entropy values from the logits (fusedValue)', () => {
  it('are exact for large logits, where the clamped probabilities saturate at −log ε', () => {
    // Hand-derived: softmax([0, 100]) with y = [1, 0] costs LSE − z₀ = 100 + log(1 + e^−100) − 0,
    // which is 100 in float64 (e^−100 ≈ 3.7e−44 is far below half an ulp of 100).
    const z = fromArray([[0, 100]]);
    const y = fromArray([[1, 0]]);
    expect(cce.fusedValue!(z, y)).toBe(100);
    expect(cce.value(softmax.forward(z), y)).toBeCloseTo(34.539, 3); // what the clamp reports
    // sigmoid(100) with y = 0: max(z, 0) − 0 + log1p(e^−100) = 100; with y = 1: log1p(e^−100) = e^−100.
    expect(bce.fusedValue!(fromArray([[100]]), fromArray([[0]]))).toBe(100);
    expect(bce.fusedValue!(fromArray([[100]]), fromArray([[1]]))).toBe(Math.exp(-100));
    expect(bce.fusedValue!(fromArray([[-1000]]), fromArray([[1]]))).toBe(1000);
  });

  it('agree with value(g(Z)) where no clamp applies (1e-13 relative: a few ulp of rounding)', () => {
    const rng = new Rng(3);
    const z = random(6, 4, rng, -8, 8);
    const targets = random(6, 4, rng, 0, 1);
    expect(
      relativeError(bce.fusedValue!(z, targets), bce.value(sigmoid.forward(z), targets)),
    ).toBeLessThan(1e-13);
    const onehot = new Matrix(6, 4);
    for (let r = 0; r < 6; r++) onehot.data[r * 4 + (r % 4)] = 1;
    expect(
      relativeError(cce.fusedValue!(z, onehot), cce.value(softmax.forward(z), onehot)),
    ).toBeLessThan(1e-13);
  });

  it('have the fused gradient as their derivative in Z (central differences, 1e-7)', () => {
    const rng = new Rng(4);
    const z = random(5, 3, rng, -4, 4);
    const y = random(5, 3, rng, 0, 1);
    const numeric = numericalGradient(
      (d) => bce.fusedValue!(new Matrix(5, 3, d), y),
      z.data.slice(),
    );
    expect(relativeError(bce.fusedGradient!(sigmoid.forward(z), y), numeric)).toBeLessThan(1e-7);
    const onehot = fromArray([
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
      [1, 0, 0],
      [0, 0, 1],
    ]);
    const numericCce = numericalGradient(
      (d) => cce.fusedValue!(new Matrix(5, 3, d), onehot),
      z.data.slice(),
    );
    expect(relativeError(cce.fusedGradient!(softmax.forward(z), onehot), numericCce)).toBeLessThan(
      1e-7,
    );
  });
});

describe('fusion is a declared capability, never a name', () => {
  // What the built-in sigmoid and softmax of @backprop/activations declare (tested there).
  const logistic = { name: 'sigmoid', [FUSION]: 'logistic' as const };
  const normalised = { name: 'softmax', [FUSION]: 'softmax' as const };

  it('fuses the declared pairs only', () => {
    expect(fusesWith(bce, logistic)).toBe(true);
    expect(fusesWith(cce, normalised)).toBe(true);
    expect(fusesWith(bce, normalised)).toBe(false);
    expect(fusesWith(cce, logistic)).toBe(false);
    expect(fusesWith(meanSquaredError(), logistic)).toBe(false);
  });

  it('does not fuse a user object that is merely called softmax or sigmoid', () => {
    expect(fusesWith(cce, { name: 'softmax' })).toBe(false);
    expect(fusesWith(bce, { name: 'sigmoid' })).toBe(false);
  });
});
