import type { LayerSpec, Sequential } from '@backprop/model';

/** A layer as both formats' metadata record it: its kind and its own config. */
export interface LayerRecord {
  type: string;
  config: Record<string, unknown>;
}

/** The model's layers as records, for a file's metadata. */
export function layerRecords(model: Sequential): LayerRecord[] {
  return model.layers.map((l) => ({ type: l.type, config: l.toConfig() }));
}

/** The records back as the layer specs that rebuild the model. */
export function specsOf(records: LayerRecord[]): LayerSpec[] {
  return records.map((l) => ({ type: l.type, ...l.config }) as LayerSpec);
}
