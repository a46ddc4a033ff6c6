import { describe, expect, it } from 'vitest';
import {
  BackpropError,
  InvalidArgumentError,
  isBackpropError,
  isInvalidArgumentError,
  isShapeError,
  Matrix,
  matmul,
  ShapeError,
} from '../src/index';

describe('typed errors', () => {
  it('carry op, shapes and argument', () => {
    try {
      matmul(new Matrix(2, 3), new Matrix(2, 2));
      expect.unreachable();
    } catch (e) {
      expect(isShapeError(e)).toBe(true);
      const err = e as ShapeError;
      expect(err.op).toBe('matmul');
      expect(err.shapes).toEqual({ a: [2, 3], b: [2, 2] });
      expect(err.name).toBe('ShapeError');
      expect(err).toBeInstanceOf(BackpropError);
    }
    const bad = new InvalidArgumentError('learningRate', 'no');
    expect(isInvalidArgumentError(bad)).toBe(true);
    expect(isShapeError(bad)).toBe(false);
    expect(bad.argument).toBe('learningRate');
  });

  it('are recognised across duplicate copies of the package (Symbol.for brand, no instanceof)', () => {
    // What a second installed copy's ShapeError looks like: a different class, same global brand.
    const foreign = Object.assign(new Error('x'), {
      kind: 'ShapeError',
      [Symbol.for('@backprop/error')]: true,
    });
    expect(foreign instanceof ShapeError).toBe(false);
    expect(isBackpropError(foreign)).toBe(true);
    expect(isShapeError(foreign)).toBe(true);
    expect(isBackpropError(new Error('plain'))).toBe(false);
    expect(isBackpropError(null)).toBe(false);
  });
});
