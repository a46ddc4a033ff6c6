import { describe, expect, it } from 'vitest';
import {
  argmaxRows,
  dot,
  fromArray,
  Matrix,
  maxRows,
  mean,
  norm,
  Rng,
  ShapeError,
  sum,
  sumRows,
} from '../src/index';
import { expectClose } from '../src/testing/index';
import { rand, SHAPES } from './reference';

const rng = new Rng(5);

describe('reductions against plain loops', () => {
  it.each(SHAPES)('sumRows, sum, mean, dot, norm on %ix%i', (r, c) => {
    const a = rand(r, c, rng);
    const b = rand(r, c, rng);
    const colSums = new Float64Array(c);
    let total = 0;
    let inner = 0;
    let squares = 0;
    for (let i = 0; i < r; i++) {
      for (let j = 0; j < c; j++) {
        const v = a.get(i, j);
        colSums[j]! += v;
        total += v;
        inner += v * b.get(i, j);
        squares += v * v;
      }
    }
    // Sums of ≤ 300 values in [-1, 1): orderings differ by a few ulps of the running sum.
    expectClose(sumRows(a), colSums, { atol: 1e-13, rtol: 0 });
    expect(sumRows(a).shape).toEqual([1, c]);
    expectClose(sum(a), total, { atol: 1e-13, rtol: 0 });
    if (r * c === 0) expect(mean(a)).toBeNaN();
    else expectClose(mean(a), total / (r * c), { atol: 1e-14, rtol: 0 });
    expectClose(dot(a, b), inner, { atol: 1e-13, rtol: 0 });
    expectClose(norm(a), Math.sqrt(squares), { atol: 0, rtol: 1e-14 });
  });

  it('sum is compensated: 1 + 1e-16 * 1e4 − 1 keeps the small terms', () => {
    const data = new Float64Array(10_002);
    data[0] = 1;
    data.fill(1e-16, 1, 10_001);
    data[10_001] = -1;
    // Exact answer 1e-12; naive left-to-right summation returns 0 (every 1e-16 is lost against 1).
    expectClose(sum(new Matrix(1, data.length, data)), 1e-12, { atol: 1e-26, rtol: 1e-9 });
  });

  it('norm neither overflows nor underflows', () => {
    expectClose(norm(fromArray([[3e200, 4e200]])), 5e200, { atol: 0, rtol: 1e-15 });
    expectClose(norm(fromArray([[3e-200, 4e-200]])), 5e-200, { atol: 0, rtol: 1e-15 });
    expect(norm(fromArray([[Number.NaN, 1]]))).toBeNaN();
    expect(norm(new Matrix(0, 3))).toBe(0);
  });

  it('argmaxRows and maxRows pick the first maximum of each row', () => {
    const a = fromArray([
      [1, 5, 5, 2],
      [-1, -3, -0.5, -2],
      [7, 7, 7, 7],
    ]);
    expect(Array.from(argmaxRows(a))).toEqual([1, 2, 0]);
    expect(Array.from(maxRows(a).data)).toEqual([5, -0.5, 7]);
    expect(maxRows(a).shape).toEqual([3, 1]);
    expect(argmaxRows(new Matrix(0, 4))).toHaveLength(0);
  });

  it('argmaxRows and maxRows reject rows without entries and outs of the wrong size', () => {
    expect(() => argmaxRows(new Matrix(2, 0))).toThrow(ShapeError);
    expect(() => maxRows(new Matrix(2, 0))).toThrow(/maxRows: a is 2x0; rows have no entries/);
    expect(() => argmaxRows(new Matrix(3, 2), new Int32Array(2))).toThrow(
      /out has length 2 but a has 3 rows/,
    );
  });

  it('dot and sumRows check shapes', () => {
    expect(() => dot(new Matrix(1, 3), new Matrix(3, 1))).toThrow(/^dot: a is 1x3 but b is 3x1/);
    expect(() => sumRows(new Matrix(4, 3), new Matrix(3, 1))).toThrow(
      /^sumRows: out is 3x1 but the result is 1x3$/,
    );
  });
});
