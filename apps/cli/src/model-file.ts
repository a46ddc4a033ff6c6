import { readFileSync } from 'node:fs';
import { load, type Sequential } from '@backprop/model';
import { failure } from './errors';

/** The model saved in a file; a missing, unreadable or invalid file is a failure naming it. */
export function readModel(path: string): Sequential {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw failure(
      `${path}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : `cannot be read (${code})`}`,
      e,
    );
  }
  try {
    return load(text);
  } catch (e) {
    throw failure(`${path}: ${(e as Error).message}`, e);
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
