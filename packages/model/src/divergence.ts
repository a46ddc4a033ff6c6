import { type FloatArray, gatherRows, InvalidArgumentError, Matrix } from '@backprop/linalg';
import type { Loss, Penalty } from '@backprop/losses';
import { TrainingDivergedError } from './errors';
import { evaluate } from './evaluate';
import type { Layer } from './layers/layer';
import { checkKeys } from './options';
import type { Sequential } from './sequential';
import type { Workspace } from './workspace';

/** When training counts as diverged (fit's `divergence` option; `false` turns the checks off). */
export interface DivergenceOptions {
  /**
   * An epoch's loss above this many times the larger of the loss before training (measured at
   * the start of each fit call on up to 1024 rows spread over the training set) and the loss of
   * always predicting the targets' mean (default 10).
   */
  lossFactor?: number;
  /** A weight or pre-activation whose magnitude exceeds this (default 1e10). */
  maxMagnitude?: number;
}

/** The loss of predicting every row's targets by their column means (NaN if the loss refuses it). */
function meanPredictionLoss(Y: Matrix, loss: Loss): number {
  const mean = new Float64Array(Y.cols);
  for (let i = 0; i < Y.rows; i++)
    for (let j = 0; j < Y.cols; j++) mean[j]! += Y.data[i * Y.cols + j]! / Y.rows;
  const prediction = new Matrix(Y.rows, Y.cols);
  for (let i = 0; i < Y.rows; i++) prediction.data.set(mean, i * Y.cols);
  try {
    return loss.value(prediction, Y);
  } catch {
    return Number.NaN;
  }
}

/** Most rows the loss before training is measured on (spread evenly over the training set). */
const START_ROWS = 1024;

const ADVICE = 'lower the learning rate, scale the inputs, or clip gradients (clipNorm)';

const firstNonFinite = (data: FloatArray): number => {
  for (let i = 0; i < data.length; i++) if (!Number.isFinite(data[i]!)) return i;
  return -1;
};
const maxAbs = (data: FloatArray): number => {
  let m = 0;
  for (let i = 0; i < data.length; i++) {
    const v = Math.abs(data[i]!);
    if (v > m) m = v;
  }
  return m;
};

function layerName(model: Sequential, i: number): string {
  return `layer ${i} (${model.layers[i]!.describe()})`;
}

/** The largest |value| of a layer's parameters. */
const paramsMaxAbs = (layer: Layer): number =>
  layer.params().reduce((m, p) => Math.max(m, maxAbs(p.value.data)), 0);

function readDivergence(options: DivergenceOptions | false | undefined) {
  if (options === false) return null;
  checkKeys('fit: divergence', options, ['lossFactor', 'maxMagnitude']);
  const lossFactor = options?.lossFactor ?? 10;
  const maxMagnitude = options?.maxMagnitude ?? 1e10;
  if (!(lossFactor > 1))
    throw new InvalidArgumentError(
      'lossFactor',
      `fit: divergence.lossFactor must be > 1, got ${lossFactor}`,
    );
  if (!(maxMagnitude > 0))
    throw new InvalidArgumentError(
      'maxMagnitude',
      `fit: divergence.maxMagnitude must be > 0, got ${maxMagnitude}`,
    );
  return { lossFactor, maxMagnitude };
}

/**
 * Watches a training run and throws TrainingDivergedError — naming the epoch, the batch and the
 * first layer at fault — as soon as it has gone wrong, rather than let it finish "successfully":
 * non-finite outputs, losses or weights (always checked), an epoch loss that has grown by
 * `lossFactor` over the loss before training (see measureStart), or weights or pre-activations beyond
 * `maxMagnitude` (exploding, or inputs far too large to train on).
 */
export class DivergenceMonitor {
  private readonly limits: ReturnType<typeof readDivergence>;
  /** The loss the growth is measured from, and what it was measured on (for the message). */
  private initialLoss = Number.NaN;
  private initialWhere = 'at the first batch';
  private firstBatchChecked = false;

  constructor(
    private readonly model: Sequential,
    options: DivergenceOptions | false | undefined,
  ) {
    this.limits = readDivergence(options);
  }

