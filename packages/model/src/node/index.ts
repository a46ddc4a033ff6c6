/**
 * @backprop/model/node — Node.js file helpers: atomic, streamed saves of models and any other
 * output, and loading model files with errors that name the file.
 *
 * @module @backprop/model/node
 */

export {
  type AtomicWriteOptions,
  temporaryPathFor,
  type WriteFs,
  writeFileAtomic,
} from './atomic-write';
export { FileReadError, FileWriteError, reasonOf } from './file-errors';
export { loadModelFile, readModelBytes, saveModelFile } from './model-file';
