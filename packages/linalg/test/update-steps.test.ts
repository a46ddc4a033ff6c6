import { describe, expect, it } from 'vitest';
import {
  adadeltaStep,
  adagradStep,
  adamStep,
  InvalidArgumentError,
  rmspropStep,
} from '../src/index';

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

describe('rmspropStep, adagradStep, adadeltaStep', () => {
  it('rmsprop: E = (1 − ρ)g² on the first step, so each entry moves by about −lr·sign(g)/√(1 − ρ)', () => {
    const p = Float64Array.of(1, -2, 3);
    const g = Float64Array.of(0.5, -0.25, 0);
    const ms = new Float64Array(3);
    const c = { lr: 0.001, rho: 0.9, epsilon: 1e-8, momentum: 0 };
    expect(rmspropStep(p, g, ms, null, c)).toBe(true);
    expect(ms[0]).toBeCloseTo(0.1 * 0.25, 15);
    // Δ = lr·g/(√((1 − ρ)g²) + ε) = lr·g/(|g|·√0.1 + ε) ≈ 0.00316·sign(g) (to rounding: 1e-15).
    expect(p[0]).toBeCloseTo(1 - (0.001 * 0.5) / (Math.sqrt(0.025) + 1e-8), 15);
    expect(p[1]).toBeCloseTo(-2 + (0.001 * 0.25) / (Math.sqrt(0.00625) + 1e-8), 15);
    expect(p[2]).toBe(3);
    // With momentum the first velocity is that move; the second step adds μ times it.
    const [q, m2, v] = [Float64Array.of(1), new Float64Array(1), new Float64Array(1)];
    const cm = { ...c, momentum: 0.5 };
    rmspropStep(q, Float64Array.of(0.5), m2, v, cm);
    expect(v[0]).toBeCloseTo((0.001 * 0.5) / (Math.sqrt(0.025) + 1e-8), 15);
    expect(q[0]).toBeCloseTo(1 - v[0]!, 15);
  });

  it('adagrad: G = g² on the first step, so each entry moves by about −lr·sign(g)', () => {
    const p = Float32Array.of(1, -2);
    const acc = new Float32Array(2);
    expect(adagradStep(p, Float32Array.of(0.5, -4), acc, { lr: 0.01, epsilon: 1e-8 })).toBe(true);
    expect(Array.from(acc)).toEqual([0.25, 16]);
    expect(p[0]).toBeCloseTo(0.99, 6);
    expect(p[1]).toBeCloseTo(-1.99, 6);
  });

  it('adadelta: the first step is −(√ε / √((1 − ρ)g² + ε))·g, and E[Δ²] = (1 − ρ)Δ²', () => {
    const p = Float64Array.of(1);
    const [eg, ed] = [new Float64Array(1), new Float64Array(1)];
    expect(adadeltaStep(p, Float64Array.of(0.5), eg, ed, { lr: 1, rho: 0.95, epsilon: 1e-6 })).toBe(
      true,
    );
    const delta = (-Math.sqrt(1e-6) / Math.sqrt(0.05 * 0.25 + 1e-6)) * 0.5; // ≈ −0.00447
    expect(eg[0]).toBeCloseTo(0.0125, 15);
    expect(p[0]).toBeCloseTo(1 + delta, 15);
    expect(ed[0]).toBeCloseTo(0.05 * delta * delta, 15);
  });

  it('name the argument that does not match p', () => {
    const [p, ok] = [new Float64Array(4), new Float64Array(4)];
    const c = { lr: 0.001, rho: 0.9, epsilon: 1e-8, momentum: 0.5 };
    expect(() => rmspropStep(p, ok, ok, new Float64Array(2), c)).toThrow(
      /^rmspropStep: velocity must be a Float64Array of p's length 4$/,
    );
    expect(() => adagradStep(p, ok, new Float32Array(4), { lr: 1, epsilon: 1 })).toThrow(
      /^adagradStep: accumulator must be a Float64Array/,
    );
    expect(() =>
      adadeltaStep(p, ok, ok, new Float32Array(4), { lr: 1, rho: 0.9, epsilon: 1 }),
    ).toThrow(/^adadeltaStep: meanSquareDelta must be a Float64Array/);
    expect(() => adadeltaStep([] as never, ok, ok, ok, { lr: 1, rho: 0.9, epsilon: 1 })).toThrow(
      /^adadeltaStep: p must be a Float64Array or a Float32Array$/,
    );
  });
});
