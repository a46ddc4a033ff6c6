import type { ClassLabels, LayerSpec, Sequential } from '@backprop/model';
import { buildModel, fillInOrder, specOf } from '../build-model';
import { OnnxError } from '../errors';
import { type LayerRecord, specsOf } from '../layer-records';
import { readGraph } from './import-graph';
import { META } from './metadata';
import type { ModelProto } from './proto';
import { type Constant, decodeModel } from './read-model';

/**
 * A backprop model from an ONNX file: a chain of dense layers (Gemm, or MatMul + Add) with their
 * activations, activation and batch normalisation layers — the shapes PyTorch's
 * torch.onnx.export, tf2onnx and skl2onnx write for multilayer perceptrons, and every file
 * {@link toOnnx} writes (whose metadata gives back the layers' own settings, dropout included,
 * and the classes). Anything else is an {@link OnnxError} naming the node, its op and why.
 */
export function fromOnnx(bytes: Uint8Array): Sequential {
  const model = decodeModel(bytes);
  const graph = readGraph(model);
  const meta = metadataOf(model);
  const specs = meta?.layers ?? graph.layers.map(specOf);
  const built = buildModel(
    graph.inputSize,
    specs,
    { seed: meta?.seed ?? 0, classes: meta?.classes ?? null },
    (message, cause) => new OnnxError(`fromOnnx: ${message}`, {}, cause),
  );
  if (meta) fillByName(built, graph.constants);
  else fillInOrder(built, graph.layers);
  return built;
}

interface BackprMeta {
  layers: LayerSpec[];
  classes: ClassLabels | null;
  seed: number;
}

/** toOnnx's record of the model, or null for files written elsewhere. */
function metadataOf(model: ModelProto): BackprMeta | null {
  const props = new Map((model.metadataProps ?? []).map((p) => [p.key, p.value]));
  if (props.get(META.format) !== 'backprop.sequential') return null;
  try {
    return {
      layers: specsOf(JSON.parse(props.get(META.layers) ?? '') as LayerRecord[]),
      classes: JSON.parse(props.get(META.classes) ?? 'null'),
      seed: Number(props.get(META.seed) ?? 0),
    };
  } catch (cause) {
    throw new OnnxError(
      `fromOnnx: the file's backprop metadata is not valid JSON (${(cause as Error).message})`,
      {},
      cause,
    );
  }
}

/**
 * A file toOnnx wrote: each layer's tensors are the constants it named `l<i>_<tensor>` (the
 * layer's index in the model, dropout layers counted), each checked for its size.
 */
function fillByName(model: Sequential, constants: Map<string, Constant>): void {
  model.layers.forEach((layer, i) => {
    for (const t of [...layer.params(), ...layer.stateTensors()]) {
      const name = `l${i}_${t.name}`;
      const c = constants.get(name);
      if (!c || c.values.length !== t.value.data.length)
        throw new OnnxError(
          `fromOnnx: the backprop metadata's layer ${i} (${layer.describe()}) needs a constant '${name}' of ${t.value.data.length} values; the graph ${c ? `has ${c.values.length}` : 'has none'}`,
        );
      t.value.data.set(c.values);
    }
  });
}
