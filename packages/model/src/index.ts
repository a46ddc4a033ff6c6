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
export { type ClassLabels, classCount, indexClasses } from './classes';
export { ModelFormatError, NonFiniteError, TrainingDivergedError } from './errors';
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
export { formatBytes, LIMITS, type SizeLimits } from './limits';
export { type DocumentInfo, documentInfo, type LoadOptions, load, loadOptimizer } from './load';
export { accuracy, classesOf, confusionMatrix, labelsOf, precisionRecall } from './metrics';
export { backward, type ForwardOptions, forward } from './passes';
export { documentPieces, type ModelDocument, save } from './save';
export {
  type DenseLayer,
  type DropoutLayer,
  type Layer,
  type ParamRef,
  Sequential,
  type SequentialOptions,
  sequential,
} from './sequential';
export { fromThetas, toThetas } from './thetas';
export { type Workspace, workspaceFor } from './workspace';
