import { type Activation, getActivation } from '@backprop/activations';
import { getInitializer, type Initializer } from '@backprop/init';
import { InvalidArgumentError, type PartConfig, type PartFactory } from '@backprop/linalg';
import { getLoss, type Loss } from '@backprop/losses';
import { getOptimizer, type Optimizer } from '@backprop/optim';
import type { LayerKind } from './layers/layer';
import { getLayerKind } from './layers/registry';

/** One-off parts a document may name, beside the registered ones: `load(json, { parts })`. */
export interface PartsOptions {
  activations?: Record<string, Activation | PartFactory<Activation>>;
  initializers?: Record<string, Initializer | PartFactory<Initializer>>;
  losses?: Record<string, Loss | PartFactory<Loss>>;
  optimizers?: Record<string, Optimizer | PartFactory<Optimizer>>;
  layers?: Record<string, LayerKind>;
}

/** Resolves the parts a model names: the one-offs given first, then the registries. */
export interface Parts {
  activation(spec: unknown): Activation;
  initializer(spec: unknown): Initializer;
  loss(spec: unknown): Loss;
  optimizer(spec: unknown): Optimizer;
  layer(type: unknown): LayerKind;
}

type Resolve<P> = (spec: never) => P;

function oneOff<P>(
  table: Record<string, P | PartFactory<P>> | undefined,
  fallback: Resolve<P>,
): (spec: unknown) => P {
  return (spec) => {
    const name = typeof spec === 'string' ? spec : (spec as PartConfig)?.name;
    const given =
      table && typeof name === 'string' && Object.hasOwn(table, name) ? table[name] : undefined;
    if (given === undefined) return fallback(spec as never);
    if (typeof given !== 'function') return given as P;
    const config =
      typeof spec === 'object' && spec !== null ? (spec as PartConfig).config : undefined;
    return (given as PartFactory<P>)(config);
  };
}

/** The resolvers for `options` (checked: only the kinds above). */
export function partsFrom(options: PartsOptions = {}): Parts {
  const valid = ['activations', 'initializers', 'losses', 'optimizers', 'layers'];
  for (const key of Object.keys(options))
    if (!valid.includes(key))
      throw new InvalidArgumentError(
        'parts',
        `parts: unknown kind '${key}'; valid kinds: ${valid.join(', ')}`,
      );
  return {
    activation: oneOff(options.activations, getActivation),
    initializer: oneOff(options.initializers, getInitializer),
    loss: oneOff(options.losses, getLoss),
    optimizer: oneOff(options.optimizers, getOptimizer),
    layer: (type) => {
      if (typeof type === 'string' && options.layers && Object.hasOwn(options.layers, type))
        return options.layers[type]!;
      return getLayerKind(type);
    },
  };
}

/** The registries alone. */
export const registeredParts: Parts = partsFrom();
