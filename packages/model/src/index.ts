/**
 * @backprop/model — dense networks trained by backpropagation with any activation, loss,
 * initializer, optimizer and penalty; metrics, gradient checking, the course's Theta layout, and
 * lossless save/load.
 */

export {
  type EarlyStoppingOptions,
  earlyStopping,
  type ProgressEvent,
  progress,
} from './callbacks';
export { ModelFormatError, TrainingDivergedError } from './errors';
export { defaultLoss, type EvaluateOptions, evaluate, predict, predictClasses } from './evaluate';
export { type FitOptions, fit, fitAsync } from './fit';
export {
  type EntryCheck,
  type GradientCheckOptions,
  type GradientCheckResult,
  gradientCheck,
  type TensorCheck,
} from './gradcheck';
export type { BatchLogs, Callback, EpochLogs, History, StopReason, TrainContext } from './history';
export { type DenseSpec, type DropoutSpec, dense, dropout, type LayerSpec } from './layers';
export { accuracy, classesOf, confusionMatrix, labelsOf, precisionRecall } from './metrics';
export { backward, type ForwardOptions, forward } from './passes';
export {
  type DenseLayer,
  type DropoutLayer,
  type Layer,
  type ParamRef,
  Sequential,
  sequential,
} from './sequential';
export { load, loadOptimizer, type ModelDocument, save } from './serialize';
export { fromThetas, toThetas } from './thetas';
export { type Workspace, workspaceFor } from './workspace';
