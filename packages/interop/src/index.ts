/**
 * @backprop/interop — take a backprop model elsewhere and bring one back: ONNX export (run by
 * ONNX Runtime on servers, GPUs, browsers and phones) and import (PyTorch's torch.onnx.export,
 * Keras via tf2onnx, skl2onnx dense networks).
 *
 * @module @backprop/interop
 */

export { ExportError, OnnxError, TfjsFormatError } from './errors';
export { toMat } from './mat/thetas';
export { writeMat } from './mat/write-mat';
export { describeOnnx, type OnnxDescription } from './onnx/describe';
export { type ToOnnxOptions, toOnnx } from './onnx/export';
export { fromOnnx } from './onnx/import';
export type { OnnxDtype } from './onnx/tensor-bytes';
export { type ToTfjsOptions, toTfjsLayers } from './tfjs/export';
export type { TfjsLayersModel, TfjsModelJson } from './tfjs/format';
export { fromTfjsLayers } from './tfjs/import';
