import { type FloatArray, FUSION, type Matrix } from '@backprop/linalg';
import type { DoctorWarning, LayerHealth } from '../history';
import type { Sequential } from '../sequential';
import type { Workspace } from '../workspace';
import { inputWarnings, symmetryWarnings } from './static-checks';

/** Thresholds of the doctor's warnings (each documented where it is used). */
export interface DoctorOptions {
  /** |z| beyond which a sigmoid/tanh unit counts as saturated (default 4). */
  saturation?: number;
  /** Warn when this fraction of a layer's units is dead or saturated (default 0.5). */
  unitFraction?: number;
  /** Vanishing: the first layer's gradient norm below this times the last's (default 1e-6). */
  vanishingRatio?: number;
  /** Exploding: an epoch's update larger than this times the weights (default 1). */
  explodingRatio?: number;
  /** Flat: the loss moved less than this, relatively, over the first epochs (default 1e-6). */
  flatTolerance?: number;
  /** Epochs after which a loss that has not moved is flat (default 3). */
  flatEpochs?: number;
}

const norm = (data: FloatArray) => {
  let s = 0;
  for (let i = 0; i < data.length; i++) s += data[i]! * data[i]!;
  return Math.sqrt(s);
};

interface LayerAccumulator {
  gradientNorm: number;
  /** Per unit: rows with z > 0 (ReLU) or |z| > bound (sigmoid/tanh). */
  counts: Float64Array | null;
  kind: 'relu' | 'saturating' | null;
  start: FloatArray[];
}

/** The kind of unit a layer ends in, as far as the doctor's unit checks go. */
function unitKind(model: Sequential, i: number): 'relu' | 'saturating' | null {
  const a = model.layers[i]!.activation;
  if (!a || model.layers[i]!.type !== 'dense') return null;
  if (a.name === 'relu') return 'relu';
  if (a[FUSION] === 'logistic' && i < model.layers.length - 1) return 'saturating';
  if (a.name === 'tanh') return 'saturating';
  return null;
}

/**
 * Measures a model's health while it trains (or on one pass over data afterwards): per layer
 * and epoch the gradient norm, weight norm and update/weight ratio, the share of dead ReLU and
 * saturated sigmoid/tanh units; and turns what it sees into warnings with the fix to try.
 */
export class Examiner {
  private readonly o: Required<DoctorOptions>;
  private layers: LayerAccumulator[] = [];
  private rows = 0;
  private batches = 0;
  private predicted = new Set<number>();
  private actual = new Set<number>();
  private losses: number[] = [];
  readonly warnings: DoctorWarning[] = [];
  private readonly said = new Set<string>();

  constructor(
    private readonly model: Sequential,
    options: DoctorOptions = {},
  ) {
    this.o = {
      saturation: options.saturation ?? 4,
      unitFraction: options.unitFraction ?? 0.5,
      vanishingRatio: options.vanishingRatio ?? 1e-6,
      explodingRatio: options.explodingRatio ?? 1,
      flatTolerance: options.flatTolerance ?? 1e-6,
      flatEpochs: options.flatEpochs ?? 3,
    };
  }

  /** Before training: the inputs' scale and identical units (zero initialisation). */
  begin(X: Matrix): void {
    for (const w of [...inputWarnings(X), ...symmetryWarnings(this.model, 0)]) this.warn(w);
  }

  /** A new epoch: forget the last one's figures, remember the weights it starts from. */
  beginEpoch(): void {
    this.rows = 0;
    this.batches = 0;
    this.predicted.clear();
    this.actual.clear();
    this.layers = this.model.layers.map((l, i) => {
      const kind = unitKind(this.model, i);
      return {
        gradientNorm: 0,
        counts: kind ? new Float64Array(l.units) : null,
        kind,
        start: l.params().map((p) => p.value.data.slice()),
      };
    });
  }

  /** One batch: its pre-activations, its predictions against Y, and its gradients. */
  observeBatch(ws: Workspace, Y: Matrix, gradients: (i: number) => readonly Matrix[]): void {
    const m = ws.m;
    this.rows += m;
    this.batches++;
    this.model.layers.forEach((_, i) => {
      const acc = this.layers[i]!;
      acc.gradientNorm += Math.sqrt(gradients(i).reduce((s, g) => s + norm(g.data) ** 2, 0));
      const z = ws.layers[i]!.preActivation;
      if (!acc.counts || !z) return;
      const n = z.cols;
      for (let r = 0; r < m; r++)
        for (let j = 0; j < n; j++) {
          const v = z.data[r * n + j]!;
          if (acc.kind === 'relu' ? v > 0 : Math.abs(v) > this.o.saturation) acc.counts[j]!++;
        }
    });
    this.countClasses(ws.layers.at(-1)!.output, Y);
  }

  private countClasses(out: Matrix, Y: Matrix): void {
    const k = out.cols;
    for (let r = 0; r < out.rows; r++) {
      if (k === 1) {
        this.predicted.add(out.data[r]! >= 0.5 ? 1 : 0);
        this.actual.add(Y.data[r]! >= 0.5 ? 1 : 0);
        continue;
      }
      let p = 0;
      let a = 0;
      for (let j = 1; j < k; j++) {
        if (out.data[r * k + j]! > out.data[r * k + p]!) p = j;
        if (Y.data[r * k + j]! > Y.data[r * k + a]!) a = j;
      }
      this.predicted.add(p);
      this.actual.add(a);
    }
  }

