import { Matrix } from '@backprop/linalg';
import { TfjsFormatError } from '../errors';
import type { ActivationConfig, ImportedLayer } from '../onnx/imported';
import { backpropActivation } from './activations';
import type { KerasLayer, WeightSpec } from './format';

type Weights = { spec: WeightSpec; values: Float64Array }[];

/** The Keras layers of a Sequential topology (tfjs, tf.keras and Keras 3 spellings). */
export function kerasLayers(topology: unknown): KerasLayer[] {
  const t = topology as { model_config?: unknown; class_name?: string; config?: unknown } | null;
  const model = (t?.model_config ?? t) as { class_name?: string; config?: unknown } | null;
  if (!model || typeof model !== 'object')
    throw new TfjsFormatError('fromTfjsLayers: model.json has no modelTopology');
  if (model.class_name !== 'Sequential')
    throw new TfjsFormatError(
      `fromTfjsLayers: the model is a ${model.class_name ?? 'model of no class'}; backprop reads Sequential models (a chain of layers)`,
    );
  const config = model.config as { layers?: unknown } | unknown[];
  const layers = Array.isArray(config) ? config : (config as { layers?: unknown }).layers;
  if (!Array.isArray(layers) || layers.length === 0)
    throw new TfjsFormatError('fromTfjsLayers: the Sequential model lists no layers');
  return layers as KerasLayer[];
}

/** Reads the Keras layers into backprop layers, taking each one's weights by name. */
export class KerasReader {
  readonly layers: ImportedLayer[] = [];
  inputSize: number | null = null;
  private used = new Set<number>();

  constructor(private readonly weights: Weights) {}

  read(list: KerasLayer[]): { inputSize: number; layers: ImportedLayer[] } {
    list.forEach((layer, i) => {
      this.readLayer(layer, i);
    });
    if (this.inputSize === null)
      throw new TfjsFormatError(
        'fromTfjsLayers: no layer says the input size (batch_input_shape) and no Dense layer has a kernel',
      );
    const unused = this.weights.filter((_, k) => !this.used.has(k)).map((w) => w.spec.name);
    if (unused.length)
      throw new TfjsFormatError(`fromTfjsLayers: weights no layer reads: ${unused.join(', ')}`);
    return { inputSize: this.inputSize, layers: this.layers };
  }

  private readLayer(layer: KerasLayer, i: number): void {
    const c = layer.config ?? {};
    const name = String(c.name ?? `layer ${i}`);
    const fail = (why: string): never => {
      throw new TfjsFormatError(`fromTfjsLayers: layer '${name}' (${layer.class_name}): ${why}`, {
        layer: name,
        className: layer.class_name,
      });
    };
    this.inputShape(c, fail);
    const reader = LAYERS[layer.class_name];
    if (!reader) fail(`not a layer backprop has; it reads ${Object.keys(LAYERS).join(', ')}`);
    reader!(this, c, name, fail);
  }

  private inputShape(c: Record<string, unknown>, fail: (why: string) => never): void {
    const shape = (c.batch_input_shape ?? c.batch_shape) as (number | null)[] | undefined;
    if (!shape) return;
    if (shape.length !== 2)
      fail(`its input is [${shape.join(', ')}]; backprop reads a batch of vectors`);
    this.inputSize ??= Number(shape[1]);
  }

  /** The weight `<layer>/<suffix>` (any scope before the layer's name). */
  weight(layer: string, suffix: string): Float64Array | null {
    const k = this.weights.findIndex(
      (w, j) =>
        !this.used.has(j) &&
        (w.spec.name === `${layer}/${suffix}` || w.spec.name.endsWith(`/${layer}/${suffix}`)),
    );
    if (k < 0) return null;
    this.used.add(k);
    return this.weights[k]!.values;
  }

  pushActivation(activation: ActivationConfig): void {
    const last = this.layers[this.layers.length - 1];
    if (last?.type === 'dense' && last.activation.name === 'linear' && !this.closed)
      last.activation = activation;
    else this.layers.push({ type: 'activation', activation });
    this.closed = true;
  }

  /** The last dense layer already had its activation (or something came after it). */
  closed = true;
}

type LayerReader = (
  r: KerasReader,
  c: Record<string, unknown>,
  name: string,
  fail: (why: string) => never,
) => void;

function activationOf(value: unknown, fail: (why: string) => never): ActivationConfig {
  const name =
    typeof value === 'string'
      ? value
      : ((value as { class_name?: string })?.class_name ?? 'linear');
  const a = backpropActivation(name);
  if (!a)
    fail(
      name === 'gelu'
        ? "its activation is the exact (erf) GELU; backprop's gelu is the tanh approximation ('gelu_new')"
        : `its activation '${name}' is not one backprop has`,
    );
  return a!;
}

