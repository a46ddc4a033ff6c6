import { InvalidArgumentError, unknownNameMessage } from '@backprop/linalg';
import type { BatchLogs, Callback, EpochLogs, TrainContext } from './history';
import { checkKeys } from './options';

export interface EarlyStoppingOptions {
  /** The figure to watch (default 'valLoss'; 'loss' without validation data). */
  monitor?: 'loss' | 'valLoss' | 'accuracy' | 'valAccuracy';
  /** Epochs without improvement before stopping (default 5). */
  patience?: number;
  /** Smallest change that counts as an improvement (default 0). */
  minDelta?: number;
  /** Put back the best epoch's weights when training ends (default true). */
  restoreBest?: boolean;
}

/**
 * Stops training when `monitor` has not improved for `patience` epochs (lower is better for
 * losses, higher for accuracies) and, with restoreBest, ends with the weights of the best epoch.
 */
export function earlyStopping(
  options: EarlyStoppingOptions = {},
): Callback & { readonly bestEpoch: number } {
  checkKeys('earlyStopping', options, ['monitor', 'patience', 'minDelta', 'restoreBest']);
  const monitor = options.monitor ?? 'valLoss';
  const monitors = ['loss', 'valLoss', 'accuracy', 'valAccuracy'];
  if (!monitors.includes(monitor))
    throw new InvalidArgumentError(
      'monitor',
      `earlyStopping: ${unknownNameMessage('monitor', String(monitor), monitors)}`,
    );
  const patience = options.patience ?? 5;
  const minDelta = options.minDelta ?? 0;
  const restoreBest = options.restoreBest ?? true;
  if (!(Number.isInteger(patience) && patience >= 0))
    throw new InvalidArgumentError(
      'patience',
      `earlyStopping: patience must be an integer >= 0, got ${patience}`,
    );
  if (!(minDelta >= 0))
    throw new InvalidArgumentError(
      'minDelta',
      `earlyStopping: minDelta must be >= 0, got ${minDelta}`,
    );
  const higherIsBetter = monitor.toLowerCase().includes('accuracy');
  let best = Number.NaN;
  let bestEpoch = 0;
  let wait = 0;
  let snapshot: Float64Array[] = [];
  let lastEpoch = 0;
  return {
    get bestEpoch() {
      return bestEpoch;
    },
    onTrainBegin(ctx) {
      best = Number.NaN;
      bestEpoch = 0;
      wait = 0;
      snapshot = restoreBest
        ? ctx.model.params().map((p) => new Float64Array(p.value.data.length))
        : [];
    },
    onEpochEnd(logs, ctx) {
      const value = logs[monitor];
      if (value === undefined) {
        throw new InvalidArgumentError(
          'monitor',
          `earlyStopping: '${monitor}' is not logged${monitor.startsWith('val') ? ' (give validationData or validationSplit)' : ''}`,
        );
      }
      lastEpoch = logs.epoch;
      const improved =
        Number.isNaN(best) || (higherIsBetter ? value > best + minDelta : value < best - minDelta);
      if (improved) {
        best = value;
        bestEpoch = logs.epoch;
        wait = 0;
        if (restoreBest)
          for (const [k, p] of ctx.model.params().entries()) snapshot[k]!.set(p.value.data);
      } else if (++wait >= patience) {
        ctx.stop('earlyStopping');
      }
    },
    onTrainEnd(history, ctx) {
      if (!restoreBest || bestEpoch === 0 || bestEpoch === lastEpoch) return;
      for (const [k, p] of ctx.model.params().entries()) p.value.data.set(snapshot[k]!);
      history.restoredEpoch = bestEpoch;
    },
  };
}

/** A progress report: during an epoch (phase 'batch', throttled) and at its end (phase 'epoch'). */
export interface ProgressEvent {
  phase: 'batch' | 'epoch';
  epoch: number;
  epochs: number;
  /** Batches done in this epoch. */
  batch: number;
  batches: number;
  /** Running mean of this epoch's batch losses. */
  loss: number;
  /** Seconds since training began, and the estimated seconds left. */
  elapsed: number;
  eta: number;
  /** The finished epoch's logs (phase 'epoch'). */
  logs?: EpochLogs;
}

/**
 * A callback that turns training into progress events — what the CLI draws as a progress bar or
 * prints as periodic lines. Batch events come at most every `intervalMs` (default 100 ms).
 */
export function progress(
  report: (event: ProgressEvent) => void,
  options: { intervalMs?: number } = {},
): Callback {
  checkKeys('progress', options, ['intervalMs']);
  if (typeof report !== 'function')
    throw new InvalidArgumentError('report', 'progress: give a function that receives each event');
  const interval = options.intervalMs ?? 100;
  if (!(interval >= 0))
    throw new InvalidArgumentError(
      'intervalMs',
      `progress: intervalMs must be >= 0, got ${interval}`,
    );
  let started = 0;
  let lastReport = 0;
  let sum = 0;
  let seen = 0;
  let done = 0;
  let total = 1;
  const event = (
    phase: 'batch' | 'epoch',
    epoch: number,
    batch: number,
    ctx: TrainContext,
    logs?: EpochLogs,
  ): ProgressEvent => {
    const elapsed = (performance.now() - started) / 1000;
    const eta = done > 0 ? (elapsed / done) * (total - done) : Number.NaN;
    return {
      phase,
      epoch,
      epochs: ctx.epochs,
      batch,
      batches: ctx.batches,
      loss: seen ? sum / seen : Number.NaN,
      elapsed,
      eta,
      ...(logs ? { logs } : {}),
    };
  };
  return {
    onTrainBegin(ctx) {
      started = performance.now();
      done = 0;
      total = ctx.epochs * ctx.batches;
    },
    onEpochBegin() {
      sum = 0;
      seen = 0;
    },
    onBatchEnd(logs: BatchLogs, ctx) {
      sum += logs.loss * logs.size;
      seen += logs.size;
      done++;
      const now = performance.now();
      if (now - lastReport >= interval) {
        lastReport = now;
        report(event('batch', logs.epoch, logs.batch + 1, ctx));
      }
    },
    onEpochEnd(logs, ctx) {
      report(event('epoch', logs.epoch, ctx.batches, ctx, logs));
    },
  };
}