  /**
   * Sets the baseline an epoch's loss must not outgrow by lossFactor: the larger of the loss
   * before training — on up to START_ROWS rows spread evenly over X (every k-th row), one
   * inference pass — and the loss of always predicting the targets' mean (the class shares, or
   * the mean value), a model that knows nothing. A single first batch is too noisy a baseline (a
   * model that fits well can meet a batch of easy rows, loss 0.004, in an epoch averaging 0.09),
   * and a well-fitted model's own loss too small a one (Adam near a minimum can spike from 0.01
   * to 0.2 and recover): neither is divergence. Ten times worse than knowing nothing is.
   * A loss summed over the rows (reduction 'sum' or 'halfSum') grows with the rows it sees: its
   * baseline is scaled from the sampled rows to `batchRows`, the rows an epoch's logged loss
   * (the row-weighted mean of its batches' losses) effectively sums over.
   */
  measureStart(
    X: Matrix,
    Y: Matrix,
    loss: Loss,
    penalty: Penalty | null,
    batchRows = X.rows,
  ): void {
    if (this.limits === null || X.rows === 0) return;
    const stride = Math.ceil(X.rows / START_ROWS);
    const rows =
      stride === 1
        ? null
        : Int32Array.from({ length: Math.ceil(X.rows / stride) }, (_, i) => i * stride);
    const Xs = rows ? gatherRows(X, rows) : X;
    const Ys = rows ? gatherRows(Y, rows) : Y;
    let start: number;
    try {
      start = evaluate(this.model, Xs, Ys, { loss, penalty }).loss;
    } catch {
      // Non-finite weights or inputs: the first batch's checks report them, naming the layer.
      return;
    }
    if (!Number.isFinite(start)) return;
    const rowScale = summedOverRows(loss) ? batchRows / Xs.rows : 1;
    start *= rowScale;
    const chance = meanPredictionLoss(Ys, loss) * rowScale;
    if (Number.isFinite(chance) && chance > start) {
      this.initialLoss = chance;
      this.initialWhere = `of always predicting the targets' mean (the loss before training was ${format(start)})`;
    } else {
      this.initialLoss = start;
      this.initialWhere = `before training (on ${Xs.rows} of ${X.rows} rows)`;
    }
  }

  /** After a batch's forward pass, before the loss (whose own checks would report NaN less helpfully). */
  checkOutput(ws: Workspace, output: Matrix, epoch: number, batch: number): void {
    if (firstNonFinite(output.data) >= 0) throw this.nonFinite(ws, epoch, batch, Number.NaN);
  }

  /** After a batch's forward pass and loss: the output and J must be finite. */
  checkBatch(ws: Workspace, output: Matrix, J: number, epoch: number, batch: number): void {
    if (firstNonFinite(output.data) >= 0) throw this.nonFinite(ws, epoch, batch, Number.NaN);
    if (!Number.isFinite(J)) throw this.nonFinite(ws, epoch, batch, J);
    if (this.firstBatchChecked) return;
    this.firstBatchChecked = true;
    if (Number.isNaN(this.initialLoss)) this.initialLoss = J;
    this.checkMagnitudes(ws, epoch, batch);
  }

  /** After an epoch: weights finite and bounded, pre-activations bounded, loss not exploded. */
  checkEpoch(ws: Workspace | null, loss: number, epoch: number, batches: number): void {
    const last = batches - 1;
    for (const p of this.model.params()) {
      const at = firstNonFinite(p.value.data);
      if (at >= 0)
        throw new TrainingDivergedError(
          epoch,
          last,
          p.layer,
          `fit: epoch ${epoch}: the weights of ${layerName(this.model, p.layer)} (${p.name}) hold ${p.value.data[at]} — ${ADVICE}`,
        );
    }
    if (this.limits === null) return;
    if (ws) this.checkMagnitudes(ws, epoch, last);
    const { lossFactor } = this.limits;
    if (this.initialLoss > 0 && loss > lossFactor * this.initialLoss) {
      throw new TrainingDivergedError(
        epoch,
        last,
        null,
        `fit: epoch ${epoch}: the loss grew to ${format(loss)}, more than ${lossFactor}x ${format(this.initialLoss)}, the loss ${this.initialWhere} — the training diverged; ${ADVICE}`,
      );
    }
  }

