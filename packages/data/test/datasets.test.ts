import { fromArray, Matrix, Rng } from '@backprop/linalg';
import { expectClose } from '@backprop/linalg/testing';
import { describe, expect, it } from 'vitest';
import {
  circles,
  courseLabelsToDigits,
  fitScale,
  fitStandardize,
  iceCreamSales,
  moons,
  oneHot,
  planar,
  shuffle,
  spirals,
  standardize,
  stratifiedSplit,
  trainTestSplit,
  xor,
} from '../src/index';
import reference from './fixtures/datasets-reference.json';

describe('datasets', () => {
  it('xor', () => {
    const { X, y, Y } = xor();
    expect([X.toArray(), Array.from(y), Y.toArray()]).toEqual([
      [
        [0, 0],
        [0, 1],
        [1, 0],
        [1, 1],
      ],
      [0, 1, 1, 0],
      [[0], [1], [1], [0]],
    ]);
  });

  it.each([7, 250])(
    "moons(%i) without noise or shuffling is scikit-learn's make_moons (numpy reference)",
    (n) => {
      const ref = reference[`moons_${n}` as 'moons_7'];
      const m = moons(n, 0, new Rng(0), { shuffle: false });
      // linspace and cos/sin in two libms: within a few ulps of numbers of size ~1.
      expectClose(m.X, ref.X, { atol: 1e-15, rtol: 0 });
      expect(Array.from(m.y)).toEqual(ref.y);
    },
  );

  it('moons: shuffled and noisy, seeded and deterministic, noise of the stated size', () => {
    const a = moons(2000, 0.1, new Rng(3));
    expect(a.X.equals(moons(2000, 0.1, new Rng(3)).X)).toBe(true);
    const clean = moons(2000, 0, new Rng(3));
    expect(clean.y.filter((v) => v === 1).length).toBe(1000);
    // Same seed, same shuffle → noise = difference; its std is 0.1 within 5% for 4000 draws.
    let ss = 0;
    for (let i = 0; i < a.X.data.length; i++) ss += (a.X.data[i]! - clean.X.data[i]!) ** 2;
    expect(Math.abs(Math.sqrt(ss / a.X.data.length) - 0.1)).toBeLessThan(0.005);
  });

  it('circles: scikit-learn make_circles without noise — hand-derived points — and noisy, seeded', () => {
    // n = 7: 3 outer points at 0, 120, 240 degrees (radius 1), 4 inner at 0, 90, 180, 270 (0.5).
    const c = circles(7, 0, new Rng(0), { shuffle: false });
    const h = Math.sqrt(3) / 2;
    expectClose(c.X.data, [1, 0, -0.5, h, -0.5, -h, 0.5, 0, 0, 0.5, -0.5, 0, 0, -0.5], {
      atol: 1e-15,
      rtol: 0,
    });
    expect(Array.from(c.y)).toEqual([0, 0, 0, 1, 1, 1, 1]);
    const a = circles(2000, 0.05, new Rng(4));
    expect(a.X.equals(circles(2000, 0.05, new Rng(4)).X)).toBe(true);
    const clean = circles(2000, 0, new Rng(4));
    for (let i = 0; i < 2000; i++)
      expect(Math.hypot(clean.X.get(i, 0), clean.X.get(i, 1))).toBeCloseTo(
        clean.y[i] ? 0.5 : 1,
        12,
      );
    let ss = 0;
    for (let i = 0; i < a.X.data.length; i++) ss += (a.X.data[i]! - clean.X.data[i]!) ** 2;
    expect(Math.abs(Math.sqrt(ss / a.X.data.length) - 0.05)).toBeLessThan(0.0025);
    expect(() => circles(10, 0, new Rng(0), { factor: 1 })).toThrow(
      'circles: factor must be in (0, 1), got 1',
    );
  });

  it('planar: two balanced petals of radius |4 sin 4t| ± noise, seeded', () => {
    const p = planar(400, new Rng(1));
    expect(p.X.shape).toEqual([400, 2]);
    expect(
      Array.from(p.y.subarray(0, 200)).every((v) => v === 0) &&
        Array.from(p.y.subarray(200)).every((v) => v === 1),
    ).toBe(true);
    for (let i = 0; i < 400; i++) expect(Math.hypot(p.X.get(i, 0), p.X.get(i, 1))).toBeLessThan(5);
    expect(p.X.equals(planar(400, new Rng(1)).X)).toBe(true);
  });

  it('spirals: K classes, one-hot targets', () => {
    const s = spirals(50, 3, new Rng(2));
    expect([s.X.shape, s.Y.shape, s.Y.get(75, 1)]).toEqual([[150, 2], [150, 3], 1]);
  });

  it('iceCreamSales: the published 12-point table', () => {
    const { X, Y } = iceCreamSales();
    expect([X.shape, X.get(0, 0), Y.get(0, 0), X.get(7, 0), Y.get(7, 0)]).toEqual([
      [12, 1],
      14.2,
      215,
      25.1,
      614,
    ]);
  });

  it('datasets refuse to run without an rng', () => {
    expect(() => moons(10, 0, undefined as never)).toThrow(/moons: needs an rng/);
    expect(() => planar(5, new Rng(0))).toThrow(/n must be an even integer/);
  });
});

