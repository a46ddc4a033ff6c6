import { InvalidArgumentError } from '@backprop/linalg';
import type { LbfgsOptimizer } from '@backprop/optim';
import { evaluate } from './evaluate';
import { endEpoch, type TrainingSetup } from './fit';
import { backward, forward, kernels, objective } from './network';

/**
 * L-BFGS on the whole training set: the parameters are flattened into one vector, each objective
 * evaluation is a full-batch forward and backward pass, and each L-BFGS iteration is reported as
 * an epoch. The model ends with the best point the line searches accepted.
 */
export function fitFullBatch(s: TrainingSetup): void {
  const { model, loss, penalty, X, Y } = s;
  if (model.hasDropout) {
    throw new InvalidArgumentError(
      'optimizer',
      'fit: lbfgs needs a deterministic objective; remove dropout or use a step optimizer such as adam',
    );
  }
  if (s.epochs === 0) return;
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
  let evaluations = 0;
  const fn = (x: Float64Array) => {
    scatter(x);
    const out = forward(model, X, ws);
    const epoch = s.history.epochs.length + 1;
    if (!out.data.every(Number.isFinite))
      throw s.divergence.nonFinite(ws, epoch, evaluations, Number.NaN);
    const value = objective(model, ws, Y, loss, penalty, kernelSet);
    s.divergence.checkBatch(ws, out, value, epoch, evaluations);
    backward(model, ws, Y, loss, penalty, kernelSet);
    let k = 0;
    for (const g of grads) {
      gradient.set(g.data, k);
      k += g.data.length;
    }
    evaluations++;
    return { value, gradient };
  };
  let started = performance.now();
  const optimizer = s.optimizer as LbfgsOptimizer;
  const result = optimizer.minimize(fn, flat, {
    onIteration: (info) => {
      scatter(info.x);
      const epoch = s.history.epochs.length + 1;
      for (const c of s.callbacks) c.onEpochBegin?.(epoch, s.ctx);
      const accuracyValue = s.classifier
        ? evaluate(model, X, Y, { loss, penalty }).accuracy
        : undefined;
      s.divergence.checkEpoch(null, info.value, epoch, 1);
      endEpoch(s, epoch, info.value, accuracyValue, started);
      started = performance.now();
      if (s.signal?.aborted) s.ctx.stop('aborted');
      return !s.stopped() && epoch < s.epochs;
    },
    signal: s.signal,
  });
  scatter(result.x);
  if (!s.stopped() && result.converged) s.ctx.stop('converged');
}
