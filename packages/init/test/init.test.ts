import { type FloatArray, mean, Rng } from '@backprop/linalg';
import { expectConfigRoundTrip } from '@backprop/linalg/testing';
import { describe, expect, it } from 'vitest';
import {
  constant,
  getInitializer,
  glorotUniform,
  heNormal,
  heUniform,
  type Initializer,
  initializerNames,
  initializers,
  normal,
  uniform,
  xavierNormal,
  xavierUniform,
  zeros,
} from '../src/index';

/** Sample mean and (population) variance of a matrix's entries. */
function moments(values: FloatArray): { mean: number; variance: number } {
  let s = 0;
  for (const v of values) s += v;
  const mu = s / values.length;
  let ss = 0;
  for (const v of values) ss += (v - mu) ** 2;
  return { mean: mu, variance: ss / values.length };
}

describe('initializers draw from the distribution their formula states (1e6 draws)', () => {
  // 1000 x 1000 = 1e6 draws. Standard error of the mean is σ/1000 and of the variance at most
  // σ²·√2/1000 (normal; uniform is smaller), so 1% of σ and 1% of σ² are ≥ 7 standard errors.
  const fanIn = 1000;
  const fanOut = 1000;
  const cases: [string, Initializer, number][] = [
    ['uniform ε=0.12 (course): var ε²/3', uniform(), 0.12 ** 2 / 3],
    [
      "uniform ε='fan' (course rule √6/√(in+out)): var 2/(in+out)",
      uniform({ epsilon: 'fan' }),
      2 / (fanIn + fanOut),
    ],
    ['normal std 0.01 (slides)', normal(), 0.01 ** 2],
    ['normal std 0.5', normal({ std: 0.5 }), 0.25],
    ['xavierNormal: σ² = 2/(in+out)', xavierNormal(), 2 / (fanIn + fanOut)],
    ['xavierUniform: limit √(6/(in+out)), var 2/(in+out)', xavierUniform(), 2 / (fanIn + fanOut)],
    ['heNormal: σ² = 2/in', heNormal(), 2 / fanIn],
    ['heUniform: limit √(6/in), var 2/in', heUniform(), 2 / fanIn],
  ];

  it.each(cases)('%s', (_, init, expectedVariance) => {
    const w = init.create(fanIn, fanOut, new Rng(1));
    expect(w.shape).toEqual([fanIn, fanOut]);
    const { mean: mu, variance } = moments(w.data);
    expect(Math.abs(mu)).toBeLessThan(0.01 * Math.sqrt(expectedVariance));
    expect(Math.abs(variance / expectedVariance - 1)).toBeLessThan(0.01);
  });

  it('uniform initializers stay inside their limits', () => {
    const w = uniform().create(200, 300, new Rng(2));
    expect(w.data.every((v) => v >= -0.12 && v < 0.12)).toBe(true);
    const limit = Math.sqrt(6 / 500);
    expect(
      xavierUniform()
        .create(200, 300, new Rng(2))
        .data.every((v) => Math.abs(v) <= limit),
    ).toBe(true);
    // The course's ex4 network (400 → 25): √6/√425 ≈ 0.1188, which is where 0.12 comes from.
    expect(Math.sqrt(6) / Math.sqrt(425)).toBeCloseTo(0.1188, 4);
  });
});

describe('determinism and the constant initializers', () => {
  it.each(initializerNames.map((n) => [n]))('%s: same seed, identical matrix', (name) => {
    const init = getInitializer(name);
    const a = init.create(30, 20, new Rng(7));
    expect(a.equals(init.create(30, 20, new Rng(7)))).toBe(true);
    if (name !== 'zeros' && name !== 'constant')
      expect(a.equals(init.create(30, 20, new Rng(8)))).toBe(false);
  });

  it('zeros and constant', () => {
    expect(mean(zeros().create(3, 4, new Rng(0)))).toBe(0);
    expect(constant({ value: 0.5 }).create(2, 2, new Rng(0)).toArray()).toEqual([
      [0.5, 0.5],
      [0.5, 0.5],
    ]);
    expect(heNormal().create(0, 5, new Rng(0)).shape).toEqual([0, 5]);
  });
});

describe('registry', () => {
  it('keys every initializer by its own name and resolves the literature aliases', () => {
    for (const name of initializerNames) expect(initializers[name]().name).toBe(name);
    expect(getInitializer('glorotUniform').name).toBe('xavierUniform');
    expect(getInitializer('kaimingNormal').name).toBe('heNormal');
    expect(glorotUniform().toConfig()).toEqual({ name: 'xavierUniform' });
  });

  it.each(initializerNames.map((n) => [n]))('%s round-trips through its config', (name) => {
    const original = getInitializer(name);
    const rebuilt = expectConfigRoundTrip(original, getInitializer);
    expect(rebuilt.create(5, 4, new Rng(3)).equals(original.create(5, 4, new Rng(3)))).toBe(true);
  });

  it('keeps configured parameters', () => {
    expect(expectConfigRoundTrip(uniform({ epsilon: 'fan' }), getInitializer).toConfig()).toEqual({
      name: 'uniform',
      config: { epsilon: 'fan' },
    });
    expect(expectConfigRoundTrip(normal({ std: 0.2, mean: 1 }), getInitializer).toConfig()).toEqual(
      {
        name: 'normal',
        config: { mean: 1, std: 0.2 },
      },
    );
  });

  it('errors name what is wrong', () => {
    expect(() => getInitializer('xavier')).toThrow(
      `unknown initializer 'xavier'; valid names: ${initializerNames.join(', ')}`,
    );
    expect(() => uniform({ epsilon: -1 })).toThrow(
      /^uniform: option 'epsilon' must be a number >= 0 or 'fan', got -1$/,
    );
    expect(() => heNormal().create(-1, 3, new Rng(0))).toThrow(
      /^heNormal.create: fanIn must be a non-negative integer, got -1$/,
    );
    expect(() => normal().create(2, 2, undefined as never)).toThrow(
      /^normal.create: rng must be an Rng/,
    );
    expect(() => normal({ std: -0.1 })).toThrow(/std' must be a finite number >= 0/);
  });
});
