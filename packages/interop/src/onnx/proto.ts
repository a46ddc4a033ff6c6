// First: onnx-proto builds its default values from protobufjs's 64-bit class as it loads.
import './protobuf-numbers';
import onnxProto from 'onnx-proto';

/**
 * The published ONNX schema (onnx.proto of ONNX 1.10, IR version 8), compiled by protobufjs: the
 * encoder and decoder of every message. Nothing here is hand-encoded.
 */
export const onnx = onnxProto.onnx;
export type ModelProto = onnxProto.onnx.IModelProto;
export type GraphProto = onnxProto.onnx.IGraphProto;
export type NodeProto = onnxProto.onnx.INodeProto;
export type TensorProto = onnxProto.onnx.ITensorProto;
export type AttributeProto = onnxProto.onnx.IAttributeProto;
export type FunctionProto = onnxProto.onnx.IFunctionProto;
export type ValueInfoProto = onnxProto.onnx.IValueInfoProto;

export const DataType = onnx.TensorProto.DataType;
export const AttributeType = onnx.AttributeProto.AttributeType;

/** The operator set the exports use (ONNX Runtime 1.12 and later run it). */
export const OPSET = 17;
/** The domain of backprop's model-local functions (float64 forms ONNX Runtime has no kernel for). */
export const BACKPROP_DOMAIN = 'ai.backprop';
