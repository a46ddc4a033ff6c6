import type { Activation, ActivationSpec } from '@backprop/activations';
import type { Initializer, InitializerSpec } from '@backprop/init';
import {
  addRowVector,
  type Dtype,
  FUSION,
  InvalidArgumentError,
  type Matrix,
  matmul,
  matmulTransA,
  matmulTransB,
  type Rng,
  sumRows,
  zeros,
} from '@backprop/linalg';
import type { PenaltySpec } from '@backprop/losses';
import { sub } from '../notation';
import type { Parts } from '../parts';
import {
  type ActivityRegularizer,
  activityGradientFormula,
  activityRegularizer,
  activityValue,
  activityValueFormula,
  addActivityGradient,
} from './activity';
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
import { checkSpecKeys, positiveUnits } from './spec-checks';

/** A fully connected layer: Z = A_prev·W + b, A = g(Z); W is nIn x units, b is 1 x units. */
export interface DenseSpec {
  readonly type: 'dense';
  units: number;
  /** Default 'linear'. A name, `{ name, config }` or Activation object. */
  activation?: ActivationSpec;
  /** Default 'xavierUniform' (Glorot & Bengio; Keras's default). The course uses `uniform` (ε = 0.12). */
  kernelInitializer?: InitializerSpec;
  /** Default 'zeros'. */
  biasInitializer?: InitializerSpec;
  /** Default true. */
  useBias?: boolean;
  /**
   * A penalty on the layer's outputs, Keras's `activity_regularizer`: `{ name: 'l2', config:
   * { lambda: 0.001 } }` (or `l2(0.001)`) adds λ Σ A² / m to J, l1 λ Σ |A| / m. Default none.
   */
  activityRegularizer?: PenaltySpec | ActivityRegularizer | null;
}

const KEYS = [
  'type',
  'units',
  'activation',
  'kernelInitializer',
  'biasInitializer',
  'useBias',
  'activityRegularizer',
];

/** A dense layer spec: `dense({ units: 64, activation: 'relu' })`. */
export function dense(options: Omit<DenseSpec, 'type'>): DenseSpec {
  checkSpecKeys('dense', options, KEYS);
  positiveUnits('dense', options?.units);
  return { type: 'dense', ...options };
}

/** Dense buffers: Z and ∂J/∂Z beside the output A and ∂J/∂A. */
export interface DenseBuffers extends LayerBuffers {
  preActivation: Matrix;
  /** With an activity regulariser at a fused output: its ∂/∂A and the δ it adds (else null). */
  activity: { dA: Matrix; delta: Matrix } | null;
  readonly delta: Matrix;
}

/**
 * Forward: Z = A_prev·W + b, A = g(Z).
 * Backward (the delta rule beside the forward it inverts):
 *   δ = ∂J/∂Z = g′(Z) ⊙ ∂J/∂A   (or, at a fused output, the loss's (A − Y)/m given in δ)
 *   ∂J/∂W = A_prevᵀ·δ      ∂J/∂b = Σ_rows δ      ∂J/∂A_prev = δ·Wᵀ
 */
export class DenseLayer implements Layer<DenseBuffers> {
  readonly type = 'dense';
  readonly penalized = ['W'] as const;

  constructor(
    readonly inputs: number,
    readonly units: number,
    readonly activation: Activation,
    readonly kernelInitializer: Initializer,
    readonly biasInitializer: Initializer,
    readonly useBias: boolean,
    /** inputs x units. */
    readonly W: Matrix,
    /** 1 x units (all zeros and never updated when useBias is false). */
    readonly b: Matrix,
    /** The penalty on its outputs (Keras's activity_regularizer), or null. */
    readonly activity: ActivityRegularizer | null = null,
  ) {}

  params(): NamedTensor[] {
    return this.useBias
      ? [
          { name: 'W', value: this.W },
          { name: 'b', value: this.b },
        ]
      : [{ name: 'W', value: this.W }];
  }

  stateTensors(): NamedTensor[] {
    return [];
  }

  buffers(m: number, dtype: Dtype = 'float64'): DenseBuffers {
    return {
      output: zeros(m, this.units, dtype),
      dOutput: zeros(m, this.units, dtype),
      preActivation: zeros(m, this.units, dtype),
      delta: zeros(m, this.units, dtype),
      activity: this.activity
        ? { dA: zeros(m, this.units, dtype), delta: zeros(m, this.units, dtype) }
        : null,
    };
  }

