import { gatherRows, Rng } from '@backprop/linalg';
import { BatchPlan, type StepOptimizer } from '@backprop/optim';
import { correctRows } from '../metrics';
import { backward, forward, kernels, objective } from '../network';
import type { Workspace } from '../workspace';
import { batchEnd, type EpochResult, type TrainingRun, type TrainingStrategy } from './run';

/**
 * Mini-batch training for step optimizers: each epoch shuffles (when asked) and cuts the rows into
 * batches of `batchSize` ('full' = gradient descent, 1 = SGD), and each batch is forward →
 * objective → backward → optimizer.step. The batch buffers are the model's workspaces: after the
 * first epoch nothing is allocated.
 */
export function minibatchStrategy(run: TrainingRun): TrainingStrategy {
  const { model, loss, penalty, X, Y } = run;
  const optimizer = run.optimizer as StepOptimizer;
  const shuffleRng = new Rng(run.seed);
  const plan = new BatchPlan(X.rows, {
    batchSize: run.batchSize,
    shuffle: run.shuffle,
    rng: shuffleRng,
  });
  const mode = { training: true, rng: shuffleRng.fork() };
  const params = model.params().map((p) => p.value);
  const grads = model.gradients();
  const kernelSet = kernels(model);
  // One batch of every row: use X as it is (row order does not change a full-batch gradient).
  const direct = plan.count === 1 && plan.size >= X.rows;
  const logs = { epoch: 0, batch: 0, batches: plan.count, size: 0, loss: 0 };

  function* epoch(epochNumber: number): Generator<void, EpochResult> {
    plan.nextEpoch();
    let sum = 0;
    let correct = 0;
    let seen = 0;
    let last: Workspace | null = null;
    for (let k = 0; k < plan.count; k++) {
      const start = plan.start(k);
      const m = plan.end(k) - start;
      const ws = model.workspace(m);
      last = ws;
      let Xb = X;
      let Yb = Y;
      if (!direct) {
        for (let t = 0; t < m; t++) ws.indices[t] = plan.order[start + t]!;
        Xb = gatherRows(X, ws.indices, ws.X);
        Yb = gatherRows(Y, ws.indices, ws.Y);
      }
      const out = forward(model, Xb, ws, mode);
      run.divergence.checkOutput(ws, out, epochNumber, k);
      const J = objective(model, ws, Yb, loss, penalty, kernelSet);
      run.divergence.checkBatch(ws, out, J, epochNumber, k);
      if (run.classifier) correct += correctRows(out, Yb);
      backward(model, ws, Yb, loss, penalty, kernelSet);
      optimizer.step(params, grads);
      sum += J * m;
      seen += m;
      logs.epoch = epochNumber;
      logs.batch = k;
      logs.size = m;
      logs.loss = J;
      batchEnd(run, logs, ws, Yb);
      yield;
      if (run.signal?.aborted) {
        run.ctx.stop('aborted');
        break;
      }
    }
    return { loss: seen ? sum / seen : Number.NaN, correct, seen, workspace: last };
  }

  return { steps: plan.count, epoch, finished: () => null };
}
