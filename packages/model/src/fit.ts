import { InvalidArgumentError, type Matrix, sliceRows } from '@backprop/linalg';
import { getLoss, getPenalty, type LossSpec, type PenaltySpec } from '@backprop/losses';
import {
  type BatchSize,
  getOptimizer,
  isFullBatchOptimizer,
  type OptimizerSpec,
} from '@backprop/optim';
import { DivergenceMonitor, type DivergenceOptions, epochBatchRows } from './divergence';
import { checkData, defaultLoss, isClassifier } from './evaluate';
import type { Callback, History, StopReason, TrainContext } from './history';
import { type MatrixLike, type TargetsLike, toMatrix, toTargets } from './inputs';
import { checkKeys } from './options';
import type { Sequential } from './sequential';
import { fullBatchStrategy } from './training/full-batch';
import { trainingLoop } from './training/loop';
import { minibatchStrategy } from './training/minibatch';
import type { TrainingRun, TrainingStrategy } from './training/run';

export interface FitOptions {
  /** Default: binary cross-entropy for a sigmoid output, categorical for softmax, MSE otherwise. */
  loss?: LossSpec;
  /** Default 'adam'. A name or config gives a fresh optimizer; pass an object to keep (or resume) its state. */
  optimizer?: OptimizerSpec;
  /** Default 10. */
  epochs?: number;
  /** 'full' (gradient descent), 1 (SGD) or n (mini-batches); default 32. */
  batchSize?: BatchSize;
  /** Reshuffle the training rows every epoch (default true; full batches are used as they are). */
  shuffle?: boolean;
  /**
   * Seeds shuffling and dropout (default 0). Same seed, same data → same weights, bit for bit.
   * Each fit call starts these streams afresh from the seed: to continue a run in a later call
   * with new shuffles, pass another seed.
   */
  seed?: number;
  /** A weight penalty (l2 or l1), applied to weights, never biases. */
  penalty?: PenaltySpec | null;
  /** Hold out this fraction of the rows (the last ones, before shuffling) for validation. */
  validationSplit?: number;
  /** Validation data (same forms as X and Y); takes precedence over validationSplit. */
  validationData?: { X: MatrixLike; Y: TargetsLike };
  callbacks?: Callback[];
  /** Stop cleanly after the current batch once `aborted` is true (an AbortSignal works). */
  signal?: { readonly aborted: boolean };
  /**
   * When training counts as diverged and stops with a TrainingDivergedError (see
   * DivergenceOptions; non-finite values are always an error). `false` turns the growth and
   * magnitude checks off.
   */
  divergence?: DivergenceOptions | false;
  /**
   * What a training step is, when neither built-in fits: a function from the resolved run to a
   * TrainingStrategy (default: mini-batches for step optimizers, full-batch iterations for
   * L-BFGS). The loop around it — epochs, callbacks, validation, divergence, history — stays.
   */
  strategy?: (run: TrainingRun) => TrainingStrategy;
}

/** Every option fit takes (a misspelt one is an error, not a silently used default). */
const FIT_OPTIONS = [
  'loss',
  'optimizer',
  'epochs',
  'batchSize',
  'shuffle',
  'seed',
  'penalty',
  'validationSplit',
  'validationData',
  'callbacks',
  'signal',
  'divergence',
  'strategy',
] as const;

/** The callbacks option: an array of objects whose hooks are functions. */
function readCallbacks(value: unknown): Callback[] {
  if (value === undefined) return [];
  if (!Array.isArray(value))
    throw new InvalidArgumentError(
      'callbacks',
      'fit: callbacks must be an array of callback objects, e.g. [earlyStopping()]',
    );
  const hooks = ['onTrainBegin', 'onEpochBegin', 'onBatchEnd', 'onEpochEnd', 'onTrainEnd'];
  value.forEach((c, i) => {
    if (typeof c !== 'object' || c === null)
      throw new InvalidArgumentError(
        'callbacks',
        `fit: callbacks[${i}] must be an object with hooks such as onEpochEnd`,
      );
    for (const [key, hook] of Object.entries(c)) {
      if (hooks.includes(key) && typeof hook !== 'function')
        throw new InvalidArgumentError(
          'callbacks',
          `fit: callbacks[${i}].${key} must be a function`,
        );
    }
  });
  return value;
}

