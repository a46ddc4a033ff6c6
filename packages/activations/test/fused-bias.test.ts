import {
  addRowVector,
  astype,
  InvalidArgumentError,
  Rng,
  random,
  ShapeError,
  sumRows,
} from '@backprop/linalg';
import { describe, expect, it } from 'vitest';
import { relu } from '../src/index';

const sameBits = (a: ArrayLike<number>, b: ArrayLike<number>) =>
  a.length === b.length && Array.from(a).every((v, i) => Object.is(v, b[i]));

describe("relu's bias passes", () => {
  for (const dtype of ['float64', 'float32'] as const)
    it(`give addRowVector + forward's and backward + sumRows's bits (${dtype})`, () => {
      const rng = new Rng(3);
      const z = astype(random(37, 13, rng, -2, 2), dtype);
      const b = astype(random(1, 13, rng, -1, 1), dtype);
      const dA = astype(random(37, 13, rng, -1, 1), dtype);
      const zSeparate = z.clone();
      addRowVector(zSeparate, b, zSeparate);
      const aSeparate = relu.forward(zSeparate);
      const zFused = z.clone();
      const aFused = relu.forwardBias!(zFused, b);
      expect(sameBits(zFused.data, zSeparate.data)).toBe(true); // Z += b in place
      expect(sameBits(aFused.data, aSeparate.data)).toBe(true);
      const delta = relu.backward(zSeparate, aSeparate, dA);
      const db = sumRows(delta);
      const dbFused = astype(random(1, 13, rng), dtype); // overwritten, not added to
      const deltaFused = relu.backwardBias!(zFused, aFused, dA, dA.clone(), dbFused);
      expect(sameBits(deltaFused.data, delta.data)).toBe(true);
      expect(sameBits(dbFused.data, db.data)).toBe(true);
      expect(aFused.dtype).toBe(dtype);
    });

  it('check the bias: its shape and its dtype', () => {
    const z = random(4, 3, new Rng(1));
    expect(() => relu.forwardBias!(z, random(1, 2, new Rng(2)))).toThrow(ShapeError);
    expect(() => relu.forwardBias!(z, random(1, 2, new Rng(2)))).toThrow(
      /^relu\.forwardBias: z is 4x3 but bias is 1x2 \(bias must be 1x3\)$/,
    );
    expect(() => relu.forwardBias!(z, astype(random(1, 3, new Rng(2)), 'float32'))).toThrow(
      InvalidArgumentError,
    );
  });
});
