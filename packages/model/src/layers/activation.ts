import type { Activation, ActivationSpec } from '@backprop/activations';
import { type Dtype, type Matrix, zeros } from '@backprop/linalg';
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

/** An activation on its own, element-wise (or row-wise for softmax): A = g(X); no parameters. */
export interface ActivationSpecLayer {
  readonly type: 'activation';
  activation: ActivationSpec;
}

/** An activation layer spec: `activation('relu')`, after a linear dense layer or a batch normalisation. */
export function activation(spec: ActivationSpec): ActivationSpecLayer {
  return { type: 'activation', activation: spec };
}

export interface ActivationBuffers extends LayerBuffers {
  preActivation: Matrix;
  readonly delta: Matrix;
}

/**
 * Forward: A = g(Z) with Z the input. Backward: ∂J/∂Z = g′(Z) ⊙ ∂J/∂A (the activation's own
 * vector-Jacobian product), or at a fused output the loss's (A − Y)/m.
 */
export class ActivationLayer implements Layer<ActivationBuffers> {
  readonly type = 'activation';
  readonly penalized = [] as const;

  constructor(
    readonly units: number,
    readonly activation: Activation,
  ) {}

  get inputs(): number {
    return this.units;
  }

  params(): NamedTensor[] {
    return [];
  }

  stateTensors(): NamedTensor[] {
    return [];
  }

  buffers(m: number, dtype: Dtype = 'float64'): ActivationBuffers {
    return {
      output: zeros(m, this.units, dtype),
      dOutput: zeros(m, this.units, dtype),
      preActivation: zeros(m, this.units, dtype),
      delta: zeros(m, this.units, dtype),
    };
  }

  forward(input: Matrix, buf: ActivationBuffers, _mode: PassMode): Matrix {
    // Z is the input itself (the previous layer's output): kept by reference, not copied.
    buf.preActivation = input;
    return this.activation.forward(input, buf.output);
  }

  backward(
    input: Matrix,
    buf: ActivationBuffers,
    _grads: readonly Matrix[],
    dInput: Matrix | null,
    fused: boolean,
  ): void {
    const delta = fused
      ? buf.delta
      : this.activation.backward(input, buf.output, buf.dOutput, buf.delta);
    dInput?.data.set(delta.data);
  }

  explainForward(_input: Matrix, buf: ActivationBuffers, { l }: ExplainContext): Explained[] {
    const [p, c] = [sub(l - 1), sub(l)];
    return [
      { symbol: `A${c}`, formula: `A${c} = ${this.activation.name}(A${p})`, value: buf.output },
    ];
  }

  explainBackward(
    _input: Matrix,
    buf: ActivationBuffers,
    _grads: readonly Matrix[],
    { l, fused, scale }: ExplainContext,
  ): Explained[] {
    const [p, c, g] = [sub(l - 1), sub(l), this.activation.name];
    return fused
      ? [{ symbol: `δ${c}`, formula: `δ${c} = ∂J/∂A${p} = (A${c} − Y)${scale}`, value: buf.delta }]
      : [
          { symbol: `∂J/∂A${c}`, formula: `∂J/∂A${c}`, value: buf.dOutput },
          {
            symbol: `δ${c}`,
            formula: `δ${c} = ∂J/∂A${p} = ∂J/∂A${c} ⊙ ${g}′(A${p})`,
            value: buf.delta,
          },
        ];
  }

  toConfig(): Record<string, unknown> {
    return { activation: this.activation.toConfig() };
  }

  describe(): string {
    return `activation ${this.activation.name}`;
  }

  clone(): ActivationLayer {
    return new ActivationLayer(this.units, this.activation);
  }
}

function plan(
  config: Partial<ActivationSpecLayer> | Record<string, unknown>,
  inputs: number,
): LayerPlan {
  checkSpecKeys('activation', config, ['type', 'activation']);
  return { units: inputs, tensors: {}, trainable: [] };
}

export const activationKind: LayerKind<ActivationSpecLayer> = {
  type: 'activation',
  plan,
  create: (spec, inputs, _rng, parts) =>
    new ActivationLayer(inputs, parts.activation(spec.activation)),
  restore: (config, _tensors, inputs, parts) =>
    new ActivationLayer(inputs, parts.activation(config.activation)),
};
