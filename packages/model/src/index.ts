/**
 * @backprop/model — sequential networks trained by backpropagation: dense, dropout, batch
 * normalisation and activation layers (and kinds you register), any activation, loss,
 * initializer, optimizer and penalty; metrics, gradient checking, the course's Theta layout, and
 * lossless save/load.
 *
 * @module @backprop/model
 */

export {
  type EarlyStoppingOptions,
  earlyStopping,
  type ProgressEvent,
  progress,
} from './callbacks';
export { type ClassLabels, classCount, indexClasses } from './classes';
export { doctor, type Examination, examine } from './doctor/doctor';
export type { DoctorOptions } from './doctor/examiner';
export { ModelFormatError, NonFiniteError, TrainingDivergedError } from './errors';
export { defaultLoss, type EvaluateOptions, evaluate, predict, predictClasses } from './evaluate';
export { fingerprint, fingerprints } from './fingerprint';
export { type FitOptions, fit, fitAsync } from './fit';
export {
  type EntryCheck,
  type GradientCheckOptions,
  type GradientCheckResult,
  gradientCheck,
  type TensorCheck,
} from './gradcheck';
export type {
  BatchLogs,
  Callback,
  DoctorWarning,
  EpochLogs,
  History,
  LayerHealth,
  StopReason,
  TrainContext,
} from './history';
export { type MatrixLike, type TargetsLike, toMatrix, toTargets } from './inputs';
export {
  type ActivationBuffers,
  ActivationLayer,
  type ActivationSpecLayer,
  activation,
} from './layers/activation';
export { type ActivityRegularizer, activityRegularizer } from './layers/activity';
export {
  type BatchNormalizationBuffers,
  BatchNormalizationLayer,
  type BatchNormalizationSpec,
  batchNormalization,
} from './layers/batch-normalization';
export { type DenseBuffers, DenseLayer, type DenseSpec, dense } from './layers/dense';
export { type DropoutBuffers, DropoutLayer, type DropoutSpec, dropout } from './layers/dropout';
export type {
  ExplainContext,
  Explained,
  Layer,
  LayerBuffers,
  LayerKind,
  LayerPlan,
  LayerSpecBase,
  NamedTensor,
  PassMode,
} from './layers/layer';
export { getLayerKind, layerTypes, registerLayer } from './layers/registry';
export type { LayerSpec } from './layers/spec';
export { formatBytes, LIMITS, type SizeLimits } from './limits';
export { type DocumentInfo, documentInfo, type LoadOptions, load, loadOptimizer } from './load';
export {
  accuracy,
  classesOf,
  confusionMatrix,
  labelsOf,
  precisionRecall,
  regressionScores,
} from './metrics';
export {
  backward,
  type ForwardOptions,
  forward,
  isFused,
  kernels,
  lossValue,
  objective,
} from './network';
export { type Parts, type PartsOptions, partsFrom } from './parts';
export {
  documentPieces,
  type ModelDocument,
  type RunOptions,
  type RunRecord,
  type SaveOptions,
  save,
} from './save';
export {
  type ParamRef,
  Sequential,
  type SequentialOptions,
  sequential,
} from './sequential';
export { fromThetas, toThetas } from './thetas';
export { type Conventions, withConventions } from './trace/conventions';
export { lecture222, type WorkedExample } from './trace/lecture';
export { sigmoidOutputDelta } from './trace/output-delta';
export { type LayerTrace, type TraceOptions, type TraceResult, trace } from './trace/trace';
export type { UpdateTrace } from './trace/update';
export { fullBatchStrategy } from './training/full-batch';
export { minibatchStrategy } from './training/minibatch';
export type { EpochResult, TrainingRun, TrainingStrategy } from './training/run';
export { createWorkspace, type Workspace, workspaceFor } from './workspace';
