import { InvalidArgumentError } from '@backprop/linalg';
import type { Sequential } from '@backprop/model';
import { ELEMENT_TYPE, GraphBuilder } from './builder';
import { addLayer } from './export-layers';
import { modelMetadata } from './metadata';
import { BACKPROP_DOMAIN, OPSET, onnx, type ValueInfoProto } from './proto';
import type { OnnxDtype } from './tensor-bytes';

/** Options of {@link toOnnx}. */
export interface ToOnnxOptions {
  /** The element type of the weights and of the graph's input and output (default 'float64'). */
  dtype?: OnnxDtype;
  /** Anything JSON-safe about how the model was trained (saved in metadata_props). */
  training?: unknown;
  /** The graph's input and output names (default 'input', 'output'). */
  inputName?: string;
  outputName?: string;
}

/** A batch × width tensor description with a dynamic batch dimension `N`. */
function valueInfo(name: string, width: number, dtype: OnnxDtype): ValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType: ELEMENT_TYPE[dtype],
        shape: { dim: [{ dimParam: 'N' }, { dimValue: width }] },
      },
    },
  };
}

/**
 * The model as an ONNX file (opset 17): its inference computation — dense layers as Gemm (MatMul
 * without bias), activations as their ops, batch normalisation with its moving statistics, dropout
 * left out — with a dynamic batch dimension, the weights in `dtype`, and the model's layers,
 * classes and seed in metadata_props so that {@link fromOnnx} gives the same model back. Float64
 * files call backprop's model-local functions where ONNX Runtime has no double kernel.
 */
export function toOnnx(model: Sequential, options: ToOnnxOptions = {}): Uint8Array {
  const dtype = options.dtype ?? 'float64';
  if (dtype !== 'float32' && dtype !== 'float64')
    throw new InvalidArgumentError(
      'dtype',
      `toOnnx: dtype must be 'float32' or 'float64', got '${String(dtype)}'`,
    );
  const inputName = options.inputName ?? 'input';
  const outputName = options.outputName ?? 'output';
  const g = new GraphBuilder(dtype);
  let x = inputName;
  model.layers.forEach((layer, i) => {
    x = addLayer(g, x, layer, i);
  });
  g.nodes.push({ name: 'output', opType: 'Identity', input: [x], output: [outputName] });
  const proto = onnx.ModelProto.create({
    irVersion: 8,
    producerName: 'backprop',
    producerVersion: '1',
    opsetImport: [
      { domain: '', version: OPSET },
      ...(g.functions.size > 0 ? [{ domain: BACKPROP_DOMAIN, version: 1 }] : []),
    ],
    functions: [...g.functions.values()],
    metadataProps: modelMetadata(model, options.training),
    graph: {
      name: 'backprop',
      node: g.nodes,
      initializer: g.initializers,
      input: [valueInfo(inputName, model.inputSize, dtype)],
      output: [valueInfo(outputName, model.outputSize, dtype)],
    },
  });
  return onnx.ModelProto.encode(proto).finish();
}
