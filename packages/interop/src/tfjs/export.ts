import type {
  ActivationLayer,
  BatchNormalizationLayer,
  DenseLayer,
  DropoutLayer,
  Layer,
  Sequential,
} from '@backprop/model';
import { ExportError } from '../errors';
import { encodeValues } from '../onnx/tensor-bytes';
import { kerasActivation } from './activations';
import type { KerasLayer, TfjsLayersModel, WeightSpec } from './format';
import { backpropMetadata } from './metadata';

/** Options of {@link toTfjsLayers}. */
export interface ToTfjsOptions {
  /** The weight file's name as model.json refers to it (default 'weights.bin'). */
  weightsPath?: string;
}

/** Collects the Keras layers and their float32 weights in order. */
class KerasBuilder {
  readonly layers: KerasLayer[] = [];
  readonly specs: WeightSpec[] = [];
  readonly values: ArrayLike<number>[] = [];
  private count = 0;

  add(
    class_name: string,
    config: Record<string, unknown>,
    weights: [string, number[], ArrayLike<number>][] = [],
  ): void {
    const name = `${class_name.toLowerCase()}_${this.count++}`;
    this.layers.push({
      class_name,
      config: { name, trainable: true, dtype: 'float32', ...config },
    });
    for (const [w, shape, values] of weights) {
      this.specs.push({ name: `${name}/${w}`, shape, dtype: 'float32' });
      this.values.push(values);
    }
  }

  activation(a: ReturnType<typeof kerasActivation>): void {
    if ('layer' in a) this.add(a.layer.class_name, a.layer.config);
    else this.add('Activation', { activation: a.name });
  }
}

function addLayer(k: KerasBuilder, layer: Layer, i: number): void {
  // By type, not instanceof: the model may come from another copy of @backprop/model (ESM/CJS).
  switch (layer.type) {
    case 'dense':
      addDense(k, layer as unknown as DenseLayer, i);
      break;
    case 'activation':
      k.activation(kerasActivation((layer as unknown as ActivationLayer).activation, i));
      break;
    case 'dropout':
      k.add('Dropout', { rate: (layer as unknown as DropoutLayer).rate });
      break;
    case 'batchNormalization':
      addBatchNormalization(k, layer as unknown as BatchNormalizationLayer);
      break;
    default:
      throw new ExportError(
        `toTfjsLayers: layer ${i}: '${layer.type}' layers have no TensorFlow.js form (dense, activation, dropout and batchNormalization do)`,
        i,
      );
  }
}

function addBatchNormalization(k: KerasBuilder, bn: BatchNormalizationLayer): void {
  const n = [bn.units];
  k.add(
    'BatchNormalization',
    { axis: -1, momentum: bn.momentum, epsilon: bn.epsilon, center: true, scale: true },
    [
      ['gamma', n, bn.gamma.data],
      ['beta', n, bn.beta.data],
      ['moving_mean', n, bn.movingMean.data],
      ['moving_variance', n, bn.movingVariance.data],
    ],
  );
}

function addDense(k: KerasBuilder, layer: DenseLayer, i: number): void {
  const a = kerasActivation(layer.activation, i);
  const weights: [string, number[], ArrayLike<number>][] = [
    ['kernel', [layer.inputs, layer.units], layer.W.data],
  ];
  if (layer.useBias) weights.push(['bias', [layer.units], layer.b.data]);
  k.add(
    'Dense',
    { units: layer.units, activation: 'name' in a ? a.name : 'linear', use_bias: layer.useBias },
    weights,
  );
  if ('layer' in a) k.activation(a);
}

/**
 * The model in TensorFlow.js's layers format — what `tf.loadLayersModel` reads: a Keras
 * `Sequential` of Dense, Activation (LeakyReLU, ELU), Dropout and BatchNormalization layers, and
 * one float32 weight file. (The kernel layout is Keras's, inputs × units, as backprop's.) The
 * model's own layers, classes and seed ride along in `userDefinedMetadata`, so
 * {@link fromTfjsLayers} gives the same model back with the float32-rounded weights.
 */
export function toTfjsLayers(model: Sequential, options: ToTfjsOptions = {}): TfjsLayersModel {
  const k = new KerasBuilder();
  model.layers.forEach((layer, i) => {
    addLayer(k, layer, i);
  });
  const first = k.layers[0]!.config;
  first.batch_input_shape = [null, model.inputSize];
  const count = k.values.reduce((n, v) => n + v.length, 0);
  const all = new Float64Array(count);
  let at = 0;
  for (const v of k.values) {
    all.set(v, at);
    at += v.length;
  }
  return {
    modelJson: {
      format: 'layers-model',
      generatedBy: 'backprop',
      convertedBy: null,
      modelTopology: {
        class_name: 'Sequential',
        config: { name: 'backprop', layers: k.layers },
        keras_version: 'tfjs-layers 4.22.0',
        backend: 'tensor_flow.js',
      },
      weightsManifest: [{ paths: [options.weightsPath ?? 'weights.bin'], weights: k.specs }],
      userDefinedMetadata: backpropMetadata(model),
    },
    weights: encodeValues(all, 'float32'),
  };
}
