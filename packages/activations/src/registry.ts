import { createRegistry, type PartConfig, type PartFactory, type PartSpec } from '@backprop/linalg';
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

/**
 * Names of activations you register, for the type checker (declaration merging):
 * `declare module '@backprop/activations' { interface CustomActivationNames { mish: true } }`
 * makes `activation: 'mish'` compile; any other unknown name stays a compile-time error.
 */
// biome-ignore lint/suspicious/noEmptyInterface: augmented by users (declaration merging).
export interface CustomActivationNames {}

/** The name of an activation: `'sigmoid' | 'tanh' | 'relu' | …` and the ones you declared. */
export type ActivationName =
  | keyof typeof activations
  | Extract<keyof CustomActivationNames, string>;

/** Anything that names or is an activation: `'relu'`, `{ name: 'leakyRelu', config: { alpha: 0.1 } }`, `relu`, `leakyRelu`. */
export type ActivationSpec = PartSpec<Activation, ActivationName | keyof typeof activationAliases>;

/** Keras's names for the same activations. */
export const activationAliases = { leaky_relu: 'leakyRelu' } as const;

const registry = createRegistry<Activation, keyof typeof activations>(
  'activation',
  activations,
  isActivation,
  activationAliases,
);

/** Every built-in activation name. */
export const activationNames = registry.names as readonly ActivationName[];

/**
 * The activation a spec names: a name, a `{ name, config }`, an activation object or a factory.
 * Unknown names throw an InvalidArgumentError that lists the valid names.
 */
export function getActivation(spec: ActivationSpec | string | PartConfig): Activation {
  return registry.resolve(spec);
}

/**
 * Registers an activation of your own under `name` (its factory takes the config and returns the
 * activation, whose `toConfig()` names it), so that `'name'` resolves, and models that use it
 * save and load like built-ins. Built-in names cannot be taken.
 */
export function registerActivation(name: string, factory: PartFactory<Activation>): void {
  registry.register(name, factory);
}
