import { createRegistry, type PartConfig, type PartFactory, type PartSpec } from '@backprop/linalg';
import { binaryCrossEntropy } from './binary-cross-entropy';
import { categoricalCrossEntropy } from './categorical-cross-entropy';
import { l1 } from './l1';
import { l2 } from './l2';
import { isLoss, type Loss } from './loss';
import { meanAbsoluteError } from './mean-absolute-error';
import { meanSquaredError } from './mean-squared-error';
import { isPenalty, type Penalty } from './penalty';

/** Every loss by its own name; each factory takes that loss's config. */
export const losses = {
  binaryCrossEntropy,
  categoricalCrossEntropy,
  meanSquaredError,
  meanAbsoluteError,
};

/**
 * Names of losses you register, for the type checker (declaration merging):
 * `declare module '@backprop/losses' { interface CustomLossNames { focal: true } }`.
 */
// biome-ignore lint/suspicious/noEmptyInterface: augmented by users (declaration merging).
export interface CustomLossNames {}

/** The name of a loss: the built-ins and the ones you declared. */
export type LossName = keyof typeof losses | Extract<keyof CustomLossNames, string>;

/**
 * Keras's names for the same losses. `sparse_categorical_crossentropy` is categorical
 * cross-entropy: give class indices as targets and fit turns them into one-hot rows.
 */
export const lossAliases = {
  mse: 'meanSquaredError',
  mae: 'meanAbsoluteError',
  mean_squared_error: 'meanSquaredError',
  mean_absolute_error: 'meanAbsoluteError',
  binary_crossentropy: 'binaryCrossEntropy',
  categorical_crossentropy: 'categoricalCrossEntropy',
  sparse_categorical_crossentropy: 'categoricalCrossEntropy',
} as const;

/** Anything that names or is a loss. */
export type LossSpec = PartSpec<Loss, LossName | keyof typeof lossAliases>;

const lossRegistry = createRegistry<Loss, keyof typeof losses>('loss', losses, isLoss, lossAliases);

/** Every built-in loss name. */
export const lossNames = lossRegistry.names as readonly LossName[];

/** The loss a spec names: a name, a `{ name, config }`, a loss object or a factory. */
export function getLoss(spec: LossSpec | string | PartConfig): Loss {
  return lossRegistry.resolve(spec);
}

/** Registers a loss of your own under `name` (see registerActivation in @backprop/activations). */
export function registerLoss(name: string, factory: PartFactory<Loss>): void {
  lossRegistry.register(name, factory);
}

/** Every penalty by its own name. */
export const penalties = { l2, l1 };

/** The name of a built-in penalty. */
export type PenaltyName = keyof typeof penalties;
/** Anything that names or is a penalty. */
export type PenaltySpec = PartSpec<Penalty, PenaltyName>;

const penaltyRegistry = createRegistry<Penalty, PenaltyName>('penalty', penalties, isPenalty);

/** Every built-in penalty name. */
export const penaltyNames = penaltyRegistry.names;

/** The penalty a spec names: a name, a `{ name, config }`, a penalty object or a factory. */
export function getPenalty(spec: PenaltySpec | string | PartConfig): Penalty {
  return penaltyRegistry.resolve(spec);
}
