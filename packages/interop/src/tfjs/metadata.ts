import type { ClassLabels, LayerSpec, Sequential } from '@backprop/model';
import { type LayerRecord, layerRecords, specsOf } from '../layer-records';

/** userDefinedMetadata.backprop: the model's own description, for a faithful way back. */
export interface BackpropTfjsMetadata {
  format: 'backprop.sequential';
  layers: LayerRecord[];
  classes: ClassLabels | null;
  seed: number;
}

export function backpropMetadata(model: Sequential): { backprop: BackpropTfjsMetadata } {
  return {
    backprop: {
      format: 'backprop.sequential',
      layers: layerRecords(model),
      classes: model.classes,
      seed: model.seed,
    },
  };
}

/** The layer specs and options toTfjsLayers recorded, or null for a model made elsewhere. */
export function readBackpropMetadata(
  meta: unknown,
): { specs: LayerSpec[]; classes: ClassLabels | null; seed: number } | null {
  const m = (meta as { backprop?: BackpropTfjsMetadata } | undefined)?.backprop;
  if (m?.format !== 'backprop.sequential' || !Array.isArray(m.layers)) return null;
  return {
    specs: specsOf(m.layers),
    classes: m.classes ?? null,
    seed: Number(m.seed ?? 0),
  };
}
