import type { BackpropError } from '@backprop/linalg';
import { type ClassLabels, type LayerSpec, type Sequential, sequential } from '@backprop/model';
import type { ImportedLayer } from './onnx/imported';

/** The layer spec an imported layer becomes. */
export function specOf(layer: ImportedLayer): LayerSpec {
  if (layer.type === 'dense')
    return {
      type: 'dense',
      units: layer.W.cols,
      activation: layer.activation,
      useBias: layer.b !== null,
      ...(layer.activity ? { activityRegularizer: layer.activity } : {}),
    } as LayerSpec;
  if (layer.type === 'activation')
    return { type: 'activation', activation: layer.activation } as LayerSpec;
  if (layer.type === 'dropout') return { type: 'dropout', rate: layer.rate } as LayerSpec;
  return { type: 'batchNormalization', epsilon: layer.epsilon } as LayerSpec;
}

/** The model the specs describe; a spec it refuses becomes `fail`'s error. */
export function buildModel(
  inputSize: number,
  specs: LayerSpec[],
  options: { classes: ClassLabels | null; seed: number },
  fail: (message: string, cause: unknown) => BackpropError,
): Sequential {
  try {
    return sequential(inputSize, specs, options);
  } catch (cause) {
    throw fail(`the file does not make a backprop model: ${(cause as Error).message}`, cause);
  }
}

/**
 * A model built from the imported layers themselves (specOf): layer i takes imported layer i's
 * tensors.
 */
export function fillInOrder(model: Sequential, layers: ImportedLayer[]): void {
  model.layers.forEach((target, i) => {
    const layer = layers[i]!;
    const tensors = new Map(
      [...target.params(), ...target.stateTensors()].map((t) => [t.name, t.value.data]),
    );
    if (layer.type === 'dense') {
      tensors.get('W')!.set(layer.W.data);
      if (layer.b) tensors.get('b')!.set(layer.b);
    } else if (layer.type === 'batchNormalization') {
      tensors.get('gamma')!.set(layer.gamma);
      tensors.get('beta')!.set(layer.beta);
      tensors.get('movingMean')!.set(layer.mean);
      tensors.get('movingVariance')!.set(layer.variance);
    }
  });
}
