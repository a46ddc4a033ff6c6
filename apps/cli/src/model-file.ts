import { fromOnnx } from '@backprop/interop';
import { isBackpropError } from '@backprop/linalg';
import type { Sequential } from '@backprop/model';
import { loadModelFile, readModelBytes } from '@backprop/model/node';
import { failure } from './errors';

/** True for a path that names an ONNX file. */
export const isOnnxPath = (path: string) => path.toLowerCase().endsWith('.onnx');

/**
 * The model saved in a file — a backprop model (.json) or an ONNX file (.onnx, read as
 * fromOnnx does); a missing, unreadable or invalid file is a failure naming it.
 */
export function readModel(path: string): Sequential {
  try {
    return isOnnxPath(path) ? readOnnx(path) : loadModelFile(path);
  } catch (e) {
    if (isBackpropError(e)) throw failure(e.message, e);
    throw e;
  }
}

function readOnnx(path: string): Sequential {
  // readModelBytes refuses directories and oversized files with a message naming the path.
  const bytes = readModelBytes(path);
  try {
    return fromOnnx(bytes);
  } catch (e) {
    if (isBackpropError(e)) throw failure(`${path}: ${e.message}`, e);
    throw e;
  }
}

/** Fails unless the data has as many features as the model has inputs. */
export function checkFeatures(model: Sequential, features: number, source: string): void {
  if (features !== model.inputSize) {
    throw failure(
      `${source} has ${features} feature${features === 1 ? '' : 's'} per sample but the model takes ${model.inputSize} input${model.inputSize === 1 ? '' : 's'}`,
    );
  }
}
