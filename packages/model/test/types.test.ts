import type { ActivationName } from '@backprop/activations';
import type { InitializerName } from '@backprop/init';
import { fromArray } from '@backprop/linalg';
import type { LossName } from '@backprop/losses';
import { getOptimizer, type OptimizerName, type StepOptimizer } from '@backprop/optim';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { dense, evaluate, fit, sequential } from '../src/index';

/**
 * Type-level tests: `pnpm typecheck` compiles this file, and every `@ts-expect-error` below must
 * meet an error — if a misspelt name ever compiled again, the directive would be unused and the
 * type check would fail. The runtime part only makes sure the file is executed as a test too.
 */
const X = fromArray([[0, 1]]);
const Y = fromArray([[1]]);
const model = sequential(2, [dense({ units: 1, activation: 'sigmoid' })]);

function compileOnly(): void {
  // @ts-expect-error 'rleu' is not an activation
  dense({ units: 3, activation: 'rleu' });
  // @ts-expect-error 'heNormall' is not an initializer
  dense({ units: 3, kernelInitializer: 'heNormall' });
  // @ts-expect-error 'adamm' is not an optimizer
  fit(model, X, Y, { optimizer: 'adamm' });
  // @ts-expect-error 'mse2' is not a loss
  fit(model, X, Y, { loss: 'mse2' });
  // @ts-expect-error a { name, config } with a misspelt name
  fit(model, X, Y, { optimizer: { name: 'sgdd', config: { learningRate: 1 } } });
  // @ts-expect-error 'epoch' is not an option of fit (the runtime check also says so)
  fit(model, X, Y, { epoch: 3 });
  // @ts-expect-error evaluate's loss is checked the same way
  evaluate(model, X, Y, { loss: 'crossEntropy' });

  // The real names, and Keras's, compile.
  dense({ units: 3, activation: 'leakyRelu', kernelInitializer: 'he_normal' });
  dense({ units: 3, activation: { name: 'leakyRelu', config: { alpha: 0.1 } } });
  fit(model, X, Y, { optimizer: 'adam', loss: 'binary_crossentropy' });
  fit(model, X, Y, { optimizer: { name: 'sgd', config: { learningRate: 0.1 } }, loss: 'mse' });
  dense({ units: 3, kernelInitializer: 'glorot_uniform' });
}

describe('names are literal unions', () => {
  it('autocompletes and rejects typos at compile time (see the @ts-expect-error lines)', () => {
    expectTypeOf<'relu'>().toMatchTypeOf<ActivationName>();
    expectTypeOf<'adam'>().toMatchTypeOf<OptimizerName>();
    expectTypeOf<'heNormal'>().toMatchTypeOf<InitializerName>();
    expectTypeOf<'meanSquaredError'>().toMatchTypeOf<LossName>();
    expectTypeOf<'rleu'>().not.toMatchTypeOf<ActivationName>();
    expectTypeOf(getOptimizer('adam')).toEqualTypeOf<StepOptimizer>();
    expect(typeof compileOnly).toBe('function');
  });
});
