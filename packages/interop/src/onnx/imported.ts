import type { Matrix } from '@backprop/linalg';

/** An activation as backprop names it, with its options. */
export interface ActivationConfig {
  name: string;
  config?: Record<string, number>;
}

/** A layer read off the graph, before it becomes a backprop layer. */
export type ImportedLayer =
  | {
      type: 'dense';
      /** inputs × units. */
      W: Matrix;
      b: Float64Array | null;
      activation: ActivationConfig;
      /** Keras's activity_regularizer, when the file has one. */
      activity?: { name: 'l1' | 'l2'; lambda: number };
    }
  | { type: 'activation'; activation: ActivationConfig }
  | { type: 'dropout'; rate: number }
  | {
      type: 'batchNormalization';
      gamma: Float64Array;
      beta: Float64Array;
      mean: Float64Array;
      variance: Float64Array;
      epsilon: number;
    };
