import { TfjsFormatError } from '../errors';
import { decodeValues } from '../onnx/tensor-bytes';
import type { TfjsModelJson, WeightSpec } from './format';

/** The manifest's weights, in order, with their values from the concatenated weight bytes. */
export function readWeights(
  json: TfjsModelJson,
  bytes: Uint8Array,
): { spec: WeightSpec; values: Float64Array }[] {
  const specs = (json.weightsManifest ?? []).flatMap((group) => group.weights ?? []);
  let expected = 0;
  for (const s of specs) {
    if (s.quantization)
      throw new TfjsFormatError(
        `fromTfjsLayers: weight '${s.name}' is quantized; save the model without quantization`,
      );
    if (s.dtype !== 'float32')
      throw new TfjsFormatError(
        `fromTfjsLayers: weight '${s.name}' is ${s.dtype}; backprop reads float32 weights`,
      );
    expected += count(s) * 4;
  }
  if (bytes.length !== expected)
    throw new TfjsFormatError(
      `fromTfjsLayers: the weight files hold ${bytes.length} bytes but the manifest's ${specs.length} weights need ${expected}`,
    );
  let at = 0;
  return specs.map((spec) => {
    const n = count(spec);
    const values = decodeValues(bytes.subarray(at, at + n * 4), 'float32', n)!;
    at += n * 4;
    return { spec, values };
  });
}

function count(s: WeightSpec): number {
  return (s.shape ?? []).reduce((a, b) => a * b, 1);
}
