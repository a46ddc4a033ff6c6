import { describe, expect, it } from 'vitest';
import {
  add,
  addRowVector,
  axpy,
  clip,
  div,
  InvalidArgumentError,
  Matrix,
  map,
  mul,
  Rng,
  ShapeError,
  scale,
  sub,
} from '../src/index';
import { rand, SHAPES } from './reference';

const rng = new Rng(3);

// Each op against a plain per-entry formula. Element-wise IEEE operations are exact, so the
// comparison is exact (toEqual on the Float64Arrays).
const binary: [
  string,
  (a: Matrix, b: Matrix, out?: Matrix) => Matrix,
  (x: number, y: number) => number,
][] = [
  ['add', add, (x, y) => x + y],
  ['sub', sub, (x, y) => x - y],
  ['mul', mul, (x, y) => x * y],
  ['div', div, (x, y) => x / y],
];

describe.each(binary)('%s', (name, op, formula) => {
  it.each(SHAPES)('matches the formula on %ix%i, new result and into out', (r, c) => {
    const a = rand(r, c, rng);
    const b = rand(r, c, rng);
    const expected = a.data.map((x, i) => formula(x, b.data[i]!));
    expect(op(a, b).data).toEqual(expected);
    const out = new Matrix(r, c);
    expect(op(a, b, out)).toBe(out);
    expect(out.data).toEqual(expected);
  });

  it('may write into one of its inputs (out aliases a)', () => {
    const a = rand(3, 4, rng);
    const b = rand(3, 4, rng);
    const expected = a.data.map((x, i) => formula(x, b.data[i]!));
    op(a, b, a);
    expect(a.data).toEqual(expected);
  });

  it('names both shapes on a mismatch', () => {
    expect(() => op(new Matrix(2, 3), new Matrix(3, 2))).toThrow(
      new RegExp(`^${name}: a is 2x3 but b is 3x2 \\(shapes must be equal\\)$`),
    );
    expect(() => op(new Matrix(2, 3), new Matrix(2, 3), new Matrix(3, 2))).toThrow(
      new RegExp(`^${name}: out is 3x2 but the result is 2x3$`),
    );
  });
});

describe('scale, axpy, map, clip, addRowVector', () => {
  it.each(SHAPES)('scale and axpy on %ix%i', (r, c) => {
    const a = rand(r, c, rng);
    const y = rand(r, c, rng);
    expect(scale(a, -2.5).data).toEqual(a.data.map((x) => -2.5 * x));
    const expected = y.data.map((v, i) => v + 0.75 * a.data[i]!);
    expect(axpy(0.75, a, y)).toBe(y);
    expect(y.data).toEqual(expected);
  });

  it('axpy names x and y on a mismatch', () => {
    expect(() => axpy(1, new Matrix(1, 2), new Matrix(2, 1))).toThrow(
      /^axpy: x is 1x2 but y is 2x1/,
    );
  });

  it('map passes value, row and column', () => {
    const a = rand(3, 5, rng);
    const m = map(a, (v, i, j) => v + 10 * i + 100 * j);
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 5; j++) expect(m.get(i, j)).toBe(a.get(i, j) + 10 * i + 100 * j);
  });

  it('clip clamps and keeps NaN; rejects lo > hi', () => {
    const a = new Matrix(1, 5, Float64Array.of(-3, -0.5, 0.5, 3, Number.NaN));
    expect(Array.from(clip(a, -1, 1).data)).toEqual([-1, -0.5, 0.5, 1, Number.NaN]);
    expect(() => clip(a, 1, -1)).toThrow(InvalidArgumentError);
  });

  it.each(SHAPES)('addRowVector broadcasts a 1 x cols vector over %ix%i', (r, c) => {
    const a = rand(r, c, rng);
    const v = rand(1, c, rng);
    const out = addRowVector(a, v);
    for (let i = 0; i < r; i++)
      for (let j = 0; j < c; j++) expect(out.get(i, j)).toBe(a.get(i, j) + v.get(0, j));
  });

  it('addRowVector rejects a vector of the wrong shape', () => {
    expect(() => addRowVector(new Matrix(4, 3), new Matrix(3, 1))).toThrow(
      /^addRowVector: a is 4x3 but v is 3x1 \(v must be 1x3\)$/,
    );
    expect(() => addRowVector(new Matrix(4, 3), new Matrix(1, 2))).toThrow(ShapeError);
  });
});
