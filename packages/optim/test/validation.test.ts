import { type InvalidArgumentError, isInvalidArgumentError, Matrix } from '@backprop/linalg';
import { describe, expect, it } from 'vitest';
import {
  adadelta,
  adagrad,
  adam,
  adamw,
  getOptimizer,
  lbfgs,
  minimize,
  rmsprop,
  sgd,
} from '../src/index';

describe('hyperparameters are validated, naming the argument', () => {
  it.each<[string, () => unknown, RegExp, string]>([
    [
      'negative learning rate',
      () => sgd({ learningRate: -0.1 }),
      /^sgd: option 'learningRate' must be a finite number >= 0 or a schedule, got -0.1$/,
      'learningRate',
    ],
    [
      'NaN learning rate',
      () => adam({ learningRate: Number.NaN }),
      /option 'learningRate'/,
      'learningRate',
    ],
    [
      'β₁ = 1',
      () => adam({ beta1: 1 }),
      /^adam: option 'beta1' must be in \[0, 1\), got 1$/,
      'beta1',
    ],
    [
      'β₂ < 0',
      () => adamw({ beta2: -0.1 }),
      /^adamw: option 'beta2' must be in \[0, 1\), got -0.1$/,
      'beta2',
    ],
    ['ρ = 1', () => rmsprop({ rho: 1 }), /option 'rho' must be in \[0, 1\)/, 'rho'],
    [
      'momentum > 1',
      () => sgd({ momentum: 1.5 }),
      /option 'momentum' must be in \[0, 1\]/,
      'momentum',
    ],
    [
      'epsilon 0',
      () => adagrad({ epsilon: 0 }),
      /option 'epsilon' must be a finite number > 0/,
      'epsilon',
    ],
    [
      'memory < 1',
      () => lbfgs({ memory: 0 }),
      /^lbfgs: option 'memory' must be an integer >= 1, got 0$/,
      'memory',
    ],
    ['c1 ≥ c2', () => lbfgs({ c1: 0.9, c2: 0.5 }), /need 0 < c1 < c2 < 1/, 'c1'],
    [
      'nesterov without momentum',
      () => sgd({ nesterov: true }),
      /nesterov needs a momentum > 0/,
      'nesterov',
    ],
    [
      'unknown option',
      () => adam({ learnignRate: 0.1 } as never),
      /did you mean 'learningRate'/,
      'learnignRate',
    ],
    [
      'clipNorm 0',
      () => adadelta({ clipNorm: 0 }),
      /option 'clipNorm' must be a number > 0/,
      'clipNorm',
    ],
  ])('%s', (_, make, message, argument) => {
    expect(make).toThrow(message);
    try {
      make();
    } catch (e) {
      expect(isInvalidArgumentError(e)).toBe(true);
      expect((e as InvalidArgumentError).argument).toBe(argument);
    }
  });

  it('accepts legitimate edge values: momentum 0, learning rate 1 (and 0), β = 0', () => {
    expect(() => sgd({ momentum: 0 })).not.toThrow();
    expect(() => sgd({ learningRate: 1 })).not.toThrow();
    expect(() => sgd({ learningRate: 0 })).not.toThrow();
    expect(() => adam({ beta1: 0 })).not.toThrow();
    expect(() => sgd({ momentum: 1 })).not.toThrow();
  });

  it('step checks shapes and lbfgs explains it needs the whole objective', () => {
    expect(() => sgd().step([new Matrix(2, 2)], [new Matrix(2, 1)])).toThrow(
      /^sgd.step: params\[0\] is 2x2 but grads\[0\] is 2x1$/,
    );
    expect(() => sgd().step([new Matrix(2, 2)], [])).toThrow(
      /params and grads must be arrays of the same length/,
    );
    // L-BFGS declares itself full-batch: it has a solver, not a per-batch step.
    const lbfgs = getOptimizer('lbfgs');
    expect([lbfgs.kind, 'step' in lbfgs, typeof lbfgs.solver]).toEqual([
      'fullBatch',
      false,
      'function',
    ]);
    expect(() => minimize(() => ({ value: 0, gradient: [1] }), [0, 0])).toThrow(
      /fn must return \{ value, gradient \} with 2 gradient entries/,
    );
  });

  it('minimize reports non-finite objectives and stops on request', () => {
    expect(minimize(() => ({ value: Number.NaN, gradient: [0] }), [0]).reason).toBe('nonFinite');
    const quad = (x: Float64Array) => ({ value: x[0]! ** 2, gradient: [2 * x[0]!] });
    expect(minimize(quad, [5], { onIteration: () => false }).reason).toBe('stopped');
    expect(minimize(quad, [5], { signal: { aborted: true } }).reason).toBe('stopped');
    expect(minimize(quad, [5], { maxIterations: 0 }).reason).toBe('maxIterations');
  });
});
