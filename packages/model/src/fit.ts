import { gatherRows, InvalidArgumentError, type Matrix, Rng, sliceRows } from '@backprop/linalg';
import {
  getLoss,
  getPenalty,
  type Loss,
  type LossSpec,
  type Penalty,
  type PenaltySpec,
} from '@backprop/losses';
import {
  BatchPlan,
  type BatchSize,
  getOptimizer,
  isFullBatchOptimizer,
  type Optimizer,
  type OptimizerSpec,
} from '@backprop/optim';
import { DivergenceMonitor, type DivergenceOptions } from './divergence';
import { checkData, correctRows, defaultLoss, evaluate, isClassifier } from './evaluate';
import { fitFullBatch } from './fit-full-batch';
import type { BatchLogs, Callback, EpochLogs, History, StopReason, TrainContext } from './history';
import { backward, forward, kernels, objective } from './network';
import { checkKeys } from './options';
import type { Sequential } from './sequential';
import type { Workspace } from './workspace';

export interface FitOptions {
  /** Default: binary cross-entropy for a sigmoid output, categorical for softmax, MSE otherwise. */
  loss?: LossSpec | string;
  /** Default 'adam'. A name or config gives a fresh optimizer; pass an object to keep (or resume) its state. */
  optimizer?: OptimizerSpec | string;
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
  penalty?: PenaltySpec | string | null;
  /** Hold out this fraction of the rows (the last ones, before shuffling) for validation. */
  validationSplit?: number;
  /** Validation data; takes precedence over validationSplit. */
  validationData?: { X: Matrix; Y: Matrix };
  callbacks?: Callback[];
  /** Stop cleanly after the current batch once `aborted` is true (an AbortSignal works). */
  signal?: { readonly aborted: boolean };
  /**
   * When training counts as diverged and stops with a TrainingDivergedError (see
   * DivergenceOptions; non-finite values are always an error). `false` turns the growth and
   * magnitude checks off.
   */
  divergence?: DivergenceOptions | false;
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

/** The training set after holding out validation rows. */
function splitValidation(X: Matrix, Y: Matrix, options: FitOptions) {
  if (options.validationData) return { X, Y, val: options.validationData };
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

function allFinite(data: Float64Array): boolean {
  for (let i = 0; i < data.length; i++) if (!Number.isFinite(data[i]!)) return false;
  return true;
}

/** Everything fit works with, resolved and validated once. */
export interface TrainingSetup {
  model: Sequential;
  loss: Loss;
  penalty: Penalty | null;
  optimizer: Optimizer;
  X: Matrix;
  Y: Matrix;
  val: { X: Matrix; Y: Matrix } | null;
  epochs: number;
  classifier: boolean;
  callbacks: Callback[];
  history: History;
  ctx: TrainContext;
  signal: { readonly aborted: boolean } | undefined;
  stopped: () => StopReason | null;
  divergence: DivergenceMonitor;
}

function setup(
  model: Sequential,
  X: Matrix,
  Y: Matrix,
  options: FitOptions,
  optimizer: Optimizer,
  batches: number,
): TrainingSetup {
  const epochs = options.epochs ?? 10;
  if (!(Number.isInteger(epochs) && epochs >= 0))
    throw new InvalidArgumentError('epochs', `fit: epochs must be an integer >= 0, got ${epochs}`);
  const loss = options.loss === undefined ? defaultLoss(model) : getLoss(options.loss);
  const split = splitValidation(X, Y, options);
  if (split.val) checkData('fit (validationData)', model, split.val.X, split.val.Y);
  let stopReason: StopReason | null = null;
  const history: History = { epochs: [], stopReason: 'completed' };
  const ctx: TrainContext = {
    model,
    epochs,
    batches,
    stop: (reason = 'callback') => (stopReason ??= reason),
  };
  return {
    model,
    loss,
    penalty: options.penalty == null ? null : getPenalty(options.penalty),
    optimizer,
    ...split,
    epochs,
    classifier: isClassifier(model, loss),
    callbacks: readCallbacks(options.callbacks),
    history,
    ctx,
    signal: options.signal,
    stopped: () => stopReason,
    divergence: new DivergenceMonitor(model, options.divergence),
  };
}

/** Validation figures and callbacks at the end of an epoch; returns the epoch's logs. */
export function endEpoch(
  s: TrainingSetup,
  epoch: number,
  loss: number,
  accuracyValue: number | undefined,
  started: number,
): EpochLogs {
  const logs: EpochLogs = { epoch, loss, seconds: 0, learningRate: s.optimizer.learningRate };
  if (accuracyValue !== undefined) logs.accuracy = accuracyValue;
  if (s.val) {
    const v = evaluate(s.model, s.val.X, s.val.Y, { loss: s.loss, penalty: s.penalty });
    logs.valLoss = v.loss;
    if (v.accuracy !== undefined) logs.valAccuracy = v.accuracy;
  }
  logs.seconds = (performance.now() - started) / 1000;
  s.history.epochs.push(logs);
  for (const c of s.callbacks) c.onEpochEnd?.(logs, s.ctx);
  return logs;
}

interface Run {
  s: TrainingSetup;
  /** Batches (step optimizers), one yield after each; empty for L-BFGS, which runs in finish. */
  steps: Generator<void>;
}

function start(model: Sequential, X: Matrix, Y: Matrix, options: FitOptions): Run {
  checkKeys('fit', options, FIT_OPTIONS);
  checkData('fit', model, X, Y);
  if (X.rows === 0)
    throw new InvalidArgumentError('X', 'fit: X has no rows; there is nothing to train on');
  const probe = splitValidation(X, Y, options);
  const shuffleRng = new Rng(options.seed ?? 0);
  const plan = new BatchPlan(probe.X.rows, {
    batchSize: options.batchSize ?? 32,
    shuffle: options.shuffle ?? true,
    rng: shuffleRng,
  });
  const optimizer = getOptimizer(options.optimizer ?? 'adam');
  const fullBatch = isFullBatchOptimizer(optimizer);
  const s = setup(model, X, Y, options, optimizer, fullBatch ? 1 : plan.count);
  for (const c of s.callbacks) c.onTrainBegin?.(s.ctx);
  return { s, steps: fullBatch ? noSteps() : trainByBatches(s, plan, shuffleRng.fork()) };
}

function* noSteps(): Generator<void> {}

function finish({ s }: Run): History {
  if (isFullBatchOptimizer(s.optimizer)) fitFullBatch(s);
  s.history.stopReason = s.stopped() ?? s.history.stopReason;
  for (const c of s.callbacks) c.onTrainEnd?.(s.history, s.ctx);
  return s.history;
}

/**
 * Trains the model on X (m x inputSize) and targets Y (m x outputs) by backpropagation and returns
 * the history of loss (and accuracy, for classifiers) per epoch, for training and validation.
 * With optimizer 'lbfgs' it minimises the full-batch objective instead, one iteration per epoch.
 */
export function fit(model: Sequential, X: Matrix, Y: Matrix, options: FitOptions = {}): History {
  const run = start(model, X, Y, options);
  for (const _ of run.steps);
  return finish(run);
}

/**
 * `fit` that lets the event loop run every `yieldMs` milliseconds (default 50): signal handlers
 * (Ctrl-C), timers and — in a browser — the page stay responsive during training. Same batches,
 * same numbers as `fit`. L-BFGS runs without yielding.
 */
export async function fitAsync(
  model: Sequential,
  X: Matrix,
  Y: Matrix,
  options: FitOptions & { yieldMs?: number } = {},
): Promise<History> {
  const { yieldMs, ...rest } = options;
  const run = start(model, X, Y, rest);
  const every = yieldMs ?? 50;
  let last = performance.now();
  for (const _ of run.steps) {
    if (performance.now() - last >= every) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      last = performance.now();
    }
  }
  return finish(run);
}

function* trainByBatches(s: TrainingSetup, plan: BatchPlan, dropoutRng: Rng): Generator<void> {
  const { model, loss, penalty, optimizer, X, Y } = s;
  const params = model.params().map((p) => p.value);
  const grads = model.gradients();
  const kernelSet = kernels(model);
  // One batch of every row: use X as it is (row order does not change a full-batch gradient).
  const direct = plan.count === 1 && plan.size >= X.rows;
  const batchLogs: BatchLogs = { epoch: 0, batch: 0, batches: plan.count, size: 0, loss: 0 };
  let lastWs: Workspace | null = null;
  const training = { training: true, rng: dropoutRng };
  for (let epoch = 1; epoch <= s.epochs && !s.stopped(); epoch++) {
    const started = performance.now();
    for (const c of s.callbacks) c.onEpochBegin?.(epoch, s.ctx);
    plan.nextEpoch();
    let sum = 0;
    let right = 0;
    let seen = 0;
    for (let k = 0; k < plan.count; k++) {
      const start = plan.start(k);
      const m = plan.end(k) - start;
      const ws = model.workspace(m);
      lastWs = ws;
      let Xb = X;
      let Yb = Y;
      if (!direct) {
        for (let t = 0; t < m; t++) ws.indices[t] = plan.order[start + t]!;
        Xb = gatherRows(X, ws.indices, ws.X);
        Yb = gatherRows(Y, ws.indices, ws.Y);
      }
      const out = forward(model, Xb, ws, training);
      // Checked before the loss, whose own range checks would report NaN less helpfully.
      if (!allFinite(out.data)) throw s.divergence.nonFinite(ws, epoch, k, Number.NaN);
      const J = objective(model, ws, Yb, loss, penalty, kernelSet);
      s.divergence.checkBatch(ws, out, J, epoch, k);
      if (s.classifier) right += correctRows(out, Yb);
      backward(model, ws, Yb, loss, penalty, kernelSet);
      optimizer.step(params, grads);
      sum += J * m;
      seen += m;
      batchLogs.epoch = epoch;
      batchLogs.batch = k;
      batchLogs.size = m;
      batchLogs.loss = J;
      for (const c of s.callbacks) c.onBatchEnd?.(batchLogs, s.ctx);
      yield;
      if (s.signal?.aborted) {
        s.ctx.stop('aborted');
        break;
      }
    }
    if (seen === 0) continue;
    s.divergence.checkEpoch(lastWs, sum / seen, epoch, plan.count);
    endEpoch(s, epoch, sum / seen, s.classifier ? right / seen : undefined, started);
  }
}
