import { describe, expect, it } from 'vitest';
import {
  fromArray,
  fromFlat,
  full,
  InvalidArgumentError,
  identity,
  Matrix,
  ones,
  Rng,
  randn,
  random,
  ShapeError,
  zeros,
} from '../src/index';

describe('Matrix', () => {
  it('stores row-major data and checks bounds', () => {
    const m = new Matrix(2, 3, Float64Array.of(1, 2, 3, 4, 5, 6));
    expect(m.shape).toEqual([2, 3]);
    expect(m.get(1, 0)).toBe(4);
    m.set(0, 2, 9);
    expect(m.data[2]).toBe(9);
    expect(() => m.get(2, 0)).toThrow(/^Matrix 2x3: row index 2 is out of range$/);
    expect(() => m.get(0, -1)).toThrow(/^Matrix 2x3: column index -1 is out of range$/);
  });

  it('row() is a view; toArray, clone and equals', () => {
    const m = fromArray([
      [1, 2],
      [3, 4],
    ]);
    m.row(1)[0] = 30;
    expect(m.toArray()).toEqual([
      [1, 2],
      [30, 4],
    ]);
    const c = m.clone();
    c.set(0, 0, 5);
    expect(m.get(0, 0)).toBe(1);
    expect(
      m.equals(
        fromArray([
          [1, 2],
          [30, 4 + 1e-9],
        ]),
      ),
    ).toBe(false);
    expect(
      m.equals(
        fromArray([
          [1, 2],
          [30, 4 + 1e-9],
        ]),
        { atol: 1e-8 },
      ),
    ).toBe(true);
    expect(
      m.equals(
        fromArray([
          [1, 2],
          [30.0000003, 4],
        ]),
        { rtol: 1e-7 },
      ),
    ).toBe(true);
    expect(m.equals(fromArray([[1, 2, 3]]))).toBe(false);
    expect(fromArray([[Number.NaN]]).equals(fromArray([[Number.NaN]]))).toBe(false);
    expect(
      fromArray([[Number.POSITIVE_INFINITY]]).equals(fromArray([[Number.POSITIVE_INFINITY]])),
    ).toBe(true);
  });

  it('rejects bad dimensions and data', () => {
    expect(() => new Matrix(-1, 2)).toThrow(
      /^Matrix: rows must be a non-negative integer, got -1$/,
    );
    expect(() => new Matrix(2, 1.5)).toThrow(InvalidArgumentError);
    expect(() => new Matrix(2, 2, new Float64Array(3))).toThrow(
      /^Matrix: data has length 3 but 2x2 needs rows\*cols = 4$/,
    );
    expect(() => new Matrix(2, 2, new Float64Array(3))).toThrow(ShapeError);
    expect(() => new Matrix(1, 1, [1] as never)).toThrow(
      /^Matrix: data must be a Float64Array or a Float32Array$/,
    );
  });
});

describe('constructors', () => {
  it('zeros, ones, full, identity', () => {
    expect(zeros(2, 2).data).toEqual(new Float64Array(4));
    expect(Array.from(ones(1, 3).data)).toEqual([1, 1, 1]);
    expect(Array.from(full(2, 1, -7).data)).toEqual([-7, -7]);
    expect(identity(3).toArray()).toEqual([
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ]);
    expect(zeros(0, 5).shape).toEqual([0, 5]);
  });

  it('fromArray rejects ragged rows and non-numbers, naming where', () => {
    expect(fromArray([]).shape).toEqual([0, 0]);
    expect(() => fromArray([[1, 2], [3]])).toThrow(
      /^fromArray: row 1 has 1 entries but row 0 has 2 \(ragged rows\)$/,
    );
    expect(() => fromArray([[1, '2' as never]])).toThrow(
      /^fromArray: entry \(0, 1\) is string, not a number$/,
    );
    expect(() => fromArray(5 as never)).toThrow(InvalidArgumentError);
  });

  it('fromFlat shares a Float64Array and copies anything else', () => {
    const buf = Float64Array.of(1, 2, 3, 4);
    expect(fromFlat(buf, 2, 2).data).toBe(buf);
    expect(fromFlat([1, 2, 3, 4], 2, 2).toArray()).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(() => fromFlat([1, 2, 3], 2, 2)).toThrow(ShapeError);
  });

  it('random and randn draw from the rng: same seed, same matrix', () => {
    const a = random(3, 4, new Rng(1), -2, 2);
    expect(a.equals(random(3, 4, new Rng(1), -2, 2))).toBe(true);
    expect(a.data.every((v) => v >= -2 && v < 2)).toBe(true);
    expect(randn(2, 2, new Rng(5), 3, 0).data.every((v) => v === 3)).toBe(true);
  });
});
