import { describe, expect, it } from 'vitest';
import { adamStep, InvalidArgumentError } from '../src/index';

const constants = {
  lr: 0.001,
  c1: 10,
  c2: 1000,
  beta1: 0.9,
  beta2: 0.999,
  epsilon: 1e-8,
  epsilonInsideSqrt: false,
  weightDecay: 0,
};

describe('adamStep', () => {
  it('updates p, m and v in place (the first step moves each entry by about −lr·sign(g))', () => {
    const p = Float64Array.of(1, -2, 3);
    const g = Float64Array.of(0.5, -0.25, 0);
    const [m, v] = [new Float64Array(3), new Float64Array(3)];
    expect(adamStep(p, g, m, v, constants)).toBe(true);
    // m = 0.1·g, v = 0.001·g²; m̂ = g, v̂ = g²: Δ = −lr·g/(|g| + ε) (to rounding: 1e-15).
    expect(p[0]).toBeCloseTo(1 - (0.001 * 0.5) / (0.5 + 1e-8), 15);
    expect(p[1]).toBeCloseTo(-2 + (0.001 * 0.25) / (0.25 + 1e-8), 15);
    expect(p[2]).toBe(3);
    // (1 − β₁)·g with 1 − 0.9 = 0.09999999999999998 in float64, as the loop computes it.
    expect(Array.from(m)).toEqual([(1 - 0.9) * 0.5, (1 - 0.9) * -0.25, 0]);
    expect(v[0]).toBeCloseTo(0.001 * 0.25, 15);
  });

  it('refuses arrays of other lengths or dtypes, naming the argument', () => {
    const p = new Float32Array(4);
    const ok = new Float32Array(4);
    expect(() => adamStep(p, new Float32Array(3), ok, ok, constants)).toThrow(InvalidArgumentError);
    expect(() => adamStep(p, new Float32Array(3), ok, ok, constants)).toThrow(
      /^adamStep: g must be a Float32Array of p's length 4$/,
    );
    expect(() => adamStep(p, ok, new Float64Array(4), ok, constants)).toThrow(
      /^adamStep: m must be a Float32Array/,
    );
    expect(() => adamStep(new Float64Array(4), new Float64Array(4), ok, ok, constants)).toThrow(
      /^adamStep: m must be a Float64Array/,
    );
  });
});
