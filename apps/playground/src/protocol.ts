import type { Config } from './config';
import type { EpochRow, Snapshot, TraceView } from './session';

/** Messages from the page to the training worker. */
export type ToWorker =
  /** A new run; `run` numbers it (snapshots carry it, so the page drops any of an older run). */
  | { type: 'reset'; config: Config; run: number }
  | { type: 'play' }
  | { type: 'pause' }
  /** Train one epoch. */
  | { type: 'step' }
  /** Train one mini-batch (the next of the epoch in progress). */
  | { type: 'batch' }
  | { type: 'export' }
  /** A CSV file the person dropped: parsed in the worker, used by the next reset with data 'csv'. */
  | { type: 'csv'; name: string; text: string }
  /** Trace backpropagation on training point `index` with the current weights. */
  | { type: 'trace'; index: number }
  /** The page has taken `count` snapshots (drawn the newest): the worker may send more. */
  | { type: 'drawn'; count: number };

/** Messages from the worker: a snapshot after every epoch, the model on request, errors. */
export type FromWorker =
  | {
      type: 'snapshot';
      /** The run it belongs to (the number of the reset that started it). */
      run: number;
      snapshot: Snapshot;
      /** Every epoch since the last snapshot (so the curves miss none). */
      rows: EpochRow[];
      playing: boolean;
      /** Inputs (x, y per point; x alone for regression), class labels and (regression) targets. */
      points: {
        train: number[];
        trainLabels: number[];
        test: number[];
        testLabels: number[];
        trainTargets: number[];
        testTargets: number[];
      };
      extent: [number, number];
      yExtent: [number, number];
      classes: number;
      regression: boolean;
    }
  | { type: 'model'; json: string }
  | { type: 'csv'; name: string; rows: number; classes: number }
  | { type: 'trace'; view: TraceView }
  | { type: 'error'; message: string };