describe('transforms', () => {
  it('oneHot: zero-based labels, and the course layout (labels 1..10, 10 = digit 0)', () => {
    expect(oneHot([2, 0], 3).toArray()).toEqual([
      [0, 0, 1],
      [1, 0, 0],
    ]);
    expect(oneHot([10, 1], 10, { base: 1 }).toArray()).toEqual([
      [0, 0, 0, 0, 0, 0, 0, 0, 0, 1],
      [1, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    ]);
    expect(Array.from(courseLabelsToDigits([10, 1, 9]))).toEqual([0, 1, 9]);
    expect(() => oneHot([3], 3)).toThrow(/^oneHot: labels\[0\] = 3 is not an integer in 0..2$/);
    expect(() => oneHot([0], 10, { base: 1 })).toThrow(
      /labels\[0\] = 0 is not an integer in 1..10/,
    );
  });

  it('standardize fits on train and applies the same shift and scale to test', () => {
    const train = fromArray([
      [1, 10, 5],
      [3, 20, 5],
      [5, 30, 5],
    ]);
    const test = fromArray([[7, 40, 6]]);
    const { train: a, test: b } = standardize(train, test);
    // column means 3, 20, 5; population stds √(8/3), √(200/3), 0 (constant: only centred)
    expectClose(
      a,
      [
        [-Math.sqrt(1.5), -Math.sqrt(1.5), 0],
        [0, 0, 0],
        [Math.sqrt(1.5), Math.sqrt(1.5), 0],
      ],
      { atol: 1e-15 },
    );
    expectClose(b!, [[4 / Math.sqrt(8 / 3), 20 / Math.sqrt(200 / 3), 1]], { atol: 1e-15 });
    expect(() => fitStandardize(train).transform(fromArray([[1, 2]]))).toThrow(
      /X has 2 columns but the transform was fitted on 3/,
    );
  });

  it('fitScale maps each column onto [lo, hi]', () => {
    const s = fitScale(
      fromArray([
        [0, -1],
        [10, 1],
      ]),
      [-1, 1],
    );
    expectClose(
      s.transform(
        fromArray([
          [5, 0],
          [10, -1],
        ]),
      ),
      [
        [0, 0],
        [1, -1],
      ],
      { atol: 1e-15 },
    );
  });

  it('shuffle keeps rows and labels together; splits partition the rows', () => {
    const X = new Matrix(
      100,
      1,
      Float64Array.from({ length: 100 }, (_, i) => i),
    );
    const y = Int32Array.from({ length: 100 }, (_, i) => i % 4);
    const s = shuffle(X, y, new Rng(1));
    for (let i = 0; i < 100; i++) expect(s.y[i]).toBe(s.X.get(i, 0) % 4);
    const split = trainTestSplit(X, y, { testSize: 0.25, rng: new Rng(2) });
    const seen = [...split.XTrain.data, ...split.XTest.data].sort((a, b) => a - b);
    expect([split.XTest.rows, seen]).toEqual([25, Array.from({ length: 100 }, (_, i) => i)]);
    const strat = stratifiedSplit(X, y, { testSize: 0.2, rng: new Rng(3) });
    for (let k = 0; k < 4; k++) expect(strat.yTest.filter((v) => v === k).length).toBe(5);
    expect(() => trainTestSplit(X, y)).toThrow(/shuffling needs an rng/);
    expect(() => trainTestSplit(X, y.subarray(1), { rng: new Rng(0) })).toThrow(
      /X has 100 rows but y has 99/,
    );
  });
});