  private checkMagnitudes(ws: Workspace, epoch: number, batch: number): void {
    if (this.limits === null) return;
    const { maxMagnitude } = this.limits;
    for (let i = 0; i < this.model.layers.length; i++) {
      const layer = this.model.layers[i]!;
      const weights = paramsMaxAbs(layer);
      const z = ws.layers[i]!.preActivation;
      const pre = z ? maxAbs(z.data) : 0;
      if (weights <= maxMagnitude && pre <= maxMagnitude) continue;
      const inputs = maxAbs(ws.input!.data);
      const what =
        weights > maxMagnitude
          ? `its weights reach ${format(weights)}`
          : `its pre-activations Z reach ${format(pre)}`;
      const why =
        inputs > maxMagnitude / 1e3
          ? `the inputs reach ${format(inputs)}: scale them (e.g. standardize) before training`
          : `the training exploded — ${ADVICE}`;
      throw new TrainingDivergedError(
        epoch,
        batch,
        i,
        `fit: epoch ${epoch}, batch ${batch + 1}: ${layerName(this.model, i)}: ${what} (beyond ${format(maxMagnitude)}); ${why}`,
      );
    }
  }

  /** The error for a non-finite output or loss, naming the first layer whose values are not finite. */
  nonFinite(ws: Workspace, epoch: number, batch: number, value: number): TrainingDivergedError {
    const where = `epoch ${epoch}, batch ${batch + 1}: ${Number.isNaN(value) ? 'the output is not finite' : `the loss is ${value}`}`;
    if (ws.input && firstNonFinite(ws.input.data) >= 0) {
      return new TrainingDivergedError(
        epoch,
        batch,
        null,
        `fit: ${where}; the input batch itself holds NaN or Infinity — clean the data`,
      );
    }
    for (let i = 0; i < this.model.layers.length; i++) {
      const layer = this.model.layers[i]!;
      const buf = ws.layers[i]!;
      const part = layer.params().some((p) => firstNonFinite(p.value.data) >= 0)
        ? 'weights'
        : buf.preActivation && firstNonFinite(buf.preActivation.data) >= 0
          ? 'pre-activations Z'
          : firstNonFinite(buf.output.data) >= 0
            ? 'activations A'
            : null;
      if (part)
        return new TrainingDivergedError(
          epoch,
          batch,
          i,
          `fit: ${where}; the first NaN/Infinity is in ${layerName(this.model, i)} ${part}${madeBy(layer, ws, i, part)} — ${ADVICE}`,
        );
    }
    return new TrainingDivergedError(
      epoch,
      batch,
      null,
      `fit: ${where} although every layer's values are finite (the loss or penalty overflowed) — ${ADVICE}`,
    );
  }
}

/** True when the loss sums over the rows rather than averaging (its reduction 'sum' or 'halfSum'). */
function summedOverRows(loss: Loss): boolean {
  const reduction = (loss.toConfig?.() as { config?: { reduction?: unknown } } | undefined)?.config
    ?.reduction;
  return reduction === 'sum' || reduction === 'halfSum';
}

/**
 * The rows an epoch's logged loss effectively sums over when each batch's loss is a sum: the
 * row-weighted mean of batch sizes, Σ mᵦ² / N (N for a full batch).
 */
export function epochBatchRows(rows: number, batchSize: number | 'full'): number {
  if (batchSize === 'full' || batchSize >= rows || rows === 0) return rows;
  const full = Math.floor(rows / batchSize);
  const rest = rows - full * batchSize;
  return (full * batchSize ** 2 + rest ** 2) / rows;
}

/** ", made by Z₂ = A₁·W₂ + b₂": the op whose output first holds the NaN, from the layer's own account of its pass. */
function madeBy(layer: Layer, ws: Workspace, i: number, part: string): string {
  if (part === 'weights' || !layer.explainForward) return '';
  const input = i === 0 ? ws.input! : ws.layers[i - 1]!.output;
  const steps = layer.explainForward(input, ws.layers[i]!, { l: i + 1, fused: false, scale: '/m' });
  const op = steps.find((e) => firstNonFinite(e.value.data) >= 0);
  return op ? `, made by ${op.formula}` : '';
}

const format = (v: number) =>
  Math.abs(v) >= 1e4 || Math.abs(v) < 1e-3 ? v.toExponential(2) : v.toPrecision(4);
