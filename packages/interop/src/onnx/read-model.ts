import { InvalidArgumentError } from '@backprop/linalg';
import { OnnxError } from '../errors';
import {
  DataType,
  type GraphProto,
  type ModelProto,
  type NodeProto,
  onnx,
  type TensorProto,
} from './proto';
import { decodeValues } from './tensor-bytes';

/** A constant of the graph: its shape and its values as float64. */
export interface Constant {
  dims: number[];
  values: Float64Array;
}

/** Decodes the bytes as an ONNX ModelProto, refusing anything that is not one. */
export function decodeModel(bytes: Uint8Array): ModelProto & { graph: GraphProto } {
  if (!(bytes instanceof Uint8Array))
    throw new InvalidArgumentError(
      'bytes',
      "fromOnnx: give the file's bytes (a Uint8Array or Buffer)",
    );
  let model: ModelProto;
  try {
    model = onnx.ModelProto.decode(bytes);
  } catch (cause) {
    throw new OnnxError(
      `fromOnnx: not an ONNX model, or a truncated one (${(cause as Error).message})`,
      {},
      cause,
    );
  }
  const nodes = model.graph?.node ?? [];
  if (!model.graph || !Number(model.irVersion) || nodes.length === 0)
    throw new OnnxError('fromOnnx: not an ONNX model (no IR version or no graph of nodes)');
  return model as ModelProto & { graph: GraphProto };
}

/** The version of the default ('' / ai.onnx) operator set the model imports. */
export function defaultOpset(model: ModelProto): number {
  const entry = (model.opsetImport ?? []).find((o) => !o.domain || o.domain === 'ai.onnx');
  return Number(entry?.version ?? 0);
}

const ELEMENT: Record<number, 'float32' | 'float64' | 'int64' | undefined> = {
  [DataType.FLOAT]: 'float32',
  [DataType.DOUBLE]: 'float64',
  [DataType.INT64]: 'int64',
};

/** A tensor's values (float, double or int64; raw or typed fields); a typed error otherwise. */
export function constantOf(t: TensorProto, where: string): Constant {
  const dims = (t.dims ?? []).map(Number);
  const count = dims.reduce((a, b) => a * b, 1);
  const type = ELEMENT[t.dataType ?? 0];
  if (
    t.dataLocation === onnx.TensorProto.DataLocation.EXTERNAL ||
    (t.externalData ?? []).length > 0
  )
    throw new OnnxError(
      `fromOnnx: ${where}: '${t.name}' keeps its data in an external file; save the model with its weights inside`,
    );
  if (!type)
    throw new OnnxError(
      `fromOnnx: ${where}: '${t.name}' has element type ${t.dataType}; backprop reads float, double and int64 tensors`,
    );
  const values = valuesOf(t, type, count);
  if (!values)
    throw new OnnxError(
      `fromOnnx: ${where}: '${t.name}' holds a different number of values than its shape [${dims.join(', ')}] says`,
    );
  return { dims, values };
}

function valuesOf(
  t: TensorProto,
  type: 'float32' | 'float64' | 'int64',
  count: number,
): Float64Array | null {
  const raw = t.rawData;
  if (raw && raw.length > 0) {
    if (type !== 'int64') return decodeValues(raw, type, count);
    if (raw.length !== count * 8) return null;
    const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    return Float64Array.from({ length: count }, (_, i) => Number(view.getBigInt64(i * 8, true)));
  }
  const typed = type === 'float32' ? t.floatData : type === 'float64' ? t.doubleData : t.int64Data;
  const list = (typed ?? []) as ArrayLike<number | { toNumber(): number }>;
  if (list.length !== count) return null;
  return Float64Array.from({ length: count }, (_, i) => {
    const v = list[i]!;
    return typeof v === 'number' ? v : v.toNumber();
  });
}

/** The graph's constants by name: its initializers and the outputs of its Constant nodes. */
export function constantsOf(graph: GraphProto): Map<string, Constant> {
  const constants = new Map<string, Constant>();
  for (const t of graph.initializer ?? []) constants.set(t.name!, constantOf(t, 'initializer'));
  for (const node of graph.node ?? []) {
    if (node.opType !== 'Constant') continue;
    const value = (node.attribute ?? []).find((a) => a.name === 'value');
    if (value?.t) constants.set(node.output![0]!, constantOf(value.t, nodeName(node, -1)));
  }
  return constants;
}

/** A node's name for messages: its own name, or its output's. */
export function nodeName(node: NodeProto, index: number): string {
  if (node.name) return `node '${node.name}'`;
  if (node.output?.[0]) return `node '${node.output[0]}'`;
  return `node ${index}`;
}
