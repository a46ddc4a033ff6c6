import { InvalidArgumentError } from '@backprop/linalg';
import type { FullBatchOptimizer, LbfgsSolver } from '@backprop/optim';
import { correctRows } from '../metrics';
import { backward, forward, kernels, objective } from '../network';
import { batchEnd, type EpochResult, type TrainingRun, type TrainingStrategy } from './run';

/**
 * Full-batch training for optimizers of the whole objective (L-BFGS): the parameters are one flat
 * vector, every objective evaluation is a forward and backward pass over all training rows, and
 * each epoch is one solver iteration (a line search of a few evaluations). The model holds the
 * accepted point after every epoch.
 */
export function fullBatchStrategy(run: TrainingRun): TrainingStrategy {
  const { model, loss, penalty, X, Y } = run;
  if (model.hasDropout)
    throw new InvalidArgumentError(
      'optimizer',
      `fit: ${run.optimizer.name} needs a deterministic objective; remove dropout or use a step optimizer such as adam`,
    );
  if (model.dtype !== 'float64')
    throw new InvalidArgumentError(
      'optimizer',
      `fit: ${run.optimizer.name} needs a float64 model (its line search compares objective values that float32 weights cannot resolve); train model.astype('float64') or use a step optimizer such as adam`,
    );
  const params = model.params().map((p) => p.value);
  const grads = model.gradients();
  const kernelSet = kernels(model);
  const size = params.reduce((n, p) => n + p.data.length, 0);
  const flat = new Float64Array(size);
  const gradient = new Float64Array(size);
  const scatter = (x: Float64Array) => {
    let o = 0;
    for (const p of params) {
      p.data.set(x.subarray(o, o + p.data.length));
      o += p.data.length;
    }
  };
  let o = 0;
  for (const p of params) {
    flat.set(p.data, o);
    o += p.data.length;
  }
  const ws = model.workspace(X.rows);
  let current = 0;
  let evaluations = 0;
  const fn = (x: Float64Array) => {
    scatter(x);
    const out = forward(model, X, ws);
    run.divergence.checkOutput(ws, out, current, evaluations);
    const value = objective(model, ws, Y, loss, penalty, kernelSet);
    run.divergence.checkBatch(ws, out, value, current, evaluations);
    backward(model, ws, Y, loss, penalty, kernelSet);
    let k = 0;
    for (const g of grads) {
      gradient.set(g.data, k);
      k += g.data.length;
    }
    evaluations++;
    return { value, gradient };
  };
  let solver: LbfgsSolver | null = null;
  const logs = { epoch: 0, batch: 0, batches: 1, size: X.rows, loss: 0 };

  function* epoch(epochNumber: number): Generator<void, EpochResult> {
    current = epochNumber;
    solver ??= (run.optimizer as FullBatchOptimizer).solver(fn, flat);
    const info = solver.iterate();
    // The point the solver accepted (a line search leaves the model at its last trial).
    scatter(solver.x);
    // Forward and backward at the accepted point, so callbacks see its outputs and gradients.
    const out = forward(model, X, ws);
    backward(model, ws, Y, loss, penalty, kernelSet);
    logs.epoch = epochNumber;
    logs.loss = info ? info.value : solver.value;
    batchEnd(run, logs, ws, Y);
    yield;
    if (run.signal?.aborted) run.ctx.stop('aborted');
    return {
      loss: logs.loss,
      correct: run.classifier ? correctRows(out, Y) : 0,
      seen: X.rows,
      workspace: null,
    };
  }

  return {
    steps: 1,
    epoch,
    finished() {
      const reason = solver?.reason ?? null;
      if (reason === null) return null;
      return reason === 'gradientTolerance' || reason === 'valueTolerance'
        ? 'converged'
        : 'completed';
    },
  };
}