  /** The activity regulariser's share of J on the last forward pass (0 without one). */
  activityPenalty(buf: DenseBuffers): number {
    return this.activity ? activityValue(this.activity, buf.output) : 0;
  }

  activityPenaltyFormula(l: number): string | null {
    return this.activity ? activityValueFormula(this.activity, sub(l)) : null;
  }

  forward(input: Matrix, buf: DenseBuffers, _mode: PassMode): Matrix {
    const Z = matmul(input, this.W, buf.preActivation);
    const g = this.activation;
    // Z += b and A = g(Z) in one pass where the activation offers it (the same bits).
    if (this.useBias && g.forwardBias) return g.forwardBias(Z, this.b, buf.output);
    if (this.useBias) addRowVector(Z, this.b, Z);
    return g.forward(Z, buf.output);
  }

  backward(
    input: Matrix,
    buf: DenseBuffers,
    grads: readonly Matrix[],
    dInput: Matrix | null,
    fused: boolean,
  ): void {
    if (this.activity && !fused) addActivityGradient(this.activity, buf.output, buf.dOutput);
    const g = this.activation;
    // δ and its column sums (∂J/∂b) in one pass where the activation offers it (the same bits).
    const biasDone = !fused && this.useBias && g.backwardBias !== undefined;
    const delta = fused
      ? buf.delta
      : biasDone
        ? g.backwardBias!(buf.preActivation, buf.output, buf.dOutput, buf.delta, grads[1]!)
        : g.backward(buf.preActivation, buf.output, buf.dOutput, buf.delta);
    if (this.activity && fused) this.addActivityDelta(buf);
    matmulTransA(input, delta, grads[0]!);
    if (this.useBias && !biasDone) sumRows(delta, grads[1]!);
    if (dInput) matmulTransB(delta, this.W, dInput);
  }

  explainForward(_input: Matrix, buf: DenseBuffers, { l }: ExplainContext): Explained[] {
    const [p, c, g] = [sub(l - 1), sub(l), this.activation.name];
    return [
      {
        symbol: `Z${c}`,
        formula: `Z${c} = A${p}·W${c}${this.useBias ? ` + b${c}` : ''}`,
        formulaColumns: `Z${c} = W${c}ᵀ·A${p}${this.useBias ? ` + b${c}` : ''}`,
        value: buf.preActivation,
      },
      { symbol: `A${c}`, formula: `A${c} = ${g}(Z${c})`, value: buf.output },
    ];
  }

  explainBackward(
    _input: Matrix,
    buf: DenseBuffers,
    grads: readonly Matrix[],
    { l, fused, scale }: ExplainContext,
  ): Explained[] {
    const [p, c, g] = [sub(l - 1), sub(l), this.activation.name];
    const act = this.activity ? activityGradientFormula(this.activity, c) : null;
    const out: Explained[] = fused
      ? [
          {
            symbol: `δ${c}`,
            formula: `δ${c} = (A${c} − Y)${scale}${act ? ` + (${act}) ⊙ ${g}′(Z${c})` : ''}`,
            value: buf.delta,
          },
        ]
      : [
          {
            symbol: `∂J/∂A${c}`,
            formula: act ? `∂J/∂A${c} = ∂L/∂A${c} + ${act}` : `∂J/∂A${c}`,
            value: buf.dOutput,
          },
          { symbol: `δ${c}`, formula: `δ${c} = ∂J/∂A${c} ⊙ ${g}′(Z${c})`, value: buf.delta },
        ];
    out.push({
      symbol: `∂J/∂W${c}`,
      formula: `∂J/∂W${c} = A${p}ᵀ·δ${c}`,
      formulaColumns: `∂J/∂W${c} = δ${c}·A${p}ᵀ`,
      value: grads[0]!,
    });
    if (this.useBias)
      out.push({ symbol: `∂J/∂b${c}`, formula: `∂J/∂b${c} = Σ_rows δ${c}`, value: grads[1]! });
    return out;
  }