/** Keras's activity_regularizer ({ class_name: 'L1L2', config: { l1, l2 } }) if it is one term. */
function activityOf(value: unknown, fail: (why: string) => never) {
  if (value == null) return undefined;
  const c = (value as { config?: { l1?: number; l2?: number } }).config ?? {};
  const l1 = Number(c.l1 ?? 0);
  const l2 = Number(c.l2 ?? 0);
  if (l1 && l2)
    fail('its activity_regularizer has both an L1 and an L2 term; backprop layers take one');
  return l1
    ? { name: 'l1' as const, lambda: l1 }
    : l2
      ? { name: 'l2' as const, lambda: l2 }
      : undefined;
}

const dense: LayerReader = (r, c, name, fail) => {
  const units = Number(c.units);
  const kernel = r.weight(name, 'kernel');
  if (!kernel) fail('has no kernel in the weights manifest');
  const inputs = kernel!.length / units;
  if (!Number.isInteger(inputs))
    fail(`its kernel has ${kernel!.length} values, not a multiple of its ${units} units`);
  const previous = lastWidth(r);
  if (previous !== null && previous !== inputs)
    fail(`its kernel takes ${inputs} inputs but the previous layer has ${previous} outputs`);
  r.inputSize ??= inputs;
  const useBias = c.use_bias !== false;
  const bias = useBias ? r.weight(name, 'bias') : null;
  if (useBias && !bias) fail('uses a bias but the weights manifest has none');
  const activity = activityOf(c.activity_regularizer, fail);
  r.layers.push({
    type: 'dense',
    W: new Matrix(inputs, units, kernel!),
    b: bias,
    activation: activationOf(c.activation, fail),
    ...(activity ? { activity } : {}),
  });
  r.closed = activationOf(c.activation, fail).name !== 'linear';
};

function lastWidth(r: KerasReader): number | null {
  for (let i = r.layers.length - 1; i >= 0; i--) {
    const l = r.layers[i]!;
    if (l.type === 'dense') return l.W.cols;
    if (l.type === 'batchNormalization') return l.gamma.length;
  }
  return r.inputSize;
}

const batchNormalization: LayerReader = (r, c, name, fail) => {
  const axis = Array.isArray(c.axis) ? c.axis : [c.axis ?? -1];
  if (!(axis.length === 1 && (axis[0] === -1 || axis[0] === 1)))
    fail(`normalises over axis ${JSON.stringify(c.axis)}; backprop normalises each unit`);
  const mean = r.weight(name, 'moving_mean');
  const variance = r.weight(name, 'moving_variance');
  if (!mean || !variance) fail('has no moving_mean/moving_variance in the weights manifest');
  const n = mean!.length;
  const previous = lastWidth(r);
  if (previous !== null && previous !== n)
    fail(`normalises ${n} units but the previous layer has ${previous} outputs`);
  r.inputSize ??= n;
  r.layers.push({
    type: 'batchNormalization',
    gamma:
      c.scale === false
        ? new Float64Array(n).fill(1)
        : (r.weight(name, 'gamma') ?? fail('has no gamma')),
    beta:
      c.center === false ? new Float64Array(n) : (r.weight(name, 'beta') ?? fail('has no beta')),
    mean: mean!,
    variance: variance!,
    epsilon: Number(c.epsilon ?? 1e-3),
  });
  r.closed = true;
};

const LAYERS: Record<string, LayerReader> = {
  InputLayer: () => {},
  Dense: dense,
  Activation: (r, c, _, fail) => r.pushActivation(activationOf(c.activation, fail)),
  ReLU: (r, c, _, fail) => {
    if (
      c.max_value != null ||
      Number(c.negative_slope ?? 0) !== 0 ||
      Number(c.threshold ?? 0) !== 0
    )
      fail('has a max_value, negative_slope or threshold; backprop reads the plain ReLU');
    r.pushActivation({ name: 'relu' });
  },
  LeakyReLU: (r, c) =>
    r.pushActivation({
      name: 'leakyRelu',
      config: { alpha: Number(c.alpha ?? c.negative_slope ?? 0.3) },
    }),
  ELU: (r, c) => r.pushActivation({ name: 'elu', config: { alpha: Number(c.alpha ?? 1) } }),
  Softmax: (r, c, _, fail) => {
    const axis = c.axis ?? -1;
    if (axis !== -1 && !(Array.isArray(axis) && axis.length === 1 && axis[0] === -1))
      fail('is over an axis other than the last');
    r.pushActivation({ name: 'softmax' });
  },
  Dropout: (r, c) => {
    r.layers.push({ type: 'dropout', rate: Number(c.rate ?? 0) });
    r.closed = true;
  },
  BatchNormalization: batchNormalization,
  Flatten: () => {},
};
