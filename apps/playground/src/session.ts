import { circles, iceCream16, moons, planar, spirals, trainTestSplit, xor } from '@backprop/data';
import { type FloatArray, Matrix, Rng } from '@backprop/linalg';
import {
  accuracy,
  createWorkspace,
  dense,
  dropout,
  type EpochResult,
  type Explained,
  evaluate,
  examine,
  type FitOptions,
  fit,
  forward,
  minibatchStrategy,
  predict,
  regressionScores,
  type Sequential,
  save,
  sequential,
  trace,
  type Workspace,
} from '@backprop/model';
import { getOptimizer, type StepOptimizer } from '@backprop/optim';
import { type Config, isRegression } from './config';
import type { CsvPoints } from './csv-points';
import { curvePoints, gridPoints } from './grids';
import { type UnitMap, UnitMaps } from './unit-maps';
import { wave } from './wave';

/**
 * The points of a run: train and test, each X (n x 2, or n x 1 for regression) with targets Y
 * and class labels y (all 0 for regression).
 */
export interface Points {
  train: { X: Matrix; Y: Matrix; y: Int32Array };
  test: { X: Matrix; Y: Matrix; y: Int32Array } | null;
  /** 2 or more for classification; 1 for regression (one numeric target). */
  classes: number;
  regression: boolean;
  /** The plotted x range: [min, max] of the inputs (classification: of both coordinates), padded. */
  extent: [number, number];
  /** The plotted y range: the targets' for regression, else `extent`. */
  yExtent: [number, number];
}

/** One epoch's figures. */
export interface EpochRow {
  epoch: number;
  loss: number;
  /** Classification: the share of points classified right; null for regression. */
  accuracy: number | null;
  testLoss: number | null;
  testAccuracy: number | null;
  /** Regression: the coefficient of determination R² (1 = perfect); null for classification. */
  r2: number | null;
  testR2: number | null;
}

/** What the page draws: the latest figures, the weights and the decision surface. */
export interface Snapshot extends EpochRow {
  /** Mini-batches of the epoch in progress trained so far ("One step"), of `batches`. */
  batch: number;
  batches: number;
  /** Units per layer, inputs first. */
  sizes: number[];
  /** Every layer's weight matrix W (inputs x units). */
  weights: PlainMatrix[];
  /** What @backprop/model's doctor finds now (dead ReLUs, saturation, one-class output…). */
  warnings: { code: string; message: string; fix: string }[];
  /** P(class 1) (binary) or the winning class's probability, on a GRID x GRID raster. */
  surface: Float32Array;
  surfaceClasses: Uint8Array;
  /** Regression: the prediction at CURVE evenly spaced x across the extent (else empty). */
  curve: Float32Array;
  /** Every dense layer's units' outputs over the plotted plane (or x range), for the diagram. */
  unitMaps: UnitMap[];
}

/** A matrix as plain data (what crosses from the worker to the page). */
export interface PlainMatrix {
  rows: number;
  cols: number;
  data: number[];
}

/** One number-producing step of backpropagation, with the formula that made it. */
export interface TraceStep {
  phase: 'forward' | 'loss' | 'backward' | 'update';
  /** The layer's number in the notation (1-based; 0 for the input and the loss). */
  l: number;
  symbol: string;
  formula: string;
  value: PlainMatrix;
}

/** `trace()` of one training point, flattened into the order a lecture would go through it. */
export interface TraceView {
  index: number;
  x: number[];
  y: number[];
  steps: TraceStep[];
}

const plain = (m: Matrix): PlainMatrix => ({
  rows: m.rows,
  cols: m.cols,
  data: Array.from(m.data),
});

/** Side of the decision-surface raster. */
export const GRID = 64;
/** Points of a regression's fitted curve. */
export const CURVE = 200;

