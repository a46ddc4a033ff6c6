import type { Activation } from '@backprop/activations';
import {
  astype,
  checkDtype,
  type Dtype,
  InvalidArgumentError,
  type Matrix,
  Rng,
  zeros,
} from '@backprop/linalg';
import { type ClassLabels, checkClasses } from './classes';
import { DenseLayer } from './layers/dense';
import type { Layer, LayerSpecBase } from './layers/layer';
import { getLayerKind } from './layers/registry';
import { readLimits, type SizeLimits, tooManyParameters } from './limits';
import { checkKeys } from './options';
import { registeredParts } from './parts';
import { createWorkspace, type Workspace } from './workspace';

/** The trainable tensors of a model, in order (W₁, b₁, W₂, b₂, ...), with their owners. */
export interface ParamRef {
  /** Index of the layer in model.layers. */
  layer: number;
  /** The tensor's name in its layer: 'W', 'b', 'gamma', … */
  name: string;
  value: Matrix;
}

/** A model keeps buffers for at most this many batch sizes (full batches and the last partial one need two). */
const MAX_WORKSPACES = 4;

/**
 * A stack of layers that maps inputSize features to the last layer's units. Weights are created at
 * construction from the seeded Rng, so the same seed gives the same model. The model owns its
 * working memory: one Workspace per batch size (`workspace(m)`, at most four kept) and one
 * gradient buffer per parameter (`gradients()`), so training allocates nothing per step.
 * Its dtype is its tensors': 'float64' (the default) or 'float32' (see `sequential`'s `dtype`).
 */
export class Sequential {
  readonly inputSize: number;
  /** The dtype of every parameter, state tensor, buffer and gradient ('float64' without tensors). */
  readonly dtype: Dtype;
  readonly layers: Layer[];
  readonly seed: number;
  /** What the outputs mean for a classifier (saved with the model), or null. */
  readonly classes: ClassLabels | null;
  private readonly workspaces = new Map<number, Workspace>();
  private grads: Matrix[] | null = null;
  private perLayer: Matrix[][] | null = null;

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
    this.dtype = commonDtype(layers);
  }

  /** Number of outputs (units of the last layer). */
  get outputSize(): number {
    return this.layers.length === 0 ? this.inputSize : this.layers[this.layers.length - 1]!.units;
  }

  /** The dense layers, in order (the course's Theta layout is theirs). */
  get denseLayers(): DenseLayer[] {
    return this.layers.filter((l): l is DenseLayer => l instanceof DenseLayer);
  }

  /** True when a layer draws from the rng in training (dropout): training then needs one, and L-BFGS refuses it. */
  get hasDropout(): boolean {
    return this.layers.some((l) => l.random === true);
  }

  /**
   * The activation the last layer applies, e.g. softmax: the default loss and the fused output
   * gradient depend on it. Undefined when the last layer has none (a dropout, a normalisation).
   */
  get outputActivation(): Activation | undefined {
    return this.layers.at(-1)?.activation;
  }

  /** Every trainable tensor, layer by layer in each layer's own order (dense: W then b). */
  params(): ParamRef[] {
    return this.layers.flatMap((l, i) => l.params().map((p) => ({ layer: i, ...p })));
  }

  /** Total number of trainable numbers. */
  get parameterCount(): number {
    return this.params().reduce((s, p) => s + p.value.data.length, 0);
  }

  /** A one-line-per-layer description: `0: dense 784→64 relu — 50240 params`. */
  summary(): string {
    const lines = this.layers.map((l, i) => {
      const count = l.params().reduce((s, p) => s + p.value.data.length, 0);
      return count > 0 ? `  ${i}: ${l.describe()} — ${count} params` : `  ${i}: ${l.describe()}`;
    });
    const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
    return `Sequential(${plural(this.inputSize, 'input')} → ${plural(this.outputSize, 'output')}, ${plural(this.parameterCount, 'param')})\n${lines.join('\n')}`;
  }

  /** A deep copy (weights copied; working memory not shared). */
  clone(): Sequential {
    return new Sequential(
      this.inputSize,
      this.layers.map((l) => l.clone()),
      this.seed,
      this.classes,
    );
  }

  /**
   * This model with every parameter and state tensor in `dtype`: the model itself when it already
   * is, else a new one (float64 → float32 rounds each weight to nearest; float32 → float64 is
   * exact). Each layer is rebuilt by its kind from its config, as loading does.
   */
  astype(dtype: Dtype): Sequential {
    checkDtype('astype', 'dtype', dtype);
    if (dtype === this.dtype) return this;
    const layers = this.layers.map((layer) => {
      const tensors: Record<string, Matrix> = {};
      for (const t of [...layer.params(), ...layer.stateTensors()])
        tensors[t.name] = astype(t.value, dtype);
      const kind = getLayerKind(layer.type);
      return kind.restore(layer.toConfig(), tensors, layer.inputs, registeredParts);
    });
    return new Sequential(this.inputSize, layers, this.seed, this.classes);
  }

  /** This model's buffers for batches of m rows, created on first use; the oldest of more than four sizes is dropped. */
  workspace(m: number): Workspace {
    let ws = this.workspaces.get(m);
    if (!ws) {
      if (this.workspaces.size >= MAX_WORKSPACES)
        this.workspaces.delete(this.workspaces.keys().next().value!);
      ws = createWorkspace(this, m);
      this.workspaces.set(m, ws);
    }
    return ws;
  }

  /** The gradient buffers, one per parameter tensor (model.params() order), reused by every backward pass. */
  gradients(): Matrix[] {
    if (!this.grads) {
      this.grads = this.params().map((p) => zeros(p.value.rows, p.value.cols, this.dtype));
      let k = 0;
      this.perLayer = this.layers.map((l) => l.params().map(() => this.grads![k++]!));
    }
    return this.grads;
  }

  /** The gradient buffers of layer i's parameters (a view into gradients()). */
  layerGradients(i: number): Matrix[] {
    this.gradients();
    return this.perLayer![i]!;
  }
}

