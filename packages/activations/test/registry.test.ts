import { FUSION, fromArray, type PartConfig } from '@backprop/linalg';
import { expectConfigRoundTrip } from '@backprop/linalg/testing';
import { describe, expect, it } from 'vitest';
import {
  type Activation,
  activationNames,
  activations,
  getActivation,
  leakyRelu,
  relu,
} from '../src/index';

describe('activation registry', () => {
  it('keys every activation by its own name', () => {
    for (const name of activationNames) expect(activations[name]().name).toBe(name);
    // The names are the registry's keys, in order: nothing else lists them.
    expect(activationNames).toEqual(Object.keys(activations));
  });

  it('resolves a name, a config, an object and a factory', () => {
    expect(getActivation('relu')).toBe(relu);
    expect(getActivation(relu)).toBe(relu);
    expect(getActivation(leakyRelu).toConfig()).toEqual({
      name: 'leakyRelu',
      config: { alpha: 0.01 },
    });
    const slides = getActivation({ name: 'leakyRelu', config: { alpha: 0.1 } });
    expect(Array.from(slides.forward(fromArray([[-10, 10]])).data)).toEqual([-1, 10]);
  });

  it.each(activationNames.map((n) => [n]))(
    '%s round-trips through toConfig / JSON / getActivation',
    (name) => {
      const z = fromArray([[-2, -0.5, 0.25, 3]]);
      const original = getActivation(name);
      const rebuilt = expectConfigRoundTrip<Activation>(original, (c: PartConfig) =>
        getActivation(c),
      );
      expect(rebuilt.forward(z).equals(original.forward(z))).toBe(true);
    },
  );

  it('parameterised activations round-trip their parameters', () => {
    const rebuilt = expectConfigRoundTrip(leakyRelu({ alpha: 0.2 }), getActivation);
    expect(rebuilt.toConfig()).toEqual({ name: 'leakyRelu', config: { alpha: 0.2 } });
  });

  it('unknown names list the valid ones; bad configs name the option', () => {
    expect(() => getActivation('rleu')).toThrow(
      `unknown activation 'rleu' (did you mean 'relu'?); valid names: ${activationNames.join(', ')}`,
    );
    expect(() => getActivation('ReLU')).toThrow(/did you mean 'relu'/);
    expect(() => leakyRelu({ alpha: -1 })).toThrow(
      /^leakyRelu: option 'alpha' must be a finite number >= 0, got -1$/,
    );
    expect(() => getActivation({ name: 'elu', config: { alfa: 1 } })).toThrow(
      /^elu: unknown option 'alfa' \(did you mean 'alpha'\?\)/,
    );
  });
});

describe('fusion marks', () => {
  it('only the built-in sigmoid and softmax declare a fused loss', () => {
    const marked = Object.fromEntries(
      activationNames.map((name) => [name, getActivation(name)[FUSION] ?? null]),
    );
    expect(marked).toEqual({
      ...Object.fromEntries(activationNames.map((n) => [n, null])),
      sigmoid: 'logistic',
      softmax: 'softmax',
    });
  });
});
