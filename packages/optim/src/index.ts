/**
 * @backprop/optim — optimizers by name or object (SGD/GD/mini-batch, momentum, Nesterov, Adagrad,
 * RMSprop, Adadelta, Adam, AdamW, L-BFGS), learning-rate schedules, batching and gradient clipping.
 *
 * @module @backprop/optim
 */

export { adadelta } from './adadelta';
export { adagrad } from './adagrad';
export { type AdamOptions, adam, adamw } from './adam';
export { type BatchOptions, BatchPlan, type BatchSize, batches } from './batches';
export { type ClipOptions, clipGradients } from './clip';
export {
  type IterationInfo,
  isFullBatchOptimizer,
  type LbfgsOptimizer,
  type LbfgsOptions,
  type LbfgsSolver,
  lbfgs,
  lbfgsSolver,
  type MinimizeCallbacks,
  type MinimizeResult,
  minimize,
  type Objective,
  type StopReason,
} from './lbfgs';
export {
  type CommonOptions,
  commonOptions,
  defineOptimizer,
  type FullBatchOptimizer,
  type LearningRate,
  type Optimizer,
  type OptimizerBase,
  type OptimizerBuffers,
  type OptimizerDefinition,
  type OptimizerJSON,
  type OptimizerState,
  type StepOptimizer,
  type UpdateRule,
} from './optimizer';
export {
  type CustomOptimizerNames,
  getOptimizer,
  isOptimizer,
  type OptimizerName,
  type OptimizerSpec,
  optimizerFromJSON,
  optimizerNames,
  optimizers,
  registerOptimizer,
} from './registry';
export { rmsprop } from './rmsprop';
export {
  constantSchedule,
  cosineDecay,
  exponentialDecay,
  getSchedule,
  isSchedule,
  type Schedule,
  type ScheduleName,
  schedules,
  stepDecay,
} from './schedules';
export { sgd } from './sgd';
