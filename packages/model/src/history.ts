import type { Matrix } from '@backprop/linalg';
import type { Sequential } from './sequential';
import type { Workspace } from './workspace';

/** A finding of the training doctor: a stable code, where, what it saw, and the fix to try. */
export interface DoctorWarning {
  code:
    | 'UNSCALED_INPUTS'
    | 'ONE_CLASS'
    | 'LOSS_FLAT'
    | 'SYMMETRIC_UNITS'
    | 'VANISHING_GRADIENTS'
    | 'EXPLODING_UPDATES'
    | 'DEAD_RELU'
    | 'SATURATED';
  /** The epoch it was seen at (0: before training). */
  epoch: number;
  /** The layer (index in model.layers), when it concerns one. */
  layer: number | null;
  message: string;
  fix: string;
}

/** One layer's health over an epoch, as the doctor measures it. */
export interface LayerHealth {
  layer: number;
  /** Mean over the epoch's batches of ‖∂J/∂θ‖ over the layer's parameters. */
  gradientNorm: number;
  /** ‖θ‖ at the end of the epoch. */
  weightNorm: number;
  /** ‖θ_end − θ_start‖ / ‖θ_start‖ over the epoch. */
  updateRatio: number;
  /** Fraction of ReLU units that were never active on the epoch's data (ReLU layers). */
  dead?: number;
  /** Fraction of sigmoid/tanh units with |z| beyond the bound on nearly all rows (≥ 90%). */
  saturated?: number;
}

/** What one epoch produced. Training figures are averages over the epoch's batches (weighted by size). */
export interface EpochLogs {
  /** 1-based. */
  epoch: number;
  loss: number;
  accuracy?: number;
  valLoss?: number;
  valAccuracy?: number;
  /** Wall time of the epoch, in seconds (validation included). */
  seconds: number;
  /** The learning rate the next update will use. */
  learningRate: number;
  /** Per-layer health, when the doctor ran. */
  health?: LayerHealth[];
  /** The weights' fingerprint after the epoch, when the fingerprints() callback ran. */
  fingerprint?: string;
}

/** What one batch produced (passed to onBatchEnd; the object is reused between calls). */
export interface BatchLogs {
  epoch: number;
  /** 0-based within the epoch. */
  batch: number;
  batches: number;
  /** Rows in this batch. */
  size: number;
  /** The objective on this batch before the update (loss + penalty). */
  loss: number;
}

export type StopReason = 'completed' | 'earlyStopping' | 'aborted' | 'callback' | 'converged';

export interface History {
  epochs: EpochLogs[];
  /** What the training doctor found, when it ran (see doctor()). */
  warnings?: DoctorWarning[];
  stopReason: StopReason;
  /** The epoch whose weights the model ends with, when early stopping restored them. */
  restoredEpoch?: number;
}

/** Handed to callbacks: the model being trained, what it trains on, and a way to stop. */
export interface TrainContext {
  model: Sequential;
  /** Epochs requested. */
  epochs: number;
  /** Batches per epoch. */
  batches: number;
  /** The training rows (after the validation split) and their targets. */
  data: { readonly X: Matrix; readonly Y: Matrix };
  /**
   * The workspace of the batch just done (its inputs, each layer's Z and A, the targets), during
   * onBatchEnd; after it, `model.gradients()` holds that batch's gradients. Null elsewhere.
   */
  workspace: Workspace | null;
  /** The targets of the batch just done, during onBatchEnd. */
  batchTargets: Matrix | null;
  /** Stops after the current epoch (or batch, for 'aborted'). */
  stop(reason?: StopReason): void;
}

/** Hooks into fit; every one is optional. */
export interface Callback {
  onTrainBegin?(ctx: TrainContext): void;
  onEpochBegin?(epoch: number, ctx: TrainContext): void;
  onBatchEnd?(logs: BatchLogs, ctx: TrainContext): void;
  onEpochEnd?(logs: EpochLogs, ctx: TrainContext): void;
  onTrainEnd?(history: History, ctx: TrainContext): void;
}
