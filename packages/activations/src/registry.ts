import { createRegistry, type PartSpec } from '@backprop/linalg';
import { type Activation, isActivation } from './activation';
import { elu } from './elu';
import { gelu } from './gelu';
import { leakyRelu } from './leaky-relu';
import { linear } from './linear';
import { relu } from './relu';
import { sigmoid } from './sigmoid';
import { softmax } from './softmax';
import { softplus } from './softplus';
import { tanh } from './tanh';

/** Every activation by its own name; each factory takes that activation's config. */
export const activations = {
  sigmoid: () => sigmoid,
  tanh: () => tanh,
  relu: () => relu,
  leakyRelu,
  elu,
  softmax: () => softmax,
  linear: () => linear,
  softplus: () => softplus,
  gelu: () => gelu,
};

/** The name of a built-in activation: `'sigmoid' | 'tanh' | 'relu' | ...`. */
export type ActivationName = keyof typeof activations;

/** Anything that names or is an activation: `'relu'`, `{ name: 'leakyRelu', config: { alpha: 0.1 } }`, `relu`, `leakyRelu`. */
export type ActivationSpec = PartSpec<Activation, ActivationName>;

const registry = createRegistry<Activation, ActivationName>(
  'activation',
  activations,
  isActivation,
);

/** Every built-in activation name. */
export const activationNames = registry.names;

/**
 * The activation a spec names: a name, a `{ name, config }`, an activation object or a factory.
 * Unknown names throw an InvalidArgumentError that lists the valid names.
 */
export function getActivation(spec: ActivationSpec | string): Activation {
  return registry.resolve(spec);
}
