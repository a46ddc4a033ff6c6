import { createRegistry, InvalidArgumentError, type PartSpec } from '@backprop/linalg';
import { adadelta } from './adadelta';
import { adagrad } from './adagrad';
import { adam, adamw } from './adam';
import { lbfgs } from './lbfgs';
import type { Optimizer, OptimizerJSON } from './optimizer';
import { rmsprop } from './rmsprop';
import { sgd } from './sgd';

/** Every optimizer by its own name; each factory takes that optimizer's config. */
export const optimizers = { sgd, adagrad, rmsprop, adadelta, adam, adamw, lbfgs };

/** The name of a built-in optimizer. */
export type OptimizerName = keyof typeof optimizers;
/** Anything that names or is an optimizer. */
export type OptimizerSpec = PartSpec<Optimizer, OptimizerName>;

/** True for any object with the Optimizer methods. */
export function isOptimizer(value: unknown): value is Optimizer {
  const o = value as Optimizer;
  return (
    typeof o === 'object' &&
    o !== null &&
    typeof o.name === 'string' &&
    typeof o.step === 'function' &&
    typeof o.getState === 'function' &&
    typeof o.toConfig === 'function'
  );
}

const registry = createRegistry<Optimizer, OptimizerName>('optimizer', optimizers, isOptimizer);

/** Every built-in optimizer name. */
export const optimizerNames = registry.names;

/**
 * The optimizer a spec names: `'adam'`, `{ name: 'adam', config: { learningRate: 1e-3 } }`, an
 * optimizer object, or a factory. Unknown names throw an error that lists the valid names.
 * A name or config gives a new instance with fresh state; an object is returned as is.
 */
export function getOptimizer(spec: OptimizerSpec | string): Optimizer {
  return registry.resolve(spec);
}

/** Rebuilds an optimizer from `toJSON()` output — config and state — so training resumes exactly. */
export function optimizerFromJSON(json: OptimizerJSON): Optimizer {
  if (typeof json !== 'object' || json === null || typeof json.name !== 'string') {
    throw new InvalidArgumentError('json', 'optimizerFromJSON: expected { name, config, state }');
  }
  const optimizer = registry.resolve({ name: json.name, config: json.config });
  if (json.state !== undefined) optimizer.setState(json.state);
  return optimizer;
}
