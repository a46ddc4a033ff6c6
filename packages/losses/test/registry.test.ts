import { fromArray } from '@backprop/linalg';
import { expectConfigRoundTrip } from '@backprop/linalg/testing';
import { describe, expect, it } from 'vitest';
import {
  getLoss,
  getPenalty,
  l1,
  l2,
  losses,
  lossNames,
  penalties,
  penaltyNames,
} from '../src/index';

describe('loss and penalty registries', () => {
  it('key every part by its own name', () => {
    for (const name of lossNames) expect(losses[name]().name).toBe(name);
    for (const name of penaltyNames) expect(penalties[name]().name).toBe(name);
  });

  it.each(lossNames.map((n) => [n]))('loss %s round-trips through its config', (name) => {
    const original = getLoss(name);
    const rebuilt = expectConfigRoundTrip(original, getLoss);
    const p = fromArray([[0.2, 0.7]]);
    const y = fromArray([[0, 1]]);
    expect(rebuilt.value(p, y)).toBe(original.value(p, y));
  });

  it('configured parts keep their configuration', () => {
    expect(
      expectConfigRoundTrip(
        getLoss({ name: 'meanSquaredError', config: { reduction: 'halfMean' } }),
        getLoss,
      ).toConfig(),
    ).toEqual({
      name: 'meanSquaredError',
      config: { reduction: 'halfMean' },
    });
    for (const name of penaltyNames) {
      const p = getPenalty({ name, config: { lambda: 3, form: 'keras' } });
      expect(expectConfigRoundTrip(p, getPenalty).toConfig()).toEqual({
        name,
        config: { lambda: 3, form: 'keras' },
      });
    }
  });

  it('unknown names list the valid ones', () => {
    expect(() => getLoss('crossEntropy')).toThrow(
      `unknown loss 'crossEntropy'; valid names: ${lossNames.join(', ')}`,
    );
    expect(() => getPenalty('L2')).toThrow(
      /^unknown penalty 'L2' \(did you mean 'l2'\?\); valid names: l2, l1$/,
    );
    expect(() => getLoss({ name: 'meanAbsoluteError', config: { x: 1 } })).toThrow(
      /meanAbsoluteError: unknown option 'x'/,
    );
  });
});

describe('penalties take λ positionally too', () => {
  it('l2(0.01) is l2({ lambda: 0.01 }) (the course form); the Keras form is named', () => {
    expect(l2(0.01).toConfig()).toEqual(l2({ lambda: 0.01 }).toConfig());
    expect(l2(0.01, { form: 'keras' }).toConfig()).toEqual({
      name: 'l2',
      config: { lambda: 0.01, form: 'keras' },
    });
    expect(l1(0.5).toConfig()).toEqual({ name: 'l1', config: { lambda: 0.5, form: 'course' } });
    expect(() => l2(-1)).toThrow(/option 'lambda' must be a finite number >= 0, got -1/);
    expect(() => l2({ lambda: 1 }, { form: 'keras' })).toThrow(
      /second argument only after a number/,
    );
  });
});
