import { sliceRows } from '@backprop/linalg';
import { getLoss, type Loss, type LossSpec } from '@backprop/losses';
import { defaultLoss, isClassifier } from '../evaluate';
import type { Callback, DoctorWarning, History, LayerHealth } from '../history';
import { type MatrixLike, type TargetsLike, toMatrix, toTargets } from '../inputs';
import { backward, forward, kernels, objective } from '../network';
import { checkKeys } from '../options';
import type { Sequential } from '../sequential';
import { type DoctorOptions, Examiner } from './examiner';

const KEYS = [
  'saturation',
  'unitFraction',
  'vanishingRatio',
  'explodingRatio',
  'flatTolerance',
  'flatEpochs',
];

/**
 * The training doctor, as a callback: per layer and epoch it records the gradient norm, weight
 * norm and update/weight ratio and the share of dead ReLU or saturated sigmoid/tanh units (in each
 * epoch's `health`), and warns — each warning a typed record in `history.warnings`, given to
 * `onWarning` as it is found — about unscaled inputs, identical units, a flat loss, vanishing
 * gradients, exploding updates, dying or saturated units and predictions collapsed onto one class,
 * each with the fix to try. It only reads: the run's numbers do not change.
 */
export function doctor(
  options: DoctorOptions & { onWarning?: (w: DoctorWarning) => void } = {},
): Callback & { readonly warnings: readonly DoctorWarning[] } {
  const { onWarning, ...thresholds } = options;
  checkKeys('doctor', thresholds, KEYS);
  let examiner: Examiner | null = null;
  let reported = 0;
  const flush = () => {
    const w = examiner!.warnings;
    for (; reported < w.length; reported++) onWarning?.(w[reported]!);
  };
  return {
    get warnings() {
      return examiner?.warnings ?? [];
    },
    onTrainBegin(ctx) {
      examiner = new Examiner(ctx.model, thresholds);
      reported = 0;
      examiner.begin(ctx.data.X);
      flush();
    },
    onEpochBegin() {
      examiner!.beginEpoch();
    },
    onBatchEnd(_logs, ctx) {
      if (ctx.workspace && ctx.batchTargets)
        examiner!.observeBatch(ctx.workspace, ctx.batchTargets, (i) => ctx.model.layerGradients(i));
    },
    onEpochEnd(logs) {
      // Accuracy is logged exactly for classifiers.
      logs.health = examiner!.endEpoch(logs.epoch, logs.loss, logs.accuracy !== undefined);
      flush();
    },
    onTrainEnd(history: History) {
      history.warnings = [...examiner!.warnings];
    },
  };
}

/** What `examine` finds: the model's health on the data, and its warnings. */
export interface Examination {
  health: LayerHealth[];
  warnings: DoctorWarning[];
  loss: number;
}

/**
 * The doctor after the fact: one pass over (X, Y) in batches, forward and backward without any
 * update, measured and judged as during training (`backprop doctor model.json --data …`).
 */
export function examine(
  model: Sequential,
  x: MatrixLike,
  y: TargetsLike,
  options: DoctorOptions & { loss?: LossSpec; batchSize?: number } = {},
): Examination {
  const { loss: lossSpec, batchSize = 256, ...thresholds } = options;
  checkKeys('examine', thresholds, KEYS);
  const X = toMatrix('examine', 'X', x);
  const Y = toTargets('examine', model, y);
  const loss: Loss = lossSpec === undefined ? defaultLoss(model) : getLoss(lossSpec);
  const examiner = new Examiner(model, thresholds);
  examiner.begin(X);
  examiner.beginEpoch();
  const kernelSet = kernels(model);
  let sum = 0;
  for (let start = 0; start < X.rows; start += batchSize) {
    const end = Math.min(start + batchSize, X.rows);
    const ws = model.workspace(end - start);
    const Xb = sliceRows(X, start, end, { view: true });
    const Yb = sliceRows(Y, start, end, { view: true });
    forward(model, Xb, ws);
    sum += objective(model, ws, Yb, loss, null, kernelSet) * (end - start);
    backward(model, ws, Yb, loss, null, kernelSet);
    examiner.observeBatch(ws, Yb, (i) => model.layerGradients(i));
  }
  const value = sum / X.rows;
  const health = examiner.endEpoch(1, value, isClassifier(model, loss));
  return { health, warnings: examiner.warnings, loss: value };
}
