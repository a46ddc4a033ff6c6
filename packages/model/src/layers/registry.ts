import { InvalidArgumentError, unknownNameMessage } from '@backprop/linalg';
import { activationKind } from './activation';
import { batchNormalizationKind } from './batch-normalization';
import { denseKind } from './dense';
import { dropoutKind } from './dropout';
import type { LayerKind } from './layer';

/** The built-in layer kinds, by type: a new kind is one file plus one line here. */
const builtIn: Record<string, LayerKind<never>> = {
  dense: denseKind,
  dropout: dropoutKind,
  batchNormalization: batchNormalizationKind,
  activation: activationKind,
};

const kinds = new Map<string, LayerKind<never>>(Object.entries(builtIn));

/** Every registered layer type, built-in ones first. */
export function layerTypes(): string[] {
  return [...kinds.keys()];
}

/**
 * Registers a layer kind of your own, so that `sequential` builds it and `load` reads it back
 * (like Keras's register_keras_serializable). A built-in type cannot be replaced; registering the
 * same kind object twice is harmless.
 */
export function registerLayer(kind: LayerKind<never>): void {
  if (typeof kind?.type !== 'string' || kind.type === '')
    throw new InvalidArgumentError('kind', 'registerLayer: the kind needs a type name');
  for (const method of ['plan', 'create', 'restore'] as const)
    if (typeof kind[method] !== 'function')
      throw new InvalidArgumentError(
        'kind',
        `registerLayer: '${kind.type}' needs a ${method} function`,
      );
  const existing = kinds.get(kind.type);
  if (existing === kind) return;
  if (Object.hasOwn(builtIn, kind.type) || existing)
    throw new InvalidArgumentError(
      'kind',
      `registerLayer: '${kind.type}' is already ${Object.hasOwn(builtIn, kind.type) ? 'a built-in layer' : 'registered'}; choose another type name`,
    );
  kinds.set(kind.type, kind);
}

/** The kind registered under `type`; an unknown type lists the valid ones. */
export function getLayerKind(type: unknown): LayerKind {
  const kind = typeof type === 'string' ? kinds.get(type) : undefined;
  if (!kind)
    throw new InvalidArgumentError(
      'type',
      unknownNameMessage('layer type', String(type), layerTypes()),
    );
  return kind as LayerKind;
}
