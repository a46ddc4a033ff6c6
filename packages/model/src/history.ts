import type { Sequential } from './sequential';

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
  stopReason: StopReason;
  /** The epoch whose weights the model ends with, when early stopping restored them. */
  restoredEpoch?: number;
}

/** Handed to callbacks: the model being trained and a way to stop. */
export interface TrainContext {
  model: Sequential;
  /** Epochs requested. */
  epochs: number;
  /** Batches per epoch. */
  batches: number;
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
