/**
 * @backprop/losses — loss functions with their gradients, and weight penalties. Every loss is a
 * mean over the m samples unless its `reduction` says sum, half-sum or half-mean; penalties see
 * weights, never biases.
 *
 * @module @backprop/losses
 */

export { binaryCrossEntropy } from './binary-cross-entropy';
export { categoricalCrossEntropy } from './categorical-cross-entropy';
export { l1 } from './l1';
export { l2 } from './l2';
export { fusesWith, isLoss, type Loss } from './loss';
export { meanAbsoluteError } from './mean-absolute-error';
export { meanSquaredError } from './mean-squared-error';
export { isPenalty, type Penalty, type PenaltyConfig, type PenaltyForm } from './penalty';
export { REDUCTIONS, type Reduction, reductionScale, reductionText } from './reduction';
export {
  type CustomLossNames,
  getLoss,
  getPenalty,
  type LossName,
  type LossSpec,
  lossAliases,
  losses,
  lossNames,
  type PenaltyName,
  type PenaltySpec,
  penalties,
  penaltyNames,
  registerLoss,
} from './registry';
