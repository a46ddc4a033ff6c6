/**
 * @backprop/linalg — dense row-major float64 (or float32) matrices, fast matrix kernels, a seeded RNG and the
 * typed errors every backprop package shares. Isomorphic: no Node APIs, no dependencies.
 *
 * @module @backprop/linalg
 */

export { type Base64Text, decodeFloat64, encodeFloat64, littleEndianBytes } from './base64';
export {
  canonicalJson,
  isStreamedString,
  jsonPieces,
  type StreamedString,
  streamedBase64,
  streamedBytes,
} from './canonical-json';
export { astype, fromArray, fromFlat, full, identity, ones, randn, random, zeros } from './create';
export { checkDtype, type Dtype, type FloatArray } from './dtype';
export { add, addRowVector, axpy, clip, div, map, mul, scale, sub } from './elementwise';
export {
  BackpropError,
  InvalidArgumentError,
  isBackpropError,
  isInvalidArgumentError,
  isShapeError,
  ShapeError,
} from './errors';
export { type MatmulKernel, matmulKernel, setMatmulKernel } from './kernels/select';
export { setThreads, type ThreadsInfo, threads, threadsInfo } from './kernels/threads';
export {
  type AdadeltaStepConstants,
  type AdagradStepConstants,
  type AdamStepConstants,
  adadeltaStep,
  adagradStep,
  adamStep,
  type RmspropStepConstants,
  rmspropStep,
  type SgdStepConstants,
  sgdStep,
} from './kernels/update-kernels';
export { matmul, matmulTransA, matmulTransB } from './matmul';
export { Matrix, type Tolerance } from './matrix';
export { NumpyRandomState, type NumpyState } from './numpy-random';
export { type OptionCheck, type OptionSpec, opt, readOptions } from './options';
export { argmaxRows, dot, maxRows, mean, norm, sum, sumRows } from './reduce';
export {
  createRegistry,
  FUSION,
  type Fusion,
  type Part,
  type PartConfig,
  type PartFactory,
  type PartSpec,
  type Registry,
  unknownNameMessage,
} from './registry';
export { Rng, type RngState } from './rng';
export { Sha256, sha256 } from './sha256';
export {
  assertMatrix,
  assertNoAlias,
  assertSameDtype,
  assertSameShape,
  dtypeOf,
  fmt as formatShape,
  prepareOut,
} from './shape';
export { gatherRows, hstack, sliceRows, transpose, vstack } from './shape-ops';
