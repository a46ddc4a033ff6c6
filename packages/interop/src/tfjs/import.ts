import type { Sequential } from '@backprop/model';
import { buildModel, fillInOrder, specOf } from '../build-model';
import { TfjsFormatError } from '../errors';
import type { TfjsModelJson } from './format';
import { readBackpropMetadata } from './metadata';
import { KerasReader, kerasLayers } from './read-layers';
import { readWeights } from './weights';

/**
 * A backprop model from TensorFlow.js's layers format: `model.json` (as an object) and the bytes
 * of its weight files concatenated in manifest order. Reads Sequential models of InputLayer,
 * Dense (with Keras's activity_regularizer), Activation, ReLU, LeakyReLU, ELU, Softmax, Dropout,
 * BatchNormalization and Flatten layers — what `model.save` of tfjs and the tfjs converter of a
 * Keras model write — and every model {@link toTfjsLayers} writes (whose metadata gives back
 * the layers' own settings). Anything else is a {@link TfjsFormatError} naming the layer.
 */
export function fromTfjsLayers(modelJson: unknown, weights: Uint8Array): Sequential {
  const json = modelJson as TfjsModelJson;
  if (!json || typeof json !== 'object' || !('modelTopology' in json))
    throw new TfjsFormatError(
      'fromTfjsLayers: not a TensorFlow.js layers model.json (no modelTopology)',
    );
  if (json.format && json.format !== 'layers-model')
    throw new TfjsFormatError(
      `fromTfjsLayers: model.json is a '${json.format}'; backprop reads 'layers-model' files (tf.loadLayersModel's format)`,
    );
  const values = readWeights(json, weights);
  const read = new KerasReader(values).read(kerasLayers(json.modelTopology));
  const meta = readBackpropMetadata(json.userDefinedMetadata);
  const fail = (message: string, cause: unknown) => {
    const e = new TfjsFormatError(`fromTfjsLayers: ${message}`);
    (e as { cause?: unknown }).cause = cause;
    return e;
  };
  if (meta) {
    const model = buildModel(
      read.inputSize,
      meta.specs,
      { classes: meta.classes, seed: meta.seed },
      fail,
    );
    fillInWeightOrder(
      model,
      values.map((w) => w.values),
    );
    return model;
  }
  const model = buildModel(
    read.inputSize,
    read.layers.map(specOf),
    { classes: null, seed: 0 },
    fail,
  );
  fillInOrder(model, read.layers);
  return model;
}

/** toTfjsLayers wrote each layer's tensors in the model's order: take them back in that order. */
function fillInWeightOrder(model: Sequential, values: Float64Array[]): void {
  const targets = model.layers.flatMap((l) => [...l.params(), ...l.stateTensors()]);
  if (targets.length !== values.length)
    throw new TfjsFormatError(
      `fromTfjsLayers: the backprop metadata's layers hold ${targets.length} tensors but the manifest has ${values.length}`,
    );
  targets.forEach((t, k) => {
    if (t.value.data.length !== values[k]!.length)
      throw new TfjsFormatError(
        `fromTfjsLayers: tensor ${k} ('${t.name}') needs ${t.value.data.length} values, the manifest's has ${values[k]!.length}`,
      );
    t.value.data.set(values[k]!);
  });
}
