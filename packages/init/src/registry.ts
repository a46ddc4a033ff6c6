import { createRegistry, type PartSpec } from '@backprop/linalg';
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

/** The name of a built-in initializer. */
export type InitializerName = keyof typeof initializers;
/** Anything that names or is an initializer. */
export type InitializerSpec = PartSpec<Initializer, InitializerName>;

/** Other names the literature uses for the same initializers (Glorot = Xavier, Kaiming = He). */
export const initializerAliases: Record<string, InitializerName> = {
  glorotUniform: 'xavierUniform',
  glorotNormal: 'xavierNormal',
  kaimingNormal: 'heNormal',
  kaimingUniform: 'heUniform',
};

const registry = createRegistry<Initializer, InitializerName>(
  'initializer',
  initializers,
  isInitializer,
  initializerAliases,
);

/** Every built-in initializer name (aliases excluded). */
export const initializerNames = registry.names;

/**
 * The initializer a spec names: a name or alias, a `{ name, config }`, an initializer object or
 * a factory. Unknown names throw an InvalidArgumentError that lists the valid names.
 */
export function getInitializer(spec: InitializerSpec | string): Initializer {
  return registry.resolve(spec);
}
