import { describe, expect, it } from 'vitest';
import {
  fromArray,
  gatherRows,
  hstack,
  InvalidArgumentError,
  Matrix,
  Rng,
  sliceRows,
  transpose,
  vstack,
} from '../src/index';
import { rand, refTranspose, SHAPES } from './reference';

const rng = new Rng(9);

describe('transpose', () => {
  it.each([...SHAPES, [40, 70] as [number, number], [1, 100] as [number, number]])(
    '%ix%i',
    (r, c) => {
      const a = rand(r, c, rng);
      expect(transpose(a).equals(refTranspose(a))).toBe(true);
      expect(transpose(transpose(a)).equals(a)).toBe(true);
    },
  );

  it('refuses to transpose in place', () => {
    const a = rand(3, 3, rng);
    expect(() => transpose(a, a)).toThrow(
      /^transpose: out shares memory with a, which would corrupt the result/,
    );
  });
});

describe('hstack and vstack', () => {
  const a = fromArray([
    [1, 2],
    [3, 4],
  ]);
  const b = fromArray([[5], [6]]);
  it('joins matrices', () => {
    expect(hstack([a, b]).toArray()).toEqual([
      [1, 2, 5],
      [3, 4, 6],
    ]);
    expect(vstack([a, fromArray([[7, 8]])]).toArray()).toEqual([
      [1, 2],
      [3, 4],
      [7, 8],
    ]);
    expect(vstack([new Matrix(0, 2), a]).equals(a)).toBe(true);
  });

  it('names the mismatching part', () => {
    expect(() => hstack([a, fromArray([[1]])])).toThrow(
      /^hstack: parts\[0\] is 2x2 but parts\[1\] is 1x1 \(row counts/,
    );
    expect(() => vstack([a, b])).toThrow(
      /^vstack: parts\[0\] is 2x2 but parts\[1\] is 2x1 \(column counts/,
    );
    expect(() => vstack([])).toThrow(InvalidArgumentError);
  });
});

describe('sliceRows and gatherRows', () => {
  const a = fromArray([
    [0, 1],
    [2, 3],
    [4, 5],
    [6, 7],
  ]);
  it('slices a copy by default and a view on request', () => {
    const copy = sliceRows(a, 1, 3);
    expect(copy.toArray()).toEqual([
      [2, 3],
      [4, 5],
    ]);
    copy.set(0, 0, 99);
    expect(a.get(1, 0)).toBe(2);
    const view = sliceRows(a, 1, 3, { view: true });
    view.set(0, 0, 99);
    expect(a.get(1, 0)).toBe(99);
    a.set(1, 0, 2);
    expect(sliceRows(a, 2, 2).shape).toEqual([0, 2]);
  });

  it('rejects ranges outside the matrix', () => {
    expect(() => sliceRows(a, 3, 5)).toThrow(
      /^sliceRows: rows 3..5 are not a range within a 4x2 matrix/,
    );
    expect(() => sliceRows(a, 2, 1)).toThrow(InvalidArgumentError);
  });

  it('gathers rows in the order given, repeats allowed', () => {
    expect(gatherRows(a, [3, 0, 3]).toArray()).toEqual([
      [6, 7],
      [0, 1],
      [6, 7],
    ]);
    expect(gatherRows(a, Int32Array.of()).shape).toEqual([0, 2]);
    const out = new Matrix(2, 2);
    expect(gatherRows(a, [1, 2], out)).toBe(out);
  });

  it('gathers wide rows (block copies from cached row views) exactly, and sees later writes', () => {
    const cols = 300;
    const wide = new Matrix(
      5,
      cols,
      Float64Array.from({ length: 5 * cols }, (_, i) => i + 0.5),
    );
    const picked = [4, 0, 4, 2];
    const expected = (m: Matrix) =>
      picked.map((r) => Array.from(m.data.subarray(r * cols, (r + 1) * cols)));
    expect(gatherRows(wide, picked).toArray()).toEqual(expected(wide));
    wide.set(4, 7, -1);
    const again = gatherRows(wide, picked, new Matrix(4, cols));
    expect(again.get(0, 7)).toBe(-1);
    expect(again.toArray()).toEqual(expected(wide));
    expect(() => gatherRows(wide, [5])).toThrow(
      /^gatherRows: indices\[0\] = 5 is not a row of a 5x300 matrix$/,
    );
  });

  it('names a bad index', () => {
    expect(() => gatherRows(a, [0, 4])).toThrow(
      /^gatherRows: indices\[1\] = 4 is not a row of a 4x2 matrix$/,
    );
    expect(() => gatherRows(a, [0, 1.5])).toThrow(InvalidArgumentError);
    expect(() => gatherRows(a, [0, 1], sliceRows(a, 0, 2, { view: true }))).toThrow(
      /shares memory/,
    );
  });
});