function dataset(c: Config, rng: Rng, csv: CsvPoints | null): { X: Matrix; Y: Matrix } {
  switch (c.data) {
    case 'csv':
      if (!csv)
        throw new Error('drop a CSV file on the page first (x, y and a class label per row)');
      return csv;
    case 'xor':
      return xor();
    case 'moons':
      return moons(c.samples, c.noise, rng);
    case 'circles':
      return circles(c.samples, c.noise, rng);
    case 'spirals':
      return spirals(Math.max(2, Math.round(c.samples / 2)), 2, rng, c.noise);
    case 'planar':
      return planar(2 * Math.round(c.samples / 2), rng);
    case 'icecream':
      return iceCream16({ scale: 10 });
    case 'wave':
      return wave(c.samples, c.noise, rng);
  }
}

function extentOf(X: { data: FloatArray }): [number, number] {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const v of X.data) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  const pad = 0.15 * (hi - lo || 1);
  return [lo - pad, hi + pad];
}

const labelsOf = (Y: Matrix, regression: boolean) =>
  Int32Array.from({ length: Y.rows }, (_, i) =>
    regression ? 0 : Y.cols === 1 ? Math.round(Y.data[i]!) : argmax(Y, i),
  );
function argmax(Y: Matrix, i: number): number {
  let best = 0;
  for (let j = 1; j < Y.cols; j++)
    if (Y.data[i * Y.cols + j]! > Y.data[i * Y.cols + best]!) best = j;
  return best;
}

/** The data of a configuration: the same seed gives the same points. */
export function pointsFor(c: Config, csv: CsvPoints | null = null): Points {
  const rng = new Rng(c.seed);
  const all = dataset(c, rng, csv);
  const regression = isRegression(c);
  const extent = extentOf(all.X);
  const shape = {
    classes: regression ? 1 : all.Y.cols === 1 ? 2 : all.Y.cols,
    regression,
    extent,
    yExtent: regression ? extentOf(all.Y) : extent,
  };
  const part = (X: Matrix, Y: Matrix) => ({ X, Y, y: labelsOf(Y, regression) });
  if (c.data === 'xor' || c.testFraction === 0)
    return { train: part(all.X, all.Y), test: null, ...shape };
  const split = trainTestSplit(all.X, all.Y, { testSize: c.testFraction, rng: rng.fork() });
  return {
    train: part(split.XTrain, split.yTrain),
    test: part(split.XTest, split.yTest),
    ...shape,
  };
}

/** The configuration's weight penalty, as fit and evaluate take it. */
export const penaltyOf = (c: Config) =>
  c.penalty === 'none' ? null : { name: c.penalty, config: { lambda: c.lambda } };

/** The loss option fit, evaluate and trace take ({} for the output's own cross-entropy). */
export const lossOf = (c: Config): { loss?: 'mse' | 'mae' } =>
  c.loss !== 'crossEntropy' ? { loss: c.loss } : isRegression(c) ? { loss: 'mse' } : {};

/** The configuration's optimizer, with its learning rate and options. */
export const optimizerOf = (c: Config): StepOptimizer =>
  getOptimizer({
    name: c.optimizer,
    config: { learningRate: c.learningRate, ...c.optimizerOptions },
  }) as StepOptimizer;

/**
 * A network for the configuration: each hidden layer with its activation, initializer and
 * dropout, then sigmoid (2 classes), softmax (more) or linear (regression: one input, one
 * output), with the configuration's initializer.
 */
export function modelFor(c: Config, classes: number): Sequential {
  const regression = isRegression(c);
  const output = dense({
    units: classes <= 2 ? 1 : classes,
    activation: regression ? 'linear' : classes === 2 ? 'sigmoid' : 'softmax',
    kernelInitializer: c.initializer,
  });
  const hidden = c.layers.flatMap((l) => [
    dense({ units: l.units, activation: l.activation, kernelInitializer: l.initializer }),
    ...(l.dropout > 0 ? [dropout(l.dropout)] : []),
  ]);
  return sequential(regression ? 1 : 2, [...hidden, output], { seed: c.seed });
}

/**
 * One training run: its points, model and optimizer, advanced an epoch at a time. Reset rebuilds
 * all three from the configuration, so the same seed gives the same initial weights and the same
 * run, epoch for epoch.
 */
export class Session {
  points!: Points;
  model!: Sequential;
  private optimizer!: StepOptimizer;
  private grid!: Matrix;
  private gridWs!: Workspace;
  private units!: UnitMaps;
  epoch = 0;
  /** The epoch "One step" is part-way through (null between epochs), and where it is. */
  private partial: Generator<void, EpochResult> | null = null;
  batch = 0;
  batches = 1;