  /** The epoch's health per layer, and its warnings. */
  endEpoch(epoch: number, loss: number, classifier: boolean): LayerHealth[] {
    const health = this.model.layers.map((layer, i): LayerHealth => {
      const acc = this.layers[i]!;
      const params = layer.params();
      const weightNorm = Math.sqrt(params.reduce((s, p) => s + norm(p.value.data) ** 2, 0));
      const startNorm = Math.sqrt(acc.start.reduce((s, d) => s + norm(d) ** 2, 0));
      let moved = 0;
      params.forEach((p, k) => {
        for (let e = 0; e < p.value.data.length; e++)
          moved += (p.value.data[e]! - acc.start[k]![e]!) ** 2;
      });
      const h: LayerHealth = {
        layer: i,
        gradientNorm: this.batches ? acc.gradientNorm / this.batches : 0,
        weightNorm,
        updateRatio: startNorm > 0 ? Math.sqrt(moved) / startNorm : 0,
      };
      if (acc.counts) {
        const counts = Array.from(acc.counts);
        if (acc.kind === 'relu') h.dead = counts.filter((c) => c === 0).length / counts.length;
        else h.saturated = counts.filter((c) => c >= 0.9 * this.rows).length / counts.length;
      }
      return h;
    });
    this.losses.push(loss);
    for (const w of this.epochWarnings(epoch, health, classifier)) this.warn(w);
    return health;
  }

  private epochWarnings(
    epoch: number,
    health: LayerHealth[],
    classifier: boolean,
  ): DoctorWarning[] {
    const out: DoctorWarning[] = [];
    const name = (i: number) => `layer ${i} (${this.model.layers[i]!.describe()})`;
    const pct = (f: number) => `${Math.round(100 * f)}%`;
    for (const h of health) {
      if (h.dead !== undefined && h.dead >= this.o.unitFraction)
        out.push({
          code: 'DEAD_RELU',
          epoch,
          layer: h.layer,
          message: `${name(h.layer)}: ${pct(h.dead)} of its ReLU units never fired on this epoch's data (dying ReLU)`,
          fix: 'lower the learning rate, use He initialisation, or leakyRelu',
        });
      if (h.saturated !== undefined && h.saturated >= this.o.unitFraction)
        out.push({
          code: 'SATURATED',
          epoch,
          layer: h.layer,
          message: `${name(h.layer)}: ${pct(h.saturated)} of its units are saturated (|z| > ${this.o.saturation} on nearly every row), where their gradient is ~0`,
          fix: 'scale the inputs, use Xavier initialisation, or ReLU units',
        });
      if (h.updateRatio > this.o.explodingRatio && h.weightNorm > 0)
        out.push({
          code: 'EXPLODING_UPDATES',
          epoch,
          layer: h.layer,
          message: `${name(h.layer)}: this epoch's updates were ${h.updateRatio.toPrecision(3)}x the size of the weights`,
          fix: 'lower the learning rate or clip gradients (clipNorm)',
        });
    }
    const trainable = health.filter((h) => this.model.layers[h.layer]!.params().length > 0);
    const first = trainable[0];
    const last = trainable.at(-1);
    if (
      first &&
      last &&
      first !== last &&
      last.gradientNorm > 0 &&
      first.gradientNorm < this.o.vanishingRatio * last.gradientNorm
    )
      out.push({
        code: 'VANISHING_GRADIENTS',
        epoch,
        layer: first.layer,
        message: `${name(first.layer)}: its gradient norm ${first.gradientNorm.toExponential(2)} is below ${this.o.vanishingRatio} of the last layer's ${last.gradientNorm.toExponential(2)}: the first layers barely learn`,
        fix: 'use ReLU units and He initialisation, fewer sigmoid layers, or batch normalisation',
      });
    if (classifier && this.actual.size >= 2 && this.predicted.size === 1)
      out.push({
        code: 'ONE_CLASS',
        epoch,
        layer: null,
        message: `every prediction of this epoch is the same class (${[...this.predicted][0]}) though the targets hold ${this.actual.size}`,
        fix: oneClassFix(first, last),
      });
    const k = this.o.flatEpochs;
    if (this.losses.length === k) {
      const [a, b] = [this.losses[0]!, this.losses[k - 1]!];
      if (Math.abs(a - b) <= this.o.flatTolerance * Math.max(Math.abs(a), 1e-12))
        out.push({
          code: 'LOSS_FLAT',
          epoch,
          layer: null,
          message: `the loss has not moved in ${k} epochs (${a.toPrecision(6)})`,
          fix: 'check the learning rate (0?) and the initialisation: all-zero weights keep every unit identical',
        });
    }
    out.push(...symmetryWarnings(this.model, epoch));
    return out;
  }

  /** Records a warning once per code and layer. */
  private warn(w: DoctorWarning): void {
    const key = `${w.code}:${w.layer}`;
    if (this.said.has(key)) return;
    this.said.add(key);
    this.warnings.push(w);
  }
}

/**
 * What to try when every prediction is one class: with gradients that fade on the way back the
 * network has not learned yet (a deep sigmoid stack); otherwise the usual cause is a learning rate
 * far too high (the course's anecdote, seed 002).
 */
function oneClassFix(first: LayerHealth | undefined, last: LayerHealth | undefined): string {
  const ratio = first && last && last.gradientNorm > 0 ? first.gradientNorm / last.gradientNorm : 1;
  if (first !== last && ratio < 1e-2)
    return `the first layer's gradients are ${(1 / ratio).toPrecision(2)}x smaller than the last's, so the network has barely started to learn: use ReLU units and He initialisation or fewer sigmoid layers, or train longer; also check the labels and the class balance`;
  return 'a learning rate far too high does this: lower it; also check the labels and the class balance';
}
