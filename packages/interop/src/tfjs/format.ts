/**
 * The parts of TensorFlow.js's layers format (`model.json` + binary weight files, the format
 * `tf.loadLayersModel` reads and `model.save` writes) that backprop reads and writes.
 */

/** One layer in Keras's serialisation: its class and its config (snake_case keys). */
export interface KerasLayer {
  class_name: string;
  config: Record<string, unknown>;
}

/** A weight's entry in the manifest: its name, shape and element type. */
export interface WeightSpec {
  name: string;
  shape: number[];
  dtype: string;
  quantization?: unknown;
}

/** model.json of the layers format. */
export interface TfjsModelJson {
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
  modelTopology: unknown;
  weightsManifest: { paths: string[]; weights: WeightSpec[] }[];
  userDefinedMetadata?: Record<string, unknown>;
}

/** A model in the layers format: model.json, and the bytes of its weight files in manifest order. */
export interface TfjsLayersModel {
  modelJson: TfjsModelJson;
  /** float32 little-endian, in the order of the manifest's weights. */
  weights: Uint8Array;
}