  /** At a fused output the loss wrote δ directly: the regulariser's share goes through g′ here. */
  private addActivityDelta(buf: DenseBuffers): void {
    const { dA, delta } = buf.activity!;
    dA.data.fill(0);
    addActivityGradient(this.activity!, buf.output, dA);
    this.activation.backward(buf.preActivation, buf.output, dA, delta);
    for (let i = 0; i < delta.data.length; i++) buf.delta.data[i]! += delta.data[i]!;
  }

  toConfig(): Record<string, unknown> {
    return {
      units: this.units,
      activation: this.activation.toConfig(),
      kernelInitializer: this.kernelInitializer.toConfig(),
      biasInitializer: this.biasInitializer.toConfig(),
      useBias: this.useBias,
      // Only when set, so that documents of layers without one are as they always were.
      ...(this.activity
        ? {
            activityRegularizer: {
              name: this.activity.name,
              config: { lambda: this.activity.lambda },
            },
          }
        : {}),
    };
  }

  describe(): string {
    return `dense ${this.inputs}→${this.units} ${this.activation.name}${this.useBias ? '' : ' (no bias)'}${this.activity ? ` (activity ${this.activity.name} ${this.activity.lambda})` : ''}`;
  }

  clone(): DenseLayer {
    return new DenseLayer(
      this.inputs,
      this.units,
      this.activation,
      this.kernelInitializer,
      this.biasInitializer,
      this.useBias,
      this.W.clone(),
      this.b.clone(),
      this.activity,
    );
  }
}

function plan(config: Partial<DenseSpec> | Record<string, unknown>, inputs: number): LayerPlan {
  const units = positiveUnits('dense', config.units);
  if (config.useBias !== undefined && typeof config.useBias !== 'boolean')
    throw new InvalidArgumentError('useBias', 'dense: useBias must be true or false');
  const useBias = config.useBias !== false;
  return {
    units,
    tensors: useBias ? { W: [inputs, units], b: [1, units] } : { W: [inputs, units] },
    trainable: useBias ? ['W', 'b'] : ['W'],
  };
}

function parts(config: Partial<DenseSpec> | Record<string, unknown>, units: number, p: Parts) {
  const activation = p.activation(config.activation ?? 'linear');
  if (units === 1 && activation[FUSION] === 'softmax')
    throw new InvalidArgumentError('activation', oneUnitSoftmax('dense'));
  return {
    activation,
    kernelInitializer: p.initializer(config.kernelInitializer ?? 'xavierUniform'),
    biasInitializer: p.initializer(config.biasInitializer ?? 'zeros'),
  };
}

/** Why a 1-unit softmax is refused, and what to use instead. */
export function oneUnitSoftmax(where: string): string {
  return `${where}: a softmax over 1 unit always outputs 1 (nothing can be learned); for two classes use 1 unit with 'sigmoid', for K classes K units with 'softmax'`;
}

/** The dense kind: specs and saved configs to layers. */
export const denseKind: LayerKind<DenseSpec> = {
  type: 'dense',
  plan,
  fromVersion1({ type: _, W, b, ...config }) {
    return { config, tensors: config.useBias ? { W, b } : { W } };
  },
  create(spec, inputs, rng: Rng, p) {
    const { units } = plan(spec, inputs);
    const { activation, kernelInitializer, biasInitializer } = parts(spec, units, p);
    const useBias = spec.useBias ?? true;
    const W = kernelInitializer.create(inputs, units, rng);
    const b = useBias ? biasInitializer.create(1, units, rng) : zeros(1, units);
    return new DenseLayer(
      inputs,
      units,
      activation,
      kernelInitializer,
      biasInitializer,
      useBias,
      W,
      b,
      activityRegularizer(spec.activityRegularizer),
    );
  },
  restore(config, tensors, inputs, p) {
    const { units } = plan(config, inputs);
    const { activation, kernelInitializer, biasInitializer } = parts(config, units, p);
    const useBias = config.useBias !== false;
    return new DenseLayer(
      inputs,
      units,
      activation,
      kernelInitializer,
      biasInitializer,
      useBias,
      tensors.W!,
      useBias ? tensors.b! : zeros(1, units, tensors.W!.dtype),
      activityRegularizer(config.activityRegularizer as ActivityRegularizer | null | undefined),
    );
  },
};
