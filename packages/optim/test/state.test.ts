import { Matrix, Rng, randn } from '@backprop/linalg';
import { expectConfigRoundTrip } from '@backprop/linalg/testing';
import { describe, expect, it } from 'vitest';
import {
  getOptimizer,
  optimizerFromJSON,
  optimizerNames,
  optimizers,
  type StepOptimizer,
} from '../src/index';

/** Two parameters (2x3 and 1x3) and a fixed pseudo-random gradient per step. */
function setup() {
  const rng = new Rng(5);
  return {
    params: [randn(2, 3, rng), randn(1, 3, rng)],
    gradients: Array.from({ length: 10 }, () => [randn(2, 3, rng), randn(1, 3, rng)]),
  };
}

const stepSpecs = optimizerNames
  .filter((n) => n !== 'lbfgs')
  .flatMap((name) => [
    [name, { name }],
    ...(name === 'sgd'
      ? [[`${name} + nesterov`, { name, config: { momentum: 0.9, nesterov: true } }]]
      : []),
    ...(name === 'rmsprop' ? [[`${name} + momentum`, { name, config: { momentum: 0.5 } }]] : []),
    ...(name === 'adam'
      ? [
          [
            `${name} + cosine schedule`,
            {
              name,
              config: {
                learningRate: { name: 'cosineDecay', config: { initial: 0.01, steps: 8 } },
              },
            },
          ],
        ]
      : []),
  ]) as [string, { name: string; config?: object }][];

describe('state round-trip: 5 steps, save, restore into a fresh optimizer, 5 more = 10 uninterrupted', () => {
  it.each(stepSpecs)('%s', (_, spec) => {
    const straight = setup();
    const a = getOptimizer(spec as never) as StepOptimizer;
    for (const g of straight.gradients) a.step(straight.params, g);

    const resumed = setup();
    const first = getOptimizer(spec as never) as StepOptimizer;
    for (const g of resumed.gradients.slice(0, 5)) first.step(resumed.params, g);
    const saved = JSON.parse(JSON.stringify(first.toJSON()));
    const second = optimizerFromJSON(saved) as StepOptimizer;
    expect(second.iterations).toBe(5);
    for (const g of resumed.gradients.slice(5)) second.step(resumed.params, g);

    for (const [i, p] of resumed.params.entries())
      expect(p.equals(straight.params[i]!), `param ${i}`).toBe(true);
    expect(second.iterations).toBe(10);
  });

  it('refuses state for other shapes, and corrupt state, naming the problem', () => {
    const { params, gradients } = setup();
    const adam = getOptimizer('adam');
    adam.step(params, gradients[0]!);
    const state = adam.toJSON().state!;
    const fresh = getOptimizer('adam');
    fresh.setState(state);
    expect(() =>
      fresh.step([new Matrix(3, 3), params[1]!], [new Matrix(3, 3), gradients[0]![1]!]),
    ).toThrow(/^adam.step: params\[0\] is 3x3 but this optimizer's state is for 2x3$/);
    expect(() => fresh.step([params[0]!], [gradients[0]![0]!])).toThrow(
      /holds state for 2 parameters but got 1/,
    );
    expect(() => getOptimizer('adam').setState({ ...state, slots: { m: state.slots.m! } })).toThrow(
      /^adam.setState: slot 'v' must hold one buffer per parameter \(2\)$/,
    );
    expect(() =>
      getOptimizer('adam').setState({
        ...state,
        slots: { m: state.slots.m!, v: [state.slots.v![1]!, state.slots.v![0]!] },
      }),
    ).toThrow(/slots.v\[0\]: holds 3 values but 6 are expected/);
    expect(() => getOptimizer('adam').setState({ ...state, iterations: -1 })).toThrow(
      /iterations must be a non-negative integer/,
    );
  });
});

describe('optimizer registry', () => {
  it('keys every optimizer by its own name', () => {
    for (const name of optimizerNames) expect(getOptimizer(name).name).toBe(name);
    // The names are the registry's keys, in order: nothing else lists them.
    expect(optimizerNames).toEqual(Object.keys(optimizers));
  });

  it.each(optimizerNames.map((n) => [n]))('%s round-trips through its config', (name) => {
    expectConfigRoundTrip(getOptimizer(name), getOptimizer);
  });

  it('keeps configured hyperparameters and schedules', () => {
    const spec = {
      name: 'adam',
      config: {
        learningRate: { name: 'stepDecay', config: { initial: 0.1, factor: 0.5, every: 2 } },
        beta1: 0.8,
      },
    };
    const adam = expectConfigRoundTrip(getOptimizer(spec as never), getOptimizer);
    expect(adam.config.beta1).toBe(0.8);
    expect(adam.learningRate).toBe(0.1);
  });

  it('lists valid names for unknown ones', () => {
    // The list comes from the registry, so adding an optimizer never breaks this test.
    expect(() => getOptimizer('adamm')).toThrow(
      `unknown optimizer 'adamm' (did you mean 'adam'?); valid names: ${optimizerNames.join(', ')}`,
    );
  });
});
