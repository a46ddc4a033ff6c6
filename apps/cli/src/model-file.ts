import { isBackpropError } from '@backprop/linalg';
import type { Sequential } from '@backprop/model';
import { loadModelFile } from '@backprop/model/node';
import { failure } from './errors';

/** The model saved in a file; a missing, unreadable or invalid file is a failure naming it. */
export function readModel(path: string): Sequential {
  try {
    return loadModelFile(path);
  } catch (e) {
    if (isBackpropError(e)) throw failure(e.message, e);
    throw e;
  }
}

/** Fails unless the data has as many features as the model has inputs. */
export function checkFeatures(model: Sequential, features: number, source: string): void {
  if (features !== model.inputSize) {
    throw failure(
      `${source} has ${features} features per sample but the model takes ${model.inputSize} inputs`,
    );
  }
}
