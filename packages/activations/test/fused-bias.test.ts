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
import {
  type Activation,
  elu,
  gelu,
  leakyRelu,
  linear,
  relu,
  sigmoid,
  softmax,
  softplus,
  tanh,
} from '../src/index';

const sameBits = (a: ArrayLike<number>, b: ArrayLike<number>) =>
  a.length === b.length && Array.from(a).every((v, i) => Object.is(v, b[i]));

/** The activations with bias passes: the cheap element-wise ones, where a saved pass shows. */
const fused: Activation[] = [relu, leakyRelu(), leakyRelu({ alpha: 0.1 })];

describe('the bias passes (relu, leakyRelu)', () => {
  for (const g of fused)
    for (const dtype of ['float64', 'float32'] as const)
      it(`${g.name} ${JSON.stringify(g.toConfig().config ?? {})}: give addRowVector + forward's and backward + sumRows's bits (${dtype})`, () => {
        const rng = new Rng(3);
        const z = astype(random(37, 13, rng, -2, 2), dtype);
        z.data[5] = 0;
        z.data[6] = -0;
        const b = astype(random(1, 13, rng, -1, 1), dtype);
        const dA = astype(random(37, 13, rng, -1, 1), dtype);
        const zSeparate = z.clone();
        addRowVector(zSeparate, b, zSeparate);
        const aSeparate = g.forward(zSeparate);
        const zFused = z.clone();
        const aFused = g.forwardBias!(zFused, b);
        expect(sameBits(zFused.data, zSeparate.data)).toBe(true); // Z += b in place
        expect(sameBits(aFused.data, aSeparate.data)).toBe(true);
        const delta = g.backward(zSeparate, aSeparate, dA);
        const db = sumRows(delta);
        const dbFused = astype(random(1, 13, rng), dtype); // overwritten, not added to
        const deltaFused = g.backwardBias!(zFused, aFused, dA, dA.clone(), dbFused);
        expect(sameBits(deltaFused.data, delta.data)).toBe(true);
        expect(sameBits(dbFused.data, db.data)).toBe(true);
        expect(aFused.dtype).toBe(dtype);
        // In place, as forward and backward allow: A over Z, δ over ∂L/∂A.
        const zInPlace = z.clone();
        g.forwardBias!(zInPlace, b, zInPlace);
        expect(sameBits(zInPlace.data, aSeparate.data)).toBe(true);
        const dInPlace = dA.clone();
        g.backwardBias!(zSeparate, aSeparate, dInPlace, dInPlace, dbFused);
        expect(sameBits(dInPlace.data, delta.data)).toBe(true);
        expect(sameBits(dbFused.data, db.data)).toBe(true);
      });

  it('are absent where they do not pay (measured: no gain) and for softmax', () => {
    // sigmoid, tanh, gelu, softplus, elu: the transcendental function dominates; linear: the
    // separate passes are block copies.
    for (const g of [sigmoid, tanh, gelu, softplus, elu(), linear, softmax])
      expect([g.name, g.forwardBias, g.backwardBias]).toEqual([g.name, undefined, undefined]);
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
    expect(() => leakyRelu().forwardBias!(z, random(1, 2, new Rng(2)))).toThrow(
      /^leakyRelu\.forwardBias: z is 4x3 but bias is 1x2 \(bias must be 1x3\)$/,
    );
    expect(() => leakyRelu().backwardBias!(z, z, z, z.clone(), random(2, 3, new Rng(2)))).toThrow(
      /^leakyRelu\.backwardBias: z is 4x3 but biasGrad is 2x3 \(biasGrad must be 1x3\)$/,
    );
  });
});
