import { createRegistry, type PartConfig, type PartFactory, type PartSpec } from '@backprop/linalg';
import { constant, zeros } from './constant';
import { type Initializer, isInitializer } from './initializer';
import { heNormal, normal, xavierNormal } from './normal';
import { heUniform, uniform, xavierUniform } from './uniform';

/** Every initializer by its own name; each factory takes that initializer's config. */
export const initializers = {
  zeros,
  constant,
  uniform,
  normal,
  xavierNormal,
  xavierUniform,
  heNormal,
  heUniform,
};

/**
 * Names of initializers you register, for the type checker (declaration merging):
 * `declare module '@backprop/init' { interface CustomInitializerNames { lecunNormal: true } }`.
 */
// biome-ignore lint/suspicious/noEmptyInterface: augmented by users (declaration merging).
export interface CustomInitializerNames {}

/** The name of an initializer: the built-ins and the ones you declared. */
export type InitializerName =
  | keyof typeof initializers
  | Extract<keyof CustomInitializerNames, string>;

/**
 * Other names for the same initializers: the literature's (Glorot = Xavier, Kaiming = He) and
 * Keras's snake_case ones (`glorot_uniform`, the Keras default, and `he_normal`, …).
 */
export const initializerAliases = {
  glorotUniform: 'xavierUniform',
  glorotNormal: 'xavierNormal',
  kaimingNormal: 'heNormal',
  kaimingUniform: 'heUniform',
  glorot_uniform: 'xavierUniform',
  glorot_normal: 'xavierNormal',
  he_normal: 'heNormal',
  he_uniform: 'heUniform',
  random_uniform: 'uniform',
  random_normal: 'normal',
} as const;

/** Anything that names or is an initializer. */
export type InitializerSpec = PartSpec<
  Initializer,
  InitializerName | keyof typeof initializerAliases
>;

const registry = createRegistry<Initializer, keyof typeof initializers>(
  'initializer',
  initializers,
  isInitializer,
  initializerAliases,
);

/** Every built-in initializer name (aliases excluded). */
export const initializerNames = registry.names as readonly InitializerName[];

/**
 * The initializer a spec names: a name or alias, a `{ name, config }`, an initializer object or
 * a factory. Unknown names throw an InvalidArgumentError that lists the valid names.
 */
export function getInitializer(spec: InitializerSpec | string | PartConfig): Initializer {
  return registry.resolve(spec);
}

/** Registers an initializer of your own under `name` (see registerActivation). */
export function registerInitializer(name: string, factory: PartFactory<Initializer>): void {
  registry.register(name, factory);
}