/** The one dtype of the layers' tensors (a model never mixes them); float64 when there are none. */
function commonDtype(layers: readonly Layer[]): Dtype {
  let dtype: Dtype | undefined;
  layers.forEach((l, i) => {
    for (const t of [...l.params(), ...l.stateTensors()]) {
      dtype ??= t.value.dtype;
      if (t.value.dtype !== dtype)
        throw new InvalidArgumentError(
          'layers',
          `Sequential: layer ${i}'s ${t.name} is ${t.value.dtype} but the tensors before it are ${dtype} (a model has one dtype; convert with model.astype)`,
        );
    }
  });
  return dtype ?? 'float64';
}

/** Options of {@link sequential}. */
export interface SequentialOptions extends Pick<SizeLimits, 'maxParameters'> {
  /** Seeds the initializers (default 0). */
  seed?: number;
  /** What the outputs mean, for a classifier: saved with the model and used to read labels. */
  classes?: ClassLabels | null;
  /**
   * 'float64' (default: the course's numbers, exact gradient checks) or 'float32': parameters,
   * buffers, gradients and optimizer state in float32 — half the memory traffic and the f32x4
   * kernel. The initial weights are the float64 draws of the same seed, rounded.
   */
  dtype?: Dtype;
}

/**
 * Builds a model: `sequential(784, [dense({ units: 64, activation: 'relu' }), dense({ units: 10,
 * activation: 'softmax' })], { seed: 42 })`. Each layer's weights come from its initializers,
 * drawn in layer order from one Rng seeded with `seed` (default 0). Every layer is sized first,
 * so a model over `maxParameters` is refused before any weight is allocated.
 */
export function sequential(
  inputSize: number,
  specs: LayerSpecBase[],
  options: SequentialOptions = {},
): Sequential {
  checkKeys('sequential', options, ['seed', 'classes', 'maxParameters', 'dtype']);
  const dtype = checkDtype('sequential', 'dtype', options.dtype ?? 'float64');
  if (!(Number.isInteger(inputSize) && inputSize >= 1)) {
    throw new InvalidArgumentError(
      'inputSize',
      `sequential: inputSize must be an integer >= 1, got ${inputSize}`,
    );
  }
  if (!Array.isArray(specs) || specs.length === 0)
    throw new InvalidArgumentError('layers', 'sequential: give at least one layer');
  const kinds = specs.map((spec, i) => {
    try {
      return getLayerKind(spec?.type);
    } catch (e) {
      throw new InvalidArgumentError(
        'layers',
        `layers[${i}]: ${(e as Error).message} (use dense(...), dropout(...), …)`,
      );
    }
  });
  const { maxParameters } = readLimits({ maxParameters: options.maxParameters });
  let width = inputSize;
  let count = 0;
  kinds.forEach((kind, i) => {
    const plan = withLayerIndex(i, () => kind.plan(specs[i] as never, width));
    for (const [rows, cols] of Object.values(plan.tensors)) count += rows * cols;
    width = plan.units;
  });
  if (count > maxParameters)
    throw new InvalidArgumentError('layers', tooManyParameters('sequential', count, maxParameters));
  const seed = options.seed ?? 0;
  const rng = new Rng(seed);
  width = inputSize;
  const layers = kinds.map((kind, i) => {
    const layer = withLayerIndex(i, () =>
      kind.create(specs[i] as never, width, rng, registeredParts),
    );
    width = layer.units;
    return layer;
  });
  const classes =
    options.classes == null ? null : checkClasses('sequential', options.classes, width);
  const model = new Sequential(inputSize, layers, seed, classes);
  return model.astype(dtype);
}

/** Runs `f`, prefixing a spec's error with its position: `layers[1]: dense: units must be …`. */
function withLayerIndex<T>(i: number, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof InvalidArgumentError)
      throw new InvalidArgumentError(e.argument, `layers[${i}]: ${e.message}`);
    throw e;
  }
}
