import type { Sequential } from '@backprop/model';
import { layerRecords } from '../layer-records';

/** metadata_props keys (all strings, as ONNX requires). */
export const META = {
  /** `backprop.sequential`: the file was written by toOnnx. */
  format: 'backprop.format',
  /** JSON: each layer's { type, config } as the backprop model document saves it. */
  layers: 'backprop.layers',
  /** JSON: the classes { values, names } of a classifier, or null. */
  classes: 'backprop.classes',
  /** The model's seed. */
  seed: 'backprop.seed',
  /** JSON of whatever the caller passed as `training` (e.g. the optimizer and loss). */
  training: 'backprop.training',
} as const;

/** The model's description for metadata_props. */
export function modelMetadata(
  model: Sequential,
  training: unknown,
): { key: string; value: string }[] {
  const entries: [string, string][] = [
    [META.format, 'backprop.sequential'],
    [META.layers, JSON.stringify(layerRecords(model))],
    [META.classes, JSON.stringify(model.classes)],
    [META.seed, String(model.seed)],
  ];
  if (training !== undefined) entries.push([META.training, JSON.stringify(training)]);
  return entries.map(([key, value]) => ({ key, value }));
}
