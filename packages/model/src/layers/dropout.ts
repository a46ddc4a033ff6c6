import { type Dtype, Matrix, zeros } from '@backprop/linalg';
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
import { checkSpecKeys, rate } from './spec-checks';

/** Inverted dropout: in training, zeroes each activation with probability `rate` and scales the rest by 1/(1 − rate); at inference it does nothing. */
export interface DropoutSpec {
  readonly type: 'dropout';
  rate: number;
}

/** A dropout layer spec: `dropout(0.5)`. */
export function dropout(value: number): DropoutSpec {
  return { type: 'dropout', rate: rate('dropout', value) };
}

export interface DropoutBuffers extends LayerBuffers {
  /** The multipliers of the last training pass: 0 or 1/(1 − rate) per activation. */
  readonly mask: Float64Array;
}

/**
 * Forward (training): A = X ⊙ M with M = 0 (probability rate) or 1/(1 − rate); inference: A = X.
 * Backward: ∂J/∂X = ∂J/∂A ⊙ M.
 */
export class DropoutLayer implements Layer<DropoutBuffers> {
  readonly type = 'dropout';
  readonly penalized = [] as const;

  constructor(
    /** The width of the activations it passes through. */
    readonly units: number,
    readonly rate: number,
  ) {}

  get inputs(): number {
    return this.units;
  }

  get random(): boolean {
    return this.rate > 0;
  }

  params(): NamedTensor[] {
    return [];
  }

  stateTensors(): NamedTensor[] {
    return [];
  }

  buffers(m: number, dtype: Dtype = 'float64'): DropoutBuffers {
    return {
      output: zeros(m, this.units, dtype),
      dOutput: zeros(m, this.units, dtype),
      mask: new Float64Array(m * this.units),
    };
  }

  forward(input: Matrix, buf: DropoutBuffers, mode: PassMode): Matrix {
    const { mask } = buf;
    const a = buf.output.data;
    const x = input.data;
    if (mode.training && this.rate > 0) {
      const keep = 1 / (1 - this.rate);
      const rng = mode.rng!;
      for (let k = 0; k < a.length; k++) {
        mask[k] = rng.next() < this.rate ? 0 : keep;
        a[k] = x[k]! * mask[k]!;
      }
    } else {
      mask.fill(1);
      a.set(x);
    }
    return buf.output;
  }

  backward(
    _input: Matrix,
    buf: DropoutBuffers,
    _grads: readonly Matrix[],
    dInput: Matrix | null,
  ): void {
    if (!dInput) return;
    const d = dInput.data;
    const g = buf.dOutput.data;
    const { mask } = buf;
    for (let k = 0; k < d.length; k++) d[k] = g[k]! * mask[k]!;
  }

  explainForward(_input: Matrix, buf: DropoutBuffers, { l }: ExplainContext): Explained[] {
    const [p, c] = [sub(l - 1), sub(l)];
    return [
      {
        symbol: `M${c}`,
        formula: `M${c} = 0 (probability ${this.rate}) or 1/(1 − ${this.rate}); 1 outside training`,
        value: new Matrix(buf.output.rows, this.units, buf.mask.slice()),
      },
      { symbol: `A${c}`, formula: `A${c} = A${p} ⊙ M${c}`, value: buf.output },
    ];
  }

  explainBackward(
    _input: Matrix,
    buf: DropoutBuffers,
    _g: readonly Matrix[],
    { l }: ExplainContext,
  ): Explained[] {
    const c = sub(l);
    return [
      {
        symbol: `∂J/∂A${c}`,
        formula: `∂J/∂A${c}; ∂J/∂A${sub(l - 1)} = ∂J/∂A${c} ⊙ M${c}`,
        value: buf.dOutput,
      },
    ];
  }

  toConfig(): Record<string, unknown> {
    return { rate: this.rate };
  }

  describe(): string {
    return `dropout ${this.rate}`;
  }

  clone(): DropoutLayer {
    return new DropoutLayer(this.units, this.rate);
  }
}

function plan(config: Partial<DropoutSpec> | Record<string, unknown>, inputs: number): LayerPlan {
  checkSpecKeys('dropout', config, ['type', 'rate']);
  rate('dropout', config.rate);
  return { units: inputs, tensors: {}, trainable: [] };
}

export const dropoutKind: LayerKind<DropoutSpec> = {
  type: 'dropout',
  plan,
  fromVersion1: ({ type: _, ...config }) => ({ config, tensors: {} }),
  create: (spec, inputs) => new DropoutLayer(inputs, rate('dropout', spec.rate)),
  restore: (config, _tensors, inputs) => new DropoutLayer(inputs, rate('dropout', config.rate)),
};