/** The training set after holding out validation rows (the last ones), computed once. */
function splitValidation(model: Sequential, X: Matrix, Y: Matrix, options: FitOptions) {
  const given = options.validationData;
  if (given)
    return {
      X,
      Y,
      val: { X: toMatrix('fit', 'validationData.X', given.X), Y: toTargets('fit', model, given.Y) },
    };
  const fraction = options.validationSplit ?? 0;
  if (!(fraction >= 0 && fraction < 1))
    throw new InvalidArgumentError(
      'validationSplit',
      `fit: validationSplit must be in [0, 1), got ${fraction}`,
    );
  if (fraction === 0) return { X, Y, val: null };
  const held = Math.floor(X.rows * fraction);
  if (held === 0 || held === X.rows) {
    throw new InvalidArgumentError(
      'validationSplit',
      `fit: validationSplit ${fraction} of ${X.rows} rows holds out ${held} rows; ${held === 0 ? `at least ${Math.ceil(1 / fraction)} rows are needed for one validation row — use a larger split, or none` : 'no rows would be left to train on'}`,
    );
  }
  const cut = X.rows - held;
  return {
    X: sliceRows(X, 0, cut, { view: true }),
    Y: sliceRows(Y, 0, cut, { view: true }),
    val: {
      X: sliceRows(X, cut, X.rows, { view: true }),
      Y: sliceRows(Y, cut, Y.rows, { view: true }),
    },
  };
}

/** Resolves and validates every option once: the run the loop and the strategy share. */
function resolve(
  model: Sequential,
  x: MatrixLike,
  y: TargetsLike,
  options: FitOptions,
): TrainingRun {
  checkKeys('fit', options, FIT_OPTIONS);
  const X = toMatrix('fit', 'X', x);
  const Y = toTargets('fit', model, y);
  checkData('fit', model, X, Y);
  if (X.rows === 0)
    throw new InvalidArgumentError('X', 'fit: X has no rows; there is nothing to train on');
  const epochs = options.epochs ?? 10;
  if (!(Number.isInteger(epochs) && epochs >= 0))
    throw new InvalidArgumentError('epochs', `fit: epochs must be an integer >= 0, got ${epochs}`);
  const loss = options.loss === undefined ? defaultLoss(model) : getLoss(options.loss);
  const split = splitValidation(model, X, Y, options);
  if (split.val) checkData('fit (validationData)', model, split.val.X, split.val.Y);
  const optimizer = getOptimizer(options.optimizer ?? 'adam');
  let stopReason: StopReason | null = null;
  const ctx: TrainContext = {
    model,
    epochs,
    batches: 1,
    data: { X: split.X, Y: split.Y },
    workspace: null,
    batchTargets: null,
    stop: (reason = 'callback') => (stopReason ??= reason),
  };
  return {
    model,
    loss,
    penalty: options.penalty == null ? null : getPenalty(options.penalty),
    optimizer,
    ...split,
    epochs,
    batchSize: options.batchSize ?? 32,
    shuffle: options.shuffle ?? true,
    seed: options.seed ?? 0,
    classifier: isClassifier(model, loss),
    callbacks: readCallbacks(options.callbacks),
    history: { epochs: [], stopReason: 'completed' },
    ctx,
    signal: options.signal,
    divergence: new DivergenceMonitor(model, options.divergence),
    stopped: () => stopReason,
  };
}

/** The run and its loop, ready to step through. */
function start(model: Sequential, X: MatrixLike, Y: TargetsLike, options: FitOptions) {
  const run = resolve(model, X, Y, options);
  if (run.epochs > 0)
    run.divergence.measureStart(
      run.X,
      run.Y,
      run.loss,
      run.penalty,
      epochBatchRows(run.X.rows, isFullBatchOptimizer(run.optimizer) ? 'full' : run.batchSize),
    );
  const strategy = options.strategy
    ? options.strategy(run)
    : isFullBatchOptimizer(run.optimizer)
      ? fullBatchStrategy(run)
      : minibatchStrategy(run);
  (run.ctx as { batches: number }).batches = strategy.steps;
  return trainingLoop(run, strategy);
}

/**
 * Trains the model on X (m x inputSize) and targets Y (m x outputs, or m class indices) by
 * backpropagation and returns the history of loss (and accuracy, for classifiers) per epoch, for
 * training and validation. X may be a Matrix, number[][] or { data, shape }; Y the same, or class
 * indices (one-hot for you). With optimizer 'lbfgs' it minimises the full-batch objective
 * instead, one iteration per epoch.
 */
export function fit(
  model: Sequential,
  X: MatrixLike,
  Y: TargetsLike,
  options: FitOptions = {},
): History {
  const loop = start(model, X, Y, options);
  for (;;) {
    const next = loop.next();
    if (next.done) return next.value;
  }
}

/**
 * `fit` that lets the event loop run every `yieldMs` milliseconds (default 50): signal handlers
 * (Ctrl-C), timers and — in a browser — the page stay responsive during training. Same steps,
 * same numbers as `fit`.
 */
export async function fitAsync(
  model: Sequential,
  X: MatrixLike,
  Y: TargetsLike,
  options: FitOptions & { yieldMs?: number } = {},
): Promise<History> {
  const { yieldMs, ...rest } = options;
  const loop = start(model, X, Y, rest);
  const every = yieldMs ?? 50;
  let last = performance.now();
  for (;;) {
    const next = loop.next();
    if (next.done) return next.value;
    if (performance.now() - last >= every) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      last = performance.now();
    }
  }
}
