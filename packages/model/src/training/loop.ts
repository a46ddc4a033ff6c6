import { evaluate } from '../evaluate';
import type { EpochLogs, History } from '../history';
import type { EpochResult, TrainingRun, TrainingStrategy } from './run';

/** Validation figures and callbacks at the end of an epoch; returns the epoch's logs. */
function endEpoch(
  run: TrainingRun,
  epoch: number,
  result: EpochResult,
  started: number,
): EpochLogs {
  const logs: EpochLogs = {
    epoch,
    loss: result.loss,
    seconds: 0,
    learningRate: run.optimizer.learningRate,
  };
  if (run.classifier) logs.accuracy = result.correct / result.seen;
  if (run.val) {
    const v = evaluate(run.model, run.val.X, run.val.Y, { loss: run.loss, penalty: run.penalty });
    logs.valLoss = v.loss;
    if (v.accuracy !== undefined) logs.valAccuracy = v.accuracy;
  }
  logs.seconds = (performance.now() - started) / 1000;
  run.history.epochs.push(logs);
  for (const c of run.callbacks) c.onEpochEnd?.(logs, run.ctx);
  return logs;
}

/**
 * The one training loop, for every strategy: onTrainBegin; then per epoch onEpochBegin, the
 * strategy's steps (each followed by onBatchEnd and a yield), the divergence checks, validation
 * and onEpochEnd; until the epochs are done or something stops it (a callback, the signal, the
 * strategy's convergence); then onTrainEnd. Yields after every step so fitAsync can let the
 * event loop run.
 */
export function* trainingLoop(
  run: TrainingRun,
  strategy: TrainingStrategy,
): Generator<void, History> {
  for (const c of run.callbacks) c.onTrainBegin?.(run.ctx);
  for (let epoch = 1; epoch <= run.epochs && !run.stopped(); epoch++) {
    const started = performance.now();
    for (const c of run.callbacks) c.onEpochBegin?.(epoch, run.ctx);
    const result = yield* strategy.epoch(epoch);
    if (result.seen === 0) break;
    run.divergence.checkEpoch(result.workspace, result.loss, epoch, strategy.steps);
    endEpoch(run, epoch, result, started);
    const finished = strategy.finished();
    if (finished !== null && !run.stopped()) run.ctx.stop(finished);
  }
  const reason = run.stopped();
  run.history.stopReason = reason === 'completed' || reason === null ? 'completed' : reason;
  for (const c of run.callbacks) c.onTrainEnd?.(run.history, run.ctx);
  return run.history;
}
