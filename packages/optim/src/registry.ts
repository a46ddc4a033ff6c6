import {
  createRegistry,
  InvalidArgumentError,
  type PartConfig,
  type PartFactory,
  type PartSpec,
} from '@backprop/linalg';
import { adadelta } from './adadelta';
import { adagrad } from './adagrad';
import { adam, adamw } from './adam';
import { lbfgs } from './lbfgs';
import type { Optimizer, OptimizerJSON } from './optimizer';
import { rmsprop } from './rmsprop';
import { sgd } from './sgd';

/** Every optimizer by its own name; each factory takes that optimizer's config. */
export const optimizers = { sgd, adagrad, rmsprop, adadelta, adam, adamw, lbfgs };

/**
 * Names of optimizers you register, for the type checker (declaration merging):
 * `declare module '@backprop/optim' { interface CustomOptimizerNames { adafactor: true } }`.
 */
// biome-ignore lint/suspicious/noEmptyInterface: augmented by users (declaration merging).
export interface CustomOptimizerNames {}

/** The name of an optimizer: the built-ins and the ones you declared. */
export type OptimizerName = keyof typeof optimizers | Extract<keyof CustomOptimizerNames, string>;
/** Anything that names or is an optimizer. */
export type OptimizerSpec = PartSpec<Optimizer, OptimizerName>;

/** True for any object with the Optimizer methods: `step` (a step optimizer) or, with kind 'fullBatch', `solver`. */
export function isOptimizer(value: unknown): value is Optimizer {
  const o = value as Record<string, unknown>;
  if (typeof o !== 'object' || o === null || typeof o.name !== 'string') return false;
  const core = typeof o.getState === 'function' && typeof o.toConfig === 'function';
  return (
    core && (o.kind === 'fullBatch' ? typeof o.solver === 'function' : typeof o.step === 'function')
  );
}

const registry = createRegistry<Optimizer, keyof typeof optimizers>(
  'optimizer',
  optimizers,
  isOptimizer,
);

/** Every built-in optimizer name. */
export const optimizerNames = registry.names as readonly OptimizerName[];

/**
 * The optimizer a spec names: `'adam'`, `{ name: 'adam', config: { learningRate: 1e-3 } }`, an
 * optimizer object, or a factory. Unknown names throw an error that lists the valid names.
 * A name or config gives a new instance with fresh state; an object is returned as is.
 */
export function getOptimizer<N extends keyof typeof optimizers>(
  spec: N | { name: N; config?: Record<string, unknown> },
): ReturnType<(typeof optimizers)[N]>;
export function getOptimizer<O extends Optimizer>(spec: O): O;
export function getOptimizer(spec: OptimizerSpec | string | PartConfig): Optimizer;
export function getOptimizer(spec: OptimizerSpec | string | PartConfig): Optimizer {
  return registry.resolve(spec);
}

/**
 * Registers an optimizer of your own under `name` (its factory takes the config), so that it
 * resolves by name and a model saved with its state resumes: see docs/contributing/add-an-optimizer.md.
 */
export function registerOptimizer(name: string, factory: PartFactory<Optimizer>): void {
  registry.register(name, factory);
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
