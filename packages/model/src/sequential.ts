import { type Activation, getActivation } from '@backprop/activations';
import { getInitializer, type Initializer } from '@backprop/init';
import { InvalidArgumentError, type Matrix, Rng, zeros } from '@backprop/linalg';
import { type ClassLabels, checkClasses } from './classes';
import type { LayerSpec } from './layers';
import { readLimits, type SizeLimits, tooManyParameters } from './limits';
import { checkKeys } from './options';

/** A dense layer with its weights. */
export interface DenseLayer {
  type: 'dense';
  units: number;
  inputs: number;
  activation: Activation;
  kernelInitializer: Initializer;
  biasInitializer: Initializer;
  useBias: boolean;
  /** inputs x units. */
  W: Matrix;
  /** 1 x units (all zeros and never updated when useBias is false). */
  b: Matrix;
}

export interface DropoutLayer {
  type: 'dropout';
  rate: number;
  /** The width of the activations it passes through. */
  units: number;
}

export type Layer = DenseLayer | DropoutLayer;

/** The trainable tensors of a model, in order (W₁, b₁, W₂, b₂, ...), with their owners. */
export interface ParamRef {
  layer: number;
  name: 'W' | 'b';
  value: Matrix;
}

/**
 * A stack of layers that maps inputSize features to the last dense layer's units. Weights are
 * created at construction from the seeded Rng, so the same seed gives the same model.
 */
export class Sequential {
  readonly inputSize: number;
  readonly layers: Layer[];
  readonly seed: number;
  /** What the outputs mean for a classifier (saved with the model), or null. */
  readonly classes: ClassLabels | null;

  constructor(
    inputSize: number,
    layers: Layer[],
    seed: number,
    classes: ClassLabels | null = null,
  ) {
    this.inputSize = inputSize;
    this.layers = layers;
    this.seed = seed;
    this.classes = classes;
  }

  /** Number of outputs (units of the last layer). */
  get outputSize(): number {
    return this.layers.length === 0 ? this.inputSize : this.layers[this.layers.length - 1]!.units;
  }

  /** The dense layers, in order. */
  get denseLayers(): DenseLayer[] {
    return this.layers.filter((l): l is DenseLayer => l.type === 'dense');
  }

  /** The activation of the output (last dense) layer. */
  get outputActivation(): Activation {
    const last = this.denseLayers.at(-1);
    if (!last) throw new InvalidArgumentError('model', 'the model has no dense layer');
    return last.activation;
  }

  /** Every trainable tensor: each dense layer's W, then its b when it uses a bias. */
  params(): ParamRef[] {
    const out: ParamRef[] = [];
    this.layers.forEach((l, i) => {
      if (l.type !== 'dense') return;
      out.push({ layer: i, name: 'W', value: l.W });
      if (l.useBias) out.push({ layer: i, name: 'b', value: l.b });
    });
    return out;
  }

  /** Total number of trainable numbers. */
  get parameterCount(): number {
    return this.params().reduce((s, p) => s + p.value.data.length, 0);
  }

  /** A one-line-per-layer description: `dense 784→64 relu (50240 params)`. */
  summary(): string {
    const lines = this.layers.map((l, i) =>
      l.type === 'dense'
        ? `  ${i}: dense ${l.inputs}→${l.units} ${l.activation.name}${l.useBias ? '' : ' (no bias)'} — ${l.W.data.length + (l.useBias ? l.units : 0)} params`
        : `  ${i}: dropout ${l.rate}`,
    );
    const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
    return `Sequential(${plural(this.inputSize, 'input')} → ${plural(this.outputSize, 'output')}, ${plural(this.parameterCount, 'param')})\n${lines.join('\n')}`;
  }

  /** A deep copy (weights copied). */
  clone(): Sequential {
    const layers = this.layers.map(
      (l): Layer => (l.type === 'dense' ? { ...l, W: l.W.clone(), b: l.b.clone() } : { ...l }),
    );
    return new Sequential(this.inputSize, layers, this.seed, this.classes);
  }
}

