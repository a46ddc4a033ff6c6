import type { Matrix } from '@backprop/linalg';
import type { Loss, Penalty } from '@backprop/losses';
import type { Optimizer } from '@backprop/optim';
import type { DivergenceMonitor } from '../divergence';
import type { BatchLogs, Callback, History, StopReason, TrainContext } from '../history';
import type { Sequential } from '../sequential';
import type { Workspace } from '../workspace';

/** Everything a training run works with, resolved and validated once, before the first epoch. */
export interface TrainingRun {
  readonly model: Sequential;
  readonly loss: Loss;
  readonly penalty: Penalty | null;
  readonly optimizer: Optimizer;
  /** The training rows (after the validation split) and the validation rows, if any. */
  readonly X: Matrix;
  readonly Y: Matrix;
  readonly val: { X: Matrix; Y: Matrix } | null;
  readonly epochs: number;
  readonly batchSize: import('@backprop/optim').BatchSize;
  readonly shuffle: boolean;
  readonly seed: number;
  /** Accuracy is measured (a cross-entropy loss or a classifier output). */
  readonly classifier: boolean;
  readonly callbacks: readonly Callback[];
  readonly history: History;
  readonly ctx: TrainContext;
  readonly signal: { readonly aborted: boolean } | undefined;
  readonly divergence: DivergenceMonitor;
  /** The stop requested so far (by a callback, the signal, convergence), or null. */
  stopped(): StopReason | null;
}

/** What one epoch of a strategy measured. */
export interface EpochResult {
  /** The epoch's training objective (mean over its batches, weighted by their size). */
  loss: number;
  /** Rows whose predicted class was right (classifiers), and rows seen. */
  correct: number;
  seen: number;
  /** The workspace of its last pass (for the divergence checks), or null. */
  workspace: Workspace | null;
}

/**
 * What a training step is — the one override point of the training loop (Keras's train_step, at
 * the granularity of an epoch). The loop owns the epochs, callbacks, validation, divergence checks
 * and history; a strategy owns how the weights move within an epoch. Two ship: mini-batches for
 * step optimizers (GD, SGD, Adam, …) and full-batch iterations for L-BFGS.
 */
export interface TrainingStrategy {
  /** Steps per epoch (batches, or 1 for a full-batch iteration), for progress. */
  readonly steps: number;
  /** One epoch: yields after each step (fitAsync lets the event loop run there). */
  epoch(epoch: number): Generator<void, EpochResult>;
  /**
   * Why it cannot go on, once that is so (L-BFGS met a tolerance: 'converged'; its line search
   * failed or it ran out of iterations: 'completed'), else null. The loop then stops.
   */
  finished(): StopReason | null;
}

/** Reports a batch to the callbacks (the logs object is reused), with its workspace and targets. */
export function batchEnd(run: TrainingRun, logs: BatchLogs, ws: Workspace, Y: Matrix): void {
  run.ctx.workspace = ws;
  run.ctx.batchTargets = Y;
  for (const c of run.callbacks) c.onBatchEnd?.(logs, run.ctx);
  run.ctx.workspace = null;
  run.ctx.batchTargets = null;
}
