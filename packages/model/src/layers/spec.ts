import type { ActivationSpecLayer } from './activation';
import type { BatchNormalizationSpec } from './batch-normalization';
import type { DenseSpec } from './dense';
import type { DropoutSpec } from './dropout';
import type { LayerSpecBase } from './layer';

/** A built-in layer spec, or one of a kind you registered (any `{ type, … }`). */
export type LayerSpec =
  | DenseSpec
  | DropoutSpec
  | BatchNormalizationSpec
  | ActivationSpecLayer
  | LayerSpecBase;