  constructor(
    public config: Config,
    /** The points of a dropped CSV file (used when config.data is 'csv'). */
    public csv: CsvPoints | null = null,
  ) {
    this.reset(config);
  }

  reset(config: Config = this.config): void {
    this.config = config;
    this.points = pointsFor(config, this.csv);
    this.model = modelFor(config, this.points.classes);
    this.optimizer = optimizerOf(config);
    this.grid = this.points.regression
      ? curvePoints(this.points.extent, CURVE)
      : gridPoints(this.points.extent, GRID);
    this.gridWs = createWorkspace(this.model, this.grid.rows);
    this.units = new UnitMaps(this.model, this.points.extent, this.points.regression);
    this.epoch = 0;
    this.partial = null;
    this.batch = 0;
    this.batches = 1;
  }

  /** fit's options for the next epoch: shuffled with a seed of its own, as the code shows. */
  private fitOptions(): FitOptions {
    const batch = this.config.batchSize;
    return {
      optimizer: this.optimizer,
      epochs: 1,
      batchSize: batch === 0 || batch >= this.points.train.X.rows ? 'full' : batch,
      seed: this.config.seed + this.epoch + 1,
      penalty: penaltyOf(this.config),
      ...lossOf(this.config),
    };
  }

  /**
   * Trains one epoch and returns its figures. After "One step", it trains the rest of the epoch
   * in progress: the weights are then exactly those of an epoch trained at once.
   */
  step(): EpochRow {
    if (this.partial) {
      let finished = false;
      while (!finished) finished = this.stepBatch();
      return this.figures();
    }
    const { train } = this.points;
    fit(this.model, train.X, train.Y, this.fitOptions());
    this.epoch += 1;
    return this.figures();
  }

  /**
   * Trains one mini-batch — the next of this epoch's, in the order one epoch at once uses — and
   * says whether that finished the epoch. It runs fit's own mini-batch strategy one step at a
   * time: fit starts the epoch (the same shuffle, dropout draws and divergence checks), the
   * strategy's epoch is kept here and advanced one batch per call.
   */
  stepBatch(): boolean {
    if (!this.partial) {
      const { train } = this.points;
      fit(this.model, train.X, train.Y, {
        ...this.fitOptions(),
        strategy: (run) => {
          const inner = minibatchStrategy(run);
          this.batches = inner.steps;
          const keep = (epoch: Generator<void, EpochResult>) => {
            this.partial = epoch;
          };
          return {
            steps: inner.steps,
            finished: inner.finished,
            // Hands the epoch to the session untouched; seen 0 ends fit's loop at once.
            // biome-ignore lint/correctness/useYield: the epoch is run by stepBatch, not here.
            *epoch(n) {
              keep(inner.epoch(n));
              return { loss: Number.NaN, correct: 0, seen: 0, workspace: null };
            },
          };
        },
      });
      this.batch = 0;
    }
    this.partial!.next();
    this.batch += 1;
    if (this.batch < this.batches) return false;
    // The epoch's last batch is done: let its generator finish (it returns the epoch's figures).
    this.partial!.next();
    this.partial = null;
    this.batch = 0;
    this.epoch += 1;
    return true;
  }

  /** Loss and accuracy now, on the training and the test points. */
  figures(): EpochRow {
    const { train, test } = this.points;
    const options = { penalty: penaltyOf(this.config), ...lossOf(this.config) };
    const trained = evaluate(this.model, train.X, train.Y, options);
    const tested = test ? evaluate(this.model, test.X, test.Y, options) : null;
    if (this.points.regression) {
      const r2 = (X: Matrix, Y: Matrix) => regressionScores(predict(this.model, X), Y).r2;
      return {
        epoch: this.epoch,
        loss: trained.loss,
        accuracy: null,
        testLoss: tested ? tested.loss : null,
        testAccuracy: null,
        r2: r2(train.X, train.Y),
        testR2: test ? r2(test.X, test.Y) : null,
      };
    }
    return {
      epoch: this.epoch,
      loss: trained.loss,
      accuracy: trained.accuracy ?? accuracy(predict(this.model, train.X), train.Y),
      testLoss: tested ? tested.loss : null,
      testAccuracy: tested ? (tested.accuracy ?? null) : null,
      r2: null,
      testR2: null,
    };
  }

