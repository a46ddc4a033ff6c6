import { type Dtype, InvalidArgumentError, Matrix, ones, zeros } from '@backprop/linalg';
import { sub } from '../notation';
import type {
  ExplainContext,
  Explained,
  Layer,
  LayerBuffers,
  LayerKind,
  LayerPlan,
  NamedTensor,
  PassMode,
} from './layer';
import { checkSpecKeys } from './spec-checks';

/** Batch normalisation (Ioffe & Szegedy 2015) of each unit over the batch, then γ·x̂ + β. */
export interface BatchNormalizationSpec {
  readonly type: 'batchNormalization';
  /** Weight of the old value in the moving averages (default 0.99, Keras's). */
  momentum?: number;
  /** Added to the variance before the square root (default 1e-3, Keras's). */
  epsilon?: number;
}

/** A batch normalisation layer spec: `batchNormalization({ momentum: 0.9 })`. */
export function batchNormalization(
  options: Omit<BatchNormalizationSpec, 'type'> = {},
): BatchNormalizationSpec {
  readSettings(options);
  return { type: 'batchNormalization', ...options };
}

function readSettings(config: Record<string, unknown> | Partial<BatchNormalizationSpec>) {
  checkSpecKeys('batchNormalization', config, ['type', 'momentum', 'epsilon']);
  const momentum = config.momentum ?? 0.99;
  const epsilon = config.epsilon ?? 1e-3;
  if (!(typeof momentum === 'number' && momentum >= 0 && momentum < 1))
    throw new InvalidArgumentError(
      'momentum',
      `batchNormalization: momentum must be in [0, 1), got ${momentum}`,
    );
  if (!(typeof epsilon === 'number' && epsilon > 0 && Number.isFinite(epsilon)))
    throw new InvalidArgumentError(
      'epsilon',
      `batchNormalization: epsilon must be a number > 0, got ${epsilon}`,
    );
  return { momentum, epsilon };
}

export interface BatchNormalizationBuffers extends LayerBuffers {
  /** x̂ of the last pass. */
  readonly normalized: Matrix;
  /** Per unit: the mean and 1/√(σ² + ε) the last pass used. */
  readonly mean: Float64Array;
  readonly variance: Float64Array;
  readonly invStd: Float64Array;
  /** Whether the last pass used batch statistics (training) or the moving ones. */
  batchStatistics: boolean;
}

/**
 * Forward, per unit j over the m rows of the batch (training):
 *   μ = Σᵢ xᵢ / m    σ² = Σᵢ (xᵢ − μ)² / m    x̂ = (x − μ)/√(σ² + ε)    y = γ·x̂ + β
 * and the moving averages m ← momentum·m + (1 − momentum)·μ (likewise the variance, biased as
 * Keras keeps it). At inference μ and σ² are the moving averages.
 * Backward (training), with s = 1/√(σ² + ε):
 *   ∂J/∂γ = Σᵢ dyᵢ·x̂ᵢ    ∂J/∂β = Σᵢ dyᵢ    ∂J/∂x = γ·s/m · (m·dy − Σᵢ dyᵢ − x̂·Σᵢ dyᵢ·x̂ᵢ)
 * and with moving statistics ∂J/∂x = γ·s·dy.
 */
export class BatchNormalizationLayer implements Layer<BatchNormalizationBuffers> {
  readonly type = 'batchNormalization';
  readonly penalized = [] as const;

  constructor(
    readonly units: number,
    readonly momentum: number,
    readonly epsilon: number,
    readonly gamma: Matrix,
    readonly beta: Matrix,
    readonly movingMean: Matrix,
    readonly movingVariance: Matrix,
  ) {}

  get inputs(): number {
    return this.units;
  }

  params(): NamedTensor[] {
    return [
      { name: 'gamma', value: this.gamma },
      { name: 'beta', value: this.beta },
    ];
  }

  stateTensors(): NamedTensor[] {
    return [
      { name: 'movingMean', value: this.movingMean },
      { name: 'movingVariance', value: this.movingVariance },
    ];
  }

  buffers(m: number, dtype: Dtype = 'float64'): BatchNormalizationBuffers {
    return {
      output: zeros(m, this.units, dtype),
      dOutput: zeros(m, this.units, dtype),
      normalized: zeros(m, this.units, dtype),
      mean: new Float64Array(this.units),
      variance: new Float64Array(this.units),
      invStd: new Float64Array(this.units),
      batchStatistics: false,
    };
  }

