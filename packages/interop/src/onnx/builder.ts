import {
  type AttributeProto,
  AttributeType,
  BACKPROP_DOMAIN,
  DataType,
  type FunctionProto,
  type NodeProto,
  type TensorProto,
} from './proto';
import { encodeValues, type OnnxDtype } from './tensor-bytes';

export const ELEMENT_TYPE: Record<OnnxDtype, number> = {
  float32: DataType.FLOAT,
  float64: DataType.DOUBLE,
};

/** An attribute of a node: numbers are floats unless `int` says so, strings are bytes. */
export function attribute(name: string, value: number | string, int = false): AttributeProto {
  if (typeof value === 'string')
    return { name, type: AttributeType.STRING, s: new TextEncoder().encode(value) };
  return int
    ? { name, type: AttributeType.INT, i: value }
    : { name, type: AttributeType.FLOAT, f: value };
}

/** A constant tensor of the graph's element type. */
export function tensor(
  name: string,
  dims: number[],
  values: ArrayLike<number>,
  dtype: OnnxDtype,
): TensorProto {
  return { name, dims, dataType: ELEMENT_TYPE[dtype], rawData: encodeValues(values, dtype) };
}

/**
 * Collects a graph's nodes, its constant tensors (initializers) and the model-local functions the
 * nodes call, handing out unique value names.
 */
export class GraphBuilder {
  readonly nodes: NodeProto[] = [];
  readonly initializers: TensorProto[] = [];
  readonly functions = new Map<string, FunctionProto>();
  private count = 0;

  constructor(readonly dtype: OnnxDtype) {}

  /** A constant: its name, to use as a node input. */
  constant(prefix: string, dims: number[], values: ArrayLike<number>): string {
    const name = `${prefix}`;
    this.initializers.push(tensor(name, dims, values, this.dtype));
    return name;
  }

  /** A node computing `op(inputs)`; returns its output's name. */
  node(op: string, inputs: string[], attributes: AttributeProto[] = [], prefix = op): string {
    const output = `${prefix}_${this.count++}`;
    this.nodes.push({
      name: output,
      opType: op,
      input: inputs,
      output: [output],
      attribute: attributes,
    });
    return output;
  }

  /** A call of a backprop model-local function, registering its definition once. */
  call(fn: FunctionProto, inputs: string[], prefix: string): string {
    if (!this.functions.has(fn.name!)) this.functions.set(fn.name!, fn);
    const output = `${prefix}_${this.count++}`;
    this.nodes.push({
      name: output,
      opType: fn.name!,
      domain: BACKPROP_DOMAIN,
      input: inputs,
      output: [output],
    });
    return output;
  }
}