  /** The figures and the decision surface (or the fitted curve) now. */
  snapshot(figures: EpochRow = this.figures()): Snapshot {
    // One inference pass over the raster with a workspace kept for it (no allocation per frame).
    const probs = forward(this.model, this.grid, this.gridWs);
    const regression = this.points.regression;
    const cells = regression ? 0 : GRID * GRID;
    const surface = new Float32Array(cells);
    const surfaceClasses = new Uint8Array(cells);
    const curve = regression ? Float32Array.from(probs.data) : new Float32Array(0);
    for (let i = 0; i < cells; i++) {
      if (probs.cols === 1) {
        surface[i] = probs.data[i]!;
        surfaceClasses[i] = probs.data[i]! >= 0.5 ? 1 : 0;
      } else {
        const k = argmax(probs, i);
        surfaceClasses[i] = k;
        surface[i] = probs.data[i * probs.cols + k]!;
      }
    }
    const weights = this.model
      .params()
      .filter((p) => p.name === 'W')
      .map((p) => plain(p.value));
    const sizes = [weights[0]!.rows, ...weights.map((w) => w.cols)];
    const { train } = this.points;
    const warnings = examine(this.model, train.X, train.Y, lossOf(this.config)).warnings.map(
      ({ code, message, fix }) => ({
        code,
        message,
        fix,
      }),
    );
    const { batch, batches } = this;
    return {
      ...figures,
      batch,
      batches,
      sizes,
      weights,
      warnings,
      surface,
      surfaceClasses,
      curve,
      unitMaps: this.units.maps(),
    };
  }

  /**
   * Backpropagation on training point `index` with the current weights, as @backprop/model's
   * trace() explains it: forward layer by layer, the loss, then backward δ by δ (last layer first),
   * then the step this run's optimizer would take (its state included; nothing is changed).
   */
  traceSample(index: number): TraceView {
    const { X, Y } = this.points.train;
    const i = Math.min(Math.max(0, Math.round(index)), X.rows - 1);
    const x = new Matrix(1, X.cols, X.data.slice(i * X.cols, (i + 1) * X.cols));
    const y = new Matrix(1, Y.cols, Y.data.slice(i * Y.cols, (i + 1) * Y.cols));
    const t = trace(this.model, x, y, {
      optimizer: this.optimizer,
      penalty: penaltyOf(this.config),
      ...lossOf(this.config),
    });
    const step = (phase: TraceStep['phase'], l: number, e: Explained): TraceStep => ({
      phase,
      l,
      symbol: e.symbol,
      formula: e.formula,
      value: plain(e.value),
    });
    const steps: TraceStep[] = [step('forward', 0, t.layers[0]!.input)];
    for (const layer of t.layers)
      for (const e of layer.forward) steps.push(step('forward', layer.l, e));
    steps.push({
      phase: 'loss',
      l: 0,
      symbol: 'J',
      formula: t.loss.formula,
      value: { rows: 1, cols: 1, data: [t.loss.value] },
    });
    for (const layer of [...t.layers].reverse())
      for (const e of layer.backward) steps.push(step('backward', layer.l, e));
    for (const u of t.updates)
      for (const e of u.entries)
        steps.push({
          phase: 'update',
          l: u.layer + 1,
          symbol: `${u.param}${'₀₁₂₃₄₅₆₇₈₉'[u.layer + 1] ?? ''} ${e.symbol}`,
          formula: `${u.optimizer}: ${e.formula}`,
          value: plain(e.value),
        });
    return { index: i, x: Array.from(x.data), y: Array.from(y.data), steps };
  }

  /** The model as @backprop/model's JSON document (the CLI's `load` reads it). */
  modelJson(): string {
    return JSON.stringify(save(this.model));
  }

  /** Predicted probabilities of the first training points (for checks). */
  predictTrain(): number[] {
    return Array.from(predict(this.model, this.points.train.X).data);
  }
}
