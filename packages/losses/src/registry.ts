import { createRegistry, type PartSpec } from '@backprop/linalg';
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

/** The name of a built-in loss. */
export type LossName = keyof typeof losses;
/** Anything that names or is a loss. */
export type LossSpec = PartSpec<Loss, LossName>;

const lossRegistry = createRegistry<Loss, LossName>('loss', losses, isLoss);

/** Every built-in loss name. */
export const lossNames = lossRegistry.names;

/** The loss a spec names: a name, a `{ name, config }`, a loss object or a factory. */
export function getLoss(spec: LossSpec | string): Loss {
  return lossRegistry.resolve(spec);
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
export function getPenalty(spec: PenaltySpec | string): Penalty {
  return penaltyRegistry.resolve(spec);
}
