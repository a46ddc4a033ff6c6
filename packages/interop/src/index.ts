/**
 * @backprop/interop — take a backprop model elsewhere and bring one back: ONNX export (run by
 * ONNX Runtime on servers, GPUs, browsers and phones) and import (PyTorch's torch.onnx.export,
 * Keras via tf2onnx, skl2onnx dense networks).
 *
 * @module @backprop/interop
 */

export { ExportError, OnnxError } from './errors';
export { describeOnnx, type OnnxDescription } from './onnx/describe';
export { type ToOnnxOptions, toOnnx } from './onnx/export';
export { fromOnnx } from './onnx/import';
export type { OnnxDtype } from './onnx/tensor-bytes';
