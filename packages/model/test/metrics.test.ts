import { fromArray } from '@backprop/linalg';
import { describe, expect, it } from 'vitest';
import {
  accuracy,
  classesOf,
  confusionMatrix,
  precisionRecall,
  regressionScores,
} from '../src/index';

describe('metrics', () => {
  it('classes: argmax for several outputs, ≥ 0.5 for one', () => {
    expect(
      Array.from(
        classesOf(
          fromArray([
            [0.1, 0.7, 0.2],
            [0.5, 0.2, 0.3],
          ]),
        ),
      ),
    ).toEqual([1, 0]);
    expect(Array.from(classesOf(fromArray([[0.49], [0.5]])))).toEqual([0, 1]);
  });

  it('accuracy against one-hot targets, a 0/1 column, or labels', () => {
    const out = fromArray([
      [0.1, 0.9],
      [0.8, 0.2],
      [0.4, 0.6],
    ]);
    expect(
      accuracy(
        out,
        fromArray([
          [0, 1],
          [0, 1],
          [0, 1],
        ]),
      ),
    ).toBeCloseTo(2 / 3, 15);
    expect(accuracy(out, Int32Array.of(1, 0, 0))).toBeCloseTo(2 / 3, 15);
    expect(accuracy(fromArray([[0.9], [0.1]]), fromArray([[1], [1]]))).toBe(0.5);
    expect(() => accuracy(out, [1, 0])).toThrow(/3 predictions but 2 targets/);
  });

  it('confusion matrix and per-class precision/recall (hand-counted)', () => {
    //            true: 0 0 0 1 1 2 2 2 2
    //       predicted: 0 1 0 1 1 2 0 2 1
    const cm = confusionMatrix([0, 0, 0, 1, 1, 2, 2, 2, 2], [0, 1, 0, 1, 1, 2, 0, 2, 1], 3);
    expect(cm).toEqual([
      [2, 1, 0],
      [0, 2, 0],
      [1, 1, 2],
    ]);
    const pr = precisionRecall(cm);
    // class 0: precision 2/3 (2 of the 3 predicted 0), recall 2/3; class 1: 2/4, 2/2; class 2: 2/2, 2/4
    expect(pr.map((c) => [c.precision, c.recall, c.support])).toEqual([
      [2 / 3, 2 / 3, 3],
      [0.5, 1, 2],
      [1, 0.5, 4],
    ]);
    expect(pr[1]!.f1).toBeCloseTo(2 / 3, 15);
    expect(() => confusionMatrix([0, 3], [0, 1], 3)).toThrow(
      /sample 1 has labels \(3, 1\) outside 0..2/,
    );
  });
});

describe('regressionScores', () => {
  it('gives the mean absolute error, the root mean squared error and R², by hand', () => {
    // errors 0, 1, −1, 0: MAE 2/4, RMSE √(2/4); ȳ = 2.5, Σ(y − ȳ)² = 5, so R² = 1 − 2/5.
    const s = regressionScores(fromArray([[1], [3], [2], [4]]), fromArray([[1], [2], [3], [4]]));
    expect(s.mae).toBe(0.5);
    expect(s.rmse).toBe(Math.sqrt(0.5));
    expect(s.r2).toBeCloseTo(0.6, 15);
  });

  it('R² is NaN for constant targets; mismatched shapes are an error', () => {
    expect(regressionScores(fromArray([[1], [2]]), fromArray([[3], [3]])).r2).toBeNaN();
    expect(() => regressionScores(fromArray([[1], [2]]), fromArray([[1]]))).toThrow(
      /outputs are 2x1 but Y is 1x1/,
    );
  });
});