  forward(input: Matrix, buf: BatchNormalizationBuffers, mode: PassMode): Matrix {
    const n = this.units;
    const m = input.rows;
    const x = input.data;
    const { mean, variance, invStd } = buf;
    buf.batchStatistics = mode.training;
    if (mode.training) {
      this.batchStatistics(input, mean, variance, invStd);
      if (mode.updateStatistics !== false) this.updateMoving(mean, variance);
    } else {
      for (let j = 0; j < n; j++) {
        mean[j] = this.movingMean.data[j]!;
        invStd[j] = 1 / Math.sqrt(this.movingVariance.data[j]! + this.epsilon);
      }
    }
    const xh = buf.normalized.data;
    const y = buf.output.data;
    const g = this.gamma.data;
    const b = this.beta.data;
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        const k = i * n + j;
        xh[k] = (x[k]! - mean[j]!) * invStd[j]!;
        y[k] = g[j]! * xh[k]! + b[j]!;
      }
    }
    return buf.output;
  }

  /** μ and 1/√(σ² + ε) of each column (two passes: exact for data far from zero). */
  private batchStatistics(
    input: Matrix,
    mean: Float64Array,
    variance: Float64Array,
    invStd: Float64Array,
  ): void {
    const n = this.units;
    const m = input.rows;
    const x = input.data;
    mean.fill(0);
    for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) mean[j]! += x[i * n + j]!;
    for (let j = 0; j < n; j++) mean[j]! /= m;
    variance.fill(0);
    for (let i = 0; i < m; i++)
      for (let j = 0; j < n; j++) {
        const d = x[i * n + j]! - mean[j]!;
        variance[j]! += d * d;
      }
    for (let j = 0; j < n; j++) {
      variance[j]! /= m;
      invStd[j] = 1 / Math.sqrt(variance[j]! + this.epsilon);
    }
  }

  private updateMoving(mean: Float64Array, variance: Float64Array): void {
    const a = this.momentum;
    const mm = this.movingMean.data;
    const mv = this.movingVariance.data;
    for (let j = 0; j < this.units; j++) {
      mm[j] = a * mm[j]! + (1 - a) * mean[j]!;
      mv[j] = a * mv[j]! + (1 - a) * variance[j]!;
    }
  }

  backward(
    _input: Matrix,
    buf: BatchNormalizationBuffers,
    grads: readonly Matrix[],
    dInput: Matrix | null,
  ): void {
    const n = this.units;
    const m = buf.output.rows;
    const dy = buf.dOutput.data;
    const xh = buf.normalized.data;
    const dGamma = grads[0]!.data;
    const dBeta = grads[1]!.data;
    dGamma.fill(0);
    dBeta.fill(0);
    for (let i = 0; i < m; i++)
      for (let j = 0; j < n; j++) {
        const k = i * n + j;
        dGamma[j]! += dy[k]! * xh[k]!;
        dBeta[j]! += dy[k]!;
      }
    if (!dInput) return;
    const dx = dInput.data;
    const g = this.gamma.data;
    const { invStd } = buf;
    for (let i = 0; i < m; i++)
      for (let j = 0; j < n; j++) {
        const k = i * n + j;
        dx[k] = buf.batchStatistics
          ? ((g[j]! * invStd[j]!) / m) * (m * dy[k]! - dBeta[j]! - xh[k]! * dGamma[j]!)
          : g[j]! * invStd[j]! * dy[k]!;
      }
  }

  explainForward(
    _input: Matrix,
    buf: BatchNormalizationBuffers,
    { l }: ExplainContext,
  ): Explained[] {
    const [p, c] = [sub(l - 1), sub(l)];
    const row = (data: Float64Array) => new Matrix(1, this.units, data.slice());
    const batch = buf.batchStatistics;
    return [
      {
        symbol: `μ${c}`,
        formula: batch ? `μ${c} = Σ_rows A${p} / m` : `μ${c} = moving mean`,
        value: row(buf.mean),
      },
      {
        symbol: `σ²${c}`,
        formula: batch ? `σ²${c} = Σ_rows (A${p} − μ${c})² / m` : `σ²${c} = moving variance`,
        value: batch ? row(buf.variance) : this.movingVariance,
      },
      {
        symbol: `x̂${c}`,
        formula: `x̂${c} = (A${p} − μ${c}) / √(σ²${c} + ${this.epsilon})`,
        value: buf.normalized,
      },
      { symbol: `A${c}`, formula: `A${c} = γ${c} ⊙ x̂${c} + β${c}`, value: buf.output },
    ];
  }

  explainBackward(
    _input: Matrix,
    buf: BatchNormalizationBuffers,
    grads: readonly Matrix[],
    { l }: ExplainContext,
  ): Explained[] {
    const c = sub(l);
    return [
      { symbol: `∂J/∂A${c}`, formula: `∂J/∂A${c}`, value: buf.dOutput },
      { symbol: `∂J/∂γ${c}`, formula: `∂J/∂γ${c} = Σ_rows ∂J/∂A${c} ⊙ x̂${c}`, value: grads[0]! },
      { symbol: `∂J/∂β${c}`, formula: `∂J/∂β${c} = Σ_rows ∂J/∂A${c}`, value: grads[1]! },
    ];
  }

  toConfig(): Record<string, unknown> {
    return { momentum: this.momentum, epsilon: this.epsilon };
  }

  describe(): string {
    return `batchNormalization ${this.units}`;
  }

  clone(): BatchNormalizationLayer {
    return new BatchNormalizationLayer(
      this.units,
      this.momentum,
      this.epsilon,
      this.gamma.clone(),
      this.beta.clone(),
      this.movingMean.clone(),
      this.movingVariance.clone(),
    );
  }
}

function plan(
  config: Record<string, unknown> | Partial<BatchNormalizationSpec>,
  inputs: number,
): LayerPlan {
  readSettings(config);
  const row: [number, number] = [1, inputs];
  return {
    units: inputs,
    tensors: { gamma: row, beta: row, movingMean: row, movingVariance: row },
    trainable: ['gamma', 'beta'],
  };
}

export const batchNormalizationKind: LayerKind<BatchNormalizationSpec> = {
  type: 'batchNormalization',
  plan,
  create(spec, inputs) {
    const { momentum, epsilon } = readSettings(spec);
    return new BatchNormalizationLayer(
      inputs,
      momentum,
      epsilon,
      ones(1, inputs),
      zeros(1, inputs),
      zeros(1, inputs),
      ones(1, inputs),
    );
  },
  restore(config, t, inputs) {
    const { momentum, epsilon } = readSettings(config);
    return new BatchNormalizationLayer(
      inputs,
      momentum,
      epsilon,
      t.gamma!,
      t.beta!,
      t.movingMean!,
      t.movingVariance!,
    );
  },
};