/** Options of {@link sequential}. */
export interface SequentialOptions extends Pick<SizeLimits, 'maxParameters'> {
  /** Seeds the initializers (default 0). */
  seed?: number;
  /** What the outputs mean, for a classifier: saved with the model and used to read labels. */
  classes?: ClassLabels | null;
}

/** Trainable numbers of the dense layers in `specs`, counted before anything is allocated. */
function countParameters(inputSize: number, specs: LayerSpec[]): number {
  let width = inputSize;
  let count = 0;
  for (const spec of specs) {
    if (spec?.type !== 'dense' || !(Number.isSafeInteger(spec.units) && spec.units >= 1)) continue;
    count += width * spec.units + (spec.useBias === false ? 0 : spec.units);
    width = spec.units;
  }
  return count;
}

/**
 * Builds a model: `sequential(784, [dense({ units: 64, activation: 'relu' }), dense({ units: 10,
 * activation: 'softmax' })], { seed: 42 })`. Each dense layer's weights come from its initializers,
 * drawn in layer order from one Rng seeded with `seed` (default 0).
 */
export function sequential(
  inputSize: number,
  specs: LayerSpec[],
  options: SequentialOptions = {},
): Sequential {
  checkKeys('sequential', options, ['seed', 'classes', 'maxParameters']);
  if (!(Number.isInteger(inputSize) && inputSize >= 1)) {
    throw new InvalidArgumentError(
      'inputSize',
      `sequential: inputSize must be an integer >= 1, got ${inputSize}`,
    );
  }
  if (!Array.isArray(specs) || specs.length === 0)
    throw new InvalidArgumentError('layers', 'sequential: give at least one layer');
  const { maxParameters } = readLimits({ maxParameters: options.maxParameters });
  const count = countParameters(inputSize, specs);
  if (count > maxParameters)
    throw new InvalidArgumentError('layers', tooManyParameters('sequential', count, maxParameters));
  const seed = options.seed ?? 0;
  const rng = new Rng(seed);
  let width = inputSize;
  const layers = specs.map((spec, i): Layer => {
    if (spec?.type === 'dropout') {
      if (!(spec.rate >= 0 && spec.rate < 1))
        throw new InvalidArgumentError(
          'layers',
          `layers[${i}]: dropout rate must be in [0, 1), got ${spec.rate}`,
        );
      return { type: 'dropout', rate: spec.rate, units: width };
    }
    if (spec?.type !== 'dense')
      throw new InvalidArgumentError('layers', `layers[${i}]: expected dense(...) or dropout(...)`);
    if (!(Number.isSafeInteger(spec.units) && spec.units >= 1)) {
      throw new InvalidArgumentError(
        'layers',
        `layers[${i}]: units must be an integer >= 1, got ${spec.units}`,
      );
    }
    const activation = getActivation(spec.activation ?? 'linear');
    if (spec.units === 1 && activation.name === 'softmax')
      throw new InvalidArgumentError('layers', oneUnitSoftmax(`layers[${i}]`));
    const kernelInitializer = getInitializer(spec.kernelInitializer ?? 'xavierUniform');
    const biasInitializer = getInitializer(spec.biasInitializer ?? 'zeros');
    const useBias = spec.useBias ?? true;
    const W = kernelInitializer.create(width, spec.units, rng);
    const b = useBias ? biasInitializer.create(1, spec.units, rng) : zeros(1, spec.units);
    const layer: DenseLayer = {
      type: 'dense',
      units: spec.units,
      inputs: width,
      activation,
      kernelInitializer,
      biasInitializer,
      useBias,
      W,
      b,
    };
    width = spec.units;
    return layer;
  });
  if (!layers.some((l) => l.type === 'dense'))
    throw new InvalidArgumentError(
      'layers',
      'sequential: the model needs at least one dense layer',
    );
  // `width` is now the last dense layer's units: the model's outputs.
  const classes =
    options.classes == null ? null : checkClasses('sequential', options.classes, width);
  return new Sequential(inputSize, layers, seed, classes);
}

/** Why a 1-unit softmax is refused, and what to use instead. */
export function oneUnitSoftmax(where: string): string {
  return `${where}: a softmax over 1 unit always outputs 1 (nothing can be learned); for two classes use 1 unit with 'sigmoid', for K classes K units with 'softmax'`;
}
